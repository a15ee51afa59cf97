"""The policy demo and the app's system checks."""

import pytest
from django.core import checks

from wagtail_gk.models import Validity


@pytest.mark.slow
def test_demo_loads_searchable_policies_with_interpretations_idempotently(demo, django_capture_on_commit_callbacks):
    from wagtail_gk.policy.demo import load_policy_demo
    from wagtail_gk.policy.models import (
        PolicyDocumentPage,
        PolicyInterpretationPage,
        PolicyPackage,
        PolicyTopicPage,
    )
    from wagtail_gk.policy.search import parse_request, run_search
    from wagtail_gk.policy.search.database import DatabaseSearchBackend
    from wagtail_gk.policy.search.documents import live_documents

    with django_capture_on_commit_callbacks(execute=True):
        load_policy_demo(demo)
    live = PolicyDocumentPage.objects.live()
    assert live.count() >= 30
    assert PolicyInterpretationPage.objects.live().count() >= live.filter(validity=Validity.VALID).count()
    assert live.filter(validity=Validity.REPEALED, validity_changed_by__isnull=False).exists()
    assert PolicyTopicPage.objects.live().filter(title="征地补偿").exists() and PolicyPackage.objects.exists()
    load_policy_demo(demo)
    assert PolicyDocumentPage.objects.count() == live.count()

    DatabaseSearchBackend().rebuild(live_documents())
    results = run_search(parse_request({"q": "预算"})[0])
    assert "关于做好2025年县级财政预算公开工作的通知" in [hit.title for hit in results.hits]


@pytest.mark.parametrize(
    ("overrides", "ids"),
    [
        ({}, []),
        ({"GK_POLICY_SEARCH_BACKEND": "database"}, ["wagtail_gk_policy.E001"]),
        ({"GK_POLICY_SEARCH_BACKEND": {"BACKEND": "no.such.Backend"}}, ["wagtail_gk_policy.E002"]),
        (
            {"GK_POLICY_SEARCH_BACKEND": {"BACKEND": "wagtail_gk.policy.search.elasticsearch.ElasticsearchSearchBackend", "OPTIONS": {"URL": "", "ANALYZER": "x"}}, "GK_ELASTICSEARCH_URL": ""},
            ["wagtail_gk_policy.E003", "wagtail_gk_policy.E003"],
        ),
        ({"GK_POLICY_INTERPRETATION_WORKING_DAYS": -1}, ["wagtail_gk_policy.E004"]),
    ],
)
def test_system_checks(settings, overrides, ids):
    for name, value in overrides.items():
        setattr(settings, name, value)
    found = [m.id for m in checks.run_checks() if m.id and m.id.startswith("wagtail_gk_policy.")]
    assert found == ids
