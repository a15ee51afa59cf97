"""Deadlines in working days (条例 第30、33、35条), each with the steps that
explain how it was reached, and their recomputation when a holiday schedule
is imported."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk import workdays
from wagtail_gk.dates import long_date

from ..conf import foia_setting
from ..models import OPEN_STATUSES, DisclosureRequest, Status
from ..models.choices import CONFIRMATION_RULE, RECEIPT_DATE_RULES
from .audit import record_event


@dataclass
class Deadlines:
    reply_due_on: datetime.date | None
    correction_notice_due_on: datetime.date | None
    steps: list[str] = field(default_factory=list)
    paused_days: int = 0
    #: The reply date reaches a year whose holiday schedule is not imported yet:
    #: computed on weekends only there (暂定) and recomputed on import.
    provisional: bool = False


def _dp(day: datetime.date | None) -> str:
    """A computed due date, marked when it is provisional (its year has no schedule yet)."""
    if workdays.is_provisional(day):
        return _("%(date)s (provisional)") % {"date": long_date(day)}
    return long_date(day)


def compute_deadlines(req: DisclosureRequest, today: datetime.date | None = None) -> Deadlines:
    """Work out the reply due date of *req* and explain every step."""
    today = today or timezone.localdate()
    result = Deadlines(reply_due_on=None, correction_notice_due_on=None)
    steps = result.steps
    basis = req.receipt_date_basis or RECEIPT_DATE_RULES.get(req.channel, "")
    if req.needs_confirmation and req.receipt_confirmed_on is None:
        # 第31条: the date of receipt is the date of confirmation, not yet known.
        steps.append(
            _("Arrived on %(date)s; date of receipt: to be confirmed. %(basis)s")
            % {"date": long_date(req.arrived_on or req.received_on), "basis": basis}
        )
        steps.append(str(CONFIRMATION_RULE))
        return result
    steps.append(_("Date of receipt: %(date)s. %(basis)s") % {"date": long_date(req.received_on), "basis": basis})
    if req.receipt_confirmed_on:
        steps.append(
            _("Arrived on %(arrived)s; receipt confirmed with the applicant on %(date)s (%(method)s), which is the date of receipt (Article 31).")
            % {
                "arrived": long_date(req.arrived_on or req.received_on),
                "date": long_date(req.receipt_confirmed_on),
                "method": req.get_receipt_confirmation_method_display(),
            }
        )
    notice_days = foia_setting("GK_FOIA_CORRECTION_NOTICE_DAYS")
    result.correction_notice_due_on = workdays.add_working_days(req.received_on, notice_days, provisional=True)
    if req.correction_requested_on:
        steps.append(
            _("%(on)s: correction requested, all at once (Article 30: within %(n)d working days of receipt, i.e. by %(due)s); correction deadline %(until)s.")
            % {
                "on": long_date(req.correction_requested_on),
                "n": notice_days,
                "due": long_date(result.correction_notice_due_on),
                "until": _dp(req.correction_due_on),
            }
        )
    if req.status == Status.CORRECTION_REQUESTED:
        steps.append(_("Waiting for the applicant's correction; the reply deadline will be recomputed from the date the corrected request is received."))
        return result
    if req.corrected_on:
        steps.append(
            _("%(on)s: corrected request received; the reply deadline runs from that date (Article 30).") % {"on": long_date(req.corrected_on)}
        )
    reply_days = foia_setting("GK_FOIA_REPLY_DAYS")
    steps.append(
        _("Reply deadline: %(n)d working days from %(start)s (Article 33).") % {"start": long_date(req.clock_started_on), "n": reply_days}
    )
    paused = 0
    for pause in req.pauses.all() if req.pk else ():
        if pause.started_on < req.clock_started_on:
            continue
        end = pause.ended_on or max(today, pause.started_on)
        days = max(workdays.working_days_between(pause.started_on, end, provisional=True), 0)
        paused += days
        steps.append(
            _("%(start)s to %(end)s (%(reason)s) is not counted toward the reply deadline: %(n)d working days.")
            % {
                "start": long_date(pause.started_on),
                "end": long_date(pause.ended_on) if pause.ended_on else _("today (not yet ended)"),
                "reason": pause.reason,
                "n": days,
            }
        )
    result.paused_days = paused
    if req.extension_days:
        steps.append(
            _("Reply deadline extended by %(n)d working days, approved by %(who)s (Article 33, paragraph 2).")
            % {"who": req.extension_approved_by or _("head of the openness office"), "n": req.extension_days}
        )
    due = workdays.add_working_days(req.clock_started_on, reply_days + paused + req.extension_days, provisional=True)
    if req.reasonable_due_on:
        steps.append(
            _("Reasonable later reply deadline set under Article 35: %(date)s.") % {"date": long_date(req.reasonable_due_on)}
        )
        due = req.reasonable_due_on
    result.reply_due_on = due
    if req.status in (Status.CONSULTING, Status.FEE_PENDING):
        steps.append(_("The clock is paused. As of today the reply would be due on %(date)s; the date will be pushed back accordingly when the clock resumes.") % {"date": _dp(due)})
    else:
        steps.append(_("Reply due date: %(date)s.") % {"date": _dp(due)})
    if workdays.is_provisional(due):
        result.provisional = True
        steps.append(workdays.provisional_reason(due))
    return result


def refresh_deadlines(req: DisclosureRequest, today: datetime.date | None = None, save: bool = True) -> Deadlines:
    deadlines = compute_deadlines(req, today)
    req.reply_due_on = deadlines.reply_due_on
    req.due_explanation = deadlines.steps
    if save and req.pk:
        DisclosureRequest.objects.filter(pk=req.pk).update(
            reply_due_on=req.reply_due_on, due_explanation=req.due_explanation
        )
    return deadlines


@dataclass
class Recalculation:
    """What :func:`recompute_provisional_dates` changed on one request."""

    request: DisclosureRequest
    changes: list[str]


def _note_change(changes: list[str], label: str, old: datetime.date | None, new: datetime.date | None) -> None:
    if old != new:
        changes.append(_("%(what)s: %(old)s → %(new)s") % {"what": label, "old": _dp(old) or "—", "new": _dp(new) or "—"})


def recompute_provisional_dates(year: int, today: datetime.date | None = None) -> list[Recalculation]:
    """After *year*'s holiday schedule is imported, recompute the dates of open
    requests that reached *year* or later and so were provisional (暂定): the reply
    date, the correction, fee payment and consultation periods. Each request is
    recomputed in its own transaction, with a timeline event (shown to the
    applicant) and a ledger entry naming the old and new dates."""
    from django.db.models import Q

    today = today or timezone.localdate()
    first = datetime.date(year, 1, 1)
    reaching = (
        Q(reply_due_on__gte=first)
        | Q(fee_due_on__gte=first)
        | Q(correction_due_on__gte=first)
        | Q(consultations__answered_on__isnull=True, consultations__answer_due_on__gte=first)
    )
    pks = list(DisclosureRequest.objects.filter(reaching, status__in=OPEN_STATUSES).values_list("pk", flat=True).distinct())
    results = []
    for pk in pks:
        with transaction.atomic():
            req = DisclosureRequest.objects.select_for_update().get(pk=pk)
            changes: list[str] = []
            note = functools.partial(_note_change, changes)
            if req.status == Status.FEE_PENDING and req.fee_notice_received_on:
                new_fee_due = workdays.add_working_days(req.fee_notice_received_on, foia_setting("GK_FOIA_FEE_PAYMENT_DAYS"), provisional=True)
                note(_("fee payment period"), req.fee_due_on, new_fee_due)
                req.fee_due_on = new_fee_due
            if req.status == Status.CORRECTION_REQUESTED and req.correction_requested_on:
                period = req.correction_period_days or foia_setting("GK_FOIA_CORRECTION_PERIOD_DAYS")
                new_correction_due = workdays.add_working_days(req.correction_requested_on, period, provisional=True)
                note(_("correction period"), req.correction_due_on, new_correction_due)
                req.correction_due_on = new_correction_due
            for consultation in req.consultations.filter(answered_on__isnull=True, letter_received_on__isnull=False):
                answer_due = workdays.add_working_days(consultation.letter_received_on, foia_setting("GK_FOIA_CONSULTATION_DAYS"), provisional=True)
                note(_("consultation of %(party)s") % {"party": consultation.party}, consultation.answer_due_on, answer_due)
                if answer_due != consultation.answer_due_on:
                    consultation.answer_due_on = answer_due
                    consultation.save(update_fields=["answer_due_on"])
            old_reply_due = req.reply_due_on
            req.save(update_fields=["fee_due_on", "correction_due_on"])
            refresh_deadlines(req, today)
            note(_("reply date"), old_reply_due, req.reply_due_on)
            label = _("Holiday schedule for %(year)d imported: dates recomputed") % {"year": year}
            record_event(
                req,
                "recalculate_deadlines",
                None,
                label,
                detail="\n".join(changes) or _("No date changed."),
                effective_on=today,
            )
        results.append(Recalculation(req, changes))
    return results


def due_state(req: DisclosureRequest, today: datetime.date | None = None) -> str:
    """"overdue", "due_today", "due_soon", "paused" or "" for the inbox highlight."""
    if req.status not in OPEN_STATUSES or req.reply_due_on is None:
        return ""
    if req.status in (Status.CONSULTING, Status.FEE_PENDING, Status.CORRECTION_REQUESTED):
        return "paused"
    today = today or timezone.localdate()
    if today > req.reply_due_on:
        return "overdue"
    if today == req.reply_due_on:
        return "due_today"
    if workdays.working_days_between(today, req.reply_due_on, provisional=True) <= foia_setting("GK_FOIA_DUE_SOON_DAYS"):
        return "due_soon"
    return ""
