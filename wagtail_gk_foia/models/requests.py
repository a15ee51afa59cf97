"""A disclosure request (政府信息公开申请) and what hangs off it.

The request row holds the application of 第29条, the state of the procedure
and the dates that drive the deadlines. Everything that happens to it is a
:class:`RequestEvent` (and a ledger entry); the procedure itself lives in
:mod:`wagtail_gk_foia.services`, never in views.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail_gk import workdays

from ..storage import private_storage
from .choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ApplicantType,
    Channel,
    ConfirmationMethod,
    ConsultationKind,
    ConsultationResult,
    DeliveryChannel,
    DeliveryForm,
    FeeMethod,
    IdType,
    Outcome,
    Status,
)


def identity_proof_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"identity/{uuid.uuid4().hex}.{ext}"


def attachment_path(instance, filename):
    return f"attachments/{uuid.uuid4().hex}/{filename}"


class DisclosureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)


class DisclosureRequest(models.Model):
    # --- identity of the request -------------------------------------------------
    tracking_number = models.CharField(_("Tracking number"), max_length=32, unique=True)
    query_code_hash = models.CharField(_("Query code hash"), max_length=64, editable=False)
    agency = models.ForeignKey(
        "wagtail_gk.Agency", verbose_name=_("Receiving agency"), on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    channel = models.CharField(_("Submission channel"), max_length=24, choices=Channel.choices, default=Channel.ONLINE)
    external_reference = models.CharField(
        _("Incoming reference"), max_length=64, blank=True, help_text=_("Registered-mail number, fax number, etc., for checking.")
    )
    received_on = models.DateField(_("Date of receipt"), help_text=_("Determined under Article 31."))
    receipt_date_basis = models.CharField(_("Basis for the date of receipt"), max_length=200, blank=True)
    arrived_on = models.DateField(
        _("Date of arrival"), null=True, blank=True,
        help_text=_("For an ordinary letter, online or fax request: the day it arrived, before the receipt was confirmed (Article 31)."),
    )
    receipt_confirmed_on = models.DateField(_("Date receipt was confirmed"), null=True, blank=True)
    receipt_confirmation_method = models.CharField(
        _("How receipt was confirmed"), max_length=12, choices=ConfirmationMethod.choices, blank=True
    )
    receipt_confirmation_note = models.CharField(_("Confirmation details"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Registered at"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Registered by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # --- applicant (personal data: officers only) -------------------------------
    applicant_type = models.CharField(_("Applicant type"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("Name (person or organization)"), max_length=100)
    id_type = models.CharField(_("ID type"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("ID number or unified social credit code"), max_length=40)
    legal_representative = models.CharField(_("Legal representative / person in charge"), max_length=50, blank=True)
    contact_person = models.CharField(_("Contact person"), max_length=50, blank=True)
    phone = models.CharField(_("Contact phone"), max_length=30)
    email = models.EmailField(_("Subscriber email"), blank=True)
    address = models.CharField(_("Postal address"), max_length=200, blank=True)
    postcode = models.CharField(_("Postcode"), max_length=6, blank=True)
    identity_proof = models.FileField(
        _("Proof of identity"), storage=private_storage, upload_to=identity_proof_path, blank=True, max_length=200
    )
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False)

    # --- what is asked for --------------------------------------------------------
    information_title = models.CharField(_("Title of the information requested"), max_length=200)
    document_reference = models.CharField(_("Reference number"), max_length=100, blank=True)
    description = models.TextField(_("Description of the information requested"))
    delivery_form = models.CharField(_("Delivery form"), max_length=16, choices=DeliveryForm.choices)
    delivery_channel = models.CharField(_("Delivery channel"), max_length=16, choices=DeliveryChannel.choices)
    pieces = models.PositiveSmallIntegerField(_("Number of requests"), default=1)
    accessible_version = models.BooleanField(_("Submitted via the accessible version"), default=False)

    # --- procedure ----------------------------------------------------------------
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.REGISTERED, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Case officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_disclosure_requests",
    )
    clock_started_on = models.DateField(_("Reply period start date"), help_text=_("The date the request, or the corrected request, was received."))
    correction_requested_on = models.DateField(_("Correction notice date"), null=True, blank=True)
    correction_items = models.TextField(_("Items to be corrected"), blank=True)
    correction_due_on = models.DateField(_("Correction deadline"), null=True, blank=True)
    correction_period_days = models.PositiveSmallIntegerField(
        _("Correction period (working days)"), null=True, blank=True,
        help_text=_("Kept so that the correction deadline can be recomputed when a holiday schedule is imported."),
    )
    corrected_on = models.DateField(_("Date correction received"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("Working days of extension"), default=0)
    extension_approved_by = models.CharField(_("Extension approved by"), max_length=100, blank=True)
    extension_reason = models.TextField(_("Reason for extension"), blank=True)
    reasonable_due_on = models.DateField(
        _("Reply deadline set under Article 35"), null=True, blank=True, help_text=_("The later reply deadline set when the applicant's reasons are accepted but the reply cannot be given in time.")
    )
    reply_due_on = models.DateField(_("Reply due date"), null=True, blank=True, db_index=True)
    due_explanation = models.JSONField(_("Deadline calculation"), default=list, blank=True)

    fee_method = models.CharField(_("Fee method"), max_length=8, choices=FeeMethod.choices, blank=True)
    fee_quantity = models.PositiveIntegerField(_("Quantity charged"), default=0)
    fee_amount = models.DecimalField(_("Processing fee (yuan)"), max_digits=10, decimal_places=2, default=0)
    fee_explanation = models.JSONField(_("Fee calculation"), default=list, blank=True)
    fee_notice_on = models.DateField(_("Fee notice date"), null=True, blank=True)
    fee_notice_received_on = models.DateField(
        _("Date the applicant received the fee notice"), null=True, blank=True,
        help_text=_("The payment period of 20 working days runs from the next day (国办函〔2020〕109号)."),
    )
    fee_notice_delivery = models.CharField(_("How the fee notice was delivered"), max_length=12, choices=ConfirmationMethod.choices, blank=True)
    fee_due_on = models.DateField(_("Payment deadline"), null=True, blank=True)
    fee_paid_on = models.DateField(_("Payment date"), null=True, blank=True)

    outcome = models.CharField(_("Outcome"), max_length=4, choices=Outcome.choices, blank=True, db_index=True)
    outcome_reasons = models.TextField(_("Reasons and legal basis of the reply"), blank=True)
    published_where = models.CharField(_("Where already published"), max_length=300, blank=True)
    responsible_agency = models.CharField(_("Administrative agency responsible for disclosure and its contact details"), max_length=300, blank=True)
    replied_on = models.DateField(_("Date of reply"), null=True, blank=True)
    concluded_on = models.DateField(_("Date concluded"), null=True, blank=True, db_index=True)
    archived_at = models.DateTimeField(_("Archived at"), null=True, blank=True)

    objects = DisclosureRequestQuerySet.as_manager()

    # Wagtail's reference index would add a task and four queries to every
    # registration and state change, for links (agency, officers) that the
    # workspace shows itself; the agency's PROTECT keeps it from being deleted.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Disclosure request")
        verbose_name_plural = _("Disclosure request")
        ordering = ["-received_on", "-pk"]
        permissions = [
            ("view_applicant_data", _("Can view applicants' personal data")),
            ("approve_extension", _("Can record the approval of extensions")),
            ("view_foia_report", _("Can view the disclosure request annual report")),
        ]
        indexes = [models.Index(fields=["applicant_key", "received_on"], name="gk_foia_applicant_month")]

    def __str__(self):
        return f"{self.tracking_number} {self.information_title}"

    @property
    def reply_due_is_provisional(self) -> bool:
        """The reply date reaches a year whose holiday schedule is not imported yet (暂定)."""
        return self.is_open and workdays.is_provisional(self.reply_due_on)

    @property
    def needs_confirmation(self) -> bool:
        """第31条: the channel's date of receipt is the date of confirmation."""
        from .choices import CONFIRMATION_CHANNELS

        return self.channel in CONFIRMATION_CHANNELS

    @property
    def awaiting_confirmation(self) -> bool:
        """Open, on a confirmation channel, and not confirmed yet (待确认)."""
        return self.needs_confirmation and self.receipt_confirmed_on is None and self.is_open

    @property
    def confirmation_rule(self) -> str:
        from .choices import CONFIRMATION_RULE

        return str(CONFIRMATION_RULE)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_read_only(self) -> bool:
        return self.status == Status.ARCHIVED

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    @property
    def masked_applicant(self) -> str:
        """The applicant's name with all but the first character hidden, for lists."""
        name = self.applicant_name or ""
        return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


class UsedFormToken(models.Model):
    """A public form's one-time token, stored with the request it created so a
    second submission of the same form is refused (double submit, replay)."""

    nonce = models.CharField(max_length=32, unique=True)
    request = models.ForeignKey(DisclosureRequest, null=True, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.nonce


class RequestEvent(models.Model):
    """One step of the procedure, shown as the request's timeline."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("Time"), auto_now_add=True)
    effective_on = models.DateField(_("Effective date"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Acting user"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("Action taken"), max_length=40)
    label = models.CharField(_("Description"), max_length=200)
    from_status = models.CharField(_("Previous status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("New status"), max_length=20, choices=Status.choices, blank=True)
    detail = models.TextField(_("Details"), blank=True)
    ledger_entry_id = models.BigIntegerField(null=True, blank=True)
    public = models.BooleanField(_("Visible to the applicant"), default=True)

    class Meta:
        verbose_name = _("Processing history")
        verbose_name_plural = _("Processing history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.label}"


class Consultation(models.Model):
    """A consultation of a third party or another agency; its time is not counted (第33条)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("Consultation type"), max_length=16, choices=ConsultationKind.choices)
    party = models.CharField(_("Consulted party"), max_length=200)
    sent_on = models.DateField(_("Date sent"))
    letter_received_on = models.DateField(
        _("Date the letter was received"), null=True, blank=True,
        help_text=_("The 15 working days run from the day the consulted party receives the letter (Articles 32 and 34)."),
    )
    delivery_method = models.CharField(_("How the letter was delivered"), max_length=12, choices=ConfirmationMethod.choices, blank=True)
    answer_due_on = models.DateField(_("Reply deadline"), null=True, blank=True)
    answered_on = models.DateField(_("End date"), null=True, blank=True)
    result = models.CharField(_("Opinions"), max_length=12, choices=ConsultationResult.choices, blank=True)
    opinion = models.TextField(_("Opinion text"), blank=True)

    class Meta:
        verbose_name = _("Consultation")
        verbose_name_plural = _("Consultation")
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.party} ({self.sent_on})"


class ClockPause(models.Model):
    """A period in which the reply clock does not run (consultation, fee notice)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(_("Cause"), max_length=100)
    started_on = models.DateField(_("Started"))
    ended_on = models.DateField(_("Ended"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self):
        return f"{self.reason} {self.started_on}–{self.ended_on or ''}"


class RequestNote(models.Model):
    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("Note"))

    class Meta:
        verbose_name = _("Case note")
        verbose_name_plural = _("Case note")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class RequestAttachment(models.Model):
    """A file of the information provided to the applicant, or incoming material."""

    class Kind(models.TextChoices):
        PROVIDED = "provided", _("Government information provided")
        INCOMING = "incoming", _("Request or correction material")
        OPINION = "opinion", _("Consultation response")
        OTHER = "other", _("Other")

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("Category"), max_length=12, choices=Kind.choices, default=Kind.PROVIDED)
    title = models.CharField(_("Name"), max_length=200)
    file = models.FileField(_("File"), storage=private_storage, upload_to=attachment_path, max_length=300)
    pages = models.PositiveIntegerField(_("Page count"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachment")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class WithheldPart(models.Model):
    """Part of the requested information withheld in a partial disclosure (第37条)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="withheld_parts")
    description = models.CharField(_("Content withheld"), max_length=300)
    ground = models.CharField(
        _("Ground for withholding"),
        max_length=4,
        choices=[(o.value, o.label) for o in Outcome if o.value.startswith("3.")],
    )
    reason = models.TextField(_("Reasons and legal basis"))

    class Meta:
        verbose_name = _("Withheld part")
        verbose_name_plural = _("Withheld part")
        ordering = ["pk"]

    def __str__(self):
        return self.description


class PersonalDataAccess(models.Model):
    """Every time an officer sees an applicant's personal data (个人信息查看记录)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="personal_data_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=50)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("Personal data access log")
        verbose_name_plural = _("Personal data access log")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.request_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """A reminder already sent, so the daily task never sends the same one twice."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=24)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "due_on"], name="gk_foia_reminder_once"),
        ]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.due_on}"
