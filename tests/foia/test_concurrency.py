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
