"""Reply limits in working days (core's calendar) and the 3-month alarm."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

from wagtail_gk import workdays

from .conf import interaction_setting, letter_kinds


def reply_days(kind: str) -> int:
    found = letter_kinds().get(kind)
    return found.reply_days if found else 10


def reply_due_on(kind: str, received_on: datetime.date, extension_days: int = 0) -> datetime.date:
    """The last day to reply: the kind's limit (plus an extension) in working
    days after the day received. Provisional where a year's holidays are unknown."""
    return workdays.add_working_days(received_on, reply_days(kind) + extension_days, provisional=True)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day *months* calendar months earlier (the month's last day where it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def alarm_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Letters received on or before this day and still unanswered are past
    ``GK_INTERACTION_ALARM_MONTHS`` months today (the inspection's veto line)."""
    return months_before(today or timezone.localdate(), interaction_setting("GK_INTERACTION_ALARM_MONTHS"))


def due_state(letter, today: datetime.date | None = None) -> str:
    """"overdue", "due_soon", "running" for open letters; "replied" / "replied_late" for replied ones."""
    today = today or timezone.localdate()
    if not letter.is_open:
        return "replied" if letter.replied_on and letter.replied_on <= letter.reply_due_on else "replied_late"
    if letter.reply_due_on < today:
        return "overdue"
    soon = workdays.add_working_days(today, interaction_setting("GK_INTERACTION_DUE_SOON_DAYS"), provisional=True)
    return "due_soon" if letter.reply_due_on <= soon else "running"


def unanswered_consultations(today: datetime.date | None = None):
    """Every 咨询 still unanswered more than the alarm's months after it was received."""
    from .models import Letter

    return Letter.objects.open().filter(kind="consultation", received_on__lte=alarm_cutoff(today)).select_related("agency")
