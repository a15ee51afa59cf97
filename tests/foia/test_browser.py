"""In a real headless Chromium: an applicant files a request on the public
page, keeps the receipt's tracking number and query code, and checks the status."""

from __future__ import annotations

import pytest

from wagtail_gk_foia.models import DisclosureRequest

from .conftest import file_request_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_applicant_files_request_and_checks_status(browser, foia_page, tmp_path):
    page = browser(width=390, height=844)  # a phone
    tracking_number, query_code = file_request_in_browser(page, foia_page.url, tmp_path)
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
