"""Page types: 乡镇 → 村 → 村务公开 notices, and the township's own lists.

``VillageNoticePage`` carries the category, the period, the text, photos,
attachments and two structured tables (收支明细 and a beneficiary list).
Beneficiary rows are masked by their list type's rule whenever the page is
cleaned — on import, on every revision and so on publication — so unmasked
personal data never reaches a revision or the public site.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from wagtail_gk.alignment import AlignmentFieldPanel, validate_alignment_reference
from wagtail_gk.gate.checkers import TextSource
from wagtail_gk.models import AgencyLevel, OpennessMetadataMixin
from wagtail_gk.models.sections import SectionPageMixin
from wagtail_gk.page_routes import RoutesModuleMixin

from .. import access
from ..panels import RowsTablePanel
from ..periods import Period, PeriodKind, make_period
from ..tables import TableError, apply_publication_rule, finance_totals, validate_finance_rows
from .categories import ColumnKind, NoticeCategory


class TownshipPage(SectionPageMixin, Page):
    """A township's village-affairs column (乡镇村务公开); its villages are children."""

    agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Township"),
        limit_choices_to={"level": AgencyLevel.TOWNSHIP},
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = RichTextField(_("Description"), blank=True)
    supervision_signoff = models.BooleanField(
        _("Requires sign-off by the village supervision committee"),
        default=False,
        help_text=_("If ticked, village notices must be confirmed by a member of the village's supervision committee before township review. The review workflow is updated when you save."),
    )

    content_panels = Page.content_panels + [FieldPanel("agency"), FieldPanel("intro"), FieldPanel("supervision_signoff")]
    subpage_types = ["wagtail_gk_village.VillagePage", "wagtail_gk_village.GovernmentListPage"]
    template = "wagtail_gk_village/pages/township_page.html"

    class Meta:
        verbose_name = _("Township village affairs section")
        verbose_name_plural = _("Township village affairs section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["villages"] = VillagePage.objects.child_of(self).live().order_by("title")
        context["government_lists"] = GovernmentListPage.objects.child_of(self).live().order_by("-period_end")[:20]
        return context


class VillagePage(Page):
    """A village's notice board online (村务公开栏)."""

    agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Village"),
        limit_choices_to={"level": AgencyLevel.VILLAGE},
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = RichTextField(_("Description"), blank=True)
    supervision_phone = models.CharField(_("Supervision phone"), max_length=40, blank=True)

    content_panels = Page.content_panels + [FieldPanel("agency"), FieldPanel("intro"), FieldPanel("supervision_phone")]
    parent_page_types = ["wagtail_gk_village.TownshipPage"]
    subpage_types = ["wagtail_gk_village.VillageNoticePage"]
    template = "wagtail_gk_village/pages/village_page.html"

    class Meta:
        verbose_name = _("Village affairs board")
        verbose_name_plural = _("Village affairs board")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = VillageNoticePage.objects.child_of(self).live().select_related("category").order_by("-period_end", "-first_published_at")
        categories = NoticeCategory.objects.filter(active=True)
        selected = request.GET.get("category")
        if selected and selected.isdigit():
            notices = notices.filter(category_id=int(selected))
            context["selected_category"] = int(selected)
        context["categories"] = categories
        context["notices"] = Paginator(notices, 20).get_page(request.GET.get("page"))
        return context


class PeriodFields(models.Model):
    """The period a notice or list covers; start and end are derived on clean."""

    period_kind = models.CharField(_("Period type"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.MONTH)
    period_year = models.PositiveSmallIntegerField(_("Year"), null=True, blank=True)
    period_number = models.PositiveSmallIntegerField(_("Month or quarter"), null=True, blank=True, help_text=_("Monthly: 1–12; quarterly: 1–4."))
    period_date = models.DateField(_("Date of the matter"), null=True, blank=True)
    period_start = models.DateField(_("Period start"), null=True, editable=False, db_index=True)
    period_end = models.DateField(_("Period end"), null=True, editable=False, db_index=True)

    period_panel = MultiFieldPanel(
        [FieldRowPanel([FieldPanel("period_kind"), FieldPanel("period_year"), FieldPanel("period_number"), FieldPanel("period_date")])],
        heading=_("Period covered"),
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> Period | None:
        try:
            return make_period(self.period_kind, self.period_year, self.period_number, self.period_date)
        except ValueError:
            return None

    def clean_period(self):
        try:
            period = make_period(self.period_kind, self.period_year, self.period_number, self.period_date)
        except ValueError as exc:
            raise ValidationError({"period_kind": str(exc)}) from exc
        self.period_start, self.period_end = period.start, period.end
        if period.kind != PeriodKind.DATE:
            self.period_date = None
        if period.kind in (PeriodKind.YEAR, PeriodKind.DATE):
            self.period_number = None
        if period.kind == PeriodKind.DATE:
            self.period_year = period.year


class BeneficiaryRowsMixin(models.Model):
    """A beneficiary list stored as JSON rows, masked by ``list_type``'s rule."""

    list_type = models.ForeignKey(
        "wagtail_gk_village.BeneficiaryListType",
        verbose_name=_("List type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    beneficiary_rows = models.JSONField(_("List"), default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def clean_beneficiary_rows(self):
        if self.beneficiary_rows and not self.list_type_id:
            raise ValidationError({"list_type": _("A list type must be chosen when there is list data.")})
        if self.list_type_id:
            self.beneficiary_rows = apply_publication_rule(self.beneficiary_rows or [], self.list_type.column_rules())

    def beneficiary_table(self) -> dict:
        """Headers and cells of the published list, in the list type's column order."""
        if not self.list_type_id or not self.beneficiary_rows:
            return {"headers": [], "rows": [], "total_amount": None}
        labels = dict(ColumnKind.choices)
        columns = self.list_type.published_columns()
        total = None
        if ColumnKind.AMOUNT in columns:
            total = sum((Decimal(row.get(ColumnKind.AMOUNT) or "0") for row in self.beneficiary_rows), Decimal("0.00"))
        return {
            "headers": [labels[kind] for kind in columns],
            "rows": [[row.get(kind, "") for kind in columns] for row in self.beneficiary_rows],
            "total_amount": total,
            "amount_index": columns.index(ColumnKind.AMOUNT) if ColumnKind.AMOUNT in columns else None,
        }


class VillageNoticePermissionTester(PagePermissionTester):
    """Township reviewers of the notice's township may publish it (so the last
    workflow approval can finish); village members never publish, whatever
    page permissions a site gives them."""

    def can_publish(self):
        if access.is_village_only_user(self.user):
            return False
        if super().can_publish():
            return True
        return self.user.is_active and access.can_review_village(self.user, self.page.village_id)

    def can_publish_subpage(self):
        return False

    def can_unpublish(self):
        if access.is_village_only_user(self.user):
            return False
        return super().can_unpublish()


class VillageNoticePage(RoutesModuleMixin, OpennessMetadataMixin, PeriodFields, BeneficiaryRowsMixin, Page):
    """One notice of a village (一条村务公开)."""

    village = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Village"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        "wagtail_gk_village.NoticeCategory", verbose_name=_("Notice category"), on_delete=models.PROTECT, related_name="notices"
    )
    body = models.TextField(_("Disclosure content"), blank=True)
    finance_rows = models.JSONField(_("Income and expenses"), default=list, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("category"),
        PeriodFields.period_panel,
        FieldPanel("body"),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("attachments", label=_("Attachment")),
    ]
    table_panels = [
        RowsTablePanel("finance_rows", heading=_("Income and expenses")),
        FieldPanel("list_type"),
        RowsTablePanel("beneficiary_rows", heading=_("List (masked by the list type's rules)")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(table_panels, heading=_("Tables")),
            ObjectList([OpennessMetadataMixin.openness_metadata_panel], heading=_("Disclosure metadata")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("body"), index.FilterField("village_id"), index.FilterField("category_id")]
    parent_page_types = ["wagtail_gk_village.VillagePage"]
    subpage_types = []
    template = "wagtail_gk_village/pages/village_notice_page.html"
    routes_module = "wagtail_gk_village.routes"  # board/: the notice-board PDF

    class Meta:
        verbose_name = _("Village affairs")
        verbose_name_plural = _("Village affairs")
        indexes = [models.Index(fields=["village", "category", "period_end"], name="gk_village_notice_sched")]

    def __str__(self):
        return self.title

    def permissions_for_user(self, user):
        return VillageNoticePermissionTester(user, self)

    @cached_property
    def village_page(self):
        return VillagePage.objects.filter(path=self.path[: -self.steplen]).first() if self.path else None

    def full_clean(self, *args, **kwargs):
        self.fill_from_parent()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # Wagtail saves a draft (live=False) with minimal_clean only; the village
        # and the period's dates must still reach the row, or access checks and
        # the schedule would not see the draft.
        super().minimal_clean()
        self.fill_from_parent()
        with contextlib.suppress(ValidationError):  # an incomplete period is reported by full_clean on submit
            self.clean_period()

    def fill_from_parent(self):
        """Village and publishing agency come from the village page above."""
        if self.path and len(self.path) > self.steplen:
            village_page = self.village_page
            if village_page is not None:
                self.village_id = village_page.agency_id
                if not self.publishing_agency_id:
                    self.publishing_agency_id = village_page.agency_id

    def clean(self):
        super().clean()
        self.clean_period()
        self.clean_beneficiary_rows()
        if self.list_type_id and self.category_id and self.list_type.category_id != self.category_id:
            raise ValidationError({"list_type": _("The list type “%(list)s” does not belong to the chosen category.") % {"list": self.list_type}})
        if self.finance_rows:
            try:
                self.finance_rows = validate_finance_rows(list(enumerate(self.finance_rows, start=1)))
            except TableError as exc:
                raise ValidationError({"finance_rows": exc.messages()}) from exc

    @property
    def finance_summary(self):
        return finance_totals(self.finance_rows) if self.finance_rows else None

    def default_title(self) -> str:
        period = self.period
        village = self.village_page.title if self.village_page else ""
        return f"{village}{period.label if period else ''}{self.category.name}公开"

    def get_share_url(self, request=None):
        return self.url + self.reverse_subpage("share") if self.url else ""

    def gk_text_sources(self):
        """Text of the tables, for the publication gate's checks."""
        sources = []
        for number, row in enumerate(self.finance_rows or [], start=1):
            sources.append(TextSource(f"收支明细第{number}行", " ".join(str(v) for v in row.values())))
        for number, row in enumerate(self.beneficiary_rows or [], start=1):
            sources.append(TextSource(f"名单第{number}行", " ".join(str(v) for v in row.values())))
        return sources

    @path("share/", name="share")
    def share_view(self, request):
        # No script on the page WeChat's browser opens: {% gk_scroll_table %}
        # then shows its hint by CSS alone.
        return self.render(
            request, template="wagtail_gk_village/pages/village_notice_share.html", context_overrides={"gk_without_scripts": True}
        )

    def get_board_url(self, paper: str = "A4") -> str:
        """The printable board PDF (Wagtail's page URLs hold no dots, hence ``board/``)."""
        if not self.url:
            return ""
        url = self.url + self.reverse_subpage("board_pdf")
        return url + "?paper=A3" if paper == "A3" else url


class VillageNoticePhoto(Orderable):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("On-site photo")
        BOARD = "board", _("Notice board photo")

    page = ParentalKey(VillageNoticePage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("Picture"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("Description"), max_length=200, blank=True)
    kind = models.CharField(_("Kind"), max_length=8, choices=Kind.choices, default=Kind.PHOTO)

    panels = [FieldRowPanel([FieldPanel("image"), FieldPanel("kind")]), FieldPanel("caption")]


class VillageNoticeAttachment(Orderable):
    page = ParentalKey(VillageNoticePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("File"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Name"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class GovernmentListPage(OpennessMetadataMixin, PeriodFields, BeneficiaryRowsMixin, Page):
    """A list the township government publishes for one village (e.g. 低保对象
    名单), filed under a catalog item: the government side of an aligned pair."""

    village = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Village concerned"),
        limit_choices_to={"level": AgencyLevel.VILLAGE},
        on_delete=models.PROTECT,
        related_name="+",
    )
    aligned_item = models.CharField(
        _("Catalog item"),
        max_length=80,
        blank=True,
        default="",
        validators=[validate_alignment_reference],
        help_text=_("Leave empty to use the list type's catalog item."),
    )
    intro = models.TextField(_("Description"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("village"), FieldPanel("list_type")]),
        AlignmentFieldPanel("aligned_item"),
        PeriodFields.period_panel,
        FieldPanel("intro"),
        RowsTablePanel("beneficiary_rows", heading=_("List (masked by the list type's rules)")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList([OpennessMetadataMixin.openness_metadata_panel], heading=_("Disclosure metadata")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["wagtail_gk_village.TownshipPage"]
    subpage_types = []
    template = "wagtail_gk_village/pages/government_list_page.html"

    class Meta:
        verbose_name = _("Government list")
        verbose_name_plural = _("Government list")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        self.clean_period()
        if not self.list_type_id:
            raise ValidationError({"list_type": _("Choose a list type.")})
        self.clean_beneficiary_rows()
        if not self.aligned_item:
            self.aligned_item = self.list_type.aligned_item
