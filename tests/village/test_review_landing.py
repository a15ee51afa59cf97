"""Where a township reviewer lands after approving or sending back a notice in
Wagtail's page editor: their township's review queue, not the page listing of
the village (which their role does not open)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from wagtail_gk_village import services
from wagtail_gk_village.views.township import after_workflow_action

from .conftest import make_notice

pytestmark = pytest.mark.django_db


def _notice(village_site, categories):
    notice = make_notice(village_site["villages"]["village_a1"], categories["village"], live=False, period=("quarter", 2026, 3))
    services.submit_notice(village_site["users"]["village_member"], notice)
    return notice


def _post(user, data):
    request = RequestFactory().post("/admin/pages/1/edit/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_cause_wagtails_listing_refuses_a_township_reviewer(client, village_site, categories):
    notice = _notice(village_site, categories)
    client.force_login(village_site["users"]["township_reviewer"])
    response = client.get(reverse("wagtailadmin_explore", args=[notice.get_parent().pk]), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "没有权限" in " ".join(str(m) for m in response.context["messages"])


def test_reviewer_lands_on_the_review_queue_after_a_workflow_action(client, village_site, categories):
    notice = _notice(village_site, categories)
    reviewer = village_site["users"]["township_reviewer"]
    response = after_workflow_action(_post(reviewer, {"action-workflow-action": "true", "workflow-action-name": "approve"}), notice)
    overview = reverse("wagtail_gk_village_admin:overview", args=[village_site["agencies"]["township_a"].pk])
    assert response is not None and response.status_code == 302 and response["Location"] == overview
    client.force_login(reviewer)
    assert client.get(overview).status_code == 200


def test_other_saves_next_urls_and_listing_users_keep_wagtails_redirect(village_site, categories):
    notice = _notice(village_site, categories)
    reviewer = village_site["users"]["township_reviewer"]
    assert after_workflow_action(_post(reviewer, {"action-publish": "1"}), notice) is None
    assert after_workflow_action(
        _post(reviewer, {"action-workflow-action": "true", "next": "/admin/reports/"}), notice
    ) is None
    admin = get_user_model().objects.create_superuser("chaoguan", "chaoguan@example.cn", "pw")
    assert after_workflow_action(_post(admin, {"action-workflow-action": "true"}), notice) is None
