"""In a real headless Chromium at phone width (360 px): a citizen writes a
letter, keeps the receipt's tracking number and query code, and tracks it."""

from __future__ import annotations

import pytest

from tests.foia.captcha import solve
from wagtail_gk_interaction.models import Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_writes_and_tracks_a_letter_on_a_phone(browser, mailbox):
    page = browser(width=360, height=740)
    page.goto(mailbox.url)
    assert page.locator(".gk-int-scope").is_visible()  # what the mailbox does not take, before the form
    page.get_by_label("咨询", exact=True).check()
    page.get_by_label("自然人（公民）").check()
    page.get_by_label("姓名／名称").fill("陈来信")
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("来信标题").fill("医保缴费时间咨询")
    page.get_by_label("来信内容").fill("请问城乡居民医保什么时候截止缴费？")
    page.get_by_label("同意公开", exact=True).check()
    question = page.locator(".gk-int-question").inner_text()
    page.locator("input[name=captcha_answer]").fill(str(solve(question)))
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="提交来信").click()

    page.wait_for_url("**/receipt/")
    number = page.locator(".gk-int-number").inner_text().strip()
    code = page.locator(".gk-int-code").inner_text().strip()
    assert number == Letter.objects.get().tracking_number

    other = browser(width=360, height=740)
    other.goto(mailbox.url + "status/")
    other.get_by_label("受理编号").fill(number)
    other.get_by_label("查询码").fill(code)
    other.get_by_role("button", name="查询").click()
    status = other.locator(".gk-int-status")
    assert "待分办" in status.inner_text() and "医保缴费时间咨询" in status.inner_text()
