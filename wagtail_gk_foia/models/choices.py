"""The vocabularies of a disclosure request: applicant types, channels, states
and the outcome leaves of table 3 of the annual report (国办公开办函〔2021〕30号).

Choice values are stable ASCII codes; labels are the regulations' Chinese terms.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """The columns of table 3: one natural-person column and five organisation ones."""

    NATURAL_PERSON = "natural", _("Natural person")
    COMMERCIAL = "commercial", _("Commercial enterprise")
    RESEARCH = "research", _("Research institution")
    PUBLIC_INTEREST = "public_interest", _("Public-interest organization")
    LEGAL_SERVICE = "legal_service", _("Legal service institution")
    OTHER = "other", _("Other")


ORGANISATION_TYPES = [t for t in ApplicantType if t != ApplicantType.NATURAL_PERSON]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    PASSPORT = "passport", _("Passport")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit for Hong Kong, Macao and Taiwan residents")
    OTHER = "other", _("Other valid ID")


class Channel(models.TextChoices):
    """How the application arrived; decides the receipt date rule of 第31条."""

    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    ORAL = "oral", _("Orally (form filled in by staff)")
    REGISTERED_POST = "registered_post", _("By post (signed for)")
    ORDINARY_LETTER = "ordinary_letter", _("Ordinary letter")
    FAX = "fax", _("Fax")


RECEIPT_DATE_RULES = {
    Channel.ONLINE: _("Article 31, item (3): for a request submitted online, the date of receipt is the date confirmed by both sides."),
    Channel.IN_PERSON: _("Article 31, item (1): for a request submitted in person, the date of receipt is the date of submission."),
    Channel.ORAL: _("Articles 29 and 31, item (1): for a request made orally and written down by staff, the date of receipt is the date it is made."),
    Channel.REGISTERED_POST: _("Article 31, item (2): for a request sent by post, the date of receipt is the date the administrative agency signs for it."),
    Channel.ORDINARY_LETTER: _("Article 31, item (2): for a request sent by ordinary letter, the date of receipt is the date confirmed with the applicant."),
    Channel.FAX: _("Article 31, item (3): for a request submitted by fax, the date of receipt is the date confirmed by both sides."),
}


# 第31条: for these channels the date of receipt is the date the office
# confirms with the applicant, so the request waits for that confirmation.
CONFIRMATION_CHANNELS = frozenset({Channel.ONLINE, Channel.ORDINARY_LETTER, Channel.FAX})

CONFIRMATION_RULE = _(
    "Article 31: for a request sent by ordinary letter, online or by fax, the date of receipt is the date "
    "the agency confirms it with the applicant; the reply deadline runs from that date."
)


class ConfirmationMethod(models.TextChoices):
    """How the office confirmed receipt with the applicant (第31条) or how a
    letter or notice was delivered (第32、34、42条)."""

    PHONE = "phone", _("Telephone")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")
    ONLINE = "online", _("Online system")
    FAX = "fax", _("Fax")
    POST = "post", _("Post (signed for)")
    IN_PERSON = "in_person", _("In person")
    OTHER = "other", _("Other")


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    INSPECTION = "inspection", _("Inspection and copying")


class DeliveryChannel(models.TextChoices):
    POST = "post", _("Post")
    EMAIL = "email", _("Email")
    PICK_UP = "pick_up", _("Collect in person")
    ON_SITE = "on_site", _("On-site inspection")
    ONLINE = "online", _("Download online")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Being processed")
    CORRECTION_REQUESTED = "correction", _("Awaiting correction")
    CONSULTING = "consulting", _("In consultation")
    AWAITING_REASONS = "awaiting_reasons", _("Awaiting reasons")
    FEE_PENDING = "fee_pending", _("Awaiting payment")
    REPLIED = "replied", _("Replied")
    ABANDONED = "abandoned", _("Deemed abandoned")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ARCHIVED = "archived", _("Archived")


OPEN_STATUSES = frozenset(
    {Status.REGISTERED, Status.CORRECTION_REQUESTED, Status.CONSULTING, Status.AWAITING_REASONS, Status.FEE_PENDING}
)
CLOSED_STATUSES = frozenset({Status.REPLIED, Status.ABANDONED, Status.WITHDRAWN, Status.ARCHIVED})
# While in these states the reply clock does not run (第33条第三款; fee notice).
PAUSED_STATUSES = frozenset({Status.CONSULTING, Status.FEE_PENDING, Status.CORRECTION_REQUESTED})


class Outcome(models.TextChoices):
    """The leaf rows of table 3. The first digit is the group (一)…(六)."""

    DISCLOSED = "1", _("(1) Disclosed")
    PARTIAL = "2", _("(2) Partly disclosed")
    WITHHELD_STATE_SECRET = "3.1", _("(3) Withheld — 1. State secret")
    WITHHELD_LAW = "3.2", _("(3) Withheld — 2. Disclosure prohibited by other laws or administrative regulations")
    WITHHELD_SECURITY = "3.3", _("(3) Withheld — 3. Would endanger national, public or economic security or social stability")
    WITHHELD_THIRD_PARTY = "3.4", _("(3) Withheld — 4. Protecting third parties' lawful rights and interests")
    WITHHELD_INTERNAL = "3.5", _("(3) Withheld — 5. One of the three kinds of internal affairs information")
    WITHHELD_PROCESS = "3.6", _("(3) Withheld — 6. One of the four kinds of process information")
    WITHHELD_ENFORCEMENT = "3.7", _("(3) Withheld — 7. Administrative enforcement case file")
    WITHHELD_QUERY = "3.8", _("(3) Withheld — 8. Administrative inquiry matter")
    UNAVAILABLE_NOT_HELD = "4.1", _("(4) Cannot be provided — 1. This agency does not hold the information")
    UNAVAILABLE_NEEDS_CREATION = "4.2", _("(4) Cannot be provided — 2. No existing information; it would have to be created")
    UNAVAILABLE_UNCLEAR = "4.3", _("(4) Cannot be provided — 3. Request still unclear after correction")
    NOT_HANDLED_PETITION = "5.1", _("(5) Not handled — 1. Petition, report or complaint")
    NOT_HANDLED_REPEAT = "5.2", _("(5) Not handled — 2. Repeat request")
    NOT_HANDLED_PUBLICATION = "5.3", _("(5) Not handled — 3. Request for public publications")
    NOT_HANDLED_EXCESSIVE = "5.4", _("(5) Not handled — 4. Large numbers of repeated requests without good reason")
    NOT_HANDLED_CONFIRMATION = "5.5", _("(5) Not handled — 5. Request to confirm or reissue information already obtained")
    OTHER_NO_CORRECTION = "6.1", _("(6) Other handling — 1. The applicant did not correct in time without good reason, and the agency no longer handles the disclosure request")
    OTHER_UNPAID = "6.2", _("(6) Other handling — 2. The applicant did not pay the fee in time as required by the fee notice, and the agency no longer handles the disclosure request")
    OTHER = "6.3", _("(6) Other handling — 3. Other")


# Outcomes an officer may choose when replying; 6.1 and 6.2 follow from the
# abandon transitions and 6.3 from a withdrawal or "其他" reply.
REPLY_OUTCOMES = [o for o in Outcome if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_UNPAID)]
REFUSAL_OUTCOMES = frozenset(o for o in Outcome if o.value.startswith("3."))

# The rows of table 3 in report order: (row key, label, leaf outcomes or None for a group heading).
TABLE3_GROUPS = [
    ("1", _("(1) Disclosed"), ["1"]),
    ("2", _("(2) Partly disclosed (where information is separated, count only this case and no other)"), ["2"]),
    ("3", _("(3) Withheld"), ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"]),
    ("4", _("(4) Cannot be provided"), ["4.1", "4.2", "4.3"]),
    ("5", _("(5) Not handled"), ["5.1", "5.2", "5.3", "5.4", "5.5"]),
    ("6", _("(6) Other handling"), ["6.1", "6.2", "6.3"]),
]


def outcome_leaf_label(code: str) -> str:
    """The short label of a leaf inside its group (e.g. "1.属于国家秘密")."""
    label = str(Outcome(code).label)
    return label.split(" — ", 1)[1] if " — " in label else label


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third-party consultation (Article 32)")
    CO_PRODUCER = "co_producer", _("Consultation of co-producing agencies (Article 34)")
    OTHER_AGENCY = "other_agency", _("Consultation of other agencies (assistance)")


class ConsultationResult(models.TextChoices):
    AGREED = "agreed", _("Agrees to disclosure")
    OBJECTED = "objected", _("Objects to disclosure")
    NO_REPLY = "no_reply", _("No opinion given in time")


class FeeMethod(models.TextChoices):
    PER_PIECE = "piece", _("Per request")
    PER_PAGE = "page", _("By volume (pages)")
