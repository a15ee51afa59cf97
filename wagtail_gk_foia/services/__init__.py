"""The procedure of a disclosure request (条例 第四章) as a state machine.

Views, tasks and the demo call these functions; they validate first, then
write in one transaction, and record every step as a :class:`RequestEvent`
(the timeline) and in the review ledger (``wagtail_gk.gate.ledger``). Deadlines are
computed in working days from the calendar of ``wagtail_gk.workdays`` and each
request keeps a human-readable explanation of how its due date was reached.

States and the actions that leave them::

    registered ──request_correction──▶ correction ──receive_correction──▶ registered
                                       correction ──abandon_uncorrected──▶ abandoned (6.1)
    registered ──start_consultation──▶ consulting ──end_consultation──▶ registered
    registered ──request_reasons (第35条)──▶ awaiting_reasons ──accept_reasons──▶ registered
    registered ──issue_fee_notice──▶ fee_pending ──record_payment──▶ registered
                                     fee_pending ──close_unpaid──▶ abandoned (6.2)
    registered / awaiting_reasons ──reply(outcome)──▶ replied
    any open state ──withdraw──▶ withdrawn (6.3)
    replied / abandoned / withdrawn ──archive──▶ archived (read-only)

``approve_extension`` (once, ≤ 20 working days) keeps the state.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import logging
import math
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk import workdays

from . import fees
from .conf import foia_setting
from .models import (
    OPEN_STATUSES,
    ClockPause,
    Consultation,
    ConsultationKind,
    ConsultationResult,
    DisclosureRequest,
    FeeMethod,
    Outcome,
    PersonalDataAccess,
    RequestAttachment,
    RequestEvent,
    RequestNote,
    Status,
    TrackingSequence,
    UsedFormToken,
    WithheldPart,
)
from .models.choices import RECEIPT_DATE_RULES, REFUSAL_OUTCOMES, REPLY_OUTCOMES, Channel

logger = logging.getLogger("wagtail_gk.foia")


class TransitionError(Exception):
    """A step that the procedure does not allow now; the message is for the officer."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    from_statuses: frozenset


ACTIONS = {
    a.name: a
    for a in [
        Action("request_correction", _("Request correction"), frozenset({Status.REGISTERED})),
        Action("receive_correction", _("Correction received"), frozenset({Status.CORRECTION_REQUESTED})),
        Action("abandon_uncorrected", _("No correction in time: deem abandoned"), frozenset({Status.CORRECTION_REQUESTED})),
        Action("start_consultation", _("Consultation"), frozenset({Status.REGISTERED, Status.CONSULTING})),
        Action("end_consultation", _("End consultation"), frozenset({Status.CONSULTING})),
        Action(
            "approve_extension",
            _("Extension"),
            frozenset({Status.REGISTERED, Status.CONSULTING, Status.AWAITING_REASONS}),
        ),
        Action("request_reasons", _("Ask for reasons (Article 35)"), frozenset({Status.REGISTERED})),
        Action("accept_reasons", _("Reasons accepted: set reply deadline"), frozenset({Status.AWAITING_REASONS})),
        Action("issue_fee_notice", _("Issue fee notice"), frozenset({Status.REGISTERED})),
        Action("record_payment", _("Record payment"), frozenset({Status.FEE_PENDING})),
        Action("close_unpaid", _("Not paid in time: close"), frozenset({Status.FEE_PENDING})),
        Action("reply", _("Reply"), frozenset({Status.REGISTERED, Status.AWAITING_REASONS})),
        Action("withdraw", _("Withdrawal by applicant"), frozenset(OPEN_STATUSES)),
        Action("archive", _("Archive"), frozenset({Status.REPLIED, Status.ABANDONED, Status.WITHDRAWN})),
    ]
}


def available_actions(req: DisclosureRequest, today: datetime.date | None = None) -> list[Action]:
    """The actions allowed for *req* now (state and one-time rules)."""
    today = today or timezone.localdate()
    allowed = []
    for action in ACTIONS.values():
        if req.status not in action.from_statuses:
            continue
        if action.name == "request_correction" and req.correction_requested_on:
            continue  # 第30条: the applicant is told once
        if action.name == "approve_extension" and req.extension_days:
            continue  # 第33条: one extension
        if action.name == "abandon_uncorrected" and (not req.correction_due_on or today <= req.correction_due_on):
            continue
        if action.name == "close_unpaid" and (not req.fee_due_on or today <= req.fee_due_on):
            continue
        allowed.append(action)
    return allowed


# --- secrets ------------------------------------------------------------------

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 12
# 12 × log2(31) ≈ 59.4 bits: with the status look-up's limits, guessing one
# code takes millions of years even from a million addresses (docs/foia.md,
# "The status look-up"). Codes are drawn with ``secrets`` (uniform).
QUERY_CODE_BITS = QUERY_CODE_LENGTH * math.log2(len(QUERY_CODE_ALPHABET))


def new_query_code() -> str:
    """A secret of QUERY_CODE_LENGTH symbols (QUERY_CODE_BITS of entropy),
    shown once to the applicant, as three groups of four."""
    raw = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _i in range(QUERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, QUERY_CODE_LENGTH, 4))


def normalise_query_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _keyed_hash(purpose: str, value: str) -> str:
    key = hashlib.sha256(f"wagtail_gk_foia.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def hash_query_code(code: str) -> str:
    """Keyed hash of a query code: a fast HMAC is enough for a random 59-bit secret."""
    return _keyed_hash("query-code", normalise_query_code(code))


def query_code_matches(req: DisclosureRequest | None, code: str) -> bool:
    """Constant-time comparison; with no request, compares against a dummy so
    timing does not tell whether a tracking number exists (the dummy is
    computed on both paths, so both do the same work)."""
    dummy = _keyed_hash("dummy", "0")
    expected = req.query_code_hash if req is not None else dummy
    return hmac.compare_digest(expected, hash_query_code(code)) and req is not None


def applicant_key_for(id_number: str) -> str:
    """Pseudonymous key grouping one applicant's requests (fees per month, repeats)."""
    return _keyed_hash("applicant", "".join((id_number or "").upper().split()))


# --- deadlines ------------------------------------------------------------------


@dataclass
class Deadlines:
    reply_due_on: datetime.date | None
    correction_notice_due_on: datetime.date | None
    steps: list[str] = field(default_factory=list)
    paused_days: int = 0
    #: The reply date reaches a year whose holiday schedule is not imported yet:
    #: computed on weekends only there (暂定) and recomputed on import.
    provisional: bool = False


def _d(day: datetime.date | None) -> str:
    return day.strftime("%Y年%m月%d日").replace("年0", "年").replace("月0", "月") if day else ""


def _dp(day: datetime.date | None) -> str:
    """A computed due date, marked when it is provisional (its year has no schedule yet)."""
    if workdays.is_provisional(day):
        return _("%(date)s (provisional)") % {"date": _d(day)}
    return _d(day)


def compute_deadlines(req: DisclosureRequest, today: datetime.date | None = None) -> Deadlines:
    """Work out the reply due date of *req* and explain every step."""
    today = today or timezone.localdate()
    result = Deadlines(reply_due_on=None, correction_notice_due_on=None)
    steps = result.steps
    steps.append(
        _("Date of receipt: %(date)s. %(basis)s")
        % {"date": _d(req.received_on), "basis": req.receipt_date_basis or RECEIPT_DATE_RULES.get(req.channel, "")}
    )
    notice_days = foia_setting("GK_FOIA_CORRECTION_NOTICE_DAYS")
    result.correction_notice_due_on = workdays.add_working_days(req.received_on, notice_days, provisional=True)
    if req.correction_requested_on:
        steps.append(
            _("%(on)s: correction requested, all at once (Article 30: within %(n)d working days of receipt, i.e. by %(due)s); correction deadline %(until)s.")
            % {
                "on": _d(req.correction_requested_on),
                "n": notice_days,
                "due": _d(result.correction_notice_due_on),
                "until": _dp(req.correction_due_on),
            }
        )
    if req.status == Status.CORRECTION_REQUESTED:
        steps.append(_("Waiting for the applicant's correction; the reply deadline will be recomputed from the date the corrected request is received."))
        return result
    if req.corrected_on:
        steps.append(
            _("%(on)s: corrected request received; the reply deadline runs from that date (Article 30).") % {"on": _d(req.corrected_on)}
        )
    reply_days = foia_setting("GK_FOIA_REPLY_DAYS")
    steps.append(
        _("Reply deadline: %(n)d working days from %(start)s (Article 33).") % {"start": _d(req.clock_started_on), "n": reply_days}
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
                "start": _d(pause.started_on),
                "end": _d(pause.ended_on) if pause.ended_on else _("today (not yet ended)"),
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
            _("Reasonable later reply deadline set under Article 35: %(date)s.") % {"date": _d(req.reasonable_due_on)}
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
            if req.status == Status.FEE_PENDING and req.fee_notice_on:
                new_fee_due = workdays.add_working_days(req.fee_notice_on, foia_setting("GK_FOIA_FEE_PAYMENT_DAYS"), provisional=True)
                note(_("fee payment period"), req.fee_due_on, new_fee_due)
                req.fee_due_on = new_fee_due
            if req.status == Status.CORRECTION_REQUESTED and req.correction_requested_on:
                period = req.correction_period_days or foia_setting("GK_FOIA_CORRECTION_PERIOD_DAYS")
                new_correction_due = workdays.add_working_days(req.correction_requested_on, period, provisional=True)
                note(_("correction period"), req.correction_due_on, new_correction_due)
                req.correction_due_on = new_correction_due
            for consultation in req.consultations.filter(answered_on__isnull=True):
                answer_due = workdays.add_working_days(consultation.sent_on, foia_setting("GK_FOIA_CONSULTATION_DAYS"), provisional=True)
                note(_("consultation of %(party)s") % {"party": consultation.party}, consultation.answer_due_on, answer_due)
                if answer_due != consultation.answer_due_on:
                    consultation.answer_due_on = answer_due
                    consultation.save(update_fields=["answer_due_on"])
            old_reply_due = req.reply_due_on
            req.save(update_fields=["fee_due_on", "correction_due_on"])
            refresh_deadlines(req, today)
            note(_("reply date"), old_reply_due, req.reply_due_on)
            label = _("Holiday schedule for %(year)d imported: dates recomputed") % {"year": year}
            _record(
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


# --- registration ---------------------------------------------------------------


def allocate_tracking_number(year: int) -> str:
    """Next tracking number of *year*: one ``UPDATE … RETURNING`` statement of
    its own (not inside the registration's transaction), so the sequence row
    is locked only for that statement; a failed registration leaves a gap,
    never a repeat."""
    db = connections[router.db_for_write(TrackingSequence)]
    serial = None
    for _attempt in range(2):
        if db.features.can_return_columns_from_insert:  # RETURNING (PostgreSQL; SQLite ≥ 3.35)
            table = db.ops.quote_name(TrackingSequence._meta.db_table)
            with db.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET last_serial = last_serial + 1 WHERE year = %s RETURNING last_serial",  # noqa: S608 — the model's own table name
                    [year],
                )
                row = cursor.fetchone()
            serial = row[0] if row else None
        else:
            with transaction.atomic(using=db.alias):
                seq = TrackingSequence.objects.using(db.alias).select_for_update().filter(year=year).first()
                if seq is not None:
                    TrackingSequence.objects.using(db.alias).filter(pk=seq.pk).update(last_serial=F("last_serial") + 1)
                    serial = seq.last_serial + 1
        if serial is not None:
            break
        TrackingSequence.objects.using(db.alias).get_or_create(year=year)  # the year's first request
    return foia_setting("GK_FOIA_TRACKING_NUMBER_FORMAT").format(year=year, serial=serial)


APPLICATION_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "information_title",
    "document_reference",
    "description",
    "delivery_form",
    "delivery_channel",
    "pieces",
    "accessible_version",
    "external_reference",
)


class DuplicateSubmission(TransitionError):
    """The one-time token of a public form has already been used."""


def validate_received_on(received_on, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if not isinstance(received_on, datetime.date):
        raise TransitionError(_("The date of receipt is not a valid date."))
    if received_on > today:
        raise TransitionError(_("The date of receipt cannot be later than today (under Article 31 it is the date of actual receipt or of confirmation)."))


def register_request(
    *,
    agency,
    data: dict,
    channel: str = Channel.ONLINE,
    received_on: datetime.date | None = None,
    user=None,
    identity_proof=None,
    form_nonce: str = "",
    assignee=None,
) -> tuple[DisclosureRequest, str]:
    """Register an application and return (request, query code).

    The query code is returned once and only its keyed hash is stored. With
    *form_nonce* (the public form's one-time token) a second submission of the
    same form raises :class:`DuplicateSubmission` and nothing is kept: the
    token's unique row fails the transaction (no query beforehand, the common
    case pays nothing) and the stored identity proof is removed again; only
    the tracking number it drew is left unused.
    """
    today = timezone.localdate()
    received_on = received_on or today
    validate_received_on(received_on, today)
    code = new_query_code()
    tracking_number = allocate_tracking_number(received_on.year)
    req = DisclosureRequest(
        tracking_number=tracking_number,
        query_code_hash=hash_query_code(code),
        agency=agency,
        channel=channel,
        received_on=received_on,
        receipt_date_basis=str(RECEIPT_DATE_RULES.get(channel, "")),
        registered_by=user if getattr(user, "is_authenticated", False) else None,
        clock_started_on=received_on,
        applicant_key=applicant_key_for(data.get("id_number", "")),
        assignee=assignee,
    )
    for name in APPLICATION_FIELDS:
        if name in data and data[name] is not None:
            setattr(req, name, data[name])
    if identity_proof is not None:
        req.identity_proof = identity_proof
    deadlines = compute_deadlines(req, today)
    req.due_explanation, req.reply_due_on = deadlines.steps, deadlines.reply_due_on
    from django.db import IntegrityError

    try:
        with transaction.atomic():
            req.save()
            if form_nonce:
                UsedFormToken.objects.create(nonce=form_nonce, request=req)
            _record(
                req,
                "register",
                user,
                _("Request registered (%(channel)s)") % {"channel": req.get_channel_display()},
                from_status="",
                to_status=Status.REGISTERED,
                effective_on=received_on,
            )
    except BaseException as exc:
        _discard_files(req)
        if (
            isinstance(exc, IntegrityError)
            and form_nonce
            and UsedFormToken.objects.filter(nonce=form_nonce).exists()
        ):
            raise DuplicateSubmission(_("This form has already been submitted. Please do not submit it again.")) from exc
        raise
    return req, code


def _discard_files(req: DisclosureRequest) -> None:
    """Remove the identity proof that ``save()`` stored for a registration
    whose transaction did not commit, so a failure leaves no file behind."""
    proof = req.identity_proof
    if proof and getattr(proof, "_committed", False):
        try:
            proof.storage.delete(proof.name)
        except OSError:
            logger.warning("Could not remove %s after a failed registration", proof.name)


# --- transitions --------------------------------------------------------------


def _record(req, action, user, label, *, from_status=None, to_status=None, detail="", effective_on=None, public=True):
    from wagtail_gk.gate.ledger import record_decision

    entry = record_decision(
        req,
        f"foia.{action}",
        user=user,
        decision=str(to_status if to_status is not None else req.status),
        reason=(label + ("\n" + detail if detail else ""))[:2000],
    )
    return RequestEvent.objects.create(
        request=req,
        actor=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        label=str(label)[:200],
        from_status=from_status if from_status is not None else req.status,
        to_status=to_status if to_status is not None else req.status,
        detail=detail,
        effective_on=effective_on,
        ledger_entry_id=getattr(entry, "pk", None),
        public=public,
    )


def _locked(req: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().get(pk=req.pk)


def _check_action(req: DisclosureRequest, name: str, today: datetime.date) -> None:
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    allowed = {a.name for a in available_actions(req, today)}
    if name not in allowed:
        raise TransitionError(
            _("“%(action)s” is not possible while the status is “%(status)s”.")
            % {"status": req.get_status_display(), "action": ACTIONS[name].label}
        )


def _check_day(on, *, not_before=None, what=None) -> datetime.date:
    today = timezone.localdate()
    if not isinstance(on, datetime.date):
        raise TransitionError(_("Invalid date."))
    if on > today:
        raise TransitionError(_("The date cannot be later than today."))
    if not_before and on < not_before:
        raise TransitionError(
            _("The date cannot be earlier than “%(what)s” (%(date)s).") % {"what": what or _("Date of receipt"), "date": _d(not_before)}
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
        _record(fresh, name, user, label, from_status=from_status, to_status=fresh.status, detail=detail, effective_on=effective_on)
    req.refresh_from_db()
    return req


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
            _("The deadline for requesting correction under Article 30 (%(date)s) has passed: correction can no longer be requested.") % {"date": _d(notice_due)}
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


def start_consultation(req, *, user, kind: str, party: str, on: datetime.date):
    """第32条/第34条: consult in writing; the time it takes is not counted."""
    party = (party or "").strip()
    if not party:
        raise TransitionError(_("Enter the third party or agency consulted."))
    if kind not in ConsultationKind.values:
        raise TransitionError(_("Invalid consultation type."))
    _check_day(on, not_before=req.clock_started_on, what=_("Reply period start date"))
    answer_due = workdays.add_working_days(on, foia_setting("GK_FOIA_CONSULTATION_DAYS"), provisional=True)

    def apply(r):
        Consultation.objects.create(request=r, kind=kind, party=party, sent_on=on, answer_due_on=answer_due)
        if r.status != Status.CONSULTING:
            ClockPause.objects.create(request=r, reason=str(ConsultationKind(kind).label), started_on=on)
        r.status = Status.CONSULTING

    return _transition(
        req, "start_consultation", user, apply,
        label=_("%(kind)s: %(party)s, reply due by %(date)s") % {
            "kind": ConsultationKind(kind).label, "party": party, "date": _dp(answer_due)
        },
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
        raise TransitionError(_("The reply deadline (%(date)s) has passed: it can no longer be extended.") % {"date": _d(current_due)})

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
        label=_("Applicant's reasons accepted, reply deadline set to %(date)s") % {"date": _d(reasonable_due_on)}, detail=note, effective_on=on,
    )


def prior_pieces_in_month(req: DisclosureRequest) -> int:
    """Pieces the same applicant asked for earlier in the same calendar month (all agencies of this site)."""
    first = req.received_on.replace(day=1)
    qs = DisclosureRequest.objects.filter(
        applicant_key=req.applicant_key, received_on__gte=first, received_on__lte=req.received_on
    ).exclude(pk=req.pk)
    qs = qs.filter(received_on__lt=req.received_on) | qs.filter(received_on=req.received_on, pk__lt=req.pk)
    return qs.aggregate(n=Sum("pieces"))["n"] or 0


def assess_fee(req: DisclosureRequest, method: str, quantity: int) -> tuple[Decimal, list[str]]:
    if method == FeeMethod.PER_PIECE:
        return fees.piece_fee(prior_pieces_in_month(req), quantity)
    if method == FeeMethod.PER_PAGE:
        return fees.page_fee(quantity)
    raise TransitionError(_("Choose a fee method (per request or by volume; only one)."))


def issue_fee_notice(req, *, user, method: str, quantity: int, on: datetime.date):
    """第42条: charge the 信息处理费; the time until payment is not counted."""
    _check_day(on, not_before=req.clock_started_on, what=_("Reply period start date"))
    if not isinstance(quantity, int) or quantity < 1:
        raise TransitionError(_("The quantity charged must be a positive whole number."))
    amount, steps = assess_fee(req, method, quantity)
    if amount <= 0:
        raise TransitionError(_("Under the fee standard this request is free of charge (%(detail)s).") % {"detail": steps[-1]})
    due = workdays.add_working_days(on, foia_setting("GK_FOIA_FEE_PAYMENT_DAYS"), provisional=True)

    def apply(r):
        r.status = Status.FEE_PENDING
        r.fee_method = method
        r.fee_quantity = quantity
        if method == FeeMethod.PER_PIECE:
            r.pieces = quantity
        r.fee_amount = amount
        r.fee_explanation = steps
        r.fee_notice_on = on
        r.fee_due_on = due
        ClockPause.objects.create(request=r, reason=_("From fee notice to payment"), started_on=on)

    return _transition(
        req, "issue_fee_notice", user, apply,
        label=_("Fee notice issued: processing fee %(amount)s yuan, payment deadline %(date)s") % {"amount": amount, "date": _dp(due)},
        detail="\n".join(steps), effective_on=on,
    )


def record_payment(req, *, user, on: datetime.date):
    _check_day(on, not_before=req.fee_notice_on, what=_("Fee notice date"))

    def apply(r):
        r.status = Status.REGISTERED
        r.fee_paid_on = on
        r.pauses.filter(ended_on__isnull=True).update(ended_on=on)

    return _transition(req, "record_payment", user, apply, label=_("The applicant has paid the processing fee"), effective_on=on)


def close_unpaid(req, *, user=None, on: datetime.date | None = None):
    """Unpaid within the payment period → not handled further (table 3: 六-2)."""
    on = on or timezone.localdate()
    return _transition(
        req, "close_unpaid", user, lambda r: _conclude(r, Status.ABANDONED, Outcome.OTHER_UNPAID, on),
        label=_("The applicant did not pay the processing fee in time: the request is no longer handled"), effective_on=on,
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


def assign(req, *, user, assignee):
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    if assignee is not None and not _is_officer(assignee):
        raise TransitionError(_("The case officer must be an openness officer."))
    with transaction.atomic():
        fresh = _locked(req)
        fresh.assignee = assignee
        fresh.save(update_fields=["assignee"])
        _record(
            fresh, "assign", user,
            _("Case officer assigned: %(name)s") % {"name": _user_name(assignee)} if assignee else _("Case officer removed"),
            public=False,
        )
    req.refresh_from_db()
    return req


def add_note(req, *, user, text: str) -> RequestNote:
    text = (text or "").strip()
    if not text:
        raise TransitionError(_("The note cannot be empty."))
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    with transaction.atomic():
        note = RequestNote.objects.create(request=req, author=user, text=text)
        _record(req, "note", user, _("Case note added"), public=False)
    return note


def add_attachment(req, *, user, kind: str, title: str, uploaded_file, pages: int = 0) -> RequestAttachment:
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    if uploaded_file is None:
        raise TransitionError(_("Choose a file."))
    if uploaded_file.size > foia_setting("GK_FOIA_UPLOAD_MAX_BYTES"):
        raise TransitionError(_("The file is too large."))
    if kind not in RequestAttachment.Kind.values:
        raise TransitionError(_("Invalid attachment type."))
    title = (title or "").strip() or uploaded_file.name
    with transaction.atomic():
        attachment = RequestAttachment.objects.create(
            request=req, kind=kind, title=title[:200], file=uploaded_file, pages=max(pages or 0, 0), uploaded_by=user
        )
        _record(
            req, "attachment", user,
            _("Attachment uploaded: %(title)s (%(kind)s)") % {"title": title[:100], "kind": attachment.get_kind_display()},
            public=False,
        )
    return attachment


def log_personal_data_access(req, *, user, what: str, ip_address: str | None = None) -> None:
    PersonalDataAccess.objects.create(request=req, user=user, what=what[:50], ip_address=ip_address or None)


def _is_officer(user) -> bool:
    from wagtail_gk.roles import OFFICER, user_has_role

    return user_has_role(user, OFFICER)


def _user_name(user) -> str:
    if user is None:
        return ""
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()


def overdue_unpaid(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return DisclosureRequest.objects.filter(status=Status.FEE_PENDING, fee_due_on__lt=today)
