"""Concurrent registrations on PostgreSQL: unique tracking numbers, none lost."""

from __future__ import annotations

import threading

import pytest

from wagtail_gk_foia.models import DisclosureRequest

from .conftest import application

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_parallel_registrations_get_unique_numbers(postgres, agency):
    from django.db import connection

    from wagtail_gk_foia import services

    errors = []

    def work(n):
        try:
            for _i in range(n):
                services.register_request(agency=agency, data=application(), channel="online")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(10,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(DisclosureRequest.objects.values_list("tracking_number", flat=True))
    assert len(numbers) == 80 == len(set(numbers))


def test_parallel_document_numbers_run_on_without_gaps(postgres):
    """Document numbers are taken inside the issuing transaction: with every
    fourth issue failing after its number was taken, the numbers of the
    issues that committed still run 1, 2, 3 … without a gap or a repeat."""
    from django.db import connection, transaction

    from wagtail_gk_foia.documents import allocate_document_number

    committed, errors = [], []
    barrier = threading.Barrier(8)

    def work():
        try:
            barrier.wait()  # all race for the prefix's first row
            for i in range(12):
                try:
                    with transaction.atomic():
                        serial, text = allocate_document_number("永宁县政府公开办复", 2026)
                        assert text == f"永宁县政府公开办复〔2026〕{serial}号"
                        if i % 4 == 3:
                            raise LookupError("the issue fails")
                    committed.append(serial)
                except LookupError:
                    pass
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(committed) == list(range(1, 8 * 9 + 1))
