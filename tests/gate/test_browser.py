"""In a real headless Chromium: an editor opens a page whose draft the gate
blocks, sees where, what and why in the page editor and on the findings
screen; a reviewer dismisses the finding with a reason."""

import pytest
from django.urls import reverse

from wagtail_gk.gate.views.findings import findings_url

from .conftest import BLOCKED_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "gk-test-2026"


def _login(page, user):
    user.set_password(PASSWORD)
    user.save()
    page.goto(reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**" + reverse("wagtailadmin_home"))


def test_editor_sees_findings_and_reviewer_dismisses_one(browser, users, make_article):
    article = make_article(BLOCKED_TEXT, title="申请人名单公示")

    editor = browser()
    _login(editor, users["editor"])
    editor.goto(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    message = editor.locator(".messages").first
    message.wait_for()
    text = message.inner_text()
    assert "必须处理的问题" in text and "身份证" in text and "640102********" in text
    editor.get_by_role("link", name="查看全部问题").click()
    editor.wait_for_url("**" + findings_url(article))
    table = editor.locator("table.listing").first.inner_text()
    assert "拦截" in table and "正文" in table and "请隐去中间8位" in table
    assert editor.locator("textarea[name=reason]").count() == 0  # editors cannot dismiss

    reviewer = browser()
    _login(reviewer, users["reviewer"])
    reviewer.goto(findings_url(article))
    reviewer.locator("textarea[name=reason]").first.fill("公示名单依法载明申请人信息")
    reviewer.get_by_role("button", name="排除此问题").first.click()
    reviewer.wait_for_load_state()
    assert "已排除问题" in reviewer.locator(".messages").first.inner_text()
    assert "未发现问题，可以发布" in reviewer.content()
    assert "公示名单依法载明申请人信息" in reviewer.locator("table.listing").last.inner_text()
