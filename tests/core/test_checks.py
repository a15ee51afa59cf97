import pytest
from django.core import checks
from django.test import override_settings

from wagtail_gk import checks as gk_checks


def test_bad_index_pattern_is_reported():
    with override_settings(GK_INDEX_NUMBER_PATTERN="{agency_code}/{year}"):
        assert [e.id for e in gk_checks.check_index_number_pattern(None)] == ["wagtail_gk.E005"]
    with override_settings(GK_INDEX_NUMBER_PATTERN="{agency}/{serial}"):
        assert [e.id for e in gk_checks.check_index_number_pattern(None)] == ["wagtail_gk.E004"]


def test_rq_backend_without_django_rq_is_reported(monkeypatch):
    from types import SimpleNamespace

    # A stand-in settings object: changing INSTALLED_APPS for real would reload the app registry.
    fake = SimpleNamespace(TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend"}}, INSTALLED_APPS=["wagtail_gk"])
    monkeypatch.setattr(gk_checks, "settings", fake)
    assert [e.id for e in gk_checks.check_rq_backend(None)] == ["wagtail_gk.E003"]


def test_elasticsearch_url_without_extra_is_reported(monkeypatch, settings):
    settings.GK_ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    monkeypatch.setattr(gk_checks.importlib.util, "find_spec", lambda name: None)
    assert [e.id for e in gk_checks.check_elasticsearch_extra(None)] == ["wagtail_gk.E001"]


@pytest.mark.django_db
def test_calendar_warning_when_the_year_is_missing(monkeypatch):
    import datetime

    monkeypatch.setattr(gk_checks.timezone, "localdate", lambda: datetime.date(2026, 12, 5))
    messages = gk_checks.check_calendar_years(None, databases=["default"])
    assert [m.id for m in messages] == ["wagtail_gk.W001"]
    assert "2027" in messages[0].msg
    assert all(m.level == checks.WARNING for m in messages)
