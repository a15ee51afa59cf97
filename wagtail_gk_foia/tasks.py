"""Background work of disclosure requests: the daily deadline run.

``send_deadline_reminders`` is run once a day (``manage.py gk_foia_remind``
from cron, which enqueues it). It refreshes the due dates of open requests,
closes requests whose fee was not paid in time (``GK_FOIA_AUTO_CLOSE_UNPAID``),
and e-mails the assignee and the office head (FoiaOfficeSettings.head):

- ``due_soon``: the reply is due within ``GK_FOIA_DUE_SOON_DAYS`` working days;
- ``overdue``: the due date has passed (sent on the first day after it);
- ``consultation``: a consulted party's 15 working days are over.

Each reminder is sent once per request, kind and due date (``ReminderSent``).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from wagtail_gk import workdays

logger = logging.getLogger("wagtail_gk.foia")


def _recipients(req, head) -> list[str]:
    emails = []
    for user in (req.assignee, head):
        if user is not None and user.email and user.email not in emails:
            emails.append(user.email)
    return emails


def _send_once(req, kind, due_on, subject, body, head) -> bool:
    from .conf import foia_setting
    from .models import ReminderSent

    recipients = _recipients(req, head)
    try:
        with transaction.atomic():
            ReminderSent.objects.create(request=req, kind=kind, due_on=due_on, recipients=",".join(recipients))
    except IntegrityError:
        return False
    if recipients:
        sender = foia_setting("GK_FOIA_REMINDER_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL
        send_mail(subject, body, sender, recipients, fail_silently=False)
    else:
        logger.warning("No e-mail address to remind about %s (%s)", req.tracking_number, kind)
    return True


@task()
def send_deadline_reminders(today_iso: str = "") -> dict:
    """Run the daily deadline checks for *today_iso* (default: today); returns counts."""

    from .conf import foia_setting
    from .models import OPEN_STATUSES, DisclosureRequest, FoiaOfficeSettings, Status
    from .services.deadlines import refresh_deadlines
    from .services.errors import TransitionError
    from .services.fees import close_unpaid, overdue_unpaid

    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    head = FoiaOfficeSettings.load().head
    sent = {"due_soon": 0, "overdue": 0, "consultation": 0, "closed_unpaid": 0}

    if foia_setting("GK_FOIA_AUTO_CLOSE_UNPAID"):
        for req in overdue_unpaid(today):
            try:
                close_unpaid(req, user=None, on=today)
                sent["closed_unpaid"] += 1
            except TransitionError as exc:
                logger.warning("Could not close unpaid request %s: %s", req.tracking_number, exc)

    open_requests = DisclosureRequest.objects.filter(status__in=OPEN_STATUSES).select_related("assignee")
    for req in open_requests:
        refresh_deadlines(req, today)
        due = req.reply_due_on
        if req.status in (Status.REGISTERED, Status.AWAITING_REASONS) and due:
            link = f"{req.tracking_number}《{req.information_title}》"
            if today > due:
                if _send_once(
                    req, "overdue", due,
                    _("[Overdue] Disclosure request %(number)s") % {"number": req.tracking_number},
                    _("The reply deadline %(due)s of request %(link)s has passed. Please handle it at once.") % {"link": link, "due": due.isoformat()}
                    + _provisional_line(due),
                    head,
                ):
                    sent["overdue"] += 1
            else:
                left = workdays.working_days_between(today, due, provisional=True)
                if (
                    left <= foia_setting("GK_FOIA_DUE_SOON_DAYS")
                    and _send_once(
                        req, "due_soon", due,
                        _("[Due soon] Disclosure request %(number)s") % {"number": req.tracking_number},
                        _due_soon_body(link, due, left),
                        head,
                    )
                ):
                    sent["due_soon"] += 1
        if req.status == Status.CONSULTING:
            for consultation in req.consultations.filter(answered_on__isnull=True, answer_due_on__lt=today):
                if _send_once(
                    req, "consultation", consultation.answer_due_on,
                    _("[Consultation period over] Disclosure request %(number)s") % {"number": req.tracking_number},
                    _("The consultation period of %(party)s ended on %(due)s. Please record the opinion (a co-producing agency that gives no opinion in time is deemed to agree to disclosure).")
                    % {"party": consultation.party, "due": consultation.answer_due_on.isoformat()},
                    head,
                ):
                    sent["consultation"] += 1
    return sent


def _provisional_line(due) -> str:
    reason = workdays.provisional_reason(due)
    return "\n" + reason if reason else ""


def _due_soon_body(link: str, due, left: int) -> str:
    return _("Request %(link)s must be replied to by %(due)s; %(n)d working days left.") % {
        "link": link, "due": due.isoformat(), "n": left
    } + _provisional_line(due)


@task()
def recompute_deadlines_for_year(year: int) -> int:
    """Recompute the provisional dates that reach *year* once its holiday
    schedule is imported, and tell each request's officer (and the office head)
    by e-mail what changed. Returns how many requests were recomputed."""
    from .models import FoiaOfficeSettings
    from .services.deadlines import recompute_provisional_dates

    head = FoiaOfficeSettings.load().head
    results = recompute_provisional_dates(year)
    for result in results:
        req = result.request
        if not result.changes:
            continue
        _send_once(
            req, f"recalculated-{year}", req.reply_due_on or timezone.localdate(),
            _("[Dates recomputed] Disclosure request %(number)s") % {"number": req.tracking_number},
            _("The holiday schedule for %(year)d has been imported, so the dates of %(number)s《%(title)s》 were recomputed:")
            % {"year": year, "number": req.tracking_number, "title": req.information_title}
            + "\n" + "\n".join(result.changes),
            head,
        )
    return len(results)
