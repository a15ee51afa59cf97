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
from wagtail import blocks
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

REPEALED_STATES = (Validity.EXPIRED, Validity.REPEALED)


class DocumentKind(models.TextChoices):
    """公文种类 of the 党政机关公文处理工作条例 (15 kinds), plus 规范性文件 and 其他."""

    RESOLUTION = "resolution", _("决议")
    DECISION = "decision", _("决定")
    ORDER = "order", _("命令")
    COMMUNIQUE = "communique", _("公报")
    ANNOUNCEMENT = "announcement", _("公告")
    PUBLIC_NOTICE = "public_notice", _("通告")
    OPINION = "opinion", _("意见")
    NOTICE = "notice", _("通知")
    CIRCULAR = "circular", _("通报")
    REPORT = "report", _("报告")
    REQUEST = "request", _("请示")
    REPLY = "reply", _("批复")
    MOTION = "motion", _("议案")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")
    REGULATION = "regulation", _("规范性文件")
    OTHER = "other", _("其他")


class PolicyBody(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("小标题"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("正文"))
    image = ImageBlock(label=_("图片"))
    document = DocumentChooserBlock(label=_("附件"))


class InterpretationBody(blocks.StreamBlock):
    """The forms a 政策解读 takes: 文字解读, 图解, 问答 and video."""

    text = blocks.RichTextBlock(label=_("文字解读"))
    graphic = blocks.StructBlock(
        [
            ("image", ImageBlock(label=_("图片"))),
            ("caption", blocks.CharBlock(label=_("说明"), required=False)),
        ],
        label=_("图解"),
        icon="image",
    )
    qa = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("问"))),
                ("answer", blocks.RichTextBlock(label=_("答"))),
            ],
            label=_("问答"),
        ),
        label=_("问答"),
        icon="help",
    )
    video = blocks.StructBlock(
        [
            ("embed", EmbedBlock(label=_("视频链接"), required=False)),
            ("file", DocumentChooserBlock(label=_("视频文件"), required=False)),
            ("caption", blocks.CharBlock(label=_("说明"), required=False)),
        ],
        label=_("视频解读"),
        icon="media",
    )


class PolicyLibraryIndexPage(SectionPageMixin, Page):
    """The policy library: search, facets and the latest policies."""

    intro = RichTextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["wagtail_gk_policy.PolicyDocumentPage", "wagtail_gk_policy.PolicyInterpretationPage", "wagtail_gk_policy.PolicyTopicPage"]
    template = "wagtail_gk_policy/policy_library_index_page.html"

    class Meta:
        verbose_name = _("政策库")
        verbose_name_plural = _("政策库")

    def get_context(self, request, *args, **kwargs):
        from ..search import run_search_from_request

        context = super().get_context(request, *args, **kwargs)
        context["results"] = run_search_from_request(request)
        context["topics"] = PolicyTopicPage.objects.live().descendant_of(self)
        return context


class PolicyAudienceTag(models.Model):
    """A tag that matches policies to subscribers (政策直通车): an industry,
    an enterprise size, a region, a group such as 农户 or 低保户, or a stage."""

    class Kind(models.TextChoices):
        INDUSTRY = "industry", _("行业")
        SIZE = "size", _("规模")
        REGION = "region", _("区域")
        GROUP = "group", _("群体")
        STAGE = "stage", _("发展阶段")

    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=40)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("政策标签")
        verbose_name_plural = _("政策标签")
        ordering = ["kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="wagtail_gk_policy_tag_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"


class PolicyDocumentPage(OpennessMetadataMixin, Page):
    """A policy document. ``publishing_agency`` is its 发文机关; validity
    changes name the date and the document that made them."""

    document_number = models.CharField(_("发文字号"), max_length=80, blank=True, help_text=_("如：永政发〔2026〕3号"))
    document_kind = models.CharField(_("公文种类"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.NOTICE)
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(PolicyBody(), verbose_name=_("正文"), blank=True)
    validity_changed_on = models.DateField(_("有效性变更日期"), null=True, blank=True)
    validity_changed_by = models.ForeignKey(
        "self",
        verbose_name=_("变更或废止依据文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changed_policies",
    )
    validity_note = models.CharField(_("有效性说明"), max_length=200, blank=True)
    needs_interpretation = models.BooleanField(
        _("需要同步解读"),
        default=False,
        help_text=_("勾选后，须有已审核的政策解读与本文件同步发布或在规定工作日内发布，否则不能发布。"),
    )
    audience_tags = ParentalManyToManyField(PolicyAudienceTag, verbose_name=_("适用对象标签"), blank=True, related_name="policies")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_kind")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件（Word/PDF）")),
    ]
    policy_panels = [
        OpennessMetadataMixin.openness_metadata_panel,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("validity_changed_on"), FieldPanel("validity_changed_by")]),
                FieldPanel("validity_note"),
            ],
            heading=_("有效性变更"),
        ),
        MultiFieldPanel(
            [FieldPanel("needs_interpretation"), FieldPanel("audience_tags", widget=forms.CheckboxSelectMultiple)],
            heading=_("解读与推送"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(policy_panels, heading=_("公开属性")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
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
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def clean(self):
        super().clean()
        errors = {}
        if self.validity != Validity.VALID and not self.validity_changed_on:
            errors["validity_changed_on"] = _("有效性不是“有效”时，请填写变更日期。")
        if self.validity_changed_by_id and self.pk and self.validity_changed_by_id == self.pk:
            errors["validity_changed_by"] = _("文件不能变更或废止其自身。")
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
        from ..services import validity_notice

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
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class PolicyInterpretationPage(Page):
    """A 政策解读 of one policy. The policy page lists its live interpretations;
    the interpretation links back and shows if the policy was repealed."""

    class Form(models.TextChoices):
        TEXT = "text", _("文字解读")
        GRAPHIC = "graphic", _("图解")
        QA = "qa", _("问答")
        VIDEO = "video", _("视频解读")

    policy = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("所解读的政策"),
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(_("解读形式"), max_length=16, choices=Form.choices, default=Form.TEXT)
    interpreter = models.CharField(_("解读人/解读机关"), max_length=100, blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(InterpretationBody(), verbose_name=_("解读内容"), blank=True)

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
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")


class PolicyTopicPage(Page):
    """A topic collection (专题) such as 征地补偿: chosen policies, plus every
    live policy of the chosen 主题分类 when one is set."""

    intro = RichTextField(_("专题说明"), blank=True)
    topic = models.ForeignKey(
        "wagtail_gk.TopicCategory",
        verbose_name=_("包含该主题分类的全部政策"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("topic"),
        InlinePanel("policies", label=_("专题政策")),
    ]
    parent_page_types = ["wagtail_gk_policy.PolicyLibraryIndexPage"]
    subpage_types = []
    template = "wagtail_gk_policy/policy_topic_page.html"

    class Meta:
        verbose_name = _("政策专题")
        verbose_name_plural = _("政策专题")

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
    policy = models.ForeignKey(PolicyDocumentPage, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("policy")]

    class Meta(Orderable.Meta):
        verbose_name = _("专题政策")
        verbose_name_plural = _("专题政策")
