"""Telling the open-government office that next year's holiday schedule is due.

The State Council publishes next year's schedule in October or November.
From ``GK_CALENDAR_REMINDER_FROM`` (1 November) until the schedule is
imported, the people who may edit the working-day calendar see a dashboard
banner linking to the import screen and get an e-mail once a week
(``remind_calendar_import``, a periodic task). A missing schedule for the
current year is always reported.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from . import workdays
from .conf import gk_setting

CALENDAR_PERMISSION = "wagtail_gk.change_calendaryear"


def missing_schedule_years(today: datetime.date | None = None) -> list[int]:
    """The years whose schedule the office should import now: this year if it
    is unknown, and next year from the reminder date (1 November) on."""
    today = today or timezone.localdate()
    month, day = gk_setting("GK_CALENDAR_REMINDER_FROM")
    needed = [today.year]
    if (today.month, today.day) >= (month, day):
        needed.append(today.year + 1)
    return [year for year in needed if not workdays.is_known_year(year)]


def calendar_maintainers():
    """Active users who may edit the calendar (the open-government office), with an e-mail address."""
    from django.contrib.auth.models import Permission

    app_label, codename = CALENDAR_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission)).distinct()


def reminder_text(years: list[int]) -> str:
    return _(
        "The State Council's holiday schedule for %(years)s has not been imported. Deadlines that reach it are "
        "provisional (weekends only) until it is: import the notice under Settings › Working-day calendar."
    ) % {"years": "、".join(str(year) for year in years)}


class CalendarReminderPanel(Component):
    """Dashboard banner for the calendar's maintainers while a schedule is missing."""

    name = "gk_calendar_reminder"
    order = 20
    template_name = "wagtail_gk/admin/calendar_reminder_panel.html"

    def __init__(self, years: list[int]):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {"years": self.years, "text": reminder_text(self.years), "import_url": reverse("gk_calendar:import")}


def send_calendar_reminders(today: datetime.date | None = None) -> int:
    """E-mail the maintainers about the missing years, at most once a week per
    year (``CalendarReminderSent``); returns how many e-mails were sent."""
    from .models import CalendarReminderSent

    today = today or timezone.localdate()
    years = missing_schedule_years(today)
    if not years:
        return 0
    week_ago = today - datetime.timedelta(days=6)
    due = [y for y in years if not CalendarReminderSent.objects.filter(year=y, sent_on__gte=week_ago).exists()]
    if not due:
        return 0
    recipients = sorted(set(calendar_maintainers().values_list("email", flat=True)))
    for year in due:
        CalendarReminderSent.objects.create(year=year, sent_on=today, recipients=",".join(recipients))
    if not recipients:
        return 0
    link = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/") + reverse("gk_calendar:import")
    send_mail(
        _("Import the holiday schedule for %(years)s") % {"years": "、".join(map(str, due))},
        reminder_text(due) + "\n\n" + link,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    return len(recipients)
