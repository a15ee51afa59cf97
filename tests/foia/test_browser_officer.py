"""In a real headless Chromium: an officer registers requests and takes every
action of the registry in a realistic order, from registration to archiving,
keeping every pre-filled date as the server filled it (a browser's date input
drops a value that is not ``YYYY-MM-DD``) and never landing on an error page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_gk_foia import actions
from wagtail_gk_foia.models import DisclosureRequest, Status

from .conftest import RESIDENT_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
NS = "wagtail_gk_foia_requests"
PASSWORD = "gk-test-2026"


class Desk:
    """The officer's browser tab, with the checks made after every step."""

    def __init__(self, page):
        self.page = page
        self.today = timezone.localdate().isoformat()
        self.taken: list[str] = []
        self.dates_checked = 0

    def check_landing(self, response, what):
        assert response is not None and response.status < 400, (what, response and response.status)
        body = self.page.locator("body").inner_text()
        assert "没有权限" not in body and "服务器错误" not in body, (what, body[:500])
        errors = self.page.locator(".messages .error, .messages li.error, .error-message")
        assert errors.count() == 0, (what, errors.all_inner_texts())

    def check_prefilled_dates(self, scope, what):
        """Every date input the server pre-filled still holds its value in the browser."""
        for date_input in scope.locator("input[type=date]").all():
            if date_input.get_attribute("value") is None:
                continue  # not pre-filled (e.g. a deadline the officer sets)
            assert date_input.input_value() == self.today, (what, date_input.get_attribute("name"), date_input.get_attribute("value"))
            self.dates_checked += 1

    def register(self, title, channel="in_person"):
        page = self.page
        page.goto(reverse(f"{NS}:add"))
        form = page.locator("form", has=page.locator("input[name=applicant_name]"))
        self.check_prefilled_dates(form, "register")
        page.locator("select[name=channel]").select_option(channel)
        page.locator("input[name=applicant_name]").fill("马登记")
        page.locator("input[name=id_number]").fill(RESIDENT_ID)
        page.locator("input[name=phone]").fill("13800138000")
        page.locator("input[name=information_title]").fill(title)
        page.locator("textarea[name=description]").fill(f"{title}的全部文本。")
        page.locator("input[name=delivery_form][value=paper]").check()
        page.locator("input[name=delivery_channel][value=pick_up]").check()
        with page.expect_navigation() as navigation:
            form.locator("button[type=submit]").click()
        self.check_landing(navigation.value, "register")
        self.taken.append("register")
        return DisclosureRequest.objects.get(information_title=title)

    def act(self, req, code, fill=None):
        page = self.page
        page.goto(reverse(f"{NS}:edit", args=[req.pk]))
        form = page.locator(f"form[action='{reverse(f'{NS}:action', args=[req.pk, code])}']")
        assert form.count() == 1, f"“{code}” is not offered on {req.get_status_display()}"
        details = page.locator("details", has=form)
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        self.check_prefilled_dates(form, code)
        if fill:
            fill(form)
        with page.expect_navigation() as navigation:
            form.locator("button[type=submit]").click()
        self.check_landing(navigation.value, code)
        assert "已完成" in page.locator("body").inner_text(), code
        self.check_prefilled_dates(page.locator("#actions"), f"after {code}")
        self.taken.append(code)
        req.refresh_from_db()
        return req


def _time_passes(req, field):
    """The period *field* ends runs out (the clock of the test does not move)."""
    DisclosureRequest.objects.filter(pk=req.pk).update(**{field: timezone.localdate() - datetime.timedelta(days=1)})


def test_officer_takes_every_action_without_retyping_a_date(browser, users):
    officer = users["officer"]
    officer.set_password(PASSWORD)
    officer.save()
    page = browser()
    page.goto(reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(officer.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**" + reverse("wagtailadmin_home"))
    desk = Desk(page)

    # 1. Correction, consultation, extension, fee and payment, then the reply.
    req = desk.register("2026年县道养护资金安排")
    req = desk.act(req, "request_correction", lambda f: f.locator("textarea[name$=items]").fill("请写明所需文件的年份。"))
    assert req.status == Status.CORRECTION_REQUESTED
    req = desk.act(req, "receive_correction")
    req = desk.act(req, "start_consultation", lambda f: f.locator("input[name$=party]").fill("永宁县交通运输局"))
    assert req.status == Status.CONSULTING
    # 第32、34条: the 15 working days run from the day the letter is received.
    req = desk.act(req, "record_consultation_receipt", lambda f: f.locator("select[name$=delivery]").select_option("phone"))
    assert req.consultations.get().letter_received_on == timezone.localdate()
    req = desk.act(req, "end_consultation")  # the open consultation and "agrees" are pre-selected
    req = desk.act(req, "approve_extension", lambda f: (
        f.locator("input[name$=approved_by]").fill("李主任"),
        f.locator("textarea[name$=reason]").fill("需调取多个部门的档案。"),
    ))
    assert req.extension_days == 20
    req = desk.act(req, "issue_fee_notice", lambda f: (
        f.locator("select[name$=method]").select_option("page"), f.locator("input[name$=quantity]").fill("300"),
    ))
    assert req.status == Status.FEE_PENDING
    req = desk.act(req, "record_fee_notice_receipt", lambda f: f.locator("select[name$=delivery]").select_option("sms"))
    assert req.fee_notice_received_on == timezone.localdate()
    req = desk.act(req, "record_payment")
    # 第41条: a correction of information about the applicant, received and decided.
    req = desk.act(req, "receive_correction_request", lambda f: (
        f.locator("input[name$=information]").fill("2025年养护工程验收名单"),
        f.locator("textarea[name$=inaccuracy]").fill("名单中申请人的姓名写错，附身份证复印件。"),
    ))
    req = desk.act(req, "decide_correction_request", lambda f: (
        f.locator("select[name$=outcome]").select_option("corrected"),
        f.locator("textarea[name$=correction_made]").fill("已将姓名更正为马登记。"),
    ))
    assert req.correction_requests.get().outcome == "corrected"
    # 第44条: the applicant proposes proactive disclosure and the office agrees.
    req = desk.act(req, "receive_proactive_proposal", lambda f: f.locator("input[name$=information]").fill("县道养护资金年度安排"))
    req = desk.act(req, "decide_proactive_proposal", lambda f: (
        f.locator("input[name$=decision][value=accept]").check(),
        f.locator("input[name$=published_url]").fill("https://www.yongning.gov.cn/zwgk/yhzj/"),
    ))
    req = desk.act(req, "reply", lambda f: (
        f.locator("select[name$=outcome]").select_option("1"),
        f.locator("input[name$=published_where]").fill("县政府门户网站“财政资金”栏目"),
    ))
    assert req.status == Status.REPLIED and req.replied_on == timezone.localdate()
    req = desk.act(req, "archive")

    # 2. Sent by fax (第31条): 待确认 until the office confirms; reasons asked
    # (第35条) and accepted, then the applicant withdraws.
    req = desk.register("县城集中供热价格成本监审报告", channel="fax")
    assert req.awaiting_confirmation
    req = desk.act(req, "confirm_receipt", lambda f: f.locator("select[name$=method]").select_option("phone"))
    assert req.receipt_confirmed_on == timezone.localdate() and not req.awaiting_confirmation
    req = desk.act(req, "request_reasons")
    deadline = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    req = desk.act(req, "accept_reasons", lambda f: f.locator("input[name$=reasonable_due_on]").fill(deadline))
    assert req.reasonable_due_on.isoformat() == deadline
    req = desk.act(req, "withdraw")
    assert req.status == Status.WITHDRAWN
    desk.act(req, "archive")

    # 3. No correction in time.
    req = desk.register("2025年农村低保资金发放明细")
    req = desk.act(req, "request_correction", lambda f: f.locator("textarea[name$=items]").fill("请说明所指的乡镇。"))
    _time_passes(req, "correction_due_on")
    req = desk.act(req, "abandon_uncorrected")
    assert req.status == Status.ABANDONED

    # 4. A fee not paid in time.
    req = desk.register("全县2025年政府采购合同汇编")
    req = desk.act(req, "issue_fee_notice", lambda f: (
        f.locator("select[name$=method]").select_option("page"), f.locator("input[name$=quantity]").fill("500"),
    ))
    # The 20 working days run once the applicant has received the notice.
    req = desk.act(req, "record_fee_notice_receipt", lambda f: f.locator("select[name$=delivery]").select_option("phone"))
    _time_passes(req, "fee_due_on")
    req = desk.act(req, "close_unpaid")
    assert req.status == Status.ABANDONED
    desk.act(req, "archive")

    assert desk.dates_checked > 30  # every step's form and the forms offered after it
    assert set(actions.registry.codes()) <= set(desk.taken), set(actions.registry.codes()) - set(desk.taken)
