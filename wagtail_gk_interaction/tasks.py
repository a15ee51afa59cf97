"""The daily reminders of letters (``register_gk_periodic_task``): to the
people of the handling agency, before the reply limit, once it has passed,
and for an enquiry unanswered past the 3-month veto line. Each reminder is
sent once per letter, kind and due date (a ``reminder`` event records it), so
running the task more often is harmless."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from wagtail_gk import workdays

logger = logging.getLogger("wagtail_gk.interaction")


def _recipients(letter) -> list[str]:
    from wagtail_gk.models import AgencyMembership

    if letter.agency_id is None:
        members = AgencyMembership.objects.filter(agency_id=letter.mailbox.agency_id) if letter.mailbox_id else AgencyMembership.objects.none()
    else:
        members = AgencyMembership.objects.filter(agency_id=letter.agency_id)
    users = [m.user for m in members.select_related("user") if m.user.is_active and m.user.email]
    return sorted({u.email for u in users if u.has_perm("wagtail_gk_interaction.change_letter")})


def _send_once(letter, kind: str, subject: str, body: str) -> bool:
    from .models import LetterEvent

    marker = f"{kind}:{letter.reply_due_on.isoformat()}"
    if LetterEvent.objects.filter(letter=letter, action="reminder", note=marker).exists():
        return False
    recipients = _recipients(letter)
    if recipients:
        send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), recipients)
    else:
        logger.warning("No e-mail address to remind about letter %s (%s)", letter.tracking_number, kind)
    LetterEvent.objects.create(letter=letter, action="reminder", note=marker)
    return True


@task()
def send_letter_reminders(today_iso: str = "") -> dict:
    """Run the daily reminders for *today_iso* (default: today); returns counts."""
    from .conf import interaction_setting
    from .deadlines import alarm_cutoff
    from .models import Letter

    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    cutoff = alarm_cutoff(today)
    soon = workdays.add_working_days(today, interaction_setting("GK_INTERACTION_DUE_SOON_DAYS"), provisional=True)
    sent = {"due_soon": 0, "overdue": 0, "alarm": 0}
    for letter in Letter.objects.open().select_related("agency", "mailbox"):
        name = f"{letter.tracking_number}《{letter.subject}》"
        if letter.kind == "consultation" and letter.received_on <= cutoff:
            sent["alarm"] += _send_once(
                letter, "alarm", _("[Unanswered over 3 months] Letter %(number)s") % {"number": letter.tracking_number},
                _("The enquiry %(letter)s has been unanswered for more than 3 months: the national website inspection fails the site for it. Reply at once.") % {"letter": name},
            )
        elif letter.reply_due_on < today:
            sent["overdue"] += _send_once(
                letter, "overdue", _("[Overdue] Letter %(number)s") % {"number": letter.tracking_number},
                _("The reply limit %(due)s of the letter %(letter)s has passed. Please reply at once.") % {"letter": name, "due": letter.reply_due_on.isoformat()},
            )
        elif letter.reply_due_on <= soon:
            sent["due_soon"] += _send_once(
                letter, "due_soon", _("[Due soon] Letter %(number)s") % {"number": letter.tracking_number},
                _("The letter %(letter)s must be answered by %(due)s.") % {"letter": name, "due": letter.reply_due_on.isoformat()},
            )
    return sent
