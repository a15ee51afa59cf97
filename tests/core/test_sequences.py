"""The one allocator behind 索引号, 受理编号 and 文号 (wagtail_gk.sequences)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from wagtail_gk import sequences
from wagtail_gk.models import Counter
from wagtail_gk.sequences import allocate


@pytest.fixture(params=["returning", "orm"])
def path(request, monkeypatch):
    """Run a test on both ways of incrementing: one ``UPDATE … RETURNING``
    (PostgreSQL, SQLite) and the ORM ``UPDATE`` then ``SELECT`` (other databases)."""
    if request.param == "orm":
        monkeypatch.setattr(sequences, "_update_returns", lambda connection: False)
    else:
        assert sequences._update_returns(connection)
    return request.param


def _last_value(key, scope="", year=2026):
    return Counter.objects.get(key=key, scope=scope, year=year).last_value


@pytest.mark.django_db
def test_values_run_on_per_key_scope_and_year(path):
    assert [allocate(Counter, "t", year=2026) for _ in range(3)] == [1, 2, 3]
    assert allocate(Counter, "t", scope="640121000", year=2026) == 1
    assert allocate(Counter, "t", year=2027) == 1
    assert allocate(Counter, "u", year=2026) == 1
    assert allocate(Counter, "t", year=2026) == 4
    assert _last_value("t") == 4


@pytest.mark.django_db
def test_a_rolled_back_transaction_gives_its_value_back(path):
    assert allocate(Counter, "t", year=2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allocate(Counter, "t", year=2026) == 2
        raise RuntimeError("the caller fails after taking the value")
    assert allocate(Counter, "t", year=2026) == 2
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allocate(Counter, "new", year=2026) == 1  # the row itself is rolled back too
        raise RuntimeError("the caller fails after taking the value")
    assert not Counter.objects.filter(key="new").exists()
    assert allocate(Counter, "new", year=2026) == 1


@pytest.mark.django_db
def test_losing_the_race_to_create_the_row_increments_the_winners(path, monkeypatch):
    """Another caller creates the row between our UPDATE (no row yet) and our
    INSERT: ours fails on the unique constraint inside a savepoint, the
    caller's transaction goes on (on PostgreSQL it would be aborted without
    the savepoint) and the value is taken from their row."""
    real_increment = sequences._increment
    calls = []

    def increment_after_a_rival(*args):
        calls.append(args)
        if len(calls) == 1:
            Counter.objects.create(key="t", year=2026, last_value=1)  # the rival's row
            return None
        return real_increment(*args)

    monkeypatch.setattr(sequences, "_increment", increment_after_a_rival)
    with transaction.atomic():
        assert allocate(Counter, "t", year=2026) == 2
        assert Counter.objects.filter(key="t").count() == 1  # the transaction is still usable
    assert len(calls) == 2
    assert _last_value("t") == 2


@pytest.mark.django_db
def test_a_row_that_cannot_be_incremented_or_created_is_an_error(monkeypatch):
    Counter.objects.create(key="t", year=2026, last_value=7)
    monkeypatch.setattr(sequences, "_increment", lambda *args: None)
    with pytest.raises(RuntimeError, match="Could not allocate"):
        allocate(Counter, "t", year=2026)
    assert _last_value("t") == 7


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_each_value_commits_at_once(path):
    assert connection.get_autocommit()
    assert [allocate(Counter, "t", year=2026) for _ in range(3)] == [1, 2, 3]
    with pytest.raises(RuntimeError), transaction.atomic():
        raise RuntimeError("a later failure of the caller does not undo the value")
    assert allocate(Counter, "t", year=2026) == 4


# --- concurrency (PostgreSQL) ---------------------------------------------------

THREADS, ROUNDS = 8, 25


def _run_threads(work):
    errors = []
    barrier = threading.Barrier(THREADS)

    def run():
        try:
            barrier.wait()  # all start on a sequence without a row: they race to create it
            work()
        except Exception as exc:  # noqa: BLE001 — surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_callers_in_transactions_get_consecutive_values(postgres, path):
    """Every fifth transaction rolls back after taking its value: the committed
    values are still 1, 2, 3 … without a gap or a repeat."""
    committed = []

    def work():
        for i in range(ROUNDS):
            try:
                with transaction.atomic():
                    value = allocate(Counter, "t", scope="640121000", year=2026)
                    if i % 5 == 4:
                        raise LookupError("roll back")
                committed.append(value)
            except LookupError:
                pass

    _run_threads(work)
    assert len(committed) == THREADS * ROUNDS * 4 // 5
    assert sorted(committed) == list(range(1, len(committed) + 1))
    assert _last_value("t", "640121000") == len(committed)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_callers_outside_transactions_get_distinct_values(postgres, path):
    values = []

    def work():
        for _i in range(ROUNDS):
            values.append(allocate(Counter, "t", year=2026))

    _run_threads(work)
    assert sorted(values) == list(range(1, THREADS * ROUNDS + 1))


# --- migration ----------------------------------------------------------------

BEFORE, AFTER = ("wagtail_gk", "0007_sensitive_terms_normalised"), ("wagtail_gk", "0008_sequence_counters")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_the_index_number_serials():
    try:
        apps = _migrate(BEFORE)
        Old = apps.get_model("wagtail_gk", "IndexNumberSequence")
        Old.objects.create(agency_code="640121000", year=2025, last_serial=41)
        Old.objects.create(agency_code="640121100", year=2026, last_serial=3)

        apps = _migrate(AFTER)
        rows = apps.get_model("wagtail_gk", "Counter").objects.values_list("key", "scope", "year", "last_value")
        assert sorted(rows) == [("index_number", "640121000", 2025, 41), ("index_number", "640121100", 2026, 3)]

        apps = _migrate(BEFORE)  # and back
        rows = apps.get_model("wagtail_gk", "IndexNumberSequence").objects.values_list("agency_code", "year", "last_serial")
        assert sorted(rows) == [("640121000", 2025, 41), ("640121100", 2026, 3)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())  # everything back to the latest state
        Counter.objects.all().delete()
