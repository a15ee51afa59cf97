"""Background work of the catalog: reminding the responsible subject (公开主体)
of information that is due soon or late.

``send_compliance_reminders`` is registered as a periodic task
(``register_gk_periodic_task``; ``manage.py gk_run_periodic`` enqueues it).
Each unpublished filing is reminded at most twice: once when it becomes due
soon (or is first seen late) and once more when its due date has passed. The
date of the last reminder is kept on the filing, so running the task more
often than daily sends nothing twice. Every reminder is recorded
(:class:`~wagtail_gk_catalog.models.CatalogReminder`: the agency, the
addresses written to, or none, and the filings), and the admin lists them
under 标准目录 › 到期提醒记录.

Recipients are the active members, with an e-mail address and the
``view_compliance`` permission, of the item's responsible agency
(``CatalogItem.subject_agency``) or, if none is set, of the catalog's agency.
One e-mail per agency lists all its filings.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

logger = logging.getLogger("wagtail_gk.catalog")


def _recipients(agency) -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, gk_memberships__agency=agency).exclude(email="").distinct()
    return sorted({user.email for user in users if user.has_perm("wagtail_gk_catalog.view_compliance")})


def filings_to_remind(today: datetime.date):
    """Unpublished filings due soon or late that have not been reminded at this stage."""
    from .compliance import due_soon_until
    from .models import CatalogFiling

    return (
        CatalogFiling.objects.filter(
            published_on__isnull=True,
            due_on__isnull=False,
            due_on__lte=due_soon_until(today),
            item__removed=False,
            item__catalog__kind="local",
        )
        .filter(
            # Never reminded, or reminded while still due soon and now late.
            Q(last_reminded_on__isnull=True) | Q(due_on__lt=today, last_reminded_on__lte=F("due_on"))
        )
        .select_related("item", "item__catalog__agency", "item__subject_agency", "page")
        .order_by("due_on", "pk")
    )


@task()
def send_compliance_reminders(today_iso: str = "") -> dict:
    """E-mail each responsible agency the filings due soon or late; returns counts."""
    from .conf import catalog_setting
    from .models import CatalogFiling, CatalogReminder

    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    by_agency: dict = {}
    for filing in filings_to_remind(today):
        agency = filing.item.subject_agency or filing.item.catalog.agency
        by_agency.setdefault(agency, []).append(filing)
    counts = {"agencies": 0, "filings": 0, "emails": 0}
    sender = catalog_setting("GK_CATALOG_REMINDER_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL
    for agency, filings in by_agency.items():
        lines, late_count = [], 0
        for filing in filings:
            is_late = filing.due_on < today
            late_count += is_late
            state = _("Overdue") if is_late else _("Due soon")
            lines.append(
                _("[%(state)s] %(title)s (item: %(item)s; due by %(due)s)")
                % {"state": state, "title": filing.page.title, "item": filing.item, "due": filing.due_on.isoformat()}
            )
        recipients = _recipients(agency)
        if recipients:
            subject = _("Government openness reminder: %(agency)s has %(count)d pieces of information due soon or overdue") % {
                "agency": agency.name, "count": len(filings)}
            body = _("Under the disclosure deadlines of the standard catalog, the following information is due for disclosure. Please publish it promptly:\n\n%(lines)s\n") % {"lines": "\n".join(lines)}
            send_mail(subject, body, sender, recipients, fail_silently=False)
            counts["emails"] += 1
        else:
            logger.warning("No e-mail address to remind %s about %d catalog filings", agency, len(filings))
        with transaction.atomic():
            CatalogFiling.objects.filter(pk__in=[f.pk for f in filings]).update(last_reminded_on=today)
            reminder = CatalogReminder.objects.create(
                agency=agency,
                reminder_date=today,
                recipients=recipients,
                due_soon_count=len(filings) - late_count,
                late_count=late_count,
            )
            reminder.filings.set(filings)
        counts["agencies"] += 1
        counts["filings"] += len(filings)
    return counts
