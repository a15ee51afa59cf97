"""The remaining duties of the 条例: the confirmation of receipt (第31条),
periods that run from the receipt of a consultation letter or fee notice
(第32、34、42条), correction requests (第41条) and proactive disclosure of
information several applicants ask for (第44条).

Every date is worked out by hand on the 2026 holiday schedule (国庆/中秋
2026-10-01…07 off, Saturday 10-10 a working day). The clock is pinned to
2026-12-01 so the tests do not depend on the day they run (CI also moves the
clock with GK_TEST_TODAY).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from wagtail_gk.models import LedgerEntry
from wagtail_gk_foia import services
from wagtail_gk_foia.models import DisclosureRequest, RequestEvent, Status

from .conftest import application, form_post, upload

pytestmark = pytest.mark.django_db
NS = "wagtail_gk_foia_requests"
D = datetime.date
TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
SEPT_30 = D(2026, 9, 30)  # Wednesday, the last working day before 国庆


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def officer_client(client, users):
    client.force_login(users["officer"])
    return client


@pytest.fixture
def filed(agencies, users):
    def make(received_on=SEPT_30, channel="in_person", **data):
        req, _code = services.register_request(
            agency=agencies["county"], data=application(**data), channel=channel, received_on=received_on,
            user=users["officer"], identity_proof=upload(),
        )
        return req

    return make


def post_action(client, req, code, **fields):
    data = {f"{code}-{name}": value for name, value in fields.items()}
    return client.post(u("action", req.pk, code), data, follow=True)


def counts(req=None):
    events = RequestEvent.objects.filter(request=req).count() if req else RequestEvent.objects.count()
    return events, LedgerEntry.objects.count()


# --- 第31条: the confirmation of receipt ------------------------------------------


@pytest.mark.parametrize("channel", ["fax", "ordinary_letter"])
def test_confirmation_channels_wait_then_run_from_the_confirmed_date(officer_client, filed, channel):
    req = filed(channel=channel)  # arrived Wed 2026-09-30, the day before 国庆
    assert req.awaiting_confirmation
    assert req.reply_due_on is None
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "待确认" in html and "第三十一条" in html
    # Other steps wait for the confirmation, with a clear message and nothing written.
    before = counts(req)
    html = post_action(officer_client, req, "request_reasons", on="2026-10-09").content.decode()
    assert "请先记录与申请人确认收到申请的情况" in html
    assert counts(req) == before
    # Confirmed by telephone on Fri 10-09 (the office reopened on 10-08).
    post_action(officer_client, req, "confirm_receipt", on="2026-10-09", method="phone", note="电话 0951-1234567")
    req.refresh_from_db()
    assert not req.awaiting_confirmation
    assert (req.arrived_on, req.received_on, req.clock_started_on, req.receipt_confirmed_on) == (
        D(2026, 9, 30), D(2026, 10, 9), D(2026, 10, 9), D(2026, 10, 9)
    )
    # 20 working days from 10-09: Sat 10-10 (1), 10-12…16 (6), 10-19…23 (11), 10-26…30 (16), 11-02…05 (20).
    assert req.reply_due_on == D(2026, 11, 5)
    assert any("2026年10月9日" in step and "电话" in step for step in req.due_explanation)
    assert RequestEvent.objects.filter(request=req, action="confirm_receipt", effective_on=D(2026, 10, 9)).exists()


def test_confirmation_refuses_bad_dates_and_other_channels(officer_client, filed):
    req = filed(channel="fax")
    before = counts(req)
    html = post_action(officer_client, req, "confirm_receipt", on="2026-09-29", method="phone").content.decode()
    assert "不能早于" in html
    assert counts(req) == before
    in_person = filed()
    with pytest.raises(services.TransitionError):
        services.confirm_receipt(in_person, user=None, on=D(2026, 9, 30), method="phone")
    assert not in_person.awaiting_confirmation and in_person.reply_due_on is not None


def test_public_online_request_shows_to_be_confirmed_until_confirmed(client, foia_page, users):
    url = foia_page.url
    response = client.post(url, form_post(client, url))
    assert response.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.channel == "online" and req.awaiting_confirmation and req.reply_due_on is None
    receipt = client.get(response["Location"]).content.decode()
    assert "待确认" in receipt and "第三十一条" in receipt
    services.confirm_receipt(req, user=users["officer"], on=D(2026, 12, 1), method="online")
    req.refresh_from_db()
    # 20 working days from Tue 12-01: 12-02…04 (3), 12-07…11 (8), 12-14…18 (13), 12-21…25 (18), 12-28, 12-29 (20).
    assert req.reply_due_on == D(2026, 12, 29)


# --- 第32、34、42条: periods from the receipt of the letter or notice ------------------


def test_consultation_period_runs_from_the_receipt_of_the_letter(officer_client, filed):
    req = filed(received_on=D(2026, 9, 28))  # Mon
    post_action(officer_client, req, "start_consultation", on="2026-09-28", kind="third_party", party="宁夏某建设公司")
    consultation = req.consultations.get()
    assert consultation.letter_received_on is None and consultation.answer_due_on is None
    doc = officer_client.post(u("issue_document", req.pk), {"kind": "third_party_consultation"})
    assert doc.status_code == 302
    text = req.documents.get(kind="third_party_consultation").text
    assert "自收到本征求意见书之日起15个工作日内" in text
    # Received by post on Wed 09-30. 15 working days from there: 10-08 (1), 10-09 (2),
    # Sat 10-10 (3), 10-12…16 (8), 10-19…23 (13), 10-26 (14), 10-27 (15).
    # (Counted from the day it was sent, 09-28, it would have been 10-23.)
    post_action(officer_client, req, "record_consultation_receipt", on="2026-09-30", delivery="post", consultation=consultation.pk)
    consultation.refresh_from_db()
    assert (consultation.letter_received_on, consultation.delivery_method, consultation.answer_due_on) == (
        D(2026, 9, 30), "post", D(2026, 10, 27)
    )
    officer_client.post(u("issue_document", req.pk), {"kind": "consultation_confirmation"})
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "2026-09-30" in html and "2026-10-27" in html
    # Recording the receipt twice is refused and writes nothing.
    before = counts(req)
    with pytest.raises(services.TransitionError):
        services.record_consultation_receipt(req, user=None, consultation_id=consultation.pk, on=D(2026, 10, 1), delivery="post")
    assert counts(req) == before


def test_co_producer_letter_handed_over_states_its_due_date(officer_client, filed):
    req = filed(received_on=D(2026, 9, 28))
    post_action(
        officer_client, req, "start_consultation", on="2026-09-29", kind="co_producer", party="县财政局",
        received_on="2026-09-30", delivery="in_person",
    )
    consultation = req.consultations.get()
    assert consultation.answer_due_on == D(2026, 10, 27)
    officer_client.post(u("issue_document", req.pk), {"kind": "co_producer_consultation"})
    text = req.documents.get(kind="co_producer_consultation").text
    assert "自收到本征求意见书之日起15个工作日内（即2026年10月27日前）" in text
    # A receipt before the letter was sent is refused.
    other = filed(received_on=D(2026, 9, 28))
    before = counts(other)
    html = post_action(
        officer_client, other, "start_consultation", on="2026-09-29", kind="co_producer", party="县财政局",
        received_on="2026-09-28", delivery="in_person",
    ).content.decode()
    assert "不能早于" in html
    assert counts(other) == before and not other.consultations.exists()


def test_fee_period_runs_from_the_day_after_the_notice_is_received(officer_client, filed):
    req = filed(received_on=D(2026, 9, 28))
    post_action(officer_client, req, "issue_fee_notice", on="2026-09-29", method="page", quantity=200)
    req.refresh_from_db()
    assert req.status == Status.FEE_PENDING and req.fee_due_on is None
    assert "close_unpaid" not in {a.code for a in services.available_actions(req)}
    officer_client.post(u("issue_document", req.pk), {"kind": "fee_notice"})
    assert "请自收到本通知书之次日起20个工作日内缴纳" in req.documents.get(kind="fee_notice").text
    # Received by post on Wed 09-30; 20 working days from the next day: 10-08 (1), 10-09 (2),
    # Sat 10-10 (3), 10-12…16 (8), 10-19…23 (13), 10-26…30 (18), 11-02 (19), 11-03 (20).
    post_action(officer_client, req, "record_fee_notice_receipt", on="2026-09-30", delivery="post")
    req.refresh_from_db()
    assert (req.fee_notice_received_on, req.fee_notice_delivery, req.fee_due_on) == (D(2026, 9, 30), "post", D(2026, 11, 3))
    assert RequestEvent.objects.filter(request=req, action="record_fee_notice_receipt").exists()
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "2026-11-03" in html
    # A second notice receipt, or one before the notice, is refused.
    before = counts(req)
    with pytest.raises(services.TransitionError):
        services.record_fee_notice_receipt(req, user=None, on=D(2026, 10, 8), delivery="post")
    assert counts(req) == before


# --- 第41条: correction requests ------------------------------------------------------


def test_correction_request_intake_decision_document_and_report(officer_client, filed, client, users):
    from wagtail_gk_foia.report import build_report

    req = filed(received_on=D(2026, 9, 28))
    post_action(
        officer_client, req, "receive_correction_request", on="2026-09-30", information="申请人户籍登记信息",
        inaccuracy="出生日期登记为1949年12月30日，与户口簿不符（附户口簿复印件）", requested_correction="更正为1949年12月31日",
    )
    correction = req.correction_requests.get()
    assert correction.is_pending and correction.received_on == D(2026, 9, 30)
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "更正申请（第四十一条）" in html and "申请人户籍登记信息" in html
    # A refusal without reasons is refused and writes nothing.
    before = counts(req)
    html = post_action(
        officer_client, req, "decide_correction_request", on="2026-10-09", correction=correction.pk, outcome="refused"
    ).content.decode()
    assert "不予更正的，应当说明理由。" in html
    assert counts(req) == before
    response = officer_client.post(
        u("action", req.pk, "decide_correction_request"),
        {"decide_correction_request-on": "2026-10-09", "decide_correction_request-correction": correction.pk,
         "decide_correction_request-outcome": "corrected", "decide_correction_request-correction_made": "出生日期已更正为1949年12月31日"},
    )
    assert "document=record_corrected" in response["Location"]
    correction.refresh_from_db()
    assert (correction.outcome, correction.decided_on) == ("corrected", D(2026, 10, 9))
    officer_client.post(u("issue_document", req.pk), {"kind": "record_corrected"})
    text = req.documents.get(kind="record_corrected").text
    assert "第四十一条" in text and "出生日期已更正为1949年12月31日" in text and "2026年9月30日" in text
    # Deciding it again: a clear message, nothing written.
    before = counts(req)
    with pytest.raises(services.TransitionError, match="已于2026年10月9日处理"):
        services.duties.decide_correction_request(req, user=None, correction_id=correction.pk, on=D(2026, 10, 12), outcome="refused", reasons="x")
    assert counts(req) == before
    # Counted in the year's report (JSON through the admin URL too).
    assert build_report(2026)["table3"]["corrections"] == {"received": 1, "corrected": 1, "refused": 0, "forwarded": 0, "pending": 0}
    data = officer_client.get(u("report") + "?year=2026&format=json").json()
    assert data["table3"]["corrections"]["corrected"] == 1
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(officer_client.get(u("report") + "?year=2026&format=xlsx").content))
    rows = [[c for c in row if c is not None] for sheet in book for row in sheet.iter_rows(values_only=True)]
    at = next(i for i, row in enumerate(rows) if row[:1] == ["更正申请（第四十一条）"])
    assert rows[at + 1] == [1, 1, 0, 0, 0]  # received, corrected, not corrected, forwarded, pending
    assert "更正申请（第四十一条）" in officer_client.get(u("report") + "?year=2026").content.decode()


def test_correction_forwarded_and_refused_outcomes(officer_client, filed):
    from wagtail_gk_foia.report import build_report

    req = filed(received_on=D(2026, 9, 28))
    first = services.duties.receive_correction_request(req, user=None, on=D(2026, 9, 29), information="社保缴费记录", inaccuracy="缴费月数少记3个月")
    second = services.duties.receive_correction_request(req, user=None, on=D(2026, 9, 30), information="低保名单住址", inaccuracy="住址门牌号错误")
    response = officer_client.post(
        u("action", req.pk, "decide_correction_request"),
        {"decide_correction_request-on": "2026-10-08", "decide_correction_request-correction": first.pk,
         "decide_correction_request-outcome": "forwarded", "decide_correction_request-competent_agency": "永宁县社会保险事业管理中心"},
    )
    assert "document=record_correction_forwarded" in response["Location"]
    services.duties.decide_correction_request(req, user=None, correction_id=second.pk, on=D(2026, 10, 8), outcome="refused", reasons="门牌号与民政部门核实一致。")
    officer_client.post(u("issue_document", req.pk), {"kind": "record_not_corrected"})
    text = req.documents.get(kind="record_not_corrected").text
    assert "门牌号与民政部门核实一致。" in text and "不予更正" in text
    counts_2026 = build_report(2026)["table3"]["corrections"]
    assert (counts_2026["received"], counts_2026["forwarded"], counts_2026["refused"], counts_2026["pending"]) == (2, 1, 1, 0)
    assert build_report(2025)["table3"]["corrections"]["received"] == 0


@pytest.mark.parametrize("status", [Status.REPLIED, Status.WITHDRAWN, Status.ARCHIVED])
def test_correction_or_proposal_on_a_closed_request_writes_nothing(officer_client, filed, status):
    req = filed(received_on=D(2026, 9, 28))
    DisclosureRequest.objects.filter(pk=req.pk).update(status=status)
    before = counts(req)
    for code, fields in [
        ("receive_correction_request", {"on": "2026-09-30", "information": "户籍信息", "inaccuracy": "出生日期有误"}),
        ("receive_proactive_proposal", {"on": "2026-09-30", "information": "县道改造工程招标文件"}),
    ]:
        html = post_action(officer_client, req, code, **fields).content.decode()
        assert "不能执行" in html or "已归档" in html
    assert counts(req) == before
    assert not req.correction_requests.exists() and not req.proactive_proposals.exists()


def test_correction_on_an_unknown_request_is_not_found(officer_client):
    before = counts()
    response = officer_client.post(u("action", 999999, "receive_correction_request"), {"receive_correction_request-on": "2026-09-30"})
    assert response.status_code == 404
    assert counts() == before


# --- 第44条: proactive disclosure ------------------------------------------------------


def test_similarity_of_titles():
    from wagtail_gk_foia.services.duties import similarity

    assert similarity("2025年县道改造工程招标文件", "2025年县道改造工程招标文件") == 1.0
    assert similarity("2025年县道改造工程招标文件", "县道改造工程（2025年）招标文件") >= 0.5
    assert similarity("2025年县道改造工程招标文件", "红星村集体土地流转合同") == 0.0


def test_several_applicants_converted_to_proactive_disclosure(officer_client, filed, client, foia_page):
    from wagtail_gk_foia.demo import credit_code

    a = filed(received_on=D(2026, 9, 28), information_title="2025年县道改造工程招标文件")
    b = filed(
        received_on=D(2026, 9, 29), information_title="县道改造工程（2025年）招标文件", applicant_name="李申请",
        id_number="110105194912310037",
    )
    c = filed(
        received_on=D(2026, 9, 30), information_title="2025年县道改造工程招标文件", applicant_type="commercial",
        applicant_name="宁夏某公司", id_type="", id_number=credit_code("91640121MA7612345"), contact_person="刘联系",
    )
    lone = filed(received_on=D(2026, 9, 30), information_title="红星村集体土地流转合同", applicant_name="王申请", id_number="110105194912310053")
    services.reply(c, user=None, outcome="1", on=D(2026, 10, 9), published_where="县政府网站")
    html = officer_client.get(u("frequent")).content.decode()
    assert "县道改造工程" in html and "3个申请人" in html
    assert lone.tracking_number not in html
    # A closed request among those chosen: a clear message, nothing written.
    before = counts()
    response = officer_client.post(
        u("frequent"), {"requests": [a.pk, c.pk], "title": "2025年县道改造工程招标文件", "published_url": "/zwgk/xdgz/", "on": "2026-10-12"},
        follow=True,
    )
    assert "已办结" in response.content.decode() and c.tracking_number in response.content.decode()
    assert counts() == before
    # An unknown request: the same.
    response = officer_client.post(
        u("frequent"), {"requests": [a.pk, 999999], "title": "2025年县道改造工程招标文件", "published_url": "/zwgk/xdgz/", "on": "2026-10-12"},
        follow=True,
    )
    assert "没有这件政府信息公开申请" in response.content.decode()
    assert counts() == before
    response = officer_client.post(
        u("frequent"), {"requests": [a.pk, b.pk], "title": "2025年县道改造工程招标文件", "published_url": "/zwgk/xdgz/", "on": "2026-10-12"},
        follow=True,
    )
    assert "已为2件申请记录转为主动公开" in response.content.decode()
    from wagtail_gk_foia.models import ProactiveDisclosure

    disclosure = ProactiveDisclosure.objects.get()
    assert set(disclosure.requests.all()) == {a, b} and disclosure.published_url == "/zwgk/xdgz/"
    for req in (a, b):
        event = RequestEvent.objects.get(request=req, action="convert_to_proactive")
        assert event.effective_on == D(2026, 10, 12) and event.ledger_entry_id
    assert "/zwgk/xdgz/" in officer_client.get(u("edit", a.pk)).content.decode()
    assert "/zwgk/xdgz/" in officer_client.get(u("frequent")).content.decode()


def test_applicant_proposal_accepted_or_declined(officer_client, filed):
    req = filed(received_on=D(2026, 9, 28))
    post_action(officer_client, req, "receive_proactive_proposal", on="2026-09-30", information="县道改造工程招标文件", grounds="涉及沿线村民")
    proposal = req.proactive_proposals.get()
    # Accepting needs the link to the published page.
    before = counts(req)
    html = post_action(
        officer_client, req, "decide_proactive_proposal", on="2026-10-09", proposal=proposal.pk, decision="accept"
    ).content.decode()
    assert "请填写公开页面的链接" in html
    assert counts(req) == before
    response = officer_client.post(
        u("action", req.pk, "decide_proactive_proposal"),
        {"decide_proactive_proposal-on": "2026-10-09", "decide_proactive_proposal-proposal": proposal.pk,
         "decide_proactive_proposal-decision": "accept", "decide_proactive_proposal-published_url": "/zwgk/xdgz/"},
    )
    assert "document=proactive_proposal_reply" in response["Location"]
    proposal.refresh_from_db()
    assert proposal.accepted and proposal.disclosure.published_url == "/zwgk/xdgz/" and proposal.disclosure.source == "proposal"
    officer_client.post(u("issue_document", req.pk), {"kind": "proactive_proposal_reply"})
    text = req.documents.get(kind="proactive_proposal_reply").text
    assert "第四十四条" in text and "/zwgk/xdgz/" in text and "2026年10月9日" in text
    # A second proposal, declined with reasons.
    second = services.duties.receive_proactive_proposal(req, user=None, on=D(2026, 10, 9), information="评标专家名单")
    with pytest.raises(services.TransitionError):
        services.duties.decide_proactive_proposal(req, user=None, proposal_id=second.pk, on=D(2026, 10, 12), accept=False)
    services.duties.decide_proactive_proposal(req, user=None, proposal_id=second.pk, on=D(2026, 10, 12), accept=False, reasons="涉及个人信息")
    second.refresh_from_db()
    assert second.accepted is False and second.disclosure is None


def test_status_page_shows_to_be_confirmed_and_the_duties(agencies, users, foia_page):
    from django.test import Client

    req, code = services.register_request(
        agency=foia_page.agency, data=application(), channel="fax", received_on=SEPT_30, user=users["officer"],
    )
    url = foia_page.url + "status/"
    html = Client().post(url, {"tracking_number": req.tracking_number, "query_code": code}).content.decode()
    assert "待确认" in html and "第三十一条" in html
    services.confirm_receipt(req, user=users["officer"], on=D(2026, 10, 9), method="fax")
    correction = services.duties.receive_correction_request(req, user=users["officer"], on=D(2026, 10, 12), information="企业登记信息", inaccuracy="法定代表人姓名有误")
    services.duties.decide_correction_request(
        req, user=users["officer"], correction_id=correction.pk, on=D(2026, 10, 13), outcome="forwarded", competent_agency="永宁县市场监督管理局"
    )
    html = Client().post(url, {"tracking_number": req.tracking_number, "query_code": code}).content.decode()
    assert "待确认" not in html and "2026年11月5日" in html
    assert "更正申请（第四十一条）：转送有权更正的行政机关（永宁县市场监督管理局）" in html
