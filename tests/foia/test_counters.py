"""Tracking numbers and document numbers from the core allocator
(wagtail_gk.sequences): what a failure does to each, and the migration that
carried the old counters over."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail_gk_foia import documents, services
from wagtail_gk_foia.models import DOCUMENT_NUMBER, TRACKING_NUMBER, FoiaCounter, FoiaOfficeSettings

from .conftest import D, application


@pytest.fixture
def office(db):
    office = FoiaOfficeSettings.load()
    office.document_number_prefix = "永宁县政府公开办复"
    office.save()
    return office


@pytest.mark.django_db
def test_a_refused_registration_leaves_a_gap_in_tracking_numbers(agency):
    """The number is taken before the registration's transaction: a duplicate
    submission keeps nothing but the number it drew."""
    first, _code = services.register_request(agency=agency, data=application(), received_on=D(2026, 3, 2), form_nonce="n1")
    with pytest.raises(services.DuplicateSubmission):
        services.register_request(agency=agency, data=application(), received_on=D(2026, 3, 2), form_nonce="n1")
    third, _code = services.register_request(agency=agency, data=application(), received_on=D(2026, 3, 2))
    assert (first.tracking_number, third.tracking_number) == ("YSQ2026000001", "YSQ2026000003")
    assert FoiaCounter.objects.get(key=TRACKING_NUMBER, scope="", year=2026).last_value == 3


@pytest.mark.django_db
def test_a_failed_issue_gives_its_document_number_back(register, officer, office, monkeypatch):
    req, _code = register(received_on=D(2026, 3, 2))
    services.reply(req, user=officer, outcome="3.6", on=D(2026, 3, 20), reasons="属于内部研究过程中的讨论记录。")

    def broken_pdf(parts):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(documents, "render_pdf", broken_pdf)
        with pytest.raises(OSError):
            documents.issue_document(req, "reply_withheld", user=officer, issued_on=D(2026, 3, 20))
    assert not req.documents.exists()
    doc = documents.issue_document(req, "reply_withheld", user=officer, issued_on=D(2026, 3, 20))
    assert doc.number == "永宁县政府公开办复〔2026〕1号"
    assert FoiaCounter.objects.get(key=DOCUMENT_NUMBER, scope="永宁县政府公开办复", year=2026).last_value == 1


BEFORE, AFTER = ("wagtail_gk_foia", "0002_correction_period_days"), ("wagtail_gk_foia", "0003_foia_counters")


def _migrate(target):
    MigrationExecutor(connection).migrate([target])
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_tracking_and_document_serials():
    try:
        apps = _migrate(BEFORE)
        apps.get_model("wagtail_gk_foia", "TrackingSequence").objects.create(year=2026, last_serial=57)
        Documents = apps.get_model("wagtail_gk_foia", "DocumentNumberSequence")
        Documents.objects.create(prefix="永宁县政府公开办复", year=2026, last_serial=12)
        Documents.objects.create(prefix="永宁县政府公开办告", year=2025, last_serial=30)

        apps = _migrate(AFTER)
        rows = apps.get_model("wagtail_gk_foia", "FoiaCounter").objects.values_list("key", "scope", "year", "last_value")
        assert sorted(rows) == [
            ("document_number", "永宁县政府公开办告", 2025, 30),
            ("document_number", "永宁县政府公开办复", 2026, 12),
            ("tracking_number", "", 2026, 57),
        ]

        apps = _migrate(BEFORE)  # and back
        tracking = apps.get_model("wagtail_gk_foia", "TrackingSequence").objects.values_list("year", "last_serial")
        assert list(tracking) == [(2026, 57)]
        rows = apps.get_model("wagtail_gk_foia", "DocumentNumberSequence").objects.values_list("prefix", "year", "last_serial")
        assert sorted(rows) == [("永宁县政府公开办告", 2025, 30), ("永宁县政府公开办复", 2026, 12)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())  # everything back to the latest state
        FoiaCounter.objects.all().delete()
