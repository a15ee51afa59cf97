"""From 1 November the office is told, on the dashboard and by e-mail, to
import next year's holiday schedule, until it does; the calendar is in the
officer's menu."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from wagtail_gk import workdays
from wagtail_gk.calendar_import import read_schedule, replace_year
from wagtail_gk.calendar_reminders import missing_schedule_years, send_calendar_reminders
from wagtail_gk.models import CalendarYear

from ..calendar_notices import MADE_UP_2027 as NOTICE_2027

pytestmark = pytest.mark.django_db
D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _no_2027():
    CalendarYear.objects.filter(year__gte=2027).delete()
    workdays.clear_cache()


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI), tick=False)


def test_next_year_is_due_from_the_first_of_november():
    assert missing_schedule_years(D(2026, 10, 31)) == []
    assert missing_schedule_years(D(2026, 11, 1)) == [2027]
    assert missing_schedule_years(D(2027, 3, 1)) == [2027]  # the current year itself is missing
    schedule = read_schedule(NOTICE_2027)
    replace_year(schedule.year, schedule.days, schedule.source)
    workdays.clear_cache()
    assert missing_schedule_years(D(2026, 11, 1)) == []


def test_dashboard_banner_for_the_office_only(client, users):
    with at(D(2026, 11, 2)):
        client.force_login(users["officer"])
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "缺少节假日安排" in html and reverse("gk_calendar:import") in html
        client.force_login(users["editor"])
        assert "缺少节假日安排" not in client.get(reverse("wagtailadmin_home")).content.decode()
    with at(D(2026, 10, 20)):
        client.force_login(users["officer"])
        assert "缺少节假日安排" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_calendar_is_in_the_officers_menu_and_the_import_opens(client, users):
    client.force_login(users["officer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("gk_calendar:index") in html
    assert client.get(reverse("gk_calendar:import")).status_code == 200


def test_weekly_email_until_the_schedule_is_imported(users):
    users["officer"].email = "office@example.cn"
    users["officer"].save()
    assert send_calendar_reminders(D(2026, 11, 2)) >= 1
    (message,) = mail.outbox
    assert "2027" in message.subject and "office@example.cn" in message.to
    assert reverse("gk_calendar:import") in message.body
    assert send_calendar_reminders(D(2026, 11, 5)) == 0  # once a week
    assert send_calendar_reminders(D(2026, 11, 9)) >= 1
    schedule = read_schedule(NOTICE_2027)
    replace_year(schedule.year, schedule.days, schedule.source)
    workdays.clear_cache()
    assert send_calendar_reminders(D(2026, 11, 16)) == 0
    assert len(mail.outbox) == 2
