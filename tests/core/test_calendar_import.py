import datetime

import pytest
from django.urls import reverse

from wagtail_gk.calendar_import import ScheduleError, parse_schedule
from wagtail_gk.models import CalendarDay, CalendarYear

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月13日（周六）上班。
六、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


def test_parses_the_notice_wording():
    days = parse_schedule(NOTICE_2027, 2027)
    workdays = [d.date for d in days if d.kind == "workday"]
    assert workdays == [datetime.date(2027, 2, 13), datetime.date(2027, 9, 26), datetime.date(2027, 10, 9)]
    holidays = [d for d in days if d.kind == "holiday"]
    assert len(holidays) == 3 + 7 + 7
    assert {d.name for d in holidays} == {"元旦", "春节", "国庆节"}


def test_parses_csv_rows():
    days = parse_schedule("2027-05-01,放假,劳动节\n2027-04-25,上班,劳动节调休上班\n", 2027)
    assert [(d.date.isoformat(), d.kind) for d in days] == [("2027-04-25", "workday"), ("2027-05-01", "holiday")]


def test_errors_name_the_line_and_nothing_is_accepted():
    with pytest.raises(ScheduleError) as excinfo:
        parse_schedule("2027-05-01,放假,劳动节\n2027-13-01,放假,错\n2026-05-02,放假,劳动节\n", 2027)
    errors = excinfo.value.errors
    assert any("第2行" in e for e in errors)
    assert any("第3行" in e and "不在2027年内" in e for e in errors)


def test_contradictory_days_are_refused():
    with pytest.raises(ScheduleError, match="矛盾"):
        parse_schedule("2027-05-01,放假,劳动节\n2027-05-01,上班,劳动节\n", 2027)


@pytest.mark.django_db
def test_admin_import_previews_then_replaces_the_year(admin_client_zh):
    url = reverse("gk_calendar:import")
    form = {"year": "2027", "source": "国办发明电〔2026〕1号", "text": NOTICE_2027}
    response = admin_client_zh.post(url, form)
    assert response.status_code == 200
    assert "确认导入" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()  # preview writes nothing

    response = admin_client_zh.post(url, {**form, "confirmed": "1"})
    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert year.days.count() == 20
    assert CalendarDay.objects.get(date=datetime.date(2027, 10, 9)).kind == "workday"


@pytest.mark.django_db
def test_admin_import_shows_errors_and_writes_nothing(admin_client_zh):
    response = admin_client_zh.post(
        reverse("gk_calendar:import"), {"year": "2027", "text": "二、春节：没有日期放假。", "confirmed": "1"}
    )
    assert response.status_code == 200
    assert "第1行" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_import_needs_calendar_permission(client, users):
    client.force_login(users["editor"])
    response = client.get(reverse("gk_calendar:import"))
    assert response.status_code in (302, 403)
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_calendar_year_edit_screen_lists_its_days(admin_client_zh):
    year = CalendarYear.objects.get(year=2026)
    response = admin_client_zh.get(reverse("gk_calendar:edit", args=[year.pk]))
    assert response.status_code == 200
    assert "2026-02-14" in response.content.decode()
