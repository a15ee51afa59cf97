"""Forms of the public intake, the status page and the officer workspace."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_gk.widgets import IsoDateInput

from . import validators
from .models import (
    ApplicantType,
    Channel,
    ConfirmationMethod,
    ConsultationKind,
    ConsultationResult,
    DeliveryChannel,
    DeliveryForm,
    DocumentTemplate,
    FeeMethod,
    IdType,
    RequestAttachment,
)
from .models.choices import ORGANISATION_TYPES, RECEIPT_DATE_RULES, REFUSAL_OUTCOMES, REPLY_OUTCOMES

DATE_INPUT = IsoDateInput()


class ApplicantFieldsMixin(forms.Form):
    """The application of 第29条, shared by the public form and officer registration."""

    applicant_kind = forms.ChoiceField(
        label=_("Applicant type"),
        choices=[("natural", _("Natural person (citizen)")), ("organisation", _("Legal person or other organization"))],
        widget=forms.RadioSelect,
        initial="natural",
    )
    organisation_type = forms.ChoiceField(
        label=_("Organization type"),
        choices=[("", _("(Legal persons and other organizations: choose one)"))] + [(t.value, t.label) for t in ORGANISATION_TYPES],
        required=False,
    )
    applicant_name = forms.CharField(label=_("Name / organization name"), max_length=100)
    id_type = forms.ChoiceField(label=_("ID type"), choices=IdType.choices, initial=IdType.RESIDENT_ID, required=False)
    id_number = forms.CharField(
        label=_("ID number / unified social credit code"), max_length=40, help_text=_("Natural persons enter their ID number; organizations enter their 18-character unified social credit code.")
    )
    legal_representative = forms.CharField(label=_("Legal representative or person in charge"), max_length=50, required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=30)
    email = forms.EmailField(label=_("Subscriber email"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"), regex=r"^\d{6}$", required=False, error_messages={"invalid": _("The postcode must have 6 digits.")}
    )
    information_title = forms.CharField(label=_("Title of the information requested"), max_length=200)
    document_reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description of the information requested"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("E.g. the agency that produced it, the date, the main points of its content, to help find it."),
    )
    delivery_form = forms.ChoiceField(label=_("Delivery form"), choices=DeliveryForm.choices, widget=forms.RadioSelect)
    delivery_channel = forms.ChoiceField(label=_("Delivery channel"), choices=DeliveryChannel.choices, widget=forms.RadioSelect)

    def clean_phone(self):
        return validators.validate_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        number = (data.get("id_number") or "").strip().upper()
        if kind == "organisation":
            if not data.get("organisation_type"):
                self.add_error("organisation_type", _("Choose an organization type."))
            if number and not validators.credit_code_is_valid(number):
                self.add_error("id_number", _("Invalid unified social credit code (it must have 18 characters and a correct check character)."))
            if not data.get("contact_person"):
                self.add_error("contact_person", _("Legal persons and other organizations must give a contact person."))
            data["applicant_type"] = data.get("organisation_type") or ""
            data["id_type"] = ""
        elif kind == "natural":
            data["applicant_type"] = ApplicantType.NATURAL_PERSON
            if not data.get("id_type"):
                self.add_error("id_type", _("Choose an ID type."))
            elif data["id_type"] == IdType.RESIDENT_ID and number and not validators.resident_id_is_valid(number):
                self.add_error("id_number", _("Invalid resident ID card number (it must have 18 characters and a correct check digit)."))
        data["id_number"] = number
        channel = data.get("delivery_channel")
        if channel == DeliveryChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("To receive the information by email, enter an email address."))
        if channel == DeliveryChannel.POST and not data.get("address"):
            self.add_error("address", _("To receive the information by post, enter a postal address."))
        if data.get("delivery_form") == DeliveryForm.INSPECTION and channel not in (DeliveryChannel.ON_SITE, None):
            self.add_error("delivery_channel", _("Inspection and copying can only be done on site: choose “On-site inspection”."))
        return data

    def application_data(self) -> dict:
        data = self.cleaned_data
        keys = [
            "applicant_type", "applicant_name", "id_type", "id_number", "legal_representative", "contact_person",
            "phone", "email", "address", "postcode", "information_title", "document_reference", "description",
            "delivery_form", "delivery_channel",
        ]
        return {k: (data.get(k) or "") for k in keys}


class IdentityProofField(forms.FileField):
    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            validators.sniff_upload(uploaded)
        return uploaded


class PublicApplicationForm(ApplicantFieldsMixin):
    identity_proof = IdentityProofField(
        label=_("Proof of identity"),
        help_text=_("A scan or photo of an ID card, business licence or similar, in PDF, JPG or PNG format."),
        error_messages={"required": _("Upload a proof of identity.")},
    )
    declaration = forms.BooleanField(
        label=_("I (or my organization) declare that the information given is true and valid."), error_messages={"required": _("Confirm the declaration before submitting.")}
    )
    captcha_answer = forms.CharField(label=_("Verification question"), max_length=4, required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)


class StatusLookupForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=32)
    query_code = forms.CharField(label=_("Query code"), max_length=20, widget=forms.PasswordInput(render_value=False))


class RegistrationForm(ApplicantFieldsMixin):
    """Officers register applications that came in person, by post or fax (第31条)."""

    channel = forms.ChoiceField(
        label=_("Submission channel"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        help_text=" ".join(f"{c.label}：{RECEIPT_DATE_RULES[c]}" for c in Channel if c != Channel.ONLINE),
    )
    received_on = forms.DateField(
        label=_("Date of receipt"), widget=DATE_INPUT, error_messages={"invalid": _("Invalid date: use the format YYYY-MM-DD.")}
    )
    external_reference = forms.CharField(label=_("Incoming reference (registered-mail number, fax number, etc.)"), max_length=64, required=False)
    agency = forms.ModelChoiceField(label=_("Receiving agency"), queryset=None)
    pieces = forms.IntegerField(label=_("Number of requests"), min_value=1, max_value=500, initial=1)
    identity_proof = IdentityProofField(label=_("Proof of identity (scan)"), required=False)
    assignee = forms.ModelChoiceField(label=_("Case officer"), queryset=None, required=False)

    def __init__(self, *args, officers=None, **kwargs):
        from wagtail_gk.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.all()
        self.fields["assignee"].queryset = officers
        self.fields["address"].required = False

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be later than today (under Article 31 it is the date of actual receipt or of confirmation)."))
        return day


# --- workspace action forms ------------------------------------------------------


class _DayForm(forms.Form):
    on = forms.DateField(
        label=_("Date"), widget=DATE_INPUT, error_messages={"invalid": _("Invalid date: use the format YYYY-MM-DD.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class ConfirmReceiptForm(_DayForm):
    """第31条: the date and the way receipt was confirmed with the applicant."""

    method = forms.ChoiceField(label=_("How receipt was confirmed"), choices=ConfirmationMethod.choices)
    note = forms.CharField(
        label=_("Confirmation details"), max_length=200, required=False,
        help_text=_("E.g. the number called, the message sent, the person spoken to."),
    )


class RequestCorrectionForm(_DayForm):
    items = forms.CharField(label=_("Items to correct"), widget=forms.Textarea(attrs={"rows": 3}))
    period_days = forms.IntegerField(label=_("Correction period (working days)"), min_value=1, max_value=60, required=False)


class NoteDayForm(_DayForm):
    note = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class _ReceivedNowMixin(forms.Form):
    """The receipt of a letter or notice when it is known at once (handed over)."""

    received_on = forms.DateField(
        label=_("Received on (if already known)"), widget=DATE_INPUT, required=False,
        help_text=_("Leave blank when it is sent by post: record its receipt later."),
    )
    delivery = forms.ChoiceField(label=_("Delivery method"), choices=[("", "---------")] + ConfirmationMethod.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("received_on") and not data.get("delivery"):
            self.add_error("delivery", _("Choose how the letter or notice was delivered."))
        return data


class StartConsultationForm(_ReceivedNowMixin, _DayForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConsultationKind.choices)
    party = forms.CharField(label=_("Consulted party"), max_length=200)
    field_order = ["on", "kind", "party", "received_on", "delivery"]


class ConsultationReceiptForm(_DayForm):
    """第32、34条: the day the consulted party received the letter."""

    consultation = forms.TypedChoiceField(label=_("Consultation"), coerce=int, choices=())
    delivery = forms.ChoiceField(label=_("Delivery method"), choices=ConfirmationMethod.choices)

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Date the letter was received")
        if request_obj is not None:
            self.fields["consultation"].choices = [
                (c.pk, f"{c.party}（{c.get_kind_display()}）")
                for c in request_obj.consultations.filter(answered_on__isnull=True, letter_received_on__isnull=True)
            ]


class FeeNoticeReceiptForm(_DayForm):
    """国办函〔2020〕109号: the day the applicant received the fee notice."""

    delivery = forms.ChoiceField(label=_("Delivery method"), choices=ConfirmationMethod.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Date the applicant received the fee notice")


class EndConsultationForm(_DayForm):
    consultation = forms.TypedChoiceField(label=_("Consultation"), coerce=int, choices=())
    result = forms.ChoiceField(label=_("Opinions"), choices=ConsultationResult.choices)
    opinion = forms.CharField(label=_("Opinion text"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_obj is not None:
            self.fields["consultation"].choices = [
                (c.pk, f"{c.party}（{c.get_kind_display()}）") for c in request_obj.consultations.filter(answered_on__isnull=True)
            ]


class ExtensionForm(_DayForm):
    days = forms.IntegerField(label=_("Working days of extension"), min_value=1, max_value=20, initial=20)
    approved_by = forms.CharField(label=_("Approved by (head of the openness office)"), max_length=100)
    reason = forms.CharField(label=_("Reason for extension"), widget=forms.Textarea(attrs={"rows": 2}))


class AcceptReasonsForm(NoteDayForm):
    reasonable_due_on = forms.DateField(label=_("Reply deadline set"), widget=DATE_INPUT)


class FeeNoticeForm(_ReceivedNowMixin, _DayForm):
    method = forms.ChoiceField(label=_("Fee method"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(label=_("Number of requests or pages"), min_value=1)
    field_order = ["on", "method", "quantity", "received_on", "delivery"]


class ReplyForm(_DayForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "---------")] + [(o.value, o.label) for o in REPLY_OUTCOMES])
    reasons = forms.CharField(label=_("Reasons and legal basis"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    published_where = forms.CharField(label=_("How to obtain (where published, or how it is provided)"), max_length=300, required=False)
    responsible_agency = forms.CharField(label=_("Agency responsible for disclosure and its contact details"), max_length=300, required=False)
    withheld = forms.CharField(
        label=_("Parts withheld (for a partial disclosure)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: content | ground code | reason. The ground code is e.g. 3.4 (protecting third parties' lawful rights and interests)."),
    )

    def clean_withheld(self):
        parts = []
        grounds = {o.value for o in REFUSAL_OUTCOMES}
        for lineno, line in enumerate((self.cleaned_data.get("withheld") or "").splitlines(), start=1):
            if not line.strip():
                continue
            cells = [c.strip() for c in line.replace("|", "｜").split("｜")]
            if len(cells) != 3 or cells[1] not in grounds:
                raise forms.ValidationError(
                    _("Line %(n)d is not in the right format: it must be “content | ground code (3.1–3.8) | reason”.") % {"n": lineno}
                )
            parts.append(tuple(cells))
        return parts


class CorrectionRequestForm(_DayForm):
    """第41条: the applicant's request to correct information about themselves."""

    information = forms.CharField(label=_("Information to be corrected"), max_length=300)
    inaccuracy = forms.CharField(label=_("What is inaccurate, and the evidence"), widget=forms.Textarea(attrs={"rows": 3}))
    requested_correction = forms.CharField(label=_("Correction asked for"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Date received")


class DecideCorrectionForm(_DayForm):
    correction = forms.TypedChoiceField(label=_("Correction request"), coerce=int, choices=())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    correction_made = forms.CharField(label=_("Correction made"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reasons = forms.CharField(label=_("Reasons for not correcting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    competent_agency = forms.CharField(label=_("Agency competent to correct"), max_length=200, required=False)

    def __init__(self, *args, request_obj=None, **kwargs):
        from .models.duties import CorrectionOutcome

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = CorrectionOutcome.choices
        if request_obj is not None:
            self.fields["correction"].choices = [
                (c.pk, f"{c.information}（{c.received_on:%Y-%m-%d}）") for c in request_obj.correction_requests.filter(outcome="")
            ]


class ProactiveProposalForm(_DayForm):
    """第44条第二款: an applicant's proposal to make information 主动公开."""

    information = forms.CharField(label=_("Information proposed for proactive disclosure"), max_length=300)
    grounds = forms.CharField(label=_("The applicant's grounds"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("Date received")


class DecideProposalForm(_DayForm):
    proposal = forms.TypedChoiceField(label=_("Proposal"), coerce=int, choices=())
    decision = forms.ChoiceField(
        label=_("Office's decision"), choices=[("accept", _("Agree: published proactively")), ("decline", _("Do not agree"))],
        widget=forms.RadioSelect,
    )
    published_url = forms.CharField(label=_("Link to the published page"), max_length=500, required=False)
    reasons = forms.CharField(label=_("Reasons for not accepting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_obj is not None:
            self.fields["proposal"].choices = [
                (p.pk, f"{p.information}（{p.received_on:%Y-%m-%d}）") for p in request_obj.proactive_proposals.filter(accepted__isnull=True)
            ]


class ConvertToProactiveForm(forms.Form):
    """第44条第一款: make information several applicants ask for 主动公开."""

    requests = forms.TypedMultipleChoiceField(label=_("Disclosure requests"), coerce=int, choices=(), widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("Information made proactively public"), max_length=300)
    published_url = forms.CharField(label=_("Link to the published page"), max_length=500)
    on = forms.DateField(label=_("Date published"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, request_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests"].choices = list(request_choices)
        self.fields["on"].initial = timezone.localdate()


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Case officer"), queryset=None, required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Category"), choices=RequestAttachment.Kind.choices)
    title = forms.CharField(label=_("Name"), max_length=200, required=False)
    file = IdentityProofField(label=_("File (PDF, JPG, PNG)"))
    pages = forms.IntegerField(label=_("Page count"), min_value=0, required=False)


class IssueDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Official document"), choices=())
    note = forms.CharField(label=_("Additional note (fills {{ note }} in the template)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "title", "addressee", "body", "numbered", "show_remedy"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
