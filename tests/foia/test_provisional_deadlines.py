"""Deadlines that reach a year whose holiday schedule is not imported yet.

Worked out by hand: a request received on Sunday 2026-12-20 has its 20 working
days on 12-21…25 (5), 12-28…31 (4), then in 2027, weekends only while 2027 is
unknown: 01-01 (10), 01-04…08 (15), 01-11…15 (20) → Friday 2027-01-15,
provisional. Once a 2027 schedule with 元旦 on 01-01…03 is imported:
01-04…08 (14), 01-11…15 (19), 01-18 (20) → Monday 2027-01-18.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail_gk import workdays
from wagtail_gk.calendar_import import read_schedule, replace_year
from wagtail_gk.gate.ledger import verify_ledger
from wagtail_gk.models import CalendarYear, LedgerEntry
from wagtail_gk_foia import services
from wagtail_gk_foia.documents import issue_document
from wagtail_gk_foia.models import DisclosureRequest, RequestEvent

from ..calendar_notices import MADE_UP_2027 as SCHEDULE_2027
from .conftest import form_post

pytestmark = pytest.mark.django_db
D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")



@pytest.fixture
def december_20():
    """The clock on 2026-12-20, 10:00 in Shanghai, with 2027 unknown."""
    CalendarYear.objects.filter(year__gte=2027).delete()
    workdays.clear_cache()
    with time_machine.travel(datetime.datetime(2026, 12, 20, 10, tzinfo=SHANGHAI), tick=False):
        yield D(2026, 12, 20)


def import_2027(django_capture_on_commit_callbacks):
    """Import the schedule and run what waits for the commit (recomputation, e-mail)."""
    schedule = read_schedule(SCHEDULE_2027)
    with django_capture_on_commit_callbacks(execute=True):
        replace_year(schedule.year, schedule.days, schedule.source)


def test_reply_date_in_an_unknown_year_is_provisional_then_recomputed_on_import(
    december_20, register, officer, django_capture_on_commit_callbacks
):
    officer.email = "wang@example.cn"
    officer.save()
    req, _code = register(received_on=december_20)
    DisclosureRequest.objects.filter(pk=req.pk).update(assignee=officer)
    req.refresh_from_db()
    assert req.reply_due_on == D(2027, 1, 15)
    assert req.reply_due_is_provisional
    with translation.override("en"):
        explanation = " ".join(services.compute_deadlines(req).steps)
    assert "Provisional" in explanation and "2027" in explanation

    import_2027(django_capture_on_commit_callbacks)  # recompute, ledger, e-mail (tasks run inline in the tests)

    req.refresh_from_db()
    assert req.reply_due_on == D(2027, 1, 18)
    assert not req.reply_due_is_provisional
    event = RequestEvent.objects.get(request=req, action="recalculate_deadlines")
    assert "2027年1月15日" in event.detail and "2027年1月18日" in event.detail
    assert LedgerEntry.objects.filter(pk=event.ledger_entry_id).exists()
    assert verify_ledger()[1] is None
    (message,) = [m for m in mail.outbox if req.tracking_number in m.subject]
    assert message.to == ["wang@example.cn"] and "1月18日" in message.body


def test_every_screen_says_provisional_with_the_reason(december_20, client, foia_page, users):
    url = foia_page.url
    response = client.post(url, form_post(client, url))
    assert response.status_code == 302
    assert "待确认" in client.get(response["Location"]).content.decode()
    # 第31条: online, the date of receipt is the date both sides confirm (here the same day).
    services.confirm_receipt(DisclosureRequest.objects.get(), user=users["officer"], on=december_20, method="online")
    receipt = client.get(response["Location"]).content.decode()
    assert "2027年1月15日" in receipt and "暂定" in receipt and "2027年节假日安排" in receipt

    req = DisclosureRequest.objects.get()
    code = client.get(response["Location"]).context["query_code"]
    status = Client().post(url + "status/", {"tracking_number": req.tracking_number, "query_code": code})
    html = status.content.decode()
    assert status.status_code == 200
    assert "2027年1月15日" in html and "暂定" in html and "2027年节假日安排" in html

    client.force_login(users["officer"])
    workspace = client.get(reverse("wagtail_gk_foia_requests:edit", args=[req.pk])).content.decode()
    assert "2027-01-15" in workspace and "暂定" in workspace
    inbox = client.get(reverse("wagtail_gk_foia_requests:index")).content.decode()
    assert "2027-01-15" in inbox and "暂定" in inbox

    document = issue_document(req, "registration_form", user=users["officer"], issued_on=december_20)
    assert "2027年1月15日" in document.text and "暂定" in document.text


def test_consultation_period_in_an_unknown_year_is_computed_and_recomputed(
    december_20, register, officer, django_capture_on_commit_callbacks
):
    req, _code = register(received_on=D(2026, 12, 14))
    services.start_consultation(
        req, user=officer, kind="third_party", party="某公司", on=december_20, received_on=december_20, delivery="in_person"
    )
    consultation = req.consultations.get()
    # 15 working days from the letter's receipt on Sun 12-20: 12-21…25 (5), 12-28…31 (9), 01-01 (10), 01-04…08 (15) → 2027-01-08.
    assert consultation.answer_due_on == D(2027, 1, 8)
    import_2027(django_capture_on_commit_callbacks)
    consultation.refresh_from_db()
    # With 元旦 01-01…03: 12-31 (9), 01-04…08 (14), 01-11 (15) → 2027-01-11.
    assert consultation.answer_due_on == D(2027, 1, 11)


def test_a_known_year_is_never_provisional(register):
    req, _code = register(received_on=D(2026, 3, 2))
    assert not req.reply_due_is_provisional
    assert workdays.provisional_reason(req.reply_due_on) == ""
