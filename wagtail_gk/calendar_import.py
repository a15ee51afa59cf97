"""Reading a year's holiday schedule from the State Council notice or from CSV.

Two forms are accepted, detected per line:

- the notice's own wording, one holiday per line, e.g.
  ``六、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。``
- CSV rows ``date,kind,name`` where kind is ``holiday``/``放假`` or ``workday``/``上班``.

:func:`parse_schedule` validates everything first and returns the days or a
list of errors naming the line; nothing is written until
:func:`replace_year` runs, in one transaction.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import CalendarDay, CalendarYear, DayKind

_DATE = r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
_RANGE_END = r"至(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日"
_HOLIDAY_NAME = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?\s*(?P<name>[^：:]{1,10})[：:]")
_PARENS = re.compile(r"（[^）]*）|\([^)]*\)")
KIND_WORDS = {"holiday": DayKind.HOLIDAY, "放假": DayKind.HOLIDAY, "workday": DayKind.WORKDAY, "上班": DayKind.WORKDAY}


@dataclass(frozen=True)
class ParsedDay:
    date: datetime.date
    kind: str
    name: str
    line: int


class ScheduleError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _date(year: int, y, m, d) -> datetime.date:
    return datetime.date(int(y) if y else year, int(m), int(d))


def _parse_notice_line(line: str, year: int, lineno: int) -> list[ParsedDay]:
    match = _HOLIDAY_NAME.match(line)
    if not match:
        raise ValueError(_("第%(line)d行：无法识别节日名称，应形如“一、元旦：1月1日至3日放假调休，共3天。”") % {"line": lineno})
    name = match.group("name").strip()
    body = _PARENS.sub("", line[match.end():])
    days: list[ParsedDay] = []
    for sentence in filter(None, (s.strip() for s in re.split(r"[。；;]", body))):
        if "上班" in sentence:
            for m in re.finditer(_DATE, sentence):
                days.append(ParsedDay(_date(year, m["y"], m["m"], m["d"]), DayKind.WORKDAY, _("%(name)s调休上班") % {"name": name}, lineno))
        elif "放假" in sentence or "休息" in sentence:
            start = re.search(_DATE + r"(?:" + _RANGE_END + r")?", sentence)
            if not start:
                raise ValueError(_("第%(line)d行：“%(text)s”中没有日期。") % {"line": lineno, "text": sentence})
            first = _date(year, start["y"], start["m"], start["d"])
            last = first
            if start["d2"]:
                last = _date(year, start["y2"] or start["y"], start["m2"] or start["m"], start["d2"])
            if last < first or (last - first).days > 15:
                raise ValueError(_("第%(line)d行：放假起止日期不合理（%(first)s 至 %(last)s）。") % {"line": lineno, "first": first, "last": last})
            day = first
            while day <= last:
                days.append(ParsedDay(day, DayKind.HOLIDAY, name, lineno))
                day += datetime.timedelta(days=1)
    if not days:
        raise ValueError(_("第%(line)d行：没有找到放假或上班的日期。") % {"line": lineno})
    return days


def _parse_csv_line(line: str, lineno: int) -> ParsedDay:
    row = next(csv.reader(io.StringIO(line)))
    if len(row) < 2:
        raise ValueError(_("第%(line)d行：CSV 应为“日期,类型,名称”三列。") % {"line": lineno})
    try:
        day = datetime.date.fromisoformat(row[0].strip())
    except ValueError:
        raise ValueError(_("第%(line)d行第1列：“%(value)s”不是YYYY-MM-DD格式的日期。") % {"line": lineno, "value": row[0]}) from None
    kind = KIND_WORDS.get(row[1].strip())
    if kind is None:
        raise ValueError(_("第%(line)d行第2列：类型应为 holiday/放假 或 workday/上班，而不是“%(value)s”。") % {"line": lineno, "value": row[1]})
    return ParsedDay(day, kind, row[2].strip() if len(row) > 2 else "", lineno)


def parse_schedule(text: str, year: int) -> list[ParsedDay]:
    """Parse *text* into days of *year*; raise :class:`ScheduleError` listing every problem."""
    days: list[ParsedDay] = []
    errors: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        is_csv = re.match(r"^\d{4}-\d{1,2}-\d{1,2}\s*,", line)
        # Titles, salutations and closing paragraphs carry no holiday: skip them.
        if not line or line.startswith("#") or not (is_csv or _HOLIDAY_NAME.match(line) or re.search(r"\d月\d", line)):
            continue
        try:
            if is_csv:
                days.append(_parse_csv_line(line, lineno))
            else:
                days.extend(_parse_notice_line(line, year, lineno))
        except ValueError as exc:
            errors.append(str(exc))
    seen: dict[datetime.date, ParsedDay] = {}
    for day in days:
        if day.date.year != year:
            errors.append(_("第%(line)d行：%(date)s 不在%(year)d年内。") % {"line": day.line, "date": day.date, "year": year})
        elif day.date in seen and seen[day.date].kind != day.kind:
            errors.append(
                _("第%(line)d行：%(date)s 与第%(other)d行矛盾（既放假又上班）。")
                % {"line": day.line, "date": day.date, "other": seen[day.date].line}
            )
        seen.setdefault(day.date, day)
    if not days and not errors:
        errors.append(_("没有找到任何日期。"))
    if errors:
        raise ScheduleError(errors)
    return sorted(seen.values(), key=lambda d: d.date)


@transaction.atomic
def replace_year(year: int, days: list[ParsedDay], source: str = "") -> CalendarYear:
    """Make *days* the whole schedule of *year* (creating the year if needed)."""
    calendar_year, _created = CalendarYear.objects.get_or_create(year=year)
    if source:
        calendar_year.source = source
    calendar_year.save()
    CalendarDay.objects.filter(calendar_year=calendar_year).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=calendar_year, date=d.date, kind=d.kind, name=d.name) for d in days
    )
    from .workdays import clear_cache

    transaction.on_commit(clear_cache)
    return calendar_year
