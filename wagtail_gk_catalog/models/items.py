"""Catalog items (公开事项) and their elements, as listed in published county
catalogs: 序号, 一级/二级/三级事项, 公开内容（要素）, 公开依据, 公开时限,
公开主体, 公开渠道和载体 (必选/可选), 公开对象, 公开方式, 公开层级."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from wagtail_gk.models import AgencyLevel, DisclosureMethod


class Channel(models.TextChoices):
    """公开渠道和载体, in the order published catalogs print them."""

    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEW_MEDIA = "new_media", _("两微一端")
    PRESS = "press", _("发布会/听证会")
    BROADCAST = "broadcast", _("广播电视")
    PRINT = "print", _("纸质媒体")
    READING_ROOM = "reading_room", _("公开查阅点")
    SERVICE_CENTER = "service_center", _("政务服务中心")
    SERVICE_STATION = "service_station", _("便民服务站")
    DOOR_TO_DOOR = "door_to_door", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("社区/企事业单位/村公示栏（电子屏）")
    PUSH = "push", _("精准推送")
    OTHER = "other", _("其他")


class Audience(models.TextChoices):
    """公开对象."""

    PUBLIC = "public", _("全社会")
    SPECIFIC = "specific", _("特定群体")


class DisclosureLayer(models.TextChoices):
    """公开层级: which level of government publishes the item."""

    REGION = "region", _("自治区级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    COUNTY_TOWNSHIP = "county_township", _("县级、乡级")
    TOWNSHIP_VILLAGE = "township_village", _("乡、村级")


# Which agency levels publish items of each layer (used when deriving a local catalog).
LAYER_LEVELS = {
    DisclosureLayer.REGION: {AgencyLevel.REGION},
    DisclosureLayer.CITY: {AgencyLevel.CITY},
    DisclosureLayer.COUNTY: {AgencyLevel.COUNTY},
    DisclosureLayer.TOWNSHIP: {AgencyLevel.TOWNSHIP},
    DisclosureLayer.COUNTY_TOWNSHIP: {AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP},
    DisclosureLayer.TOWNSHIP_VILLAGE: {AgencyLevel.TOWNSHIP, AgencyLevel.VILLAGE},
}


def layers_for_level(level: str) -> list[str]:
    """The 公开层级 values whose items an agency of *level* publishes."""
    return [layer for layer, levels in LAYER_LEVELS.items() if level in levels]


class TimeLimitKind(models.TextChoices):
    """The shape of a 公开时限 rule."""

    WORKING_DAYS = "working_days", _("自事件之日起N日内")
    ON_CHANGE = "on_change", _("变更之日起N日内更新")
    REAL_TIME = "real_time", _("实时公开")
    CONTINUOUS = "continuous", _("长期公开（动态调整）")
    OTHER = "other", _("其他（仅文字表述）")


class PublicityDayType(models.TextChoices):
    """How a number of days is counted (time limits and publicity periods)."""

    WORKING = "working", _("工作日")
    CALENDAR = "calendar", _("自然日")


class ItemOrigin(models.TextChoices):
    GUIDE = "guide", _("指引事项")
    DERIVED = "derived", _("依指引编制")
    LOCAL = "local", _("本级新增")


class CatalogItemQuerySet(models.QuerySet):
    def active(self):
        """Items in force: not removed by a local adjustment."""
        return self.filter(removed=False)


class CatalogItem(ClusterableModel):
    """One item (公开事项) of a catalog with all its elements.

    ``key`` identifies the item across a guide's revisions and the local
    catalogs derived from it: a derived item carries its guide item's key.
    ``removed`` keeps a locally removed item (and so the record of the
    removal) without showing or counting it.
    """

    catalog = models.ForeignKey(
        "wagtail_gk_catalog.Catalog", verbose_name=_("所属目录"), related_name="items", on_delete=models.CASCADE
    )
    domain = models.ForeignKey(
        "wagtail_gk_catalog.Domain", verbose_name=_("公开领域"), related_name="items", on_delete=models.PROTECT
    )
    sort_order = models.PositiveIntegerField(_("序号"), default=0)
    level1 = models.CharField(_("一级事项"), max_length=200)
    level2 = models.CharField(_("二级事项"), max_length=200, blank=True)
    level3 = models.CharField(_("三级事项"), max_length=200, blank=True)
    content = models.TextField(_("公开内容（要素）"), blank=True)
    basis = models.TextField(_("公开依据"), blank=True, help_text=_("法律、法规、规章及政策文件名称，每行一项。"))

    time_limit_kind = models.CharField(
        _("公开时限类型"), max_length=16, choices=TimeLimitKind.choices, default=TimeLimitKind.WORKING_DAYS
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("时限天数"), null=True, blank=True, help_text=_("自事件之日起多少天内公开，如 20。")
    )
    time_limit_day_type = models.CharField(
        _("时限计算方式"),
        max_length=16,
        choices=PublicityDayType.choices,
        default=PublicityDayType.WORKING,
        help_text=_("多数事项按工作日计算；预决算等法定“批准后20日内”按自然日计算。"),
    )
    time_limit_event = models.CharField(
        _("起算事件"), max_length=100, blank=True, default="信息形成或者变更之日起",
        help_text=_("如“信息形成或者变更之日起”“制定或获取信息之日起”。"),
    )
    publicity_days = models.PositiveSmallIntegerField(
        _("公示期"), null=True, blank=True, help_text=_("需要公示的事项填写公示天数，如 7。")
    )
    publicity_day_type = models.CharField(
        _("公示期计算方式"), max_length=16, choices=PublicityDayType.choices, default=PublicityDayType.WORKING
    )
    time_limit_wording = models.CharField(
        _("公开时限（表述）"), max_length=200, blank=True,
        help_text=_("留空则按时限规则自动生成，如“信息形成或者变更之日起20个工作日内”。"),
    )

    subject = models.CharField(_("公开主体"), max_length=200, blank=True, help_text=_("如“县级民政部门”“乡镇人民政府”。"))
    subject_agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
        help_text=_("接收到期提醒的机构；留空则提醒目录所属机构。"),
    )
    audience = models.CharField(_("公开对象"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC)
    method = models.CharField(
        _("公开方式"), max_length=16, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    layer = models.CharField(
        _("公开层级"), max_length=20, choices=DisclosureLayer.choices, default=DisclosureLayer.COUNTY
    )

    key = models.UUIDField(_("事项标识"), default=uuid.uuid4, editable=False)
    origin = models.CharField(
        _("来源"), max_length=16, choices=ItemOrigin.choices, default=ItemOrigin.GUIDE, editable=False
    )
    removed = models.BooleanField(_("已从本级目录删除"), default=False, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["catalog", "domain__sort_order", "sort_order", "pk"]
        indexes = [models.Index(fields=["catalog", "domain", "sort_order"], name="gk_catalog_item_order_idx")]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "key"], name="wagtail_gk_catalog_item_key_unique"),
        ]

    def __str__(self):
        return " / ".join(part for part in (self.level1, self.level2, self.level3) if part)

    @property
    def title(self) -> str:
        return str(self)

    @property
    def time_limit_display(self) -> str:
        from ..time_limits import time_limit_wording

        return self.time_limit_wording or time_limit_wording(self)

    @property
    def time_limit_rule(self):
        from ..time_limits import TimeLimitRule

        return TimeLimitRule.from_item(self)

    def channel_sets(self) -> tuple[list[str], list[str]]:
        """(required, optional) channel codes, in catalog order (uses prefetched channels)."""
        order = list(Channel.values)
        rows = sorted(self.channels.all(), key=lambda row: order.index(row.channel))
        return [r.channel for r in rows if r.required], [r.channel for r in rows if not r.required]

    def channel_marks(self) -> list[tuple[str, str]]:
        """[(channel label, "■" | "□" | "")] for every channel, as printed in catalogs."""
        required, optional = self.channel_sets()
        return [
            (label, "■" if code in required else "□" if code in optional else "")
            for code, label in Channel.choices
        ]


class CatalogItemChannel(models.Model):
    """One 公开渠道和载体 of an item, 必选 (■) or 可选 (□)."""

    item = ParentalKey(CatalogItem, related_name="channels", on_delete=models.CASCADE)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    required = models.BooleanField(_("必选"), default=True)

    class Meta:
        verbose_name = _("公开渠道")
        verbose_name_plural = _("公开渠道")
        constraints = [
            models.UniqueConstraint(fields=["item", "channel"], name="wagtail_gk_catalog_item_channel_unique"),
        ]

    def __str__(self):
        return "{}{}".format("■" if self.required else "□", self.get_channel_display())


class CatalogItemBasisLink(Orderable):
    """A policy document (any Wagtail page, usually one of the policy library)
    that is part of an item's 公开依据."""

    item = ParentalKey(CatalogItem, related_name="basis_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("政策文件"), related_name="+", on_delete=models.CASCADE
    )

    class Meta(Orderable.Meta):
        verbose_name = _("依据文件")
        verbose_name_plural = _("依据文件")
