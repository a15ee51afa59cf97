"""Working days across the 2025 and 2026 Spring Festival and National Day, checked
against the State Council schedules (国办发明电〔2024〕12号, 国办发明电〔2025〕7号)."""

import datetime

import pytest

from wagtail_gk import workdays
from wagtail_gk.models import CalendarDay, CalendarYear, DayKind

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2025, 1, 26), True),  # Sunday, make-up day before Spring Festival 2025
        (D(2025, 1, 28), False),  # 除夕
        (D(2025, 2, 4), False),  # last day of the 2025 Spring Festival break
        (D(2025, 2, 5), True),
        (D(2025, 2, 8), True),  # Saturday make-up day
        (D(2025, 9, 27), False),  # ordinary Saturday
        (D(2025, 9, 28), True),  # Sunday make-up day before National Day 2025
        (D(2025, 10, 6), False),  # 中秋节 inside the 2025 National Day break
        (D(2025, 10, 8), False),
        (D(2025, 10, 9), True),
        (D(2025, 10, 11), True),  # Saturday make-up day
        (D(2026, 2, 14), True),  # Saturday make-up day before Spring Festival 2026
        (D(2026, 2, 15), False),
        (D(2026, 2, 23), False),
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday make-up day
        (D(2026, 9, 20), True),  # Sunday make-up day before National Day 2026
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday make-up day
        (D(2026, 10, 11), False),  # ordinary Sunday
    ],
)
def test_is_working_day(day, working):
    assert workdays.is_working_day(day) is working


def test_add_working_days_skips_holidays_and_counts_make_up_days():
    assert workdays.add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    assert workdays.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert workdays.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert workdays.add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
    assert workdays.add_working_days(D(2026, 2, 24), -1) == D(2026, 2, 14)
    assert workdays.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_twenty_working_day_reply_deadline_across_national_day_2026():
    # Received Fri 2026-09-18: 9/20 (Sun) and 10/10 (Sat) are make-up days and count;
    # 中秋 9/25–27 and National Day 10/1–7 do not. Counted by hand: the 20th is Thu 10/22.
    due = workdays.add_working_days(D(2026, 9, 18), 20)
    assert due == D(2026, 10, 22)
    assert workdays.working_days_between(D(2026, 9, 18), due) == 20


def test_working_days_between():
    assert workdays.working_days_between(D(2026, 9, 30), D(2026, 10, 9)) == 2
    assert workdays.working_days_between(D(2026, 10, 9), D(2026, 9, 30)) == -2
    assert workdays.working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0


def test_unknown_year_is_an_error_not_a_guess():
    with pytest.raises(workdays.CalendarYearUnknown) as excinfo:
        workdays.is_working_day(D(2031, 5, 6))
    assert "2031" in str(excinfo.value)
    with pytest.raises(workdays.CalendarYearUnknown):
        workdays.add_working_days(D(2026, 12, 20), 20)  # runs into 2027


def test_edits_take_effect_at_once():
    year = CalendarYear.objects.get(year=2026)
    assert workdays.is_working_day(D(2026, 3, 3))
    CalendarDay.objects.create(calendar_year=year, date=D(2026, 3, 3), kind=DayKind.HOLIDAY, name="测试")
    assert not workdays.is_working_day(D(2026, 3, 3))


def test_every_shipped_year_is_known():
    assert set(range(2019, 2027)) <= set(workdays.known_years())
