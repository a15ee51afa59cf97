"""In a real headless Chromium: an editor submits a blocked draft for review;
the automated check rejects it, and the editor stays on the edit page with
the findings, no "submitted" message and a status that reads draft."""

import pytest
from django.urls import reverse

from .conftest import BLOCKED_TEXT, CLEAN_TEXT, set_body
from .test_browser import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_editor_submitting_a_blocked_draft_sees_the_findings_not_a_success(browser, users, make_article, notices):
    from django.contrib.auth.models import Group

    from wagtail_gk.gate.demo import ensure_default_workflow
    from wagtail_gk.roles import REVIEWER

    ensure_default_workflow(notices, Group.objects.get(name=REVIEWER.group_name))
    article = make_article(CLEAN_TEXT, title="申请人名单")
    set_body(article, BLOCKED_TEXT)

    editor = browser()
    _login(editor, users["editor"])
    editor.goto(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    editor.locator(".messages").first.wait_for()  # the findings of the draft, before submitting
    with editor.expect_navigation():
        editor.locator("button[name=action-submit]").dispatch_event("click")
    editor.wait_for_load_state()
    assert editor.url.endswith(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    messages = editor.locator(".messages").first.inner_text()
    assert "身份证" in messages and "正文" in messages
    assert "已经提交" not in messages and "submitted for moderation" not in messages
    assert editor.locator(".messages li").count() == 1
    content = editor.content()
    assert "审核中" not in content and "Changes requested" not in content
    assert editor.get_by_role("link", name="查看全部问题").count() >= 1
