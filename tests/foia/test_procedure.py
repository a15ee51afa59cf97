"""The procedure as a state machine: every allowed and refused step, the
ledger record of each, and deadlines in working days across real holidays."""

from __future__ import annotations

import datetime

import pytest

from wagtail_gk.models import LedgerEntry
from wagtail_gk_foia import actions, services
from wagtail_gk_foia.models import DisclosureRequest, Outcome, RequestEvent, Status
from wagtail_gk_foia.services import duties

from .conftest import D

pytestmark = pytest.mark.django_db


# --- deadlines across holidays (dates counted by hand from the State Council schedule) ---


def test_deadlines_across_spring_festival_2026(register):
    # Tue 2026-02-10: 2/14 (Sat) is a make-up day, 2/15–2/23 the holiday, 2/28 (Sat) a make-up day.
    req, _code = register(received_on=D(2026, 2, 10))
    deadlines = services.compute_deadlines(req)
    assert deadlines.correction_notice_due_on == D(2026, 2, 26)
    assert deadlines.reply_due_on == D(2026, 3, 16)
    assert req.reply_due_on == D(2026, 3, 16)
    text = "\n".join(req.due_explanation)
    assert "2026年2月10日" in text and "2026年3月16日" in text and "20 个工作日" in text


def test_deadlines_across_national_day_2026(register):
    # Tue 2026-09-29: 10/1–10/7 off, 10/10 (Sat) a make-up day.
    req, _code = register(received_on=D(2026, 9, 29))
    deadlines = services.compute_deadlines(req)
    assert deadlines.correction_notice_due_on == D(2026, 10, 14)
    assert deadlines.reply_due_on == D(2026, 11, 2)


def test_correction_restarts_clock_consultation_paused_extension_added(register, officer):
    req, _code = register(received_on=D(2026, 2, 10))
    services.request_correction(req, user=officer, items="请写明文件的发布年份。", on=D(2026, 2, 24))
    assert req.status == Status.CORRECTION_REQUESTED
    assert req.reply_due_on is None  # no clock while waiting for the correction
    services.receive_correction(req, user=officer, on=D(2026, 3, 2))
    assert req.clock_started_on == D(2026, 3, 2)
    assert req.reply_due_on == D(2026, 3, 30)  # 20 working days from the corrected application

    services.start_consultation(req, user=officer, kind="third_party", party="宁夏某建设公司", on=D(2026, 3, 5))
    consultation = req.consultations.get()
    services.end_consultation(req, user=officer, consultation_id=consultation.pk, on=D(2026, 3, 12), result="agreed")
    # 3/6, 3/9–3/12: five working days not counted; 4/4–4/6 清明 are skipped.
    assert req.reply_due_on == D(2026, 4, 7)
    assert any("不计算在答复期限内：5 个工作日" in step for step in req.due_explanation)

    services.approve_extension(req, user=officer, days=20, approved_by="县政府办主任", reason="涉及档案检索", on=D(2026, 3, 20))
    # Twenty more working days, skipping 劳动节 5/1–5/5.
    assert req.reply_due_on == D(2026, 5, 8)
    assert any("延长答复期限 20 个工作日" in step for step in req.due_explanation)


def test_only_one_extension_of_at_most_twenty_days(register, officer):
    req, _code = register(received_on=D(2026, 3, 2))
    with pytest.raises(services.TransitionError, match="1 至 20"):
        services.approve_extension(req, user=officer, days=21, approved_by="主任", reason="量大", on=D(2026, 3, 10))
    services.approve_extension(req, user=officer, days=10, approved_by="主任", reason="量大", on=D(2026, 3, 10))
    with pytest.raises(services.TransitionError):
        services.approve_extension(req, user=officer, days=5, approved_by="主任", reason="再延", on=D(2026, 3, 11))
    assert DisclosureRequest.objects.get(pk=req.pk).extension_days == 10


def test_extension_refused_after_the_deadline(register, officer):
    req, _code = register(received_on=D(2026, 3, 2))  # due 2026-03-30
    with pytest.raises(services.TransitionError, match="已过"):
        services.approve_extension(req, user=officer, days=5, approved_by="主任", reason="迟了", on=D(2026, 4, 1))


def test_correction_notice_only_within_seven_working_days_and_once(register, officer):
    req, _code = register(received_on=D(2026, 2, 10))  # notice due 2026-02-26
    with pytest.raises(services.TransitionError, match="补正告知期限"):
        services.request_correction(req, user=officer, items="补充", on=D(2026, 2, 27))
    services.request_correction(req, user=officer, items="补充", on=D(2026, 2, 26))
    services.receive_correction(req, user=officer, on=D(2026, 3, 2))
    assert "request_correction" not in {a.code for a in services.available_actions(req)}
    with pytest.raises(services.TransitionError):
        services.request_correction(req, user=officer, items="再补充", on=D(2026, 3, 3))


# --- 第31条 receipt date ---------------------------------------------------------------


def test_receipt_date_may_not_be_in_the_future(register):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(services.TransitionError, match="不能晚于今天"):
        register(received_on=tomorrow)
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize("channel, article", [("in_person", "第（一）项"), ("registered_post", "签收之日"), ("fax", "双方确认")])
def test_receipt_date_basis_follows_the_channel(register, channel, article):
    req, _code = register(channel=channel)
    assert article in req.receipt_date_basis
    assert article in req.due_explanation[0]


def test_tracking_numbers_unique_and_query_code_only_hashed(register):
    numbers, codes = set(), set()
    for _i in range(5):
        req, code = register()
        numbers.add(req.tracking_number)
        codes.add(code)
        assert code not in req.query_code_hash
        assert services.query_code_matches(req, code)
        assert services.query_code_matches(req, code.lower().replace("-", ""))
        assert not services.query_code_matches(req, "AAAA-BBBB-CCCC")
    assert len(numbers) == 5 and len(codes) == 5
    assert not services.query_code_matches(None, code)


# --- the state machine -------------------------------------------------------------

ON = D(2026, 3, 3)


def _to(status, req, user):
    """Drive *req* (received 2026-03-02) into *status* through the services."""
    if status == Status.CORRECTION_REQUESTED:
        services.request_correction(req, user=user, items="补充发布年份", on=ON)
    elif status == Status.CONSULTING:
        services.start_consultation(req, user=user, kind="co_producer", party="县财政局", on=ON)
    elif status == Status.AWAITING_REASONS:
        services.request_reasons(req, user=user, on=ON)
    elif status == Status.FEE_PENDING:
        services.issue_fee_notice(req, user=user, method="page", quantity=200, on=ON, received_on=ON, delivery="in_person")
    elif status == Status.REPLIED:
        services.reply(req, user=user, outcome=Outcome.DISCLOSED, on=ON, published_where="县政府网站")
    elif status == Status.WITHDRAWN:
        services.withdraw(req, user=user, on=ON)
    elif status == Status.ABANDONED:
        services.request_correction(req, user=user, items="补充发布年份", on=ON)
        services.abandon_uncorrected(req, user=user, on=D(2026, 4, 30))
    elif status == Status.ARCHIVED:
        _to(Status.REPLIED, req, user)
        services.archive(req, user=user)
    assert req.status == status
    return req


def _call(name, req, user):
    on = D(2026, 4, 30)
    calls = {
        "request_correction": lambda: services.request_correction(req, user=user, items="再补充", on=ON),
        "receive_correction": lambda: services.receive_correction(req, user=user, on=on),
        "abandon_uncorrected": lambda: services.abandon_uncorrected(req, user=user, on=on),
        "start_consultation": lambda: services.start_consultation(
            req, user=user, kind="third_party", party="第三方", on=on
        ),
        "end_consultation": lambda: services.end_consultation(
            req, user=user, consultation_id=getattr(req.consultations.first(), "pk", 0), on=on, result="agreed"
        ),
        "approve_extension": lambda: services.approve_extension(
            req, user=user, days=5, approved_by="主任", reason="量大", on=ON
        ),
        "request_reasons": lambda: services.request_reasons(req, user=user, on=on),
        "accept_reasons": lambda: services.accept_reasons(req, user=user, on=on, reasonable_due_on=D(2026, 6, 30)),
        "issue_fee_notice": lambda: services.issue_fee_notice(req, user=user, method="page", quantity=200, on=on),
        "record_payment": lambda: services.record_payment(req, user=user, on=on),
        "confirm_receipt": lambda: services.confirm_receipt(req, user=user, on=on, method="phone"),
        "record_consultation_receipt": lambda: services.record_consultation_receipt(
            req, user=user, consultation_id=getattr(req.consultations.first(), "pk", 0), on=on, delivery="post"
        ),
        "record_fee_notice_receipt": lambda: services.record_fee_notice_receipt(req, user=user, on=on, delivery="post"),
        "receive_correction_request": lambda: duties.receive_correction_request(
            req, user=user, on=ON, information="申请人户籍信息", inaccuracy="出生日期记录有误，附户口簿复印件"
        ),
        "decide_correction_request": lambda: duties.decide_correction_request(
            req, user=user, correction_id=getattr(req.correction_requests.first(), "pk", 0), on=on, outcome="corrected",
            correction_made="已更正出生日期",
        ),
        "receive_proactive_proposal": lambda: duties.receive_proactive_proposal(req, user=user, on=ON, information="县道改造工程招标文件"),
        "decide_proactive_proposal": lambda: duties.decide_proactive_proposal(
            req, user=user, proposal_id=getattr(req.proactive_proposals.first(), "pk", 0), on=on, accept=True,
            published_url="/zwgk/xdgz/",
        ),
        "close_unpaid": lambda: services.close_unpaid(req, user=user, on=on),
        "reply": lambda: services.reply(
            req, user=user, outcome=Outcome.UNAVAILABLE_NOT_HELD, on=on, reasons="经检索，本机关未制作该信息。"
        ),
        "withdraw": lambda: services.withdraw(req, user=user, on=on),
        "archive": lambda: services.archive(req, user=user),
    }
    return calls[name]()


# 第41条 correction requests and 第44条 proposals may be received on any open request.
DUTIES = {"receive_correction_request", "receive_proactive_proposal"}
ALLOWED = {
    Status.REGISTERED: {
        "request_correction", "start_consultation", "approve_extension", "request_reasons",
        "issue_fee_notice", "reply", "withdraw",
    } | DUTIES,
    Status.CORRECTION_REQUESTED: {"receive_correction", "abandon_uncorrected", "withdraw"} | DUTIES,
    Status.CONSULTING: {"start_consultation", "record_consultation_receipt", "end_consultation", "approve_extension", "withdraw"} | DUTIES,
    Status.AWAITING_REASONS: {"accept_reasons", "approve_extension", "reply", "withdraw"} | DUTIES,
    Status.FEE_PENDING: {"record_payment", "close_unpaid", "withdraw"} | DUTIES,
    Status.REPLIED: {"archive"},
    Status.ABANDONED: {"archive"},
    Status.WITHDRAWN: {"archive"},
    Status.ARCHIVED: set(),
}

RESULT = {
    "request_correction": Status.CORRECTION_REQUESTED,
    "receive_correction": Status.REGISTERED,
    "abandon_uncorrected": Status.ABANDONED,
    "start_consultation": Status.CONSULTING,
    "end_consultation": Status.REGISTERED,
    "request_reasons": Status.AWAITING_REASONS,
    "accept_reasons": Status.REGISTERED,
    "issue_fee_notice": Status.FEE_PENDING,
    "record_payment": Status.REGISTERED,
    "close_unpaid": Status.ABANDONED,
    "reply": Status.REPLIED,
    "withdraw": Status.WITHDRAWN,
    "archive": Status.ARCHIVED,
}

CASES = [(status, name, name in ALLOWED[status]) for status in ALLOWED for name in actions.registry.codes()]


@pytest.mark.parametrize("status, name, allowed", CASES, ids=[f"{s}-{n}" for s, n, _a in CASES])
def test_every_transition(register, officer, status, name, allowed):
    req, _code = register(received_on=D(2026, 3, 2))
    _to(status, req, officer)
    assert (name in {a.code for a in services.available_actions(req)}) is allowed
    events_before = RequestEvent.objects.filter(request=req).count()
    ledger_before = LedgerEntry.objects.count()
    if not allowed:
        with pytest.raises(services.TransitionError):
            _call(name, req, officer)
        req.refresh_from_db()
        assert req.status == status
        assert RequestEvent.objects.filter(request=req).count() == events_before
        assert LedgerEntry.objects.count() == ledger_before
        return
    _call(name, req, officer)
    req.refresh_from_db()
    expected = RESULT.get(name, status)
    assert req.status == expected
    event = RequestEvent.objects.filter(request=req).last()
    assert (event.action, event.from_status, event.to_status, event.actor) == (name, status, expected, officer)
    entry = LedgerEntry.objects.get(pk=event.ledger_entry_id)
    assert entry.action == f"foia.{name}"
    assert entry.user == officer
    assert entry.decision == expected
    assert entry.object_id == str(req.pk)
    assert entry.created_at is not None


def test_registration_is_in_the_ledger(register, officer):
    req, _code = register()
    entry = LedgerEntry.objects.get(action="foia.register", object_id=str(req.pk))
    assert entry.user == officer


def test_outcomes_are_table3_leaves(register, officer):
    req, _code = register()
    _to(Status.CORRECTION_REQUESTED, req, officer)
    services.abandon_uncorrected(req, user=officer, on=D(2026, 4, 30))
    assert req.outcome == Outcome.OTHER_NO_CORRECTION == "6.1"
    req2, _code = register()
    _to(Status.FEE_PENDING, req2, officer)
    services.close_unpaid(req2, user=officer, on=D(2026, 5, 29))
    assert req2.outcome == "6.2"
    req3, _code = register()
    with pytest.raises(services.TransitionError, match="具体情形"):
        services.reply(req3, user=officer, outcome="予以公开", on=ON)
    with pytest.raises(services.TransitionError, match="6.1|具体情形"):
        services.reply(req3, user=officer, outcome="6.1", on=ON)


def test_partial_disclosure_needs_parts_with_grounds_and_reasons(register, officer):
    req, _code = register()
    with pytest.raises(services.TransitionError, match="第三十七条"):
        services.reply(req, user=officer, outcome=Outcome.PARTIAL, on=ON, reasons="部分涉及个人隐私")
    with pytest.raises(services.TransitionError, match="不予公开的情形"):
        services.reply(req, user=officer, outcome=Outcome.PARTIAL, on=ON, withheld_parts=[("身份证号", "1", "隐私")])
    services.reply(
        req, user=officer, outcome=Outcome.PARTIAL, on=ON, reasons="其余部分予以公开",
        withheld_parts=[("投标人联系电话", "3.4", "涉及第三方个人信息，第三方不同意公开")],
    )
    part = req.withheld_parts.get()
    assert (part.ground, part.description) == ("3.4", "投标人联系电话")


def test_refusal_needs_reasons(register, officer):
    req, _code = register()
    with pytest.raises(services.TransitionError, match="说明理由"):
        services.reply(req, user=officer, outcome=Outcome.WITHHELD_PROCESS, on=ON)
    assert DisclosureRequest.objects.get(pk=req.pk).status == Status.REGISTERED


def test_excessive_requests_article_35(register, officer):
    req, _code = register()
    services.request_reasons(req, user=officer, on=ON, note="同一申请人本月已申请120件")
    services.accept_reasons(req, user=officer, on=D(2026, 3, 10), reasonable_due_on=D(2026, 6, 30))
    assert req.reply_due_on == D(2026, 6, 30)
    assert any("第三十五条" in s for s in req.due_explanation)
    req2, _code = register()
    services.request_reasons(req2, user=officer, on=ON)
    services.reply(req2, user=officer, outcome=Outcome.NOT_HANDLED_EXCESSIVE, on=D(2026, 3, 20), reasons="未说明理由")
    assert req2.outcome == "5.4"


def test_not_a_request_article_39(register, officer):
    req, _code = register(information_title="投诉某单位乱收费")
    services.reply(req, user=officer, outcome=Outcome.NOT_HANDLED_PETITION, on=ON, reasons="属于信访投诉，请向信访部门提出。")
    assert req.outcome == "5.1" and req.status == Status.REPLIED


def test_future_dated_step_refused(register, officer):
    req, _code = register()
    with pytest.raises(services.TransitionError, match="不能晚于今天"):
        services.withdraw(req, user=officer, on=datetime.date.today() + datetime.timedelta(days=2))


def test_archived_request_is_read_only(register, officer):
    req, _code = register()
    _to(Status.ARCHIVED, req, officer)
    for call in (
        lambda: services.add_note(req, user=officer, text="x"),
        lambda: services.assign(req, user=officer, assignee=officer),
        lambda: services.withdraw(req, user=officer, on=ON),
    ):
        with pytest.raises(services.TransitionError, match="归档"):
            call()


def test_due_state_for_the_inbox(register, officer):
    req, _code = register(received_on=D(2026, 3, 2))  # due 2026-03-30
    assert services.due_state(req, today=D(2026, 3, 31)) == "overdue"
    assert services.due_state(req, today=D(2026, 3, 30)) == "due_today"
    assert services.due_state(req, today=D(2026, 3, 26)) == "due_soon"
    assert services.due_state(req, today=D(2026, 3, 10)) == ""
