"""Reading a year's holiday schedule from the State Council notice or from CSV.

The notice is taken exactly as published (国务院办公厅关于YYYY年部分节假日安排的通知):
title, 文号, salutation, preamble, numbered items, closing paragraph, signature
and date, in full-width or half-width punctuation. Only the numbered items
carry dates, e.g.::

    六、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。

CSV rows ``date,kind,name`` (kind ``holiday``/``放假`` or ``workday``/``上班``)
are accepted too, for corrections and for years typed in by hand.

What is checked, each problem naming its line, before anything is written:
the year in the title agrees with the year chosen; items are numbered without
gaps and all seven statutory holidays (元旦 … 国庆节) have one; a range agrees
with its "共N天"; a weekday in brackets agrees with its date (a notice read
for the wrong year fails here); no day is claimed twice; every date is in the
notice's year (or, year-qualified, at its edge: 2023's 元旦 began on
2022-12-31); garbled text (a wrong encoding) is named as such.

:func:`read_schedule` returns a :class:`ParsedSchedule` or raises
:class:`ScheduleError` with every problem; :func:`replace_year` then writes it
in one transaction and marks the year known.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .models import CalendarDay, CalendarYear, DayKind

#: The public holidays of 全国年节及纪念日放假办法 that every year's notice covers.
STATUTORY_HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
#: Longest holiday range a notice declares (春节 2026: 9 days), with room to spare.
MAX_RANGE_DAYS = 15

_CN_NUMERALS = "一二三四五六七八九十"
_ITEM = re.compile(
    r"^(?:(?P<num>[一二三四五六七八九十]{1,3})\s*[、.]|\(\s*(?P<pnum>[一二三四五六七八九十]{1,3})\s*\)|(?P<dnum>\d{1,2})\s*[、.])?"
    r"\s*(?P<name>[^:\d()]{1,12}?)\s*:\s*(?P<body>.*)$"
)
_DATE_TOKEN = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日\s*(?P<paren>\([^)]*\))?"
)
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_TOTAL = re.compile(r"共\s*(\d{1,2})\s*天")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年\s*(?:部分)?节假日安排")
_REFERENCE = re.compile(r"国办发明电\s*[〔\[［(]\s*\d{4}\s*[〕\]］)]\s*\d+\s*号")
_SIGNATURE_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_CSV_ROW = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\s*,")
# U+FFFD, and the marks of UTF-8 read as GBK (锟斤拷) or as Latin-1/cp1252
# (å¹´, â€œ: runs of Latin letters with accents, which a notice never has).
_GARBLED = re.compile(r"\ufffd|锟斤拷|烫烫|[\u0080-\u024f\u2018-\u201e\u20ac]{2,}")
KIND_WORDS = {"holiday": DayKind.HOLIDAY, "放假": DayKind.HOLIDAY, "workday": DayKind.WORKDAY, "上班": DayKind.WORKDAY}


@dataclass(frozen=True)
class ParsedDay:
    date: datetime.date
    kind: str
    name: str
    line: int


@dataclass
class ParsedSchedule:
    year: int
    days: list[ParsedDay]
    source: str = ""  # title and 文号 as read from the notice
    notice_items: int = 0  # numbered items read (0 for CSV)
    warnings: list[str] = field(default_factory=list)


class ScheduleError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _line_error(lineno: int, message: str) -> str:
    return _("Line %(line)d: %(message)s") % {"line": lineno, "message": message}


def _cn_number(text: str) -> int:
    """一 … 九十九 as an int (item numbers)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return (_CN_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_CN_NUMERALS.index(ones) + 1 if ones else 0)
    return _CN_NUMERALS.index(text) + 1


def _normalise(line: str) -> str:
    # NFKC folds full-width digits and punctuation (１、：（）) to their ASCII forms
    # and the ideographic space to a space; 〔〕 and 、 are kept.
    return unicodedata.normalize("NFKC", line).replace("\ufeff", "").strip()


class _DateReader:
    """Dates of one item, the year and month carried over as the notice writes
    them ("4月4日至6日", "2022年12月31日至2023年1月2日")."""

    def __init__(self, year: int, lineno: int, errors: list[str]):
        self.year, self.lineno, self.errors = year, lineno, errors
        self.month: int | None = None
        self.explicit_year: int | None = None

    def dates(self, clause: str) -> list[datetime.date]:
        found = []
        for token in _DATE_TOKEN.finditer(clause):
            if token["y"]:
                self.explicit_year = int(token["y"])
            if token["m"]:
                self.month = int(token["m"])
            if self.month is None:
                self.errors.append(_line_error(self.lineno, _("“%(text)s” has a day without a month.") % {"text": token[0]}))
                continue
            year = self.explicit_year or self.year
            try:
                day = datetime.date(year, self.month, int(token["d"]))
            except ValueError:
                self.errors.append(_line_error(self.lineno, _("“%(text)s” is not a valid date.") % {"text": token[0]}))
                continue
            weekday = _WEEKDAY.search(token["paren"] or "")
            if weekday and _WEEKDAYS[weekday[1]] != day.weekday():
                self.errors.append(
                    _line_error(
                        self.lineno,
                        _("%(date)s is a %(weekday)s, but the notice says “%(said)s”: is this the notice for %(year)d?")
                        % {"date": day.isoformat(), "weekday": _weekday_name(day), "said": weekday[0], "year": self.year},
                    )
                )
            found.append(day)
        return found


def _weekday_name(day: datetime.date) -> str:
    return "周" + "一二三四五六日"[day.weekday()]


def _parse_item(name: str, body: str, year: int, lineno: int, errors: list[str]) -> list[ParsedDay]:
    reader = _DateReader(year, lineno, errors)
    days: list[ParsedDay] = []
    holidays_of_item: list[datetime.date] = []
    for sentence in filter(None, (s.strip() for s in re.split(r"[。;；]", body))):
        if sentence.startswith("鼓励") or "鼓励" in sentence[:6]:
            continue  # advice to employers (2024: 除夕), not part of the schedule
        for clause in filter(None, (c.strip() for c in re.split(r"[,，]", sentence))):
            total = _TOTAL.search(clause)
            if "上班" in clause:
                for day in reader.dates(clause):
                    days.append(ParsedDay(day, DayKind.WORKDAY, _("%(name)s make-up working day") % {"name": name}, lineno))
            elif "放假" in clause or "休息" in clause:
                dates = reader.dates(clause)
                if not dates:
                    errors.append(_line_error(lineno, _("“%(text)s” has no date.") % {"text": clause}))
                    continue
                if "至" in clause and len(dates) == 2:
                    first, last = dates
                    if last < first or (last - first).days >= MAX_RANGE_DAYS:
                        errors.append(
                            _line_error(
                                lineno,
                                _("the holiday from %(first)s to %(last)s is not a plausible range.")
                                % {"first": first.isoformat(), "last": last.isoformat()},
                            )
                        )
                        continue
                    dates = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
                holidays_of_item.extend(dates)
                days.extend(ParsedDay(day, DayKind.HOLIDAY, name, lineno) for day in dates)
            elif total and holidays_of_item and int(total[1]) != len(holidays_of_item):
                errors.append(
                    _line_error(
                        lineno,
                        _("the holiday has %(count)d days, but the notice says “%(said)s”.")
                        % {"count": len(holidays_of_item), "said": total[0]},
                    )
                )
    if not days:
        errors.append(_line_error(lineno, _("no holiday or make-up working day found.")))
    return days


def _parse_csv_line(line: str, lineno: int, errors: list[str]) -> ParsedDay | None:
    row = next(csv.reader(io.StringIO(line)))
    if len(row) < 2:
        errors.append(_line_error(lineno, _("a CSV row has three columns: date,kind,name.")))
        return None
    try:
        day = datetime.date.fromisoformat(row[0].strip())
    except ValueError:
        errors.append(_line_error(lineno, _("column 1: “%(value)s” is not a date in YYYY-MM-DD form.") % {"value": row[0]}))
        return None
    kind = KIND_WORDS.get(row[1].strip())
    if kind is None:
        errors.append(
            _line_error(
                lineno,
                _("column 2: the kind is holiday/放假 or workday/上班, not “%(value)s”.") % {"value": row[1]},
            )
        )
        return None
    return ParsedDay(day, kind, row[2].strip() if len(row) > 2 else "", lineno)


def read_schedule(text: str, year: int | None = None) -> ParsedSchedule:
    """Read the notice (or CSV) *text*; *year* defaults to the year in the notice's title.

    Raises :class:`ScheduleError` listing every problem; returns only a
    schedule that can be written as it is."""
    errors: list[str] = []
    days: list[ParsedDay] = []
    lines = [(lineno, _normalise(raw)) for lineno, raw in enumerate(text.splitlines(), start=1)]
    title_year = title_line = None
    source_parts: list[str] = []
    for lineno, line in lines:
        if _GARBLED.search(line):
            errors.append(_line_error(lineno, _("the text is garbled; save the notice as UTF-8 text and paste it again.")))
        match = _TITLE_YEAR.search(line)
        if match and title_year is None and "通知" in line:
            title_year, title_line = int(match[1]), lineno
            source_parts.append(line)
        reference = _REFERENCE.search(line)
        if reference and len(source_parts) < 2:
            source_parts.append(reference[0])
    if errors:
        raise ScheduleError(errors)
    if year is None:
        year = title_year
    if year is None:
        raise ScheduleError([_("The notice's title (…关于YYYY年部分节假日安排的通知) was not found: choose the year.")])
    if title_year is not None and title_year != year:
        raise ScheduleError(
            [_line_error(title_line, _("this is the notice for %(notice)d, not %(year)d.") % {"notice": title_year, "year": year})]
        )

    numbers: list[tuple[int, int]] = []  # (item number, line)
    item_names: list[str] = []
    for lineno, line in lines:
        if not line or line.startswith("#") or _SIGNATURE_DATE.match(line):
            continue  # blank, comment, or the date under the signature
        if _CSV_ROW.match(line):
            day = _parse_csv_line(line, lineno, errors)
            if day:
                days.append(day)
            continue
        item = _ITEM.match(line)
        has_dates = bool(re.search(r"\d{1,2}\s*月\s*\d{1,2}\s*日", line))
        if item and has_dates:
            number = item["num"] or item["pnum"] or item["dnum"]
            if number:
                numbers.append((_cn_number(number), lineno))
            name = item["name"].strip()
            item_names.append(name)
            days.extend(_parse_item(name, item["body"], year, lineno, errors))
        elif has_dates and ("放假" in line or "上班" in line):
            errors.append(
                _line_error(
                    lineno,
                    _("the holiday's name is missing; an item reads like “一、元旦：1月1日放假，共1天。”."),
                )
            )
        # Anything else is the title, 文号, salutation, preamble, closing or signature.

    for (previous, _line), (number, lineno) in zip(numbers, numbers[1:], strict=False):
        if number != previous + 1:
            errors.append(
                _line_error(lineno, _("item %(number)d follows item %(previous)d: an item is missing.") % {"number": number, "previous": previous})
            )
    if numbers and numbers[0][0] != 1:
        errors.append(_line_error(numbers[0][1], _("the first item is numbered %(number)d, not 1.") % {"number": numbers[0][0]}))
    if item_names:
        named = "、".join(item_names)
        missing = [holiday for holiday in STATUTORY_HOLIDAYS if holiday not in named]
        if missing:
            errors.append(_("The notice has no item for %(holidays)s: is part of it missing?") % {"holidays": "、".join(missing)})

    seen: dict[datetime.date, ParsedDay] = {}
    for day in days:
        other = seen.get(day.date)
        edge = abs(day.date.year - year) == 1 and abs((day.date - datetime.date(max(year, day.date.year), 1, 1)).days) <= MAX_RANGE_DAYS
        if day.date.year != year and not (edge and not _CSV_ROW.match(lines[day.line - 1][1])):
            errors.append(_line_error(day.line, _("%(date)s is not in %(year)d.") % {"date": day.date.isoformat(), "year": year}))
        elif other and other.kind != day.kind:
            errors.append(
                _line_error(
                    day.line,
                    _("%(date)s is both a holiday and a working day (see line %(other)d).")
                    % {"date": day.date.isoformat(), "other": other.line},
                )
            )
        elif other and other.line != day.line:
            errors.append(
                _line_error(
                    day.line,
                    _("%(date)s is already in line %(other)d (%(name)s): the ranges overlap.")
                    % {"date": day.date.isoformat(), "other": other.line, "name": other.name},
                )
            )
        seen.setdefault(day.date, day)
    if not days and not errors:
        errors.append(_("No dates found: paste the notice's numbered items, or CSV rows date,kind,name."))
    if errors:
        raise ScheduleError(errors)
    return ParsedSchedule(
        year=year,
        days=sorted(seen.values(), key=lambda d: d.date),
        source=" ".join(source_parts)[:200],
        notice_items=len(item_names),
    )


def parse_schedule(text: str, year: int) -> list[ParsedDay]:
    """The days of :func:`read_schedule` (kept for callers that only need them)."""
    return read_schedule(text, year).days


@transaction.atomic
def replace_year(year: int, days: list[ParsedDay], source: str = "") -> CalendarYear:
    """Make *days* the whole schedule of *year*, mark the year known, and
    announce it (``calendar_year_imported``) once the transaction commits.

    Days of the adjacent year that a notice declares at its edge (2023's 元旦
    began on 2022-12-31) are added to that year without replacing it."""
    from .signals import calendar_year_imported
    from .workdays import clear_cache

    calendar_year, _created = CalendarYear.objects.get_or_create(year=year)
    if source:
        calendar_year.source = source[:200]
    calendar_year.schedule_complete = True
    calendar_year.save()
    CalendarDay.objects.filter(calendar_year=calendar_year).delete()
    own = [d for d in days if d.date.year == year]
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=calendar_year, date=d.date, kind=d.kind, name=d.name) for d in own
    )
    for day in days:
        if day.date.year != year:
            neighbour, _new = CalendarYear.objects.get_or_create(year=day.date.year)
            CalendarDay.objects.update_or_create(
                date=day.date, defaults={"calendar_year": neighbour, "kind": day.kind, "name": day.name}
            )

    def announce():
        clear_cache()
        calendar_year_imported.send(sender=CalendarYear, year=year, calendar_year=calendar_year)

    transaction.on_commit(announce)
    return calendar_year
