"""公开时限 as a rule: parse the wording of published catalogs, render the
wording from the rule, and compute due dates on the working-day calendar.

Deadlines count working days *after* the event day, as the regulations do:
"信息形成之日起20个工作日内" is due on ``add_working_days(event, 20)``.
A publicity period (公示期) starts on the day the information is published.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wagtail_gk.workdays import add_working_days

from .conf import catalog_setting
from .time_limit_choices import PublicityDayType, TimeLimitKind

DEFAULT_EVENT = "信息形成或者变更之日起"

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int | None:
    """Arabic or simple Chinese numerals up to 99 (二十, 十五, 三十)."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _sep, ones = text.partition("十")
    value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_CN_DIGITS.get(ones, 0) if ones else 0)


_NUM = r"(\d+|[一二两三四五六七八九十]+)"
_DEADLINE = re.compile(r"^(?P<event>.*?)" + _NUM + r"\s*(?:个\s*)?(?P<unit>工作日|自然日|日|天)(?:内|以内)?")
_PUBLICITY = re.compile(r"(?:公示|公告)(?:期|时间)?(?:为|不少于|不得少于)?\s*" + _NUM + r"\s*个?\s*(工作日|天|日|个自然日|自然日)")


@dataclass(frozen=True)
class TimeLimitRule:
    kind: str
    days: int | None = None
    event: str = DEFAULT_EVENT
    day_type: str = PublicityDayType.WORKING
    publicity_days: int | None = None
    publicity_day_type: str = PublicityDayType.WORKING

    @classmethod
    def from_item(cls, item) -> TimeLimitRule:
        return cls(
            kind=item.time_limit_kind,
            days=item.time_limit_days,
            event=item.time_limit_event or DEFAULT_EVENT,
            day_type=item.time_limit_day_type,
            publicity_days=item.publicity_days,
            publicity_day_type=item.publicity_day_type,
        )

    @property
    def computes_due_date(self) -> bool:
        if self.kind == TimeLimitKind.REAL_TIME:
            return True
        return self.kind in (TimeLimitKind.WORKING_DAYS, TimeLimitKind.ON_CHANGE) and self.days is not None

    def due_date(self, event_date: datetime.date, *, provisional: bool = False) -> datetime.date | None:
        """The last day on which information whose event happened on
        *event_date* is published in time; None for rules without a deadline.
        Raises :class:`wagtail_gk.workdays.CalendarYearUnknown` outside the
        calendar, or with *provisional* counts weekends only there (暂定)."""
        if not self.computes_due_date:
            return None
        if self.kind == TimeLimitKind.REAL_TIME:
            return add_working_days(event_date, catalog_setting("GK_CATALOG_REAL_TIME_WORKING_DAYS"), provisional=provisional)
        if self.day_type == PublicityDayType.CALENDAR:
            return event_date + datetime.timedelta(days=self.days)
        return add_working_days(event_date, self.days, provisional=provisional)

    def publicity_ends_on(self, published_on: datetime.date) -> datetime.date | None:
        """The last day of the publicity period (公示期) for information
        published on *published_on* (the publication day is the first day)."""
        if not self.publicity_days:
            return None
        if self.publicity_day_type == PublicityDayType.CALENDAR:
            return published_on + datetime.timedelta(days=self.publicity_days - 1)
        return add_working_days(published_on, self.publicity_days - 1) if self.publicity_days > 1 else published_on

    @staticmethod
    def _unit(day_type: str, calendar_word: str = "日") -> str:
        if day_type == PublicityDayType.WORKING:
            return _("working days")
        return _("days") if calendar_word == "天" else _("calendar days")

    def wording(self) -> str:
        if self.kind == TimeLimitKind.REAL_TIME:
            text = _("Real time")
        elif self.kind == TimeLimitKind.CONTINUOUS:
            text = _("Ongoing (adjusted as needed)")
        elif self.kind == TimeLimitKind.ON_CHANGE and self.days is not None:
            text = _("Updated within %(days)d %(unit)s %(event)s") % {
                "event": self.event or _("from the day the information changes"), "days": self.days, "unit": self._unit(self.day_type)
            }
        elif self.kind == TimeLimitKind.WORKING_DAYS and self.days is not None:
            text = _("Within %(days)d %(unit)s %(event)s") % {
                "event": self.event, "days": self.days, "unit": self._unit(self.day_type)
            }
        else:
            text = ""
        if self.publicity_days:
            period = _("Public notice for %(days)d %(unit)s") % {"days": self.publicity_days, "unit": self._unit(self.publicity_day_type, "天")}
            text = _("%(limit)s，%(period)s") % {"limit": text, "period": period} if text else period
        return text


def time_limit_wording(item) -> str:
    """The display wording of *item*'s structured time limit."""
    return TimeLimitRule.from_item(item).wording()


def parse_time_limit(text: str) -> TimeLimitRule:
    """Read the 公开时限 wording of a published catalog into a rule.

    Recognises "…之日起N个工作日内" (N in Arabic or Chinese numerals), "公示N个
    工作日/天", "实时公开" and "长期公开/动态调整/常态化公开"; anything else is
    kept as wording only (``TimeLimitKind.OTHER``).
    """
    text = re.sub(r"\s+", "", text or "")
    publicity_days, publicity_type = None, PublicityDayType.WORKING
    match = _PUBLICITY.search(text)
    if match:
        publicity_days = _number(match.group(1))
        publicity_type = PublicityDayType.WORKING if match.group(2) == "工作日" else PublicityDayType.CALENDAR
        text_without_publicity = text[: match.start()]
    else:
        text_without_publicity = text
    if "实时" in text:
        return TimeLimitRule(TimeLimitKind.REAL_TIME, event="", publicity_days=publicity_days, publicity_day_type=publicity_type)
    deadline = _DEADLINE.search(text_without_publicity)
    if deadline and _number(deadline.group(2)) is not None:
        event = deadline.group("event").strip("，,；;（(")
        kind = TimeLimitKind.WORKING_DAYS
        if "变更" in event and not re.search("形成|制定|获取|产生|作出|批准|收到", event):
            kind = TimeLimitKind.ON_CHANGE
        return TimeLimitRule(
            kind,
            days=_number(deadline.group(2)),
            event=event,
            day_type=PublicityDayType.WORKING if deadline.group("unit") == "工作日" else PublicityDayType.CALENDAR,
            publicity_days=publicity_days,
            publicity_day_type=publicity_type,
        )
    if re.search("长期|动态调整|常态|持续", text):
        return TimeLimitRule(TimeLimitKind.CONTINUOUS, event="", publicity_days=publicity_days, publicity_day_type=publicity_type)
    return TimeLimitRule(TimeLimitKind.OTHER, event="", publicity_days=publicity_days, publicity_day_type=publicity_type)
