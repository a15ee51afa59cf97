"""What the editor sees after the gate said no (docs/gate.md, "What the
editor sees"): after an automated rejection the editor lands on the page with
the findings and no success message, one message per refusal, and a status
panel that does not say "in moderation" and "changes requested" at once."""

import pytest
from django.contrib.messages import constants
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.form_data import article_form_data
from wagtail_gk.gate.demo import ensure_default_workflow
from wagtail_gk.gate.guard import REFUSAL_TAG
from wagtail_gk.models import LedgerEntry
from wagtail_gk.roles import REVIEWER

from .conftest import BLOCKED_TEXT, CLEAN_TEXT, valid_id


@pytest.fixture
def workflow(notices):
    from django.contrib.auth.models import Group

    return ensure_default_workflow(notices, Group.objects.get(name=REVIEWER.group_name))


def _post(client, page, text, action):
    data = article_form_data(page.title, page.slug, text, action=action, like=page.specific)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def _messages(response):
    return [(message.level, message.tags, str(message)) for message in response.context["messages"]]


def _status_panel(html: str) -> str:
    start = html.index('aria-labelledby="status-sidebar')
    return html[start : start + 600]


def test_automated_rejection_lands_on_the_edit_page_with_the_findings(client, users, make_article, workflow):
    page = make_article(CLEAN_TEXT)
    client.force_login(users["editor"])
    response = _post(client, page, BLOCKED_TEXT, "action-submit")
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    shown = _messages(response)
    assert [level for level, _tags, _text in shown] == [constants.ERROR], shown  # one message, no success
    _level, tags, text = shown[0]
    assert REFUSAL_TAG in tags
    assert "身份证" in text and "640102********" in text and "查看全部问题" in text
    html = response.content.decode()
    status = _status_panel(html)
    assert "审核中" not in status and "In Moderation" not in status
    assert "Changes requested" not in html
    state = WorkflowState.objects.filter(object_id=str(page.pk)).get()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert LedgerEntry.objects.get(action="gate.workflow", object_id=str(page.pk)).decision == "blocked"
    page.refresh_from_db()
    assert not page.live
    assert client.get("/zwgk/tzgg/" + page.slug + "/").status_code == 404
    # opening the page again shows the findings once
    again = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert len([m for m in _messages(again) if m[0] == constants.ERROR]) == 1
    # fixed and submitted again: a new workflow, on to the reviewer
    response = _post(client, page, CLEAN_TEXT, "action-submit")
    assert any(level == constants.SUCCESS for level, _t, _x in _messages(response))
    assert WorkflowState.objects.filter(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_clean_submission_still_says_submitted(client, users, make_article, workflow):
    page = make_article(CLEAN_TEXT)
    client.force_login(users["editor"])
    response = _post(client, page, CLEAN_TEXT, "action-submit")
    shown = _messages(response)
    assert [level for level, _t, _x in shown] == [constants.SUCCESS], shown


@pytest.mark.parametrize("username", ["reviewer", "admin"])
def test_refused_publish_shows_one_message(client, users, make_article, username):
    page = make_article(CLEAN_TEXT)
    client.force_login(users[username])
    response = _post(client, page, BLOCKED_TEXT, "action-publish")
    errors = [m for m in _messages(response) if m[0] == constants.ERROR]
    assert len(errors) == 1, errors
    assert "不能发布" in errors[0][2] and valid_id() not in errors[0][2]
    page.refresh_from_db()
    assert not page.live
    assert client.get("/zwgk/tzgg/" + page.slug + "/").status_code == 404
