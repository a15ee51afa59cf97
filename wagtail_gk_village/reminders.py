"""Who gets reminded of what: due and late notices, one message per village a day."""

from __future__ import annotations

import datetime
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wagtail_gk import roles
from wagtail_gk.models import Agency, AgencyLevel
from wagtail_gk.workdays import working_days_between

from .conf import village_setting
from .models import ScheduleReminder
from .schedule import CellStatus, township_overview

logger = logging.getLogger(__name__)


def _due_soon(cell, today: datetime.date) -> bool:
    if cell.status != CellStatus.DUE or cell.due_on is None:
        return False
    left = working_days_between(today, cell.due_on, provisional=True)
    return left <= village_setting("GK_VILLAGE_REMIND_WORKING_DAYS_BEFORE")


def remind_township(township: Agency, today: datetime.date) -> int:
    """Send today's reminders for the villages of *township*; returns how many
    (village, category) reminders were recorded."""
    from django.contrib.auth import get_user_model

    overview = township_overview(township, today)
    User = get_user_model()
    sent = 0
    for row in overview.rows:
        cells = [cell for cell in row.cells if cell.status == CellStatus.LATE or _due_soon(cell, today)]
        if not cells:
            continue
        members = list(
            User.objects.filter(
                is_active=True, gk_memberships__agency=row.village, groups__name=roles.VILLAGE_MEMBER.group_name
            ).distinct()
        )
        fresh = []
        for cell in cells:
            try:
                with transaction.atomic():
                    ScheduleReminder.objects.create(
                        village=row.village,
                        category=cell.category,
                        period_key=cell.period.key,
                        status=cell.status,
                        due_on=cell.due_on,
                        sent_on=today,
                        recipients=len(members),
                    )
            except IntegrityError:
                continue  # already reminded today
            fresh.append(cell)
        if not fresh:
            continue
        sent += len(fresh)
        lines = [
            _("%(category)s %(period)s: %(status)s; must be published by %(due)s") % {
                "category": cell.category.name,
                "period": cell.period.label,
                "status": cell.label,
                "due": cell.due_on.isoformat(),
            }
            for cell in fresh
        ]
        recipients = [member.email for member in members if member.email]
        if recipients:
            send_mail(
                _("[Village affairs reminder] %(village)s has %(count)d item(s) to publish") % {"village": row.village.display_name, "count": len(fresh)},
                "\n".join(lines),
                village_setting("GK_VILLAGE_REMINDER_FROM_EMAIL") or None,
                recipients,
                fail_silently=True,
            )
        logger.info("Village reminder for %s: %d item(s), %d recipient(s)", row.village, len(fresh), len(recipients))
    return sent


def remind_all(today: datetime.date, township_id: int | None = None) -> int:
    townships = Agency.objects.filter(level=AgencyLevel.TOWNSHIP)
    if township_id:
        townships = townships.filter(pk=township_id)
    return sum(remind_township(township, today) for township in townships)
