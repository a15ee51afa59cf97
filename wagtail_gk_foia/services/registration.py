"""Registering an application (条例 第29、31条): tracking number, query code,
first deadline, and the one-time token of the public form."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk.sequences import allocate

from ..conf import foia_setting
from ..models import TRACKING_NUMBER, DisclosureRequest, FoiaCounter, Status, UsedFormToken
from ..models.choices import CONFIRMATION_CHANNELS, RECEIPT_DATE_RULES, Channel
from .audit import record_event
from .deadlines import compute_deadlines
from .errors import TransitionError
from .secrets import applicant_key_for, hash_query_code, new_query_code

logger = logging.getLogger("wagtail_gk.foia")



def allocate_tracking_number(year: int) -> str:
    """Next tracking number of *year*. Taken before the registration's
    transaction opens, so the counter row is locked for one statement only
    (registrations do not wait on each other); a failed registration leaves a
    gap, never a repeat."""
    serial = allocate(FoiaCounter, TRACKING_NUMBER, year=year)
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
        arrived_on=received_on if channel in CONFIRMATION_CHANNELS else None,
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
            record_event(
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
