"""The processing fee step (条例 第42条): notice, payment, and closing an
unpaid request. The amounts themselves come from :mod:`wagtail_gk_foia.fees`."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk import workdays
from wagtail_gk.dates import long_date

from .. import fees
from ..conf import foia_setting
from ..models import ClockPause, ConfirmationMethod, DisclosureRequest, FeeMethod, Outcome, Status
from .deadlines import _dp
from .errors import TransitionError
from .transitions import _check_day, _conclude, _transition


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


def payment_due(received_on: datetime.date) -> datetime.date:
    """国办函〔2020〕109号: 20 working days from the day after the applicant receives the notice."""
    return workdays.add_working_days(received_on, foia_setting("GK_FOIA_FEE_PAYMENT_DAYS"), provisional=True)


def issue_fee_notice(req, *, user, method: str, quantity: int, on: datetime.date, received_on: datetime.date | None = None, delivery: str = ""):
    """第42条: charge the 信息处理费; the time until payment is not counted.
    The payment period runs from the day after the applicant *receives* the
    notice: give *received_on* when it is handed over now, or record it later
    with :func:`record_fee_notice_receipt`."""
    _check_day(on, not_before=req.clock_started_on, what=_("Reply period start date"))
    if received_on is not None:
        if delivery not in ConfirmationMethod.values:
            raise TransitionError(_("Choose how the letter or notice was delivered."))
        _check_day(received_on, not_before=on, what=_("Fee notice date"))
    if not isinstance(quantity, int) or quantity < 1:
        raise TransitionError(_("The quantity charged must be a positive whole number."))
    amount, steps = assess_fee(req, method, quantity)
    if amount <= 0:
        raise TransitionError(_("Under the fee standard this request is free of charge (%(detail)s).") % {"detail": steps[-1]})
    due = payment_due(received_on) if received_on else None

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
        r.fee_notice_received_on = received_on
        r.fee_notice_delivery = delivery if received_on else ""
        ClockPause.objects.create(request=r, reason=_("From fee notice to payment"), started_on=on)

    if due:
        label = _("Fee notice issued: processing fee %(amount)s yuan, payment deadline %(date)s") % {"amount": amount, "date": _dp(due)}
    else:
        label = _("Fee notice issued: processing fee %(amount)s yuan, payable within 20 working days from the day after the applicant receives the notice") % {"amount": amount}
    return _transition(req, "issue_fee_notice", user, apply, label=label, detail="\n".join(steps), effective_on=on)


def record_fee_notice_receipt(req, *, user, on: datetime.date, delivery: str):
    """The day the applicant received the fee notice: payment is due 20 working days from the next day."""
    if delivery not in ConfirmationMethod.values:
        raise TransitionError(_("Choose how the letter or notice was delivered."))
    if req.fee_notice_received_on:
        raise TransitionError(_("The receipt of the fee notice has already been recorded."))
    _check_day(on, not_before=req.fee_notice_on, what=_("Fee notice date"))
    due = payment_due(on)

    def apply(r):
        r.fee_notice_received_on = on
        r.fee_notice_delivery = delivery
        r.fee_due_on = due

    return _transition(
        req, "record_fee_notice_receipt", user, apply,
        label=_("The applicant received the fee notice on %(on)s (%(how)s): payment deadline %(date)s (20 working days from the next day)")
        % {"on": long_date(on), "how": ConfirmationMethod(delivery).label, "date": _dp(due)},
        effective_on=on,
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


def overdue_unpaid(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return DisclosureRequest.objects.filter(status=Status.FEE_PENDING, fee_due_on__lt=today)
