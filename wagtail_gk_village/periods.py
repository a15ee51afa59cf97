"""The period a village notice covers (公开期间): a month, a quarter, a year,
or the date of a major matter; and the periods a category's frequency asks for."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail_gk.dates import long_date


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Report year")
    DATE = "date", _("Date of the matter (major matters)")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    YEARLY = "yearly", _("Every year")
    IMMEDIATE = "immediate", _("As they arise (major matters at once)")


FREQUENCY_PERIOD_KIND = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.YEARLY: PeriodKind.YEAR,
    Frequency.IMMEDIATE: PeriodKind.DATE,
}

QUARTER_NAMES = {1: _("Q1"), 2: _("Q2"), 3: _("Q3"), 4: _("Q4")}


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: str
    year: int
    number: int | None = None  # month 1–12 or quarter 1–4

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        return self.start.isoformat()

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return gettext("%(month)d/%(year)d") % {"year": self.year, "month": self.number}
        if self.kind == PeriodKind.QUARTER:
            return gettext("%(quarter)s %(year)d") % {"year": self.year, "quarter": QUARTER_NAMES[self.number]}
        if self.kind == PeriodKind.YEAR:
            return gettext("Year %(year)d") % {"year": self.year}
        return long_date(self.start)

    def covered_by(self, start: datetime.date, end: datetime.date) -> bool:
        """True if a notice covering [start, end] covers this whole period."""
        return start <= self.start and end >= self.end


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(datetime.date(year, month, 1), datetime.date(year, month, last), PeriodKind.MONTH, year, month)


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    end = month_period(year, first_month + 2).end
    return Period(datetime.date(year, first_month, 1), end, PeriodKind.QUARTER, year, quarter)


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), PeriodKind.YEAR, year)


def date_period(day: datetime.date) -> Period:
    return Period(day, day, PeriodKind.DATE, day.year)


def make_period(kind: str, year: int | None, number: int | None, day: datetime.date | None) -> Period:
    """Build a period from stored fields; raises ``ValueError`` with a Chinese message if incomplete."""
    if kind == PeriodKind.DATE:
        if not day:
            raise ValueError(gettext("For a major matter, enter the date of the matter."))
        return date_period(day)
    if not year or not 2000 <= int(year) <= 2100:
        raise ValueError(gettext("Enter the year of the period covered."))
    year = int(year)
    if kind == PeriodKind.MONTH:
        if not number or not 1 <= int(number) <= 12:
            raise ValueError(gettext("Choose a month (1–12)."))
        return month_period(year, int(number))
    if kind == PeriodKind.QUARTER:
        if not number or not 1 <= int(number) <= 4:
            raise ValueError(gettext("Choose a quarter (1–4)."))
        return quarter_period(year, int(number))
    if kind == PeriodKind.YEAR:
        return year_period(year)
    raise ValueError(gettext("Unknown period type."))


def period_containing(frequency: str, day: datetime.date) -> Period | None:
    if frequency == Frequency.MONTHLY:
        return month_period(day.year, day.month)
    if frequency == Frequency.QUARTERLY:
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    if frequency == Frequency.YEARLY:
        return year_period(day.year)
    return None


def previous_period(period: Period) -> Period:
    return closed_period_before(period.start, period.kind)


def closed_period_before(day: datetime.date, kind: str) -> Period:
    """The last whole period of *kind* that ended before *day*."""
    before = day - datetime.timedelta(days=1)
    if kind == PeriodKind.MONTH:
        candidate = month_period(before.year, before.month)
    elif kind == PeriodKind.QUARTER:
        candidate = quarter_period(before.year, (before.month - 1) // 3 + 1)
    else:
        candidate = year_period(before.year)
    if candidate.end >= day:
        return closed_period_before(candidate.start, kind)
    return candidate


def closed_periods(frequency: str, today: datetime.date, since: datetime.date) -> list[Period]:
    """The periods of *frequency* that ended before *today* and end on or after *since*, newest first."""
    kind = FREQUENCY_PERIOD_KIND.get(frequency)
    if kind in (None, PeriodKind.DATE):
        return []
    periods = []
    period = closed_period_before(today, kind)
    while period.end >= since:
        periods.append(period)
        period = previous_period(period)
    return periods
