"""Reply limits in working days across holidays, worked out by hand from the
State Council's 2026 schedule, the one extension, transfer keeping the
clock, and the 3-month alarm. Every date is pinned: nothing reads today."""

from __future__ import annotations

import datetime

import pytest

from wagtail_gk_interaction import services
from wagtail_gk_interaction.deadlines import (
    alarm_cutoff,
    due_state,
    months_before,
    reply_due_on,
    unanswered_consultations,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        # 劳动节 1–5 May 2026 off, Saturday 9 May worked: 6, 7, 8, 9, 11 May.
        ("consultation", D(2026, 4, 30), D(2026, 5, 11)),
        # 中秋 25–27 Sep, 国庆 1–7 Oct off, Sat 10 Oct worked:
        # 30 Sep, 8, 9, 10, 12, 13, 14 Oct.
        ("complaint", D(2026, 9, 29), D(2026, 10, 14)),
        ("help", D(2026, 9, 29), D(2026, 10, 14)),
        # 清明 4–6 Apr off: 3 (Fri), 7, 8, 9, 10, 13, 14, 15, 16, 17 Apr.
        ("suggestion", D(2026, 4, 2), D(2026, 4, 17)),
        # An ordinary fortnight: 10 working days after Mon 2 Mar.
        ("leader", D(2026, 3, 2), D(2026, 3, 16)),
    ],
)
def test_reply_limit_counts_working_days(kind, received, due):
    assert reply_due_on(kind, received) == due


def test_limits_and_leader_days_are_configurable(settings):
    settings.GK_INTERACTION_LEADER_REPLY_DAYS = 15
    settings.GK_INTERACTION_KINDS = {"consultation": {"reply_days": 3}, "report": {"label": "举报", "reply_days": 20, "anonymous": True}}
    assert reply_due_on("leader", D(2026, 3, 2)) == D(2026, 3, 23)
    assert reply_due_on("consultation", D(2026, 4, 30)) == D(2026, 5, 8)  # 6, 7, 8 May
    assert reply_due_on("report", D(2026, 3, 2)) == D(2026, 3, 30)


def test_registered_letter_gets_its_due_date(make_letter):
    letter, _code = make_letter(D(2026, 4, 30), kind="consultation")
    assert letter.received_on == D(2026, 4, 30) and letter.reply_due_on == D(2026, 5, 11)


def test_one_extension_with_reason(make_letter, agencies):
    letter, _code = make_letter(D(2026, 4, 30), kind="consultation")
    letter = services.assign(letter, agencies["county"])
    with pytest.raises(services.StepRefused):
        services.extend(letter, 3, "  ")
    with pytest.raises(services.StepRefused):
        services.extend(letter, 11, "需要会商")
    letter = services.extend(letter, 3, "需要会商相关部门")
    # 5 + 3 working days after 30 April: … 11, 12, 13, 14 May.
    assert letter.reply_due_on == D(2026, 5, 14) and letter.extension_reason == "需要会商相关部门"
    with pytest.raises(services.StepRefused, match="一次"):
        services.extend(letter, 2, "再次延期")
    letter.refresh_from_db()
    assert letter.reply_due_on == D(2026, 5, 14)


def test_transfer_keeps_the_clock(make_letter, agencies):
    letter, _code = make_letter(D(2026, 9, 29), kind="complaint")
    letter = services.assign(letter, agencies["county"])
    letter = services.transfer(letter, agencies["township_a"], note="属地管理")
    assert letter.agency == agencies["township_a"] and letter.reply_due_on == D(2026, 10, 14)
    with pytest.raises(services.StepRefused):
        services.transfer(letter, agencies["township_b"], note="")


def test_due_state_on_pinned_days(make_letter):
    letter, _code = make_letter(D(2026, 4, 30), kind="consultation")  # due 11 May
    assert due_state(letter, today=D(2026, 5, 6)) == "running"
    assert due_state(letter, today=D(2026, 5, 8)) == "due_soon"
    assert due_state(letter, today=D(2026, 5, 11)) == "due_soon"
    assert due_state(letter, today=D(2026, 5, 12)) == "overdue"


def test_months_before():
    assert months_before(D(2026, 5, 31), 3) == D(2026, 2, 28)
    assert months_before(D(2026, 1, 15), 3) == D(2025, 10, 15)
    assert alarm_cutoff(D(2026, 5, 28)) == D(2026, 2, 28)


def test_three_month_alarm_names_every_unanswered_enquiry(make_letter, agencies):
    old, _c = make_letter(D(2026, 2, 27), kind="consultation", subject="旧咨询甲")
    older, _c = make_letter(D(2025, 12, 1), kind="consultation", subject="旧咨询乙")
    services.assign(older, agencies["county"])
    make_letter(D(2026, 3, 2), kind="consultation", subject="未满三个月")
    make_letter(D(2026, 1, 5), kind="complaint", subject="投诉不算")
    answered, _c = make_letter(D(2026, 1, 6), kind="consultation", subject="已答复")
    answered = services.assign(answered, agencies["county"])
    answered = services.draft_reply(answered, "已答复内容。", public_subject="已答复", public_body="内容", user=None)
    services.approve_reply(answered, publish=False, today=D(2026, 1, 9))
    names = {letter.subject for letter in unanswered_consultations(today=D(2026, 5, 28))}
    assert names == {"旧咨询甲", "旧咨询乙"}
