"""What happens to a letter: registration and each handling step.

Every function validates first and then writes in one transaction, with a
:class:`~.models.LetterEvent` and a record in core's review ledger; a step
that is not allowed in the letter's state raises :class:`StepRefused` and
changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk import sequences
from wagtail_gk.gate.checkers.base import TextSource
from wagtail_gk.gate.ledger import record_decision
from wagtail_gk.gate.runner import run_checks
from wagtail_gk.intake.secrets import hash_query_code, new_query_code, query_code_matches

from .conf import interaction_setting
from .deadlines import reply_due_on
from .models import InteractionCounter, Letter, LetterEvent, LetterStatus, Rating

SALT = "wagtail_gk_interaction"


class StepRefused(Exception):
    """A handling step that is not allowed now; the message says why."""


class DuplicateLetter(Exception):
    pass


def code_matches(letter: Letter | None, code: str) -> bool:
    return query_code_matches(SALT, letter.query_code_hash if letter is not None else None, code)


def _tracking_number(year: int) -> str:
    serial = sequences.allocate(InteractionCounter, "tracking_number", year=year)
    return interaction_setting("GK_INTERACTION_TRACKING_NUMBER_FORMAT").format(year=year, serial=serial)


def _event(letter, action, *, user=None, note="", public=False, from_agency=None, to_agency=None, decision="recorded", findings=()):
    LetterEvent.objects.create(letter=letter, user=user, action=action, note=note, public=public, from_agency=from_agency, to_agency=to_agency)
    record_decision(letter, f"interaction.{action}", user=user, decision=decision, reason=note, findings=findings)


def register_letter(*, mailbox, data: dict, form_nonce: str = "", received_on: datetime.date | None = None, user=None) -> tuple[Letter, str]:
    """Store a letter; return it and its query code (shown once, only its hash is kept)."""
    received_on = received_on or timezone.localdate()
    code = new_query_code()
    number = _tracking_number(received_on.year)  # outside the transaction: registrations do not wait on each other
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                mailbox=mailbox, tracking_number=number, query_code_hash=hash_query_code(SALT, code),
                form_nonce=form_nonce or None, received_on=received_on,
                reply_due_on=reply_due_on(data["kind"], received_on), agency=None, **data,
            )
            _event(letter, "received", user=user, public=True)
    except IntegrityError:
        if form_nonce and Letter.objects.filter(form_nonce=form_nonce).exists():
            raise DuplicateLetter(_("This form has already been sent. Your letter was registered once; see your receipt.")) from None
        raise
    return letter, code


def _locked(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().get(pk=letter.pk)


def _require(letter, *statuses):
    if letter.status not in statuses:
        raise StepRefused(_("This step is not possible while the letter is “%(status)s”.") % {"status": letter.get_status_display()})


def allowed_steps(letter: Letter, user) -> list[str]:
    """The handling steps *user* may take on *letter* now."""
    steps = []
    handle = user.has_perm("wagtail_gk_interaction.change_letter")
    review = user.has_perm("wagtail_gk_interaction.review_letter_reply")
    if letter.status == LetterStatus.RECEIVED and handle:
        steps.append("assign")
    if letter.status == LetterStatus.IN_HAND and handle:
        steps += ["transfer", "draft_reply"]
        if not letter.extension_days:
            steps.append("extend")
    if letter.status == LetterStatus.REVIEW and review:
        steps += ["approve", "return"]
    if letter.status == LetterStatus.REPLIED and letter.published and user.has_perm("wagtail_gk_interaction.add_faqentry"):
        steps.append("make_faq")
    return steps


def assign(letter: Letter, agency, *, user=None, note="") -> Letter:
    with transaction.atomic():
        letter = _locked(letter)
        _require(letter, LetterStatus.RECEIVED)
        letter.agency, letter.status = agency, LetterStatus.IN_HAND
        letter.save(update_fields=["agency", "status"])
        _event(letter, "assign", user=user, note=note, public=True, to_agency=agency)
    return letter


def transfer(letter: Letter, agency, *, user=None, note="") -> Letter:
    """Hand the letter to another agency; the reply limit keeps running from the day received."""
    if not note.strip():
        raise StepRefused(_("Give the reason for the transfer."))
    with transaction.atomic():
        letter = _locked(letter)
        _require(letter, LetterStatus.IN_HAND)
        if agency == letter.agency:
            raise StepRefused(_("The letter is already with this agency."))
        previous = letter.agency
        letter.agency = agency
        letter.save(update_fields=["agency"])
        _event(letter, "transfer", user=user, note=note, public=True, from_agency=previous, to_agency=agency)
    return letter


def extend(letter: Letter, days: int, reason: str, *, user=None) -> Letter:
    maximum = interaction_setting("GK_INTERACTION_MAX_EXTENSION_DAYS")
    if not reason.strip():
        raise StepRefused(_("Give the reason for the extension."))
    if not 1 <= days <= maximum:
        raise StepRefused(_("An extension is 1 to %(max)d working days.") % {"max": maximum})
    with transaction.atomic():
        letter = _locked(letter)
        _require(letter, LetterStatus.IN_HAND)
        if letter.extension_days:
            raise StepRefused(_("The reply limit has already been extended once."))
        letter.extension_days, letter.extension_reason = days, reason
        letter.reply_due_on = reply_due_on(letter.kind, letter.received_on, days)
        letter.save(update_fields=["extension_days", "extension_reason", "reply_due_on"])
        _event(letter, "extend", user=user, note=reason, public=True)
    return letter


def gate_report(letter: Letter, reply_text: str, public_subject: str, public_body: str):
    """The publication gate's findings on the reply and the letter as it would be published."""
    sources = [
        TextSource(_("Reply"), reply_text),
        TextSource(_("Subject as published"), public_subject),
        TextSource(_("Letter as published"), public_body),
    ]
    return run_checks(letter, sources)


def _check_reply(letter, reply_text, public_subject, public_body, user):
    report = gate_report(letter, reply_text, public_subject, public_body)
    if report.blocks:
        record_decision(letter, "interaction.gate", user=user, decision=report.decision, findings=report.findings)
        raise StepRefused(_("The publication gate blocked the reply: %(summary)s") % {"summary": report.summary()})
    return report


def draft_reply(letter: Letter, reply_text: str, *, public_subject: str, public_body: str, user=None) -> Letter:
    """The handling agency's reply, sent to review once the gate lets it through."""
    if not reply_text.strip():
        raise StepRefused(_("Write the reply."))
    report = _check_reply(letter, reply_text, public_subject, public_body, user)
    with transaction.atomic():
        letter = _locked(letter)
        _require(letter, LetterStatus.IN_HAND)
        letter.reply_text, letter.public_subject, letter.public_body = reply_text, public_subject, public_body
        letter.reply_agency = letter.agency
        letter.status = LetterStatus.REVIEW
        letter.save(update_fields=["reply_text", "public_subject", "public_body", "reply_agency", "status"])
        _event(letter, "draft_reply", user=user, decision=report.decision, findings=report.findings)
    return letter


def return_reply(letter: Letter, note: str, *, user=None) -> Letter:
    if not note.strip():
        raise StepRefused(_("Say what the reply needs."))
    with transaction.atomic():
        letter = _locked(letter)
        _require(letter, LetterStatus.REVIEW)
        letter.status = LetterStatus.IN_HAND
        letter.save(update_fields=["status"])
        _event(letter, "return", user=user, note=note, decision="rejected")
    return letter


def approve_reply(letter: Letter, *, publish: bool, user=None, today: datetime.date | None = None) -> Letter:
    """The reviewer sends the reply; published too when the writer agreed and *publish*."""
    report = _check_reply(letter, letter.reply_text, letter.public_subject, letter.public_body, user)
    with transaction.atomic():
        letter = _locked(letter)
        _require(letter, LetterStatus.REVIEW)
        letter.status = LetterStatus.REPLIED
        letter.replied_on = today or timezone.localdate()
        letter.published = bool(publish and letter.publish_consent)
        letter.save(update_fields=["status", "replied_on", "published"])
        _event(letter, "reply_sent", user=user, public=True, decision="approved", findings=report.findings)
        if letter.published:
            _event(letter, "published", user=user, decision=report.decision)
    return letter


def rate(letter: Letter, rating: str) -> Letter:
    """The writer's one rating of a replied letter."""
    if rating not in Rating.values:
        raise StepRefused(_("Choose one of the ratings."))
    with transaction.atomic():
        letter = _locked(letter)
        if letter.status != LetterStatus.REPLIED:
            raise StepRefused(_("The letter can be rated once it has been replied to."))
        if letter.rating:
            raise StepRefused(_("This reply has already been rated; a reply is rated once."))
        letter.rating, letter.rated_at = rating, timezone.now()
        letter.save(update_fields=["rating", "rated_at"])
        _event(letter, "rated", note=str(letter.get_rating_display()))
    return letter


def log_personal_data_view(letter: Letter, user) -> None:
    record_decision(letter, "interaction.view_personal_data", user=user, decision="viewed")


def make_faq(letter: Letter, question: str, answer: str, *, user=None):
    """An FAQ entry from a published reply; its text passes the gate first."""
    from .models import FaqEntry

    if letter.status != LetterStatus.REPLIED or not letter.published:
        raise StepRefused(_("Only a published reply can become an FAQ entry."))
    report = run_checks(letter, [TextSource(_("Question"), question), TextSource(_("Answer"), answer)])
    if report.blocks:
        record_decision(letter, "interaction.gate", user=user, decision=report.decision, findings=report.findings)
        raise StepRefused(_("The publication gate blocked the reply: %(summary)s") % {"summary": report.summary()})
    with transaction.atomic():
        entry = FaqEntry.objects.create(question=question, answer=answer, kind=letter.kind, source_letter=letter)
        _event(letter, "make_faq", user=user, note=question, decision=report.decision, findings=report.findings)
    return entry
