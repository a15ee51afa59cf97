"""Working-day arithmetic on the calendar of :class:`~wagtail_gk.models.CalendarYear`.

Weekends and public holidays are not working days; make-up days (调休上班) are,
even on a Saturday or Sunday. Statutory deadlines ("20个工作日内") count the
working days *after* the starting day: ``add_working_days(start, 20)`` is the
20th working day after ``start``.
"""

from __future__ import annotations

import datetime
import threading
import time

from django.utils.translation import gettext as _

from .conf import gk_setting


class CalendarYearUnknown(LookupError):
    """The calendar has no schedule for a year the computation needs."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _("工作日历中没有%(year)d年的节假日安排，请先在“设置 › 工作日历”中录入国务院当年的通知。")
            % {"year": year}
        )


class _YearCache:
    """Per-process cache of {year: (holidays, workdays)}, refreshed after
    ``GK_CALENDAR_CACHE_SECONDS`` so edits made in another process are seen."""

    def __init__(self):
        self._lock = threading.Lock()
        self._years: dict[int, tuple[frozenset, frozenset]] = {}
        self._loaded_at = 0.0

    def clear(self):
        with self._lock:
            self._years = {}
            self._loaded_at = 0.0

    def get(self, year: int) -> tuple[frozenset, frozenset]:
        with self._lock:
            if time.monotonic() - self._loaded_at > gk_setting("GK_CALENDAR_CACHE_SECONDS"):
                self._years = self._load()
                self._loaded_at = time.monotonic()
            try:
                return self._years[year]
            except KeyError:
                raise CalendarYearUnknown(year) from None

    @staticmethod
    def _load():
        from .models import CalendarDay, CalendarYear, DayKind

        years = {year: (set(), set()) for year in CalendarYear.objects.values_list("year", flat=True)}
        for date, kind, year in CalendarDay.objects.values_list("date", "kind", "calendar_year__year"):
            holidays, workdays = years[year]
            (holidays if kind == DayKind.HOLIDAY else workdays).add(date)
        return {year: (frozenset(h), frozenset(w)) for year, (h, w) in years.items()}


_cache = _YearCache()
clear_cache = _cache.clear


def known_years() -> list[int]:
    from .models import CalendarYear

    return sorted(CalendarYear.objects.values_list("year", flat=True))


def is_working_day(day: datetime.date) -> bool:
    """Whether *day* is a working day. Raises :class:`CalendarYearUnknown`
    for a year whose schedule has not been entered."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    holidays, workdays = _cache.get(day.year)
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The *n*-th working day after *start* (before it, for negative *n*).
    ``n == 0`` returns *start* itself, working day or not."""
    if isinstance(start, datetime.datetime):
        start = start.date()
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: datetime.date, b: datetime.date) -> int:
    """Working days in the half-open interval (a, b]: how many working days
    have passed on *b* since *a*. Negative when *b* is before *a*."""
    if isinstance(a, datetime.datetime):
        a = a.date()
    if isinstance(b, datetime.datetime):
        b = b.date()
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a
    while day < b:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def next_working_day(day: datetime.date) -> datetime.date:
    """*day* itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day
