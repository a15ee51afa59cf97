"""Standard documents (规范文书): the office's editable templates, the
documents issued from them, and the per-year document number sequence."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Engine
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


class DocumentKind(models.TextChoices):
    REGISTRATION_FORM = "registration_form", _("Disclosure request registration form")
    RECEIPT = "receipt", _("Disclosure request receipt")
    CORRECTION = "correction", _("Disclosure request correction notice")
    REASONS = "reasons", _("Disclosure request notice to state reasons")
    EXTENSION = "extension", _("Notice of extension")
    DELAYED_REPLY = "delayed_reply", _("Notice of delayed reply")
    THIRD_PARTY_CONSULTATION = "third_party_consultation", _("Consultation letter (third party)")
    CONSULTATION_CONFIRMATION = "consultation_confirmation", _("Consultation confirmation letter")
    APPLICANT_CONSULTATION_NOTICE = "applicant_consultation_notice", _("Notice of consultation (applicant)")
    THIRD_PARTY_DISCLOSURE_NOTICE = "third_party_disclosure_notice", _("Notice of disclosure on request (third party)")
    CO_PRODUCER_CONSULTATION = "co_producer_consultation", _("Consultation letter (co-producing agency)")
    ASSISTANCE_LETTER = "assistance_letter", _("Letter requesting assistance")
    FEE_NOTICE = "fee_notice", _("Fee notice")
    REPLY_DISCLOSED = "reply_disclosed", _("Notice of disclosure")
    REPLY_ALREADY_PUBLISHED = "reply_already_published", _("Notice of prior proactive disclosure")
    REPLY_PARTIAL = "reply_partial", _("Notice of partial disclosure")
    REPLY_WITHHELD = "reply_withheld", _("Notice of withholding")
    REPLY_NOT_EXIST = "reply_not_exist", _("Notice that the information does not exist")
    REPLY_NOT_RESPONSIBLE = "reply_not_responsible", _("Notice that another agency is responsible for disclosure")
    REPLY_NEEDS_CREATION = "reply_needs_creation", _("Notice that the information would have to be created")
    REPLY_STILL_UNCLEAR = "reply_still_unclear", _("Notice that the request is still unclear after correction")
    REPLY_NOT_A_REQUEST = "reply_not_a_request", _("Notice that the request is not handled as a disclosure request")
    REPLY_REPEAT = "reply_repeat", _("Notice of repeat request")
    REPLY_PUBLICATION = "reply_publication", _("Notice of where to obtain public publications")
    REPLY_NOT_HANDLED = "reply_not_handled", _("Notice of not handling the request")
    REPLY_CONFIRMATION = "reply_confirmation", _("Notice of refusal to confirm or reissue")
    REPLY_SPECIAL_LAW = "reply_special_law", _("Notice of handling under special provisions")
    ABANDONED_NOTICE = "abandoned_notice", _("Notice that the request is deemed abandoned")
    UNPAID_NOTICE = "unpaid_notice", _("Notice of closure for non-payment")
    WITHDRAWAL_CONFIRMATION = "withdrawal_confirmation", _("Confirmation of withdrawal")
    RECORD_CORRECTED = "record_corrected", _("Notice of correction of government information")
    RECORD_NOT_CORRECTED = "record_not_corrected", _("Notice of refusal to correct government information")
    RECORD_CORRECTION_FORWARDED = "record_correction_forwarded", _("Notice of forwarding a correction request")
    PROACTIVE_PROPOSAL_REPLY = "proactive_proposal_reply", _("Reply to a proposal of proactive disclosure")


# Reply documents suited to each outcome leaf; the first is the default.
OUTCOME_DOCUMENTS = {
    "1": [DocumentKind.REPLY_DISCLOSED, DocumentKind.REPLY_ALREADY_PUBLISHED],
    "2": [DocumentKind.REPLY_PARTIAL],
    **{f"3.{i}": [DocumentKind.REPLY_WITHHELD] for i in range(1, 9)},
    "4.1": [DocumentKind.REPLY_NOT_EXIST, DocumentKind.REPLY_NOT_RESPONSIBLE],
    "4.2": [DocumentKind.REPLY_NEEDS_CREATION],
    "4.3": [DocumentKind.REPLY_STILL_UNCLEAR],
    "5.1": [DocumentKind.REPLY_NOT_A_REQUEST],
    "5.2": [DocumentKind.REPLY_REPEAT],
    "5.3": [DocumentKind.REPLY_PUBLICATION],
    "5.4": [DocumentKind.REPLY_NOT_HANDLED],
    "5.5": [DocumentKind.REPLY_CONFIRMATION],
    "6.1": [DocumentKind.ABANDONED_NOTICE],
    "6.2": [DocumentKind.UNPAID_NOTICE],
    "6.3": [DocumentKind.REPLY_SPECIAL_LAW, DocumentKind.WITHDRAWAL_CONFIRMATION],
}

# The notice answering a correction request (第41条) by its outcome.
CORRECTION_DOCUMENTS = {
    "corrected": DocumentKind.RECORD_CORRECTED,
    "refused": DocumentKind.RECORD_NOT_CORRECTED,
    "forwarded": DocumentKind.RECORD_CORRECTION_FORWARDED,
}

# Documents addressed to someone other than the applicant (not on the status page).
INTERNAL_KINDS = frozenset(
    {
        DocumentKind.REGISTRATION_FORM,
        DocumentKind.THIRD_PARTY_CONSULTATION,
        DocumentKind.CONSULTATION_CONFIRMATION,
        DocumentKind.THIRD_PARTY_DISCLOSURE_NOTICE,
        DocumentKind.CO_PRODUCER_CONSULTATION,
        DocumentKind.ASSISTANCE_LETTER,
    }
)


# A sandboxed engine: no template loaders (no {% include %} of files), no autoescape
# (the output is a Word/PDF document, not HTML), only the built-in tags and filters.
_ENGINE = Engine(loaders=[], autoescape=False, debug=False, string_if_invalid="")


def compile_body(text: str):
    """The body (or addressee line) of a document template, compiled by the
    sandboxed engine; ``documents.render_text`` renders it."""
    return _ENGINE.from_string(text or "")


def validate_template_syntax(value):
    try:
        compile_body(value)
    except Exception as exc:  # TemplateSyntaxError and friends
        raise ValidationError(_("Template syntax error: %(error)s") % {"error": exc}) from exc


class DocumentTemplate(models.Model):
    """The wording of one kind of standard document, editable by the office.

    ``body`` is text with placeholders in Django template syntax, e.g.
    ``{{ applicant }}``, ``{{ received_on }}``, ``{% for part in withheld_parts %}``;
    ``docs/foia.md`` lists every placeholder. Paragraphs are separated by a blank line.
    """

    kind = models.CharField(_("Document kind"), max_length=40, choices=DocumentKind.choices, unique=True)
    title = models.CharField(_("Title of the document"), max_length=100)
    addressee = models.CharField(
        _("Addressee"), max_length=200, blank=True, help_text=_("E.g. “{{ applicant }}:”. Leave blank for no addressee line.")
    )
    body = models.TextField(_("Body"), validators=[validate_template_syntax])
    numbered = models.BooleanField(_("Assign a document number"), default=True)
    show_remedy = models.BooleanField(_("Include remedies"), default=False)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Document template")
        verbose_name_plural = _("Document template")
        ordering = ["kind"]

    def __str__(self):
        return self.title or self.get_kind_display()


def issued_document_path(instance, filename):
    return f"documents/{instance.request_id}/{uuid.uuid4().hex[:8]}-{filename}"


class IssuedDocument(models.Model):
    """A document produced for a request, kept as DOCX and PDF with its number."""

    request = models.ForeignKey("wagtail_gk_foia.DisclosureRequest", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("Document kind"), max_length=40, choices=DocumentKind.choices)
    title = models.CharField(_("Title"), max_length=100)
    number = models.CharField(_("Reference number"), max_length=100, blank=True)
    number_prefix = models.CharField(max_length=60, blank=True)
    number_year = models.PositiveIntegerField(null=True, blank=True)
    number_serial = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("Document text"))
    docx = models.FileField(storage=private_storage, upload_to=issued_document_path, max_length=300)
    pdf = models.FileField(storage=private_storage, upload_to=issued_document_path, max_length=300)
    issued_on = models.DateField(_("Signing date"))
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Issued document")
        verbose_name_plural = _("Issued document")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_prefix", "number_year", "number_serial"],
                condition=models.Q(number_serial__isnull=False),
                name="gk_foia_document_number_unique",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.number}".strip()

    @property
    def for_applicant(self) -> bool:
        return self.kind not in INTERNAL_KINDS
