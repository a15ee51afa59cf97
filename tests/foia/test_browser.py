"""In a real headless Chromium: an applicant files a request on the public
page, keeps the receipt's tracking number and query code, and checks the status."""

from __future__ import annotations

import pytest

from wagtail_gk_foia.models import DisclosureRequest

from .conftest import RESIDENT_ID, pdf_bytes, solve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_applicant_files_request_and_checks_status(browser, foia_page, tmp_path):
    proof = tmp_path / "身份证.pdf"
    proof.write_bytes(pdf_bytes())
    page = browser(width=390, height=844)  # a phone
    page.goto(foia_page.url)
    page.get_by_label("自然人（公民）").check()
    page.get_by_label("姓名／名称").fill("陈申请")
    page.get_by_label("证件号码／统一社会信用代码").fill(RESIDENT_ID)
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("chen@example.cn")
    page.get_by_label("身份证明").set_input_files(str(proof))
    page.get_by_label("所需信息名称").fill("2025年县道改造工程招标文件")
    page.get_by_label("所需信息的特征性描述").fill("县交通运输局2025年发布的县道改造工程招标文件。")
    page.get_by_label("电子数据").check()
    page.get_by_label("电子邮件").check()
    page.get_by_label("本人（本单位）承诺所填信息真实有效。").check()
    question = page.locator("[data-question]").inner_text()
    page.locator("input[name=captcha_answer]").fill(str(solve(question)))
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url("**/receipt/")
    tracking_number = page.locator(".gk-foia-tracking").inner_text().strip()
    query_code = page.locator(".gk-foia-code").inner_text().strip()
    req = DisclosureRequest.objects.get()
    assert tracking_number == req.tracking_number
    assert len(query_code.replace("-", "")) == 12

    # Later, from another browser (no session): the two codes are enough.
    other = browser()
    other.goto(foia_page.url + "status/")
    other.get_by_label("受理编号").fill(tracking_number)
    other.get_by_label("查询码").fill("AAAA-BBBB-CCCC")
    other.get_by_role("button", name="查询").click()
    # A wrong code: the error is announced and nothing of the request is shown.
    assert other.locator(".gk-foia-errors[role=alert]").is_visible()
    assert other.locator(".gk-foia-status").count() == 0
    other.get_by_label("受理编号").fill(tracking_number)
    other.get_by_label("查询码").fill(query_code)
    other.get_by_role("button", name="查询").click()
    status = other.locator(".gk-foia-status")
    assert "办理中" in status.inner_text()
    assert "2025年县道改造工程招标文件" in status.inner_text()
