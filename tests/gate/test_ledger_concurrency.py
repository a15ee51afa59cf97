"""Concurrent ledger writers on PostgreSQL: no duplicate sequence or
position, every chain verifies, and a transaction holding one chain does not
hold up the others (docs/gate.md, "Review ledger")."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from wagtail_gk.gate.ledger import record_decision, verify_ledger_report
from wagtail_gk.models import LedgerEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _threads(target, count):
    errors = []

    def run(n):
        try:
            target(n)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_parallel_writers_never_share_a_position_and_every_chain_verifies(postgres, settings):
    settings.GK_LEDGER_CHAINS = 4

    def work(n):
        for i in range(25):
            with transaction.atomic():
                record_decision(None, "gate.check", decision="passed", reason=f"writer {n} record {i}")
                if i % 5 == 0:
                    time.sleep(0.01)  # hold the chain a while, as a publish transaction does

    assert _threads(work, 8) == []
    rows = list(LedgerEntry.objects.values_list("sequence", "chain", "chain_sequence"))
    assert len(rows) == 200
    assert len({r[0] for r in rows}) == 200
    assert len({(r[1], r[2]) for r in rows}) == 200
    assert len({r[1] for r in rows}) > 1  # writers spread over chains
    for chain in {r[1] for r in rows}:
        positions = sorted(p for _s, c, p in rows if c == chain)
        assert positions == list(range(1, len(positions) + 1))
        by_position = sorted((p, s) for s, c, p in rows if c == chain)
        assert [s for _p, s in by_position] == sorted(s for _p, s in by_position)  # numbers rise along a chain
    report = verify_ledger_report()
    assert report.ok, [p.problem for p in report.problems]
    assert report.checked == 200


def test_a_held_chain_does_not_block_other_writers(postgres, settings):
    settings.GK_LEDGER_CHAINS = 2
    holding, release = threading.Event(), threading.Event()
    written = []

    def hold(_n):
        with transaction.atomic():
            record_decision(None, "gate.check", decision="passed", reason="long transaction")
            holding.set()
            release.wait(10)

    def write(_n):
        holding.wait(10)
        started = time.monotonic()
        for _i in range(3):
            record_decision(None, "gate.check", decision="passed", reason="other writer")
        written.append(time.monotonic() - started)
        release.set()

    errors = []
    threads = [threading.Thread(target=lambda f=f: errors.extend(_threads(f, 1))) for f in (hold, write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert written and written[0] < 5  # did not wait for the 10 s hold
    assert len({e.chain for e in LedgerEntry.objects.all()}) == 2
    assert verify_ledger_report().ok
