"""What villages publish: categories (公开类别) with their frequency, and the
types of beneficiary list (名单类型) with the columns each may show.

Both are data, edited under 设置 › 村务公开设置, seeded with the categories of
村民委员会组织法 practice. A category or list type may be aligned with an
item of the government's standard catalog (``catalog_item_id``, used only
when ``wagtail_gk_catalog`` is installed).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from ..catalog_bridge import CatalogItemSelect
from ..periods import Frequency

CATALOG_ITEM_HELP = _("与政府公开事项标准目录中的哪个事项相对应（相同事项公开内容对应一致）；未安装目录应用时不使用。")


class NoticeCategory(models.Model):
    name = models.CharField(_("类别名称"), max_length=40, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    frequency = models.CharField(
        _("公开频次"), max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    due_working_days = models.PositiveSmallIntegerField(
        _("期满后公开时限（工作日）"),
        null=True,
        blank=True,
        help_text=_("期间结束后多少个工作日内应当公开；留空则使用站点默认值。"),
    )
    has_finance_statement = models.BooleanField(
        _("含收支明细"), default=False, help_text=_("该类别的公开通常附财务收支明细表。")
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    catalog_item_id = models.PositiveIntegerField(_("对应目录事项"), null=True, blank=True, help_text=CATALOG_ITEM_HELP)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("due_working_days")]),
        FieldPanel("has_finance_statement"),
        FieldPanel("description"),
        FieldPanel("catalog_item_id", widget=CatalogItemSelect),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = _("村务公开类别")
        verbose_name_plural = _("村务公开类别")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_scheduled(self) -> bool:
        return self.frequency != Frequency.IMMEDIATE

    def get_due_working_days(self) -> int:
        from ..conf import village_setting

        if self.due_working_days is not None:
            return self.due_working_days
        return village_setting("GK_VILLAGE_DEFAULT_DUE_WORKING_DAYS")


class ColumnKind(models.TextChoices):
    NAME = "name", _("姓名")
    GROUP = "group", _("村民小组")
    HOUSEHOLD_SIZE = "household_size", _("家庭人口")
    ITEM = "item", _("项目/类别")
    AMOUNT = "amount", _("金额（元）")
    ID_NUMBER = "id_number", _("身份证号")
    BANK_ACCOUNT = "bank_account", _("银行账号")
    PHONE = "phone", _("联系电话")
    ADDRESS = "address", _("家庭住址")
    HEALTH = "health", _("健康状况")
    NOTE = "note", _("备注")


class PublicationRule(models.TextChoices):
    SHOW = "show", _("公开")
    MASK = "mask", _("遮盖后公开")
    DROP = "drop", _("不公开（发布时删除）")


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

    name = models.CharField(_("名单类型"), max_length=60, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    category = models.ForeignKey(
        NoticeCategory,
        verbose_name=_("所属公开类别"),
        related_name="list_types",
        on_delete=models.PROTECT,
    )
    catalog_item_id = models.PositiveIntegerField(_("对应目录事项"), null=True, blank=True, help_text=CATALOG_ITEM_HELP)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("sort_order")]),
        FieldPanel("catalog_item_id", widget=CatalogItemSelect),
        InlinePanel("columns", label=_("列及公开规则"), min_num=1),
    ]

    class Meta:
        verbose_name = _("名单类型")
        verbose_name_plural = _("名单类型")
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
    kind = models.CharField(_("列"), max_length=20, choices=ColumnKind.choices)
    rule = models.CharField(_("公开规则"), max_length=8, choices=PublicationRule.choices, default=PublicationRule.SHOW)
    required = models.BooleanField(_("必填"), default=False)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("rule"), FieldPanel("required")])]

    class Meta(Orderable.Meta):
        verbose_name = _("名单列")
        verbose_name_plural = _("名单列")

    def clean(self):
        allowed = SENSITIVE_COLUMNS.get(self.kind)
        if allowed and self.rule not in allowed:
            raise ValidationError(
                {"rule": _("“%(column)s”列不得完整公开，只能遮盖或删除。") % {"column": self.get_kind_display()}}
            )
