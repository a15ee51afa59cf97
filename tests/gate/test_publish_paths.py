"""The hard gate on every path that publishes (docs/gate-wagtail.md, "Every publish path")."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.form_data import article_form_data
from wagtail_gk.gate.guard import PublicationBlocked
from wagtail_gk.models import LedgerEntry

from .conftest import BLOCKED_TEXT, CLEAN_TEXT, set_body


def refusals():
    return LedgerEntry.objects.filter(decision="refused")


def test_revision_publish_is_refused_with_blocking_findings(make_article):
    page = make_article(BLOCKED_TEXT)
    with pytest.raises(PublicationBlocked) as caught:
        page.get_latest_revision().publish()
    assert "身份证" in caught.value.user_message
    page.refresh_from_db()
    assert not page.live


def test_page_publish_method_is_refused(make_article):
    page = make_article(BLOCKED_TEXT)
    with pytest.raises(PublicationBlocked):
        page.specific.get_latest_revision().publish(user=None)
    draft_page = page.get_latest_revision_as_object()
    with pytest.raises(PublicationBlocked):
        draft_page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live


def test_clean_revision_publishes_and_is_recorded(make_article):
    page = make_article(CLEAN_TEXT, publish=True)
    page.refresh_from_db()
    assert page.live
    entry = LedgerEntry.objects.filter(action="gate.publish", object_id=str(page.pk)).get()
    assert entry.decision == "published"


def test_live_page_keeps_its_live_version_when_a_blocked_draft_is_refused(make_article):
    page = make_article(CLEAN_TEXT, publish=True)
    revision = set_body(page, BLOCKED_TEXT)
    with pytest.raises(PublicationBlocked):
        revision.publish()
    page.refresh_from_db()
    assert page.live and page.live_revision_id != revision.pk


def _edit_post_data(page, text, action="action-publish"):
    return article_form_data(page.title, page.slug, text, action=action, like=page.specific)


@pytest.mark.parametrize("username", ["reviewer", "admin"])
def test_admin_publish_button_refuses_with_a_message(client, users, make_article, username):
    page = make_article(CLEAN_TEXT)
    client.force_login(users[username])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), _edit_post_data(page, BLOCKED_TEXT), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "不能发布" in text and "身份证" in text
    page.refresh_from_db()
    assert not page.live
    # the draft is kept so the editor can fix it
    assert "身份证" in str(page.get_latest_revision_as_object().body)
    assert refusals().filter(object_id=str(page.pk), username=users[username].username).exists()


def test_admin_publish_button_publishes_clean_content(client, users, make_article):
    page = make_article(CLEAN_TEXT)
    client.force_login(users["reviewer"])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), _edit_post_data(page, CLEAN_TEXT))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_admin_create_view_refuses(client, users, notices):
    from example_site.home.models import ArticlePage

    client.force_login(users["admin"])
    url = reverse("wagtailadmin_pages:add", args=["home", "articlepage", notices.pk])
    response = client.post(url, article_form_data("新建信息", "xinjian", BLOCKED_TEXT), follow=True)
    assert response.status_code == 200
    assert "不能发布" in response.content.decode()
    page = ArticlePage.objects.get(slug="xinjian")
    assert not page.live


def test_bulk_publish_refuses_and_names_the_page(client, users, make_article):
    blocked = make_article(BLOCKED_TEXT, title="有问题的信息")
    clean = make_article(CLEAN_TEXT, title="干净的信息")
    client.force_login(users["admin"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={blocked.pk}&id={clean.pk}"
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert response.status_code == 200
    assert "有问题的信息" in response.content.decode()
    blocked.refresh_from_db()
    assert not blocked.live
    assert client.get(blocked.url).status_code == 404
    assert refusals().filter(object_id=str(blocked.pk)).exists()


def test_bulk_move_does_not_publish_a_blocked_draft(client, users, make_article, notices):
    page = make_article(CLEAN_TEXT, publish=True, slug="bulk-move")
    set_body(page, BLOCKED_TEXT)
    target = notices.get_parent()
    client.force_login(users["admin"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) + f"?id={page.pk}"
    response = client.post(url, {"chooser": str(target.pk)})
    assert response.status_code == 302, response.content.decode()[:500]
    page.refresh_from_db()
    assert page.get_parent().pk == target.pk and page.live
    body = client.get(page.url).content.decode()
    assert CLEAN_TEXT[:10] in body and "6401021985" not in body


def test_publish_scheduled_goes_on_past_a_refused_page(make_article, capsys):
    past = timezone.now() - timezone.timedelta(minutes=5)
    blocked = make_article(BLOCKED_TEXT, title="定时有问题")
    clean = make_article(CLEAN_TEXT, title="定时正常")
    for page in (blocked, clean):
        revision = page.get_latest_revision()
        revision.approved_go_live_at = past
        revision.save(update_fields=["approved_go_live_at"])
    # blocked one first in the queue
    blocked_revision = blocked.get_latest_revision()
    blocked_revision.approved_go_live_at = past - timezone.timedelta(minutes=1)
    blocked_revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled")
    blocked.refresh_from_db()
    clean.refresh_from_db()
    assert clean.live
    assert not blocked.live
    blocked_revision.refresh_from_db()
    assert blocked_revision.approved_go_live_at is None  # not retried on every run
    assert "定时有问题" in capsys.readouterr().err
    assert refusals().filter(object_id=str(blocked.pk)).exists()


@pytest.mark.parametrize("command", ["by name", "wagtail's own"])
def test_publish_scheduled_whatever_the_app_order(make_article, client, capsys, command):
    """Wagtail's own command (what runs when ``wagtail`` is listed before
    ``wagtail_gk``) goes on past a refusal too, and the next run does not try
    the refused revision again."""
    from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

    past = timezone.now() - timezone.timedelta(minutes=5)
    blocked = make_article(BLOCKED_TEXT, title="定时有问题", slug="ds-blocked")
    clean = make_article(CLEAN_TEXT, title="定时正常", slug="ds-clean")
    for offset, page in enumerate((blocked, clean)):
        revision = page.get_latest_revision()
        revision.approved_go_live_at = past + timezone.timedelta(seconds=offset)  # the blocked one first
        revision.save(update_fields=["approved_go_live_at"])
    for _run in range(2):
        if command == "by name":
            call_command("publish_scheduled")
        else:
            call_command(WagtailCommand())
    clean.refresh_from_db()
    blocked.refresh_from_db()
    assert clean.live and not blocked.live
    assert refusals().filter(object_id=str(blocked.pk)).count() == 1  # refused once, not on every run
    assert "定时有问题" in capsys.readouterr().err
    assert client.get(blocked.url or "/zwgk/tzgg/ds-blocked/").status_code == 404
    assert CLEAN_TEXT[:10] in client.get(clean.url).content.decode()


def test_admin_api_publish_returns_400_with_the_message(client, users, make_article):
    page = make_article(BLOCKED_TEXT)
    client.force_login(users["admin"])
    response = client.post(reverse("wagtailadmin_api:pages:action", args=[page.pk, "publish"]), content_type="application/json", data={})
    assert response.status_code == 400
    assert "身份证" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404
    assert refusals().filter(object_id=str(page.pk)).exists()


def test_workflow_approval_is_refused_with_a_message():
    """Covered in test_workflow.py: test_workflow_approval_is_refused_when_content_became_blocking."""
    from . import test_workflow

    assert hasattr(test_workflow, "test_workflow_approval_is_refused_when_content_became_blocking")


@pytest.mark.urls("tests.gate.urls_api_v3")
def test_api_v3_publish_is_refused(users, make_article, client):
    import wagtail

    if wagtail.VERSION < (8, 0):
        pytest.skip("API v3 and its tokens are new in Wagtail 8.0")
    from wagtail.models import APIToken

    page = make_article(BLOCKED_TEXT)
    _token, plaintext = APIToken.create_token(user=users["admin"], name="test")
    response = client.post(f"/api/v3/pages/{page.pk}/actions/publish/", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert 400 <= response.status_code < 500, response.content
    assert "身份证" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert refusals().filter(object_id=str(page.pk)).exists()
    assert client.get(page.url).status_code == 404
    # a clean page publishes through the same endpoint
    clean = make_article(CLEAN_TEXT)
    response = client.post(f"/api/v3/pages/{clean.pk}/actions/publish/", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 200, response.content
    clean.refresh_from_db()
    assert clean.live


def _bulletin(text):
    from tests.gate_snippets.models import Bulletin

    bulletin = Bulletin.objects.create(title="公告", body=text, live=False)
    bulletin.save_revision()
    return bulletin


def test_publishable_snippet_revision_publish_is_refused(db):
    bulletin = _bulletin(BLOCKED_TEXT)
    with pytest.raises(PublicationBlocked):
        bulletin.latest_revision.publish()
    bulletin.refresh_from_db()
    assert not bulletin.live
    clean = _bulletin(CLEAN_TEXT)
    clean.latest_revision.publish()
    clean.refresh_from_db()
    assert clean.live


def test_publishable_snippet_admin_publish_refuses_with_a_message(client, users):
    bulletin = _bulletin(CLEAN_TEXT)
    client.force_login(users["admin"])
    url = reverse("wagtailsnippets_gate_snippets_bulletin:edit", args=[bulletin.pk])
    response = client.post(url, {"title": "公告", "body": BLOCKED_TEXT, "action-publish": "1"}, follow=True)
    assert response.status_code == 200
    assert "不能发布" in response.content.decode()
    bulletin.refresh_from_db()
    assert not bulletin.live
    assert refusals().filter(object_id=str(bulletin.pk)).exists()


def test_publishable_snippet_editor_shows_the_findings(client, users):
    bulletin = _bulletin(BLOCKED_TEXT)
    client.force_login(users["admin"])
    response = client.get(reverse("wagtailsnippets_gate_snippets_bulletin:edit", args=[bulletin.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "内容检查发现" in text and "处理前不能发布" in text
    from wagtail_gk.gate.views.findings import findings_url

    assert findings_url(bulletin) in text
    assert client.get(findings_url(bulletin)).status_code == 200
    clean = _bulletin(CLEAN_TEXT)
    assert "内容检查" not in client.get(reverse("wagtailsnippets_gate_snippets_bulletin:edit", args=[clean.pk])).content.decode()
