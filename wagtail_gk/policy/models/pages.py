"""Page types of the policy library (政策库).

- :class:`PolicyLibraryIndexPage`: the library's home; lists policies and
  hosts the search form.
- :class:`PolicyDocumentPage`: one policy document with the metadata of a
  government portal (索引号, 发文字号, 发文机关, 成文日期, 发布日期, 主题分类,
  公文种类, 主题词, 有效性 and what changed it) and its attachments.
- :class:`PolicyInterpretationPage`: a 政策解读 (text, 图解, 问答, video),
  linked both ways with its policy.
- :class:`PolicyTopicPage`: a collection such as 征地补偿 or 农村危房改造.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks, hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from wagtail_gk.models import OpennessMetadataMixin, Validity
from wagtail_gk.models.sections import SectionPageMixin

from ..validity import validity_notice

REPEALED_STATES = (Validity.EXPIRED, Validity.REPEALED)


class DocumentKind(models.TextChoices):
    """公文种类 of the 党政机关公文处理工作条例 (15 kinds), plus 规章, 规范性文件 and 其他."""

    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    ORDER = "order", _("Decree")
    COMMUNIQUE = "communique", _("Communiqué")
    ANNOUNCEMENT = "announcement", _("Announcement")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    OPINION = "opinion", _("Opinions")
    NOTICE = "notice", _("Notice")
    CIRCULAR = "circular", _("Circular")
    REPORT = "report", _("Report")
    REQUEST = "request", _("Request for instructions")
    REPLY = "reply", _("Official reply")
    MOTION = "motion", _("Motion")
    LETTER = "letter", _("Letter")
    MINUTES = "minutes", _("Minutes")
    RULES = "rules", _("Government rules")
    REGULATION = "regulation", _("Normative document")
    OTHER = "other", _("Other")


class PolicyBody(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Subheading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Body"))
    image = ImageBlock(label=_("Picture"))
    document = DocumentChooserBlock(label=_("Attachment"))


class InterpretationBody(blocks.StreamBlock):
    """The forms a 政策解读 takes: 文字解读, 图解, 问答 and video."""

    text = blocks.RichTextBlock(label=_("Text interpretation"))
    graphic = blocks.StructBlock(
        [
            ("image", ImageBlock(label=_("Picture"))),
            ("caption", blocks.CharBlock(label=_("Description"), required=False)),
        ],
        label=_("Infographic"),
        icon="image",
    )
    qa = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("Question"))),
                ("answer", blocks.RichTextBlock(label=_("Answer"))),
            ],
            label=_("Q&A"),
        ),
        label=_("Q&A"),
        icon="help",
    )
    video = blocks.StructBlock(
        [
            ("embed", EmbedBlock(label=_("Video link"), required=False)),
            ("file", DocumentChooserBlock(label=_("Video file"), required=False)),
            ("caption", blocks.CharBlock(label=_("Description"), required=False)),
        ],
        label=_("Video interpretation"),
        icon="media",
    )


class PolicyLibraryIndexPage(SectionPageMixin, Page):
    """The policy library: search, facets and the latest policies."""

    intro = RichTextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["wagtail_gk_policy.PolicyDocumentPage", "wagtail_gk_policy.PolicyInterpretationPage", "wagtail_gk_policy.PolicyTopicPage"]
    template = "wagtail_gk_policy/policy_library_index_page.html"

    class Meta:
        verbose_name = _("Policy library")
        verbose_name_plural = _("Policy library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The search results come from the search layer, wired in wagtail_hooks.py.
        for provide in hooks.get_hooks("gk_policy_library_context"):
            context.update(provide(self, request))
        context["topics"] = PolicyTopicPage.objects.live().descendant_of(self)
        return context


class PolicyAudienceTag(models.Model):
    """A tag that matches policies to subscribers (政策直通车): an industry,
    an enterprise size, a region, a group such as 农户 or 低保户, or a stage."""

    class Kind(models.TextChoices):
        INDUSTRY = "industry", _("Industry")
        SIZE = "size", _("Business size")
        REGION = "region", _("Region")
        GROUP = "group", _("Target group")
        STAGE = "stage", _("Development stage")

    kind = models.CharField(_("Category"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=40)
    sort_order = models.PositiveIntegerField(_("Sort order"), default=0)

    class Meta:
        verbose_name = _("Policy tag")
        verbose_name_plural = _("Policy tag")
        ordering = ["kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="wagtail_gk_policy_tag_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"


class PolicyDocumentPage(OpennessMetadataMixin, Page):
    """A policy document. ``publishing_agency`` is its 发文机关; validity
    changes name the date and the document that made them."""

    document_number = models.CharField(_("Document number"), max_length=80, blank=True, help_text=_("For example: 永政发〔2026〕3号"))
    document_kind = models.CharField(_("Document type"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.NOTICE)
    summary = models.TextField(_("Abstract"), blank=True)
    body = StreamField(PolicyBody(), verbose_name=_("Body"), blank=True)
    validity_changed_on = models.DateField(_("Validity changed on"), null=True, blank=True)
    validity_changed_by = models.ForeignKey(
        "self",
        verbose_name=_("Document that amended or repealed it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changed_policies",
    )
    validity_note = models.CharField(_("Validity note"), max_length=200, blank=True)
    needs_interpretation = models.BooleanField(
        _("Needs an accompanying interpretation"),
        default=False,
        help_text=_("If ticked, an approved policy interpretation must be published together with this document or within the set number of working days; otherwise this document cannot be published."),
    )
    audience_tags = ParentalManyToManyField(PolicyAudienceTag, verbose_name=_("Audience tags"), blank=True, related_name="policies")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_kind")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments (Word/PDF)")),
    ]
    policy_panels = [
        OpennessMetadataMixin.openness_metadata_panel,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("validity_changed_on"), FieldPanel("validity_changed_by")]),
                FieldPanel("validity_note"),
            ],
            heading=_("Validity change"),
        ),
        MultiFieldPanel(
            [FieldPanel("needs_interpretation"), FieldPanel("audience_tags", widget=forms.CheckboxSelectMultiple)],
            heading=_("Interpretation and alerts"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(policy_panels, heading=_("Disclosure metadata")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.FilterField("validity"),
    ]
    parent_page_types = ["wagtail_gk_policy.PolicyLibraryIndexPage"]
    subpage_types = []
    template = "wagtail_gk_policy/policy_document_page.html"

    class Meta:
        verbose_name = _("Policy document")
        verbose_name_plural = _("Policy document")

    def clean(self):
        super().clean()
        errors = {}
        if self.validity != Validity.VALID and not self.validity_changed_on:
            errors["validity_changed_on"] = _("When the validity is not “In force”, enter the date it changed.")
        if self.validity_changed_by_id and self.pk and self.validity_changed_by_id == self.pk:
            errors["validity_changed_by"] = _("A document cannot amend or repeal itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_repealed(self) -> bool:
        """Expired or repealed: no longer in force."""
        return self.validity in REPEALED_STATES

    @property
    def is_amended(self) -> bool:
        return self.validity == Validity.AMENDED

    @property
    def validity_notice(self) -> str:
        """The sentence shown in red on the page, in search and on posters."""
        return validity_notice(self)

    def live_interpretations(self):
        return PolicyInterpretationPage.objects.live().filter(policy=self).order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["interpretations"] = self.live_interpretations()
        context["attachments"] = self.attachments.select_related("document")
        context["changed_policies"] = PolicyDocumentPage.objects.live().filter(validity_changed_by=self)
        context["topics"] = PolicyTopicPage.objects.live().filter(policies__policy=self).distinct()
        return context


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("File"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Display title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachment")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class PolicyInterpretationPage(Page):
    """A 政策解读 of one policy. The policy page lists its live interpretations;
    the interpretation links back and shows if the policy was repealed."""

    class Form(models.TextChoices):
        TEXT = "text", _("Text interpretation")
        GRAPHIC = "graphic", _("Infographic")
        QA = "qa", _("Q&A")
        VIDEO = "video", _("Video interpretation")

    policy = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("Interpreted policy"),
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(_("Form of interpretation"), max_length=16, choices=Form.choices, default=Form.TEXT)
    interpreter = models.CharField(_("Interpreted by (person or agency)"), max_length=100, blank=True)
    summary = models.TextField(_("Abstract"), blank=True)
    body = StreamField(InterpretationBody(), verbose_name=_("Interpretation content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("policy"),
        FieldRowPanel([FieldPanel("interpretation_form"), FieldPanel("interpreter")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["wagtail_gk_policy.PolicyLibraryIndexPage"]
    subpage_types = []
    template = "wagtail_gk_policy/policy_interpretation_page.html"

    class Meta:
        verbose_name = _("Policy interpretation")
        verbose_name_plural = _("Policy interpretation")


class PolicyTopicPage(Page):
    """A topic collection (专题) such as 征地补偿: chosen policies, plus every
    live policy of the chosen 主题分类 when one is set."""

    intro = RichTextField(_("Topic description"), blank=True)
    topic = models.ForeignKey(
        "wagtail_gk.TopicCategory",
        verbose_name=_("Include all policies in this subject category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("topic"),
        InlinePanel("policies", label=_("Policies in this topic")),
    ]
    parent_page_types = ["wagtail_gk_policy.PolicyLibraryIndexPage"]
    subpage_types = []
    template = "wagtail_gk_policy/policy_topic_page.html"

    class Meta:
        verbose_name = _("Policy topic")
        verbose_name_plural = _("Policy topic")

    def collected_policies(self):
        """Live policies of the topic, in force first, newest first."""
        chosen = models.Q(pk__in=self.policies.values("policy_id"))
        if self.topic_id:
            chosen |= models.Q(topic_id=self.topic_id) | models.Q(topic__parent_id=self.topic_id)
        policies = PolicyDocumentPage.objects.live().filter(chosen).select_related("publishing_agency")
        return sorted(policies, key=lambda p: (p.is_repealed, -(p.effective_release_date.toordinal() if p.effective_release_date else 0)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = self.collected_policies()
        return context


class PolicyTopicItem(Orderable):
    page = ParentalKey(PolicyTopicPage, related_name="policies", on_delete=models.CASCADE)
    policy = models.ForeignKey(PolicyDocumentPage, verbose_name=_("Policy document"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("policy")]

    class Meta(Orderable.Meta):
        verbose_name = _("Policies in this topic")
        verbose_name_plural = _("Policies in this topic")
