"""Officer steps through the admin URLs: the inbox (overdue first), allowed
steps only, assignment, the gate blocking a reply with a blocked term, review
and publication, personal data shown only to those who may see it (logged),
every step in the review ledger."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import Client

from wagtail_gk.models import LedgerEntry, SensitiveTerm
from wagtail_gk_interaction import services
from wagtail_gk_interaction.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/admin/wagtail_gk_interaction_letters/"


@pytest.fixture
def clock():
    moment = datetime.datetime(2026, 5, 20, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


def login(users, role):
    client = Client()
    client.force_login(users[role])
    return client


def test_inbox_lists_overdue_first(clock, make_letter, users):
    fresh, _c = make_letter(D(2026, 5, 19), kind="suggestion", subject="新的建议")
    late, _c = make_letter(D(2026, 4, 30), kind="consultation", subject="逾期的咨询")  # due 11 May
    response = login(users, "officer").get(BASE)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("逾期的咨询") < html.index("新的建议")
    assert "已逾期" in html or "逾期" in html
    overdue_only = login(users, "officer").get(BASE + "?due=overdue").content.decode()
    assert "逾期的咨询" in overdue_only and "新的建议" not in overdue_only
    assert fresh.pk and late.pk


def test_officer_assigns_and_drafts_reviewer_sends(make_letter, users, agencies):
    letter, code = make_letter(D(2026, 3, 2))
    officer, reviewer = login(users, "officer"), login(users, "reviewer")
    page = officer.get(f"{BASE}{letter.pk}/").content.decode()
    assert "分办至承办单位" in page and "审核通过并发出答复" not in page  # allowed steps only
    # A step not allowed now is refused and changes nothing.
    refused = officer.post(f"{BASE}{letter.pk}/step/draft_reply/", {})
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RECEIVED
    response = officer.post(f"{BASE}{letter.pk}/step/assign/", {"assign-agency": agencies["township_a"].pk, "assign-note": ""})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_HAND and letter.agency == agencies["township_a"]
    response = officer.post(
        f"{BASE}{letter.pk}/step/draft_reply/",
        {"draft_reply-reply_text": "缴费截止日期为12月31日，可通过手机缴费。", "draft_reply-public_subject": letter.subject, "draft_reply-public_body": letter.body},
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVIEW
    # The officer cannot approve; the reviewer can.
    assert officer.post(f"{BASE}{letter.pk}/step/approve/", {"approve-publish": "on"}).status_code in (302, 403)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVIEW
    assert reviewer.post(f"{BASE}{letter.pk}/step/approve/", {"approve-publish": "on"}).status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REPLIED and letter.published and letter.reply_agency == agencies["township_a"]
    actions = list(LedgerEntry.objects.filter(object_id=str(letter.pk), action__startswith="interaction.").values_list("action", flat=True))
    for action in ("interaction.received", "interaction.assign", "interaction.draft_reply", "interaction.reply_sent", "interaction.published"):
        assert action in actions
    assert code


def test_gate_blocks_a_reply_with_a_blocked_term(make_letter, users, agencies):
    SensitiveTerm.objects.create(term="内部绝密材料", category="测试")
    letter, _c = make_letter(D(2026, 3, 2))
    services.assign(letter, agencies["county"])
    response = login(users, "officer").post(
        f"{BASE}{letter.pk}/step/draft_reply/",
        {"draft_reply-reply_text": "请参见内部绝密材料第三条。", "draft_reply-public_subject": "医保", "draft_reply-public_body": "医保缴费"},
    )
    assert response.status_code == 400
    assert "发布审查拦截" in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_HAND and letter.reply_text == ""
    assert LedgerEntry.objects.filter(object_id=str(letter.pk), action="interaction.gate", decision="blocked").exists()


def test_unmasked_id_number_in_the_published_letter_is_blocked(make_letter, agencies):
    letter, _c = make_letter(D(2026, 3, 2), body="我的身份证号11010519491231002X，电话13912345678，请回电。")
    letter = services.assign(letter, agencies["county"])
    with pytest.raises(services.StepRefused):
        services.draft_reply(letter, "已回电。", public_subject="回电", public_body=letter.body)
    from wagtail_gk_interaction.masking import mask_text

    masked = mask_text(letter.body)
    assert "110105********002X" in masked and "139****5678" in masked and "11010519491231002X" not in masked
    assert services.draft_reply(letter, "已回电。", public_subject="回电", public_body=masked).status == LetterStatus.REVIEW


def test_personal_data_only_for_officers_and_logged(make_letter, users):
    letter, _c = make_letter(D(2026, 3, 2), name="陈来信", phone="13800138000")
    officer_page = login(users, "officer").get(f"{BASE}{letter.pk}/").content.decode()
    assert "13800138000" in officer_page and "陈来信" in officer_page
    assert LedgerEntry.objects.filter(object_id=str(letter.pk), action="interaction.view_personal_data").count() == 1
    reviewer_page = login(users, "reviewer").get(f"{BASE}{letter.pk}/").content.decode()
    assert "13800138000" not in reviewer_page and "陈来信" not in reviewer_page
    assert LedgerEntry.objects.filter(object_id=str(letter.pk), action="interaction.view_personal_data").count() == 1


def test_editor_without_permission_is_refused(make_letter, users):
    letter, _c = make_letter(D(2026, 3, 2))
    assert login(users, "editor").get(f"{BASE}{letter.pk}/").status_code in (302, 403)


def test_alarm_page_lists_old_enquiries(clock, make_letter, users):
    make_letter(D(2026, 2, 10), kind="consultation", subject="二月的咨询")
    make_letter(D(2026, 3, 10), kind="consultation", subject="三月的咨询")
    html = login(users, "officer").get(BASE + "alarm/").content.decode()
    assert "二月的咨询" in html and "三月的咨询" not in html
    assert Letter.objects.count() == 2
