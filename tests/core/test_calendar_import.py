"""Importing the State Council's holiday notice exactly as published.

The notices in ``notices/`` are the 2024, 2025 and 2026 notices as published
(title, 文号, salutation, preamble, items, closing, signature and date); the
days they give must be exactly the shipped calendar of those years."""

import csv
import datetime
import io
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail_gk import workdays
from wagtail_gk.calendar_import import ScheduleError, parse_schedule, read_schedule, replace_year
from wagtail_gk.models import CalendarDay, CalendarYear

from ..calendar_notices import MADE_UP_2027, notice

SHIPPED = Path(__file__).resolve().parents[2] / "wagtail_gk" / "data" / "holidays.csv"
D = datetime.date


def shipped_days(year: int) -> set[tuple[str, str]]:
    with open(SHIPPED, encoding="utf-8") as f:
        return {(r[0], r[1]) for r in csv.reader(f) if r and r[0].startswith(str(year))}


def errors_of(text: str, year: int | None = None) -> list[str]:
    with translation.override("en"), pytest.raises(ScheduleError) as excinfo:
        read_schedule(text, year)
    return excinfo.value.errors


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_published_notice_imports_exactly(year):
    schedule = read_schedule(notice(year))
    assert schedule.year == year  # from the title
    assert {(d.date.isoformat(), d.kind) for d in schedule.days} == shipped_days(year)
    assert schedule.source.startswith(f"国务院办公厅关于{year}年部分节假日安排的通知 国办发明电〔")


def test_half_width_punctuation_and_square_brackets_read_the_same():
    text = notice(2026)
    folded = unicodedata.normalize("NFKC", text).replace("〔", "[").replace("〕", "]").replace("\u3000", "")
    assert folded != text
    schedule = read_schedule(folded)
    assert {(d.date.isoformat(), d.kind) for d in schedule.days} == shipped_days(2026)
    assert "国办发明电[2025]7号" in schedule.source


def test_full_width_digits_are_read():
    text = notice(2025).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert {(d.date.isoformat(), d.kind) for d in read_schedule(text).days} == shipped_days(2025)


def test_advice_to_rest_on_new_years_eve_is_not_a_holiday():
    days = {d.date for d in read_schedule(notice(2024)).days}
    assert D(2024, 2, 9) not in days  # "鼓励……安排职工在除夕（2月9日）休息"


def test_the_year_in_the_title_must_match_the_chosen_year():
    (error,) = errors_of(notice(2026), 2027)
    assert error.startswith("Line 1:") and "2026" in error and "2027" in error


def test_a_missing_item_is_named():
    lines = [line for line in notice(2026).splitlines() if "端午节：" not in line]
    errors = errors_of("\n".join(lines))
    assert any("item 6 follows item 4" in e for e in errors)
    assert any("端午节" in e for e in errors)


def test_an_overlapping_range_is_named():
    text = notice(2026).replace("四、劳动节：5月1日（周五）至5日（周二）", "四、劳动节：4月30日（周四）至5日（周二）")
    text = text.replace("共5天。5月9日", "共6天。5月9日")
    text = text.replace("三、清明节：4月4日（周六）至6日（周一）", "三、清明节：4月4日（周六）至4月30日（周四）")
    errors = errors_of(text)
    assert any("not a plausible range" in e or "overlap" in e for e in errors)


def test_two_items_claiming_one_day_are_refused():
    text = notice(2026).replace("六、中秋节：9月25日（周五）至27日（周日）", "六、中秋节：10月1日（周四）至3日（周六）")
    errors = errors_of(text)
    assert any("already in line" in e and "overlap" in e for e in errors)


def test_a_date_outside_the_year_is_named():
    text = notice(2026)
    text = text.replace("9月20日（周日）", "2028年9月20日（周三）")
    errors = errors_of(text)
    assert any(e.startswith("Line 12:") and "2028-09-20 is not in 2026" in e for e in errors)


def test_a_wrong_weekday_shows_the_notice_of_another_year():
    text = notice(2026).replace("关于2026年", "关于2027年")
    errors = errors_of(text)
    assert any("2027-01-01 is a 周五" in e and "周四" in e for e in errors)


def test_a_count_that_disagrees_with_the_range_is_named():
    text = notice(2026).replace("至7日（周三）放假调休，共7天", "至7日（周三）放假调休，共8天")
    assert any("has 7 days" in e for e in errors_of(text))


def test_garbled_text_is_named():
    garbled = notice(2026).encode("utf-8").decode("latin-1")
    errors = errors_of(garbled, 2026)
    assert errors and errors[0].startswith("Line 1:") and "garbled" in errors[0]
    assert errors_of("一、元旦：1月1日（周四）放假\ufffd\ufffd", 2026)


def test_an_item_without_a_holiday_name_is_named():
    assert any("name is missing" in e for e in errors_of("1月1日至3日放假，共3天。", 2026))


def test_a_notice_whose_new_years_day_starts_the_year_before():
    # 2023's notice: "元旦：2022年12月31日至2023年1月2日放假调休，共3天。"
    items = {
        "一、元旦": "2022年12月31日至2023年1月2日放假调休，共3天。",
        "二、春节": "1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。",
        "三、清明节": "4月5日放假，共1天。",
        "四、劳动节": "4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。",
        "五、端午节": "6月22日至24日放假调休，共3天。6月25日（星期日）上班。",
        "六、中秋节、国庆节": "9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。",
    }
    text = "国务院办公厅关于2023年部分节假日安排的通知\n" + "\n".join(f"{k}：{v}" for k, v in items.items())
    schedule = read_schedule(text)
    assert D(2022, 12, 31) in {d.date for d in schedule.days}
    assert len([d for d in schedule.days if d.name == "元旦"]) == 3


def test_csv_rows_still_work_and_name_their_column():
    days = parse_schedule("2027-05-01,放假,劳动节\n2027-04-25,上班,劳动节调休上班\n", 2027)
    assert [(d.date.isoformat(), d.kind) for d in days] == [("2027-04-25", "workday"), ("2027-05-01", "holiday")]
    errors = errors_of("2027-05-01,放假,劳动节\n2027-13-01,放假,错\n2026-05-02,放假,劳动节\n", 2027)
    assert any(e.startswith("Line 2: column 1") for e in errors)
    assert any(e.startswith("Line 3:") and "not in 2027" in e for e in errors)
    assert any("both a holiday and a working day" in e for e in errors_of("2027-05-01,放假,x\n2027-05-01,上班,x\n", 2027))


def test_messages_are_in_chinese_for_a_chinese_office():
    with translation.override("zh-hans"), pytest.raises(ScheduleError) as excinfo:
        read_schedule(notice(2026), 2027)
    assert excinfo.value.errors[0].startswith("第1行：")


NOTICE_2027 = MADE_UP_2027


@pytest.mark.django_db
def test_admin_import_previews_then_replaces_the_year_and_marks_it_known(admin_client_zh):
    url = reverse("gk_calendar:import")
    form = {"year": "", "source": "", "text": NOTICE_2027}
    response = admin_client_zh.post(url, form)
    assert response.status_code == 200, response.content.decode()[:3000]
    assert "确认导入" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()  # preview writes nothing

    response = admin_client_zh.post(url, {**form, "year": "2027", "confirmed": "1"})
    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert year.schedule_complete and year.source.startswith("国务院办公厅关于2027年")
    assert year.days.count() == 3 + 7 + 1 + 3 + 5 + 1 + 1 + 1 + 7 + 2
    assert CalendarDay.objects.get(date=D(2027, 10, 9)).kind == "workday"
    assert 2027 in workdays.known_years()


@pytest.mark.django_db
def test_admin_import_shows_errors_and_writes_nothing(admin_client_zh):
    response = admin_client_zh.post(
        reverse("gk_calendar:import"), {"year": "2027", "text": "二、春节：没有日期放假。\n三、清明节：4月3日放假。", "confirmed": "1"}
    )
    assert response.status_code == 200
    assert "元旦" in response.content.decode()  # the missing items are named
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_command_imports_the_notice_file(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    out = io.StringIO()
    call_command("gk_calendar_import", str(path), "--dry-run", stdout=out)
    assert "2027-10-09 workday" in out.getvalue()
    assert not CalendarYear.objects.filter(year=2027).exists()
    call_command("gk_calendar_import", str(path), stdout=io.StringIO())
    assert CalendarYear.objects.get(year=2027).schedule_complete


@pytest.mark.django_db
def test_command_refuses_a_bad_notice_and_writes_nothing(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(notice(2026), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="Line 1: this is the notice for 2026, not 2027"):
        call_command("gk_calendar_import", str(path), "--year", "2027")
    path.write_bytes(notice(2026).encode("gbk"))
    with translation.override("en"), pytest.raises(CommandError, match="not UTF-8"):
        call_command("gk_calendar_import", str(path))
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_the_shipped_years_reimport_unchanged():
    before = set(CalendarDay.objects.filter(calendar_year__year=2025).values_list("date", "kind"))
    schedule = read_schedule(notice(2025))
    replace_year(schedule.year, schedule.days, schedule.source)
    after = set(CalendarDay.objects.filter(calendar_year__year=2025).values_list("date", "kind"))
    assert before == after


@pytest.mark.django_db
def test_an_empty_year_is_not_known():
    CalendarYear.objects.create(year=2027)  # a bare row, e.g. created by hand
    workdays.clear_cache()
    assert 2027 not in workdays.known_years()
    with pytest.raises(workdays.CalendarYearUnknown):
        workdays.is_working_day(D(2027, 1, 1))
    assert workdays.is_working_day(D(2027, 1, 1), provisional=True)  # a Friday, counted as a weekday
    assert workdays.is_provisional(D(2027, 1, 1))


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
