"""What villages publish: categories (公开类别) with their frequency, and the
types of beneficiary list (名单类型) with the columns each may show.

Both are data, edited under 设置 › 村务公开设置, seeded with the categories of
村民委员会组织法 practice. A category or list type may be aligned with an
item of the government's standard catalog: ``aligned_item`` holds a
reference of :mod:`wagtail_gk.alignment` (``"catalog:<item id>"``), offered
by whichever installed app provides such items, and unused when none does.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from wagtail_gk.alignment import AlignmentFieldPanel, validate_alignment_reference

from ..conf import village_setting
from ..periods import Frequency

CATALOG_ITEM_HELP = _("The item of the government's standard catalog that this corresponds to (the same matter must be disclosed with matching content). Not used when the catalog app is not installed.")


class NoticeCategory(models.Model):
    name = models.CharField(_("Category name"), max_length=40, unique=True)
    code = models.SlugField(_("Code"), max_length=40, unique=True)
    frequency = models.CharField(
        _("Disclosure frequency"), max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    due_working_days = models.PositiveSmallIntegerField(
        _("Disclosure deadline after the period (working days)"),
        null=True,
        blank=True,
        help_text=_("Within how many working days after the period ends the notice must be published. Leave empty to use the site default."),
    )
    has_finance_statement = models.BooleanField(
        _("Includes income and expenses"), default=False, help_text=_("Notices of this category usually come with an income and expense statement.")
    )
    description = models.CharField(_("Description"), max_length=200, blank=True)
    aligned_item = models.CharField(
        _("Matching catalog item"), max_length=80, blank=True, default="", validators=[validate_alignment_reference], help_text=CATALOG_ITEM_HELP
    )
    sort_order = models.PositiveSmallIntegerField(_("Sort order"), default=0)
    active = models.BooleanField(_("Enabled"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("due_working_days")]),
        FieldPanel("has_finance_statement"),
        FieldPanel("description"),
        AlignmentFieldPanel("aligned_item"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = _("Village affairs category")
        verbose_name_plural = _("Village affairs category")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_scheduled(self) -> bool:
        return self.frequency != Frequency.IMMEDIATE

    def get_due_working_days(self) -> int:
        if self.due_working_days is not None:
            return self.due_working_days
        return village_setting("GK_VILLAGE_DEFAULT_DUE_WORKING_DAYS")


class ColumnKind(models.TextChoices):
    NAME = "name", _("Full name")
    GROUP = "group", _("Villager group")
    HOUSEHOLD_SIZE = "household_size", _("Household size")
    ITEM = "item", _("Item/category")
    AMOUNT = "amount", _("Amount (yuan)")
    ID_NUMBER = "id_number", _("ID number")
    BANK_ACCOUNT = "bank_account", _("Bank account number")
    PHONE = "phone", _("Contact phone")
    ADDRESS = "address", _("Home address")
    HEALTH = "health", _("Health condition")
    NOTE = "note", _("Note")


class PublicationRule(models.TextChoices):
    SHOW = "show", _("Disclose")
    MASK = "mask", _("Show masked")
    DROP = "drop", _("Withhold (removed on publication)")


# Columns that may never be shown in full on a board (DOMAIN §3).
SENSITIVE_COLUMNS = {
    ColumnKind.ID_NUMBER: {PublicationRule.MASK, PublicationRule.DROP},
    ColumnKind.BANK_ACCOUNT: {PublicationRule.MASK, PublicationRule.DROP},
    ColumnKind.PHONE: {PublicationRule.MASK, PublicationRule.DROP},
    ColumnKind.ADDRESS: {PublicationRule.DROP},
    ColumnKind.HEALTH: {PublicationRule.DROP},
}
NUMERIC_COLUMNS = {ColumnKind.HOUSEHOLD_SIZE, ColumnKind.AMOUNT}


class BeneficiaryListType(ClusterableModel):
    """A kind of list posted for villagers to check (低保对象名单, 惠农补贴发放名单…)
    and its rule: which columns it holds and how each is published."""

    name = models.CharField(_("List type"), max_length=60, unique=True)
    code = models.SlugField(_("Code"), max_length=40, unique=True)
    category = models.ForeignKey(
        NoticeCategory,
        verbose_name=_("Belongs to category"),
        related_name="list_types",
        on_delete=models.PROTECT,
    )
    aligned_item = models.CharField(
        _("Matching catalog item"), max_length=80, blank=True, default="", validators=[validate_alignment_reference], help_text=CATALOG_ITEM_HELP
    )
    sort_order = models.PositiveSmallIntegerField(_("Sort order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("sort_order")]),
        AlignmentFieldPanel("aligned_item"),
        InlinePanel("columns", label=_("Columns and publication rules"), min_num=1),
    ]

    class Meta:
        verbose_name = _("List type")
        verbose_name_plural = _("List type")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def column_rules(self) -> list[tuple[str, str, bool]]:
        """[(kind, rule, required)] in display order."""
        return [(column.kind, column.rule, column.required) for column in self.columns.all()]

    def published_columns(self) -> list[str]:
        return [kind for kind, rule, _required in self.column_rules() if rule != PublicationRule.DROP]


class ListTypeColumn(Orderable):
    list_type = ParentalKey(BeneficiaryListType, related_name="columns", on_delete=models.CASCADE)
    kind = models.CharField(_("Column"), max_length=20, choices=ColumnKind.choices)
    rule = models.CharField(_("Publication rule"), max_length=8, choices=PublicationRule.choices, default=PublicationRule.SHOW)
    required = models.BooleanField(_("Required"), default=False)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("rule"), FieldPanel("required")])]

    class Meta(Orderable.Meta):
        verbose_name = _("List column")
        verbose_name_plural = _("List column")

    def clean(self):
        allowed = SENSITIVE_COLUMNS.get(self.kind)
        if allowed and self.rule not in allowed:
            raise ValidationError(
                {"rule": _("The “%(column)s” column may not be shown in full; it can only be masked or removed.") % {"column": self.get_kind_display()}}
            )
