"""The steps that move a request from one status to another (条例 第30–39条).

Each step validates its input, then :func:`_transition` locks the row, asks
the actions registry (:mod:`wagtail_gk_foia.actions`) whether the step is
allowed now, applies the change, refreshes the deadlines and records it, all
in one transaction.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk import workdays
from wagtail_gk.dates import long_date

from ..conf import foia_setting
from ..models import (
    ClockPause,
    ConfirmationMethod,
    Consultation,
    ConsultationKind,
    ConsultationResult,
    DisclosureRequest,
    Outcome,
    Status,
    WithheldPart,
)
from ..models.choices import REFUSAL_OUTCOMES, REPLY_OUTCOMES
from .audit import record_event
from .deadlines import _dp, compute_deadlines, refresh_deadlines
from .errors import TransitionError


def _locked(req: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().get(pk=req.pk)


def available_actions(req: DisclosureRequest, today: datetime.date | None = None) -> list:
    """The actions allowed for *req* now (state and one-time rules), from the registry."""
    from ..actions import registry  # the registry sits above the services: its actions run them

    return registry.for_request(req, today=today)


def _check_action(req: DisclosureRequest, name: str, today: datetime.date) -> None:
    from ..actions import registry

    refusal = registry.refusal(req, name, today)
    if refusal:
        raise TransitionError(refusal)


def _check_day(on, *, not_before=None, what=None) -> datetime.date:
    today = timezone.localdate()
    if not isinstance(on, datetime.date):
        raise TransitionError(_("Invalid date."))
    if on > today:
        raise TransitionError(_("The date cannot be later than today."))
    if not_before and on < not_before:
        raise TransitionError(
            _("The date cannot be earlier than “%(what)s” (%(date)s).") % {"what": what or _("Date of receipt"), "date": long_date(not_before)}
        )
    return on


def _transition(req, name, user, apply, *, label, detail="", effective_on=None, today=None):
    """Lock the row, check the action is allowed, apply the change, refresh deadlines, record."""
    today = today or timezone.localdate()
    with transaction.atomic():
        fresh = _locked(req)
        _check_action(fresh, name, today)
        from_status = fresh.status
        apply(fresh)
        fresh.save()
        refresh_deadlines(fresh, today)
        record_event(fresh, name, user, label, from_status=from_status, to_status=fresh.status, detail=detail, effective_on=effective_on)
    req.refresh_from_db()
    return req


def confirm_receipt(req, *, user, on: datetime.date, method: str, note: str = ""):
    """第31条: for an ordinary letter, online or fax request the date of receipt
    is the date the office confirms it with the applicant; the reply deadline
    runs from there."""
    if not req.needs_confirmation:
        raise TransitionError(_("Requests made through this channel need no confirmation of receipt (Article 31)."))
    if method not in ConfirmationMethod.values:
        raise TransitionError(_("Choose how receipt was confirmed with the applicant."))
    _check_day(on, not_before=req.arrived_on or req.received_on, what=_("Date of arrival"))
    note = (note or "").strip()

    def apply(r):
        r.receipt_confirmed_on = on
        r.receipt_confirmation_method = method
        r.receipt_confirmation_note = note[:200]
        r.received_on = on
        if not r.corrected_on:
            r.clock_started_on = on

    return _transition(
        req, "confirm_receipt", user, apply,
        label=_("Receipt confirmed with the applicant (%(method)s); date of receipt %(date)s")
        % {"method": ConfirmationMethod(method).label, "date": long_date(on)},
        detail=note, effective_on=on,
    )


def request_correction(req, *, user, items: str, on: datetime.date, period_days: int | None = None):
    """第30条: tell the applicant once, within 7 working days of receipt, what to correct."""
    items = (items or "").strip()
    if not items:
        raise TransitionError(_("State what needs to be corrected."))
    _check_day(on, not_before=req.received_on)
    period_days = period_days or foia_setting("GK_FOIA_CORRECTION_PERIOD_DAYS")
    if period_days < 1 or period_days > 60:
        raise TransitionError(_("The correction period must be 1 to 60 working days."))
    notice_due = workdays.add_working_days(req.received_on, foia_setting("GK_FOIA_CORRECTION_NOTICE_DAYS"), provisional=True)
    correction_due = workdays.add_working_days(on, period_days, provisional=True)
    if on > notice_due:
        raise TransitionError(
            _("The deadline for requesting correction under Article 30 (%(date)s) has passed: correction can no longer be requested.") % {"date": long_date(notice_due)}
        )

    def apply(r):
        r.status = Status.CORRECTION_REQUESTED
        r.correction_requested_on = on
        r.correction_items = items
        r.correction_due_on = correction_due
        r.correction_period_days = period_days

    return _transition(
        req, "request_correction", user, apply,
        label=_("Correction requested all at once, correction deadline %(date)s") % {"date": _dp(correction_due)},
        detail=items, effective_on=on,
    )


def receive_correction(req, *, user, on: datetime.date, note: str = ""):
    _check_day(on, not_before=req.correction_requested_on, what=_("Correction notice date"))

    def apply(r):
        r.status = Status.REGISTERED
        r.corrected_on = on
        r.clock_started_on = on

    return _transition(
        req, "receive_correction", user, apply,
        label=_("Corrected request received, reply deadline recomputed"), detail=note, effective_on=on,
    )


def _conclude(r, status, outcome, on):
    r.status = status
    r.outcome = outcome
    r.concluded_on = on


def abandon_uncorrected(req, *, user, on: datetime.date | None = None, note: str = ""):
    """第30条: no correction in time without good reason → treated as abandoned (table 3: 六-1)."""
    on = _check_day(on or timezone.localdate(), not_before=req.received_on)
    return _transition(
        req, "abandon_uncorrected", user, lambda r: _conclude(r, Status.ABANDONED, Outcome.OTHER_NO_CORRECTION, on),
        label=_("The applicant did not correct in time without good reason: request deemed abandoned"), detail=note, effective_on=on,
    )


def _check_delivery(method: str) -> None:
    if method not in ConfirmationMethod.values:
        raise TransitionError(_("Choose how the letter or notice was delivered."))


def consultation_due(received_on: datetime.date) -> datetime.date:
    """第32、34条: 15 working days from the day the consulted party receives the letter."""
    return workdays.add_working_days(received_on, foia_setting("GK_FOIA_CONSULTATION_DAYS"), provisional=True)


def start_consultation(req, *, user, kind: str, party: str, on: datetime.date, received_on: datetime.date | None = None, delivery: str = ""):
    """第32条/第34条: consult in writing; the time it takes is not counted. The
    party's 15 working days run from the day it *receives* the letter: give
    *received_on* when it is known now (handed over), or record it later with
    :func:`record_consultation_receipt`."""
    party = (party or "").strip()
    if not party:
        raise TransitionError(_("Enter the third party or agency consulted."))
    if kind not in ConsultationKind.values:
        raise TransitionError(_("Invalid consultation type."))
    _check_day(on, not_before=req.clock_started_on, what=_("Reply period start date"))
    answer_due = None
    if received_on is not None:
        _check_delivery(delivery)
        _check_day(received_on, not_before=on, what=_("Date sent"))
        answer_due = consultation_due(received_on)

    def apply(r):
        Consultation.objects.create(
            request=r, kind=kind, party=party, sent_on=on, answer_due_on=answer_due,
            letter_received_on=received_on, delivery_method=delivery if received_on else "",
        )
        if r.status != Status.CONSULTING:
            ClockPause.objects.create(request=r, reason=str(ConsultationKind(kind).label), started_on=on)
        r.status = Status.CONSULTING

    if answer_due:
        label = _("%(kind)s: %(party)s, reply due by %(date)s") % {
            "kind": ConsultationKind(kind).label, "party": party, "date": _dp(answer_due)
        }
    else:
        label = _("%(kind)s: %(party)s, letter sent; 15 working days from its receipt") % {
            "kind": ConsultationKind(kind).label, "party": party
        }
    return _transition(req, "start_consultation", user, apply, label=label, effective_on=on)


def record_consultation_receipt(req, *, user, consultation_id: int, on: datetime.date, delivery: str):
    """The day the consulted party received the letter: its 15 working days run from there."""
    _check_delivery(delivery)
    consultation = req.consultations.filter(pk=consultation_id, answered_on__isnull=True).first()
    if consultation is None:
        raise TransitionError(_("No ongoing consultation found."))
    if consultation.letter_received_on:
        raise TransitionError(_("The receipt of this consultation letter has already been recorded."))
    _check_day(on, not_before=consultation.sent_on, what=_("Date the consultation was sent"))
    answer_due = consultation_due(on)

    def apply(r):
        consultation.letter_received_on = on
        consultation.delivery_method = delivery
        consultation.answer_due_on = answer_due
        consultation.save(update_fields=["letter_received_on", "delivery_method", "answer_due_on"])

    return _transition(
        req, "record_consultation_receipt", user, apply,
        label=_("%(party)s received the consultation letter on %(on)s (%(how)s): opinion due by %(date)s (15 working days from receipt)")
        % {"party": consultation.party, "on": long_date(on), "how": ConfirmationMethod(delivery).label, "date": _dp(answer_due)},
        effective_on=on,
    )


def end_consultation(req, *, user, consultation_id: int, on: datetime.date, result: str, opinion: str = ""):
    if result not in ConsultationResult.values:
        raise TransitionError(_("Choose the result of the consultation."))
    consultation = req.consultations.filter(pk=consultation_id, answered_on__isnull=True).first()
    if consultation is None:
        raise TransitionError(_("No ongoing consultation found."))
    _check_day(on, not_before=consultation.sent_on, what=_("Date the consultation was sent"))

    def apply(r):
        consultation.answered_on = on
        consultation.result = result
        consultation.opinion = opinion
        consultation.save()
        if not r.consultations.filter(answered_on__isnull=True).exists():
            r.pauses.filter(ended_on__isnull=True).update(ended_on=on)
            r.status = Status.REGISTERED

    return _transition(
        req, "end_consultation", user, apply,
        label=_("Opinion of %(party)s: %(result)s") % {"party": consultation.party, "result": ConsultationResult(result).label},
        detail=opinion, effective_on=on,
    )


def approve_extension(req, *, user, days: int, approved_by: str, reason: str, on: datetime.date | None = None):
    """第33条: one extension of at most 20 working days, approved by the office head."""
    on = _check_day(on or timezone.localdate(), not_before=req.received_on)
    max_days = foia_setting("GK_FOIA_MAX_EXTENSION_DAYS")
    if not isinstance(days, int) or days < 1 or days > max_days:
        raise TransitionError(_("The extension must be 1 to %(max)d working days.") % {"max": max_days})
    if not (approved_by or "").strip():
        raise TransitionError(_("Enter the head of the openness office who approved the extension."))
    if not (reason or "").strip():
        raise TransitionError(_("Enter the reason for the extension."))
    current_due = compute_deadlines(req).reply_due_on
    if current_due and on > current_due:
        raise TransitionError(_("The reply deadline (%(date)s) has passed: it can no longer be extended.") % {"date": long_date(current_due)})

    def apply(r):
        r.extension_days = days
        r.extension_approved_by = approved_by.strip()
        r.extension_reason = reason.strip()

    return _transition(
        req, "approve_extension", user, apply,
        label=_("Extension of %(n)d working days approved by %(who)s") % {"who": approved_by.strip(), "n": days},
        detail=reason, effective_on=on,
    )


def request_reasons(req, *, user, on: datetime.date, note: str = ""):
    """第35条: the number or frequency is clearly excessive — ask for reasons."""
    _check_day(on, not_before=req.received_on)

    def apply(r):
        r.status = Status.AWAITING_REASONS

    return _transition(req, "request_reasons", user, apply, label=_("Applicant asked to state reasons (Article 35)"), detail=note, effective_on=on)


def accept_reasons(req, *, user, on: datetime.date, reasonable_due_on: datetime.date, note: str = ""):
    """第35条: the reasons hold but the normal deadline cannot be met — set a reasonable one."""
    _check_day(on, not_before=req.received_on)
    if not isinstance(reasonable_due_on, datetime.date) or reasonable_due_on < on:
        raise TransitionError(_("The reply deadline set cannot be earlier than today."))

    def apply(r):
        r.status = Status.REGISTERED
        r.reasonable_due_on = reasonable_due_on

    return _transition(
        req, "accept_reasons", user, apply,
        label=_("Applicant's reasons accepted, reply deadline set to %(date)s") % {"date": long_date(reasonable_due_on)}, detail=note, effective_on=on,
    )


def reply(
    req,
    *,
    user,
    outcome: str,
    on: datetime.date,
    reasons: str = "",
    published_where: str = "",
    responsible_agency: str = "",
    withheld_parts=(),
):
    """第36–39条: reply with an outcome leaf of table 3. A partial disclosure
    (第37条) lists the parts withheld with their ground and reasons."""
    if outcome not in {o.value for o in REPLY_OUTCOMES}:
        raise TransitionError(_("Choose an outcome (a specific case of table 3 of the annual report)."))
    _check_day(on, not_before=req.received_on)
    reasons = (reasons or "").strip()
    parts = [(d.strip(), g, r.strip()) for d, g, r in withheld_parts if (d or "").strip()]
    if outcome == Outcome.PARTIAL and not parts:
        raise TransitionError(_("A partial disclosure must list the content withheld and the reasons (Article 37)."))
    for description, ground, reason in parts:
        if ground not in {o.value for o in REFUSAL_OUTCOMES}:
            raise TransitionError(_("Choose a ground for withholding “%(part)s”.") % {"part": description})
        if not reason:
            raise TransitionError(_("Give the reason for withholding “%(part)s”.") % {"part": description})
    if outcome in REFUSAL_OUTCOMES and not reasons:
        raise TransitionError(_("Withholding requires reasons (Article 36, item (3))."))
    if outcome == Outcome.DISCLOSED and not (published_where or req.attachments.filter(kind="provided").exists() or reasons):
        raise TransitionError(_("For a disclosure, upload the government information provided or state how to obtain it."))
    if outcome == Outcome.UNAVAILABLE_NOT_HELD and not reasons:
        raise TransitionError(_("Describe the search made, or name the agency responsible for disclosure."))

    def apply(r):
        _conclude(r, Status.REPLIED, outcome, on)
        r.replied_on = on
        r.outcome_reasons = reasons
        r.published_where = published_where.strip()
        r.responsible_agency = responsible_agency.strip()
        r.withheld_parts.all().delete()
        for description, ground, reason in parts:
            WithheldPart.objects.create(request=r, description=description, ground=ground, reason=reason)

    return _transition(
        req, "reply", user, apply,
        label=_("Replied: %(outcome)s") % {"outcome": Outcome(outcome).label}, detail=reasons, effective_on=on,
    )


def withdraw(req, *, user, on: datetime.date | None = None, note: str = ""):
    on = _check_day(on or timezone.localdate(), not_before=req.received_on)
    return _transition(
        req, "withdraw", user, lambda r: _conclude(r, Status.WITHDRAWN, Outcome.OTHER, on),
        label=_("The applicant withdrew the request"), detail=note, effective_on=on,
    )


def archive(req, *, user):
    def apply(r):
        r.status = Status.ARCHIVED
        r.archived_at = timezone.now()

    return _transition(req, "archive", user, apply, label=_("Archived; read-only from now on"))
