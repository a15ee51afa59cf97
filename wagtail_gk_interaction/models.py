"""Mailbox pages, letters and their timeline.

A :class:`MailboxPage` takes letters of the kinds its editor chose; each
:class:`Letter` keeps the writer's data (never shown in public), the
question, the handling state with its deadline, and the reply. Every step is
a :class:`LetterEvent` and a record in core's review ledger.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_gk.models.sections import SectionPageMixin
from wagtail_gk.models.sequences import SequenceCounter
from wagtail_gk.page_routes import RoutesModuleMixin

from .conf import kind_choices, kind_label


class WriterType(models.TextChoices):
    NATURAL_PERSON = "natural", _("Natural person (citizen)")
    ORGANISATION = "organisation", _("Legal person or other organization")


class LetterStatus(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting assignment")
    IN_HAND = "in_hand", _("Being handled")
    REVIEW = "review", _("Reply awaiting review")
    REPLIED = "replied", _("Replied")


OPEN_STATUSES = (LetterStatus.RECEIVED, LetterStatus.IN_HAND, LetterStatus.REVIEW)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY = "fairly", _("Fairly satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class MailboxPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"] = forms.MultipleChoiceField(
            label=_("Kinds of letter taken"), choices=kind_choices(), widget=forms.CheckboxSelectMultiple,
            initial=getattr(self.instance, "kinds", None) or ["consultation"],
        )


class MailboxPage(SectionPageMixin, RoutesModuleMixin, Page):
    """A mailbox (领导信箱, 咨询投诉 …): the scope notice and the letter form,
    the receipt, the status look-up, and the published replies::

        <page>/                 the form (scope notice first)
        <page>/receipt/         the receipt after sending
        <page>/status/          progress by tracking number + query code
        <page>/replies/         published letters, with filters
        <page>/replies/<id>/    one published letter and its reply
        <page>/rate/            rating a reply (tracking number + query code)
        <page>/suggest/?q=…     FAQ entries and published replies matching a question being typed
    """

    routes_module = "wagtail_gk_interaction.routes"

    kinds = models.JSONField(_("Kinds of letter taken"), default=list, blank=True)
    agency = models.ForeignKey(
        "wagtail_gk.Agency", verbose_name=_("Receiving agency"), on_delete=models.PROTECT, related_name="+",
        help_text=_("Letters sent on this page are first registered by this agency, which assigns them."),
    )
    intro = RichTextField(_("Introduction"), blank=True)
    scope_notice = RichTextField(
        _("What this mailbox does not take"), blank=True,
        help_text=_("Shown before the form. Leave empty for the standard notice (petitions, matters in litigation, disclosure requests)."),
    )
    petition_url = models.URLField(_("Petition (信访) channel"), blank=True)
    litigation_url = models.URLField(_("Courts and legal aid channel"), blank=True)
    disclosure_url = models.CharField(_("Disclosure-request channel"), max_length=255, blank=True, help_text=_("A URL or path, e.g. /zwgk/yishenqing/."))

    base_form_class = MailboxPageForm
    content_panels = Page.content_panels + [
        FieldPanel("agency"), FieldPanel("kinds"), FieldPanel("intro"), FieldPanel("scope_notice"),
        FieldPanel("petition_url"), FieldPanel("litigation_url"), FieldPanel("disclosure_url"),
    ]
    subpage_types = []
    template = "wagtail_gk_interaction/mailbox_page.html"

    class Meta:
        verbose_name = _("Mailbox page")
        verbose_name_plural = _("Mailbox pages")

    def kind_choices(self):
        offered = set(self.kinds or [])
        return [(code, label) for code, label in kind_choices() if not offered or code in offered]


class InteractionCounter(SequenceCounter):
    """Counters of tracking numbers (key ``"tracking_number"``)."""

    class Meta(SequenceCounter.Meta):
        verbose_name = _("Letter numbering counter")
        verbose_name_plural = _("Letter numbering counters")


class LetterQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def published(self):
        return self.filter(published=True)

    def overdue(self, today=None):
        return self.open().filter(reply_due_on__lt=today or timezone.localdate())


class Letter(models.Model):
    mailbox = models.ForeignKey(MailboxPage, verbose_name=_("Mailbox"), on_delete=models.SET_NULL, null=True, related_name="letters")
    kind = models.CharField(_("Kind"), max_length=20)
    tracking_number = models.CharField(_("Tracking number"), max_length=40, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    form_nonce = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The writer: never shown in public.
    writer_type = models.CharField(_("Writer"), max_length=20, choices=WriterType.choices, default=WriterType.NATURAL_PERSON)
    anonymous = models.BooleanField(_("Sent anonymously"), default=False)
    name = models.CharField(_("Name / organization name"), max_length=100, blank=True)
    contact_person = models.CharField(_("Contact person"), max_length=50, blank=True)
    phone = models.CharField(_("Contact phone"), max_length=30, blank=True)
    email = models.EmailField(_("Email"), blank=True)
    address = models.CharField(_("Postal address"), max_length=200, blank=True)
    # The letter.
    subject = models.CharField(_("Subject of the letter"), max_length=200)
    body = models.TextField(_("Letter"))
    publish_consent = models.BooleanField(_("Writer agrees to publication"), default=False)
    # Handling.
    status = models.CharField(_("Status"), max_length=20, choices=LetterStatus.choices, default=LetterStatus.RECEIVED, db_index=True)
    agency = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("Handling agency"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    received_on = models.DateField(_("Date received"), db_index=True)
    reply_due_on = models.DateField(_("Reply due date"), db_index=True)
    extension_days = models.PositiveSmallIntegerField(_("Extension (working days)"), default=0)
    extension_reason = models.TextField(_("Reason for the extension"), blank=True)
    # The reply.
    reply_text = models.TextField(_("Reply"), blank=True)
    reply_agency = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("Replying agency"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    replied_on = models.DateField(_("Date replied"), null=True, blank=True)
    public_subject = models.CharField(_("Subject as published"), max_length=200, blank=True)
    public_body = models.TextField(_("Letter as published"), blank=True)
    published = models.BooleanField(_("Published"), default=False, db_index=True)
    rating = models.CharField(_("Rating of the reply"), max_length=20, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("Rated at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("Letter")
        verbose_name_plural = _("Letters")
        ordering = ["reply_due_on", "pk"]
        permissions = [
            ("view_letter_personal_data", _("Can see the writer's personal data")),
            ("review_letter_reply", _("Can review and send letter replies")),
            ("view_interaction_stats", _("Can see the interaction statistics")),
        ]
        indexes = [models.Index(fields=["published", "kind", "received_on"], name="gk_int_public_idx")]

    def __str__(self):
        return f"{self.tracking_number} {self.subject}"

    def get_kind_display(self):
        return kind_label(self.kind)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class LetterEvent(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=32)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    from_agency = models.ForeignKey("wagtail_gk.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    to_agency = models.ForeignKey("wagtail_gk.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("Letter event")
        verbose_name_plural = _("Letter events")

    def __str__(self):
        return f"{self.letter_id} {self.action}"


class FaqEntry(models.Model):
    """常见问题: a question and its answer, often made from a good reply."""

    question = models.CharField(_("Question"), max_length=200)
    answer = models.TextField(_("Answer"))
    kind = models.CharField(_("Kind"), max_length=20, blank=True, help_text=_("Empty: shown in every mailbox."))
    live = models.BooleanField(_("Shown in public"), default=True)
    source_letter = models.ForeignKey(Letter, verbose_name=_("Made from the letter"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sort_order = models.PositiveIntegerField(_("Order in the list"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "-updated_at", "pk"]
        verbose_name = _("Frequently asked question")
        verbose_name_plural = _("Frequently asked questions")

    def __str__(self):
        return self.question
