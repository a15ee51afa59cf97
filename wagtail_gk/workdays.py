"""Working-day arithmetic on the calendar of :class:`~wagtail_gk.models.CalendarYear`.

Weekends and public holidays are not working days; make-up days (调休上班) are,
even on a Saturday or Sunday. Statutory deadlines ("20个工作日内") count the
working days *after* the starting day: ``add_working_days(start, 20)`` is the
20th working day after ``start``.

A year is *known* once its schedule has been imported or shipped
(``CalendarYear.schedule_complete``). By default arithmetic that reaches an
unknown year raises :class:`CalendarYearUnknown`. With ``provisional=True`` it
counts weekends only in such years instead: the result is a *provisional*
date (暂定), which callers must show as such (:func:`provisional_reason`) and
recompute when the year's schedule arrives (the ``calendar_year_imported``
signal of :mod:`wagtail_gk.signals`).
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
            _(
                "The working-day calendar has no holiday schedule for %(year)d yet: "
                "import the State Council's notice under Settings › Working-day calendar."
            )
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

    def get(self, year: int) -> tuple[frozenset, frozenset] | None:
        """The (holidays, make-up days) of a known *year*, None for an unknown one."""
        with self._lock:
            if time.monotonic() - self._loaded_at > gk_setting("GK_CALENDAR_CACHE_SECONDS"):
                self._years = self._load()
                self._loaded_at = time.monotonic()
            return self._years.get(year)

    def require(self, year: int) -> tuple[frozenset, frozenset]:
        schedule = self.get(year)
        if schedule is None:
            raise CalendarYearUnknown(year)
        return schedule

    @staticmethod
    def _load():
        from .models import CalendarDay, CalendarYear, DayKind

        complete = CalendarYear.objects.filter(schedule_complete=True)
        years = {year: (set(), set()) for year in complete.values_list("year", flat=True)}
        days = CalendarDay.objects.filter(calendar_year__schedule_complete=True)
        for date, kind, year in days.values_list("date", "kind", "calendar_year__year"):
            holidays, workdays = years[year]
            (holidays if kind == DayKind.HOLIDAY else workdays).add(date)
        return {year: (frozenset(h), frozenset(w)) for year, (h, w) in years.items()}


_cache = _YearCache()
clear_cache = _cache.clear


def known_years() -> list[int]:
    """The years whose schedule has been imported or shipped (a bare year row does not count)."""
    from .models import CalendarYear

    return sorted(CalendarYear.objects.filter(schedule_complete=True).values_list("year", flat=True))


def is_known_year(year: int) -> bool:
    return _cache.get(year) is not None


def is_provisional(day: datetime.date | None) -> bool:
    """Whether a date computed with ``provisional=True`` was guessed: its year
    (and so part of the count) has no schedule yet. Known years are contiguous,
    so a count that ended in a known year never crossed an unknown one."""
    return day is not None and not is_known_year(day.year)


def provisional_reason(day: datetime.date | None) -> str:
    """Why *day* is provisional, for every screen, document and e-mail that shows it; "" when it is not."""
    if not is_provisional(day):
        return ""
    return _(
        "Provisional: the State Council's holiday schedule for %(year)d has not been imported yet, "
        "so only weekends were counted in %(year)d. The date is recomputed when the schedule is imported."
    ) % {"year": day.year}


def is_working_day(day: datetime.date, *, provisional: bool = False) -> bool:
    """Whether *day* is a working day. For a year whose schedule has not been
    imported, raises :class:`CalendarYearUnknown`, or with *provisional*
    counts Monday to Friday as working days."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    schedule = _cache.get(day.year) if provisional else _cache.require(day.year)
    if schedule is None:
        return day.weekday() < 5
    holidays, workdays = schedule
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: datetime.date, n: int, *, provisional: bool = False) -> datetime.date:
    """The *n*-th working day after *start* (before it, for negative *n*).
    ``n == 0`` returns *start* itself, working day or not."""
    if isinstance(start, datetime.datetime):
        start = start.date()
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day, provisional=provisional):
            remaining -= 1
    return day


def working_days_between(a: datetime.date, b: datetime.date, *, provisional: bool = False) -> int:
    """Working days in the half-open interval (a, b]: how many working days
    have passed on *b* since *a*. Negative when *b* is before *a*."""
    if isinstance(a, datetime.datetime):
        a = a.date()
    if isinstance(b, datetime.datetime):
        b = b.date()
    if b < a:
        return -working_days_between(b, a, provisional=provisional)
    count = 0
    day = a
    while day < b:
        day += datetime.timedelta(days=1)
        if is_working_day(day, provisional=provisional):
            count += 1
    return count


def next_working_day(day: datetime.date, *, provisional: bool = False) -> datetime.date:
    """*day* itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, provisional=provisional):
        day += datetime.timedelta(days=1)
    return day
