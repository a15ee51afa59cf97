"""Background work of ``wagtail_gk_village`` (django-tasks)."""

from __future__ import annotations

import datetime

from django_tasks import task


@task()
def send_schedule_reminders(today: str | None = None, township_id: int | None = None) -> int:
    """Remind villages of notices due soon or late (once per village, category
    and period a day). Run daily: ``manage.py gk_village_remind`` or a scheduler."""
    from django.utils import timezone

    from .reminders import remind_all

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return remind_all(day, township_id=township_id)
