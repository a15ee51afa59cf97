"""Background work of ``wagtail_gk`` and the helper every app uses to enqueue.

Tasks are django-tasks ``@task`` functions. With the default ``TASKS``
backend (``ImmediateBackend``) they run inline; with ``REDIS_URL`` set the
example site sends them, and Wagtail's own, to RQ through django-tasks-rq.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django_tasks import task


def enqueue_on_commit(task_obj, *args, **kwargs) -> None:
    """Enqueue *task_obj* once the current transaction commits, so that a
    worker in another process sees the rows the caller just wrote. Outside a
    transaction it enqueues at once."""
    transaction.on_commit(lambda: task_obj.enqueue(*args, **kwargs))


@task()
def record_short_link_scan(link_id: int, day: str) -> int:
    """Count one scan of short link *link_id* on *day* (ISO date); returns the day's count."""
    from .models import ShortLinkScan

    scan_day = datetime.date.fromisoformat(day)
    with transaction.atomic():
        scan, created = ShortLinkScan.objects.get_or_create(link_id=link_id, day=scan_day, defaults={"count": 1})
        if not created:
            ShortLinkScan.objects.filter(pk=scan.pk).update(count=F("count") + 1)
            scan.refresh_from_db(fields=["count"])
    return scan.count


@task()
def rescan_live_pages() -> int:
    """Re-check live pages against the current sensitive-word library and list
    those with new blocking findings (nothing is unpublished)."""
    from .gate.rescan import rescan_live_pages as run

    return run()


@task()
def sync_sensitive_terms() -> str:
    """Fetch the regional office's shared library (``GK_GATE_SYNC_URL``) and
    merge it, keeping local additions. Returns the summary line."""
    from .gate.term_library import sync_from_remote

    return sync_from_remote().summary()


@task()
def sync_sensitive_terms_if_due() -> str:
    """The periodic form of :func:`sync_sensitive_terms`: does nothing when no
    ``GK_GATE_SYNC_URL`` is set or the last sync is younger than
    ``GK_GATE_SYNC_INTERVAL_HOURS``."""
    from .conf import gk_setting
    from .gate.term_library import sync_from_remote, sync_is_due

    if not gk_setting("GK_GATE_SYNC_URL") or not sync_is_due():
        return ""
    return sync_from_remote().summary()


@task()
def remind_calendar_import() -> int:
    """Periodic: e-mail the office while a needed holiday schedule is missing (weekly)."""
    from .calendar_reminders import send_calendar_reminders

    return send_calendar_reminders()
