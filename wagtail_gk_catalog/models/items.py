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

from ..time_limit_choices import PublicityDayType, TimeLimitKind
from ..time_limits import TimeLimitRule, time_limit_wording


class Channel(models.TextChoices):
    """公开渠道和载体, in the order published catalogs print them."""

    WEBSITE = "website", _("Government website")
    GAZETTE = "gazette", _("Government gazette")
    NEW_MEDIA = "new_media", _("Weibo, WeChat and mobile app")
    PRESS = "press", _("Press conference/hearing")
    BROADCAST = "broadcast", _("Radio and TV")
    PRINT = "print", _("Print media")
    READING_ROOM = "reading_room", _("Public reading room")
    SERVICE_CENTER = "service_center", _("Government service center")
    SERVICE_STATION = "service_station", _("Community service station")
    DOOR_TO_DOOR = "door_to_door", _("Door-to-door/on site")
    NOTICE_BOARD = "notice_board", _("Community, workplace or village notice board (electronic screen)")
    PUSH = "push", _("Targeted push")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    """公开对象."""

    PUBLIC = "public", _("General public")
    SPECIFIC = "specific", _("Specific groups")


class DisclosureLayer(models.TextChoices):
    """公开层级: which level of government publishes the item."""

    REGION = "region", _("Autonomous region")
    CITY = "city", _("City level")
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")
    COUNTY_TOWNSHIP = "county_township", _("County and township")
    TOWNSHIP_VILLAGE = "township_village", _("Township and village")


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


class ItemOrigin(models.TextChoices):
    GUIDE = "guide", _("Guide item")
    DERIVED = "derived", _("Derived from guide")
    LOCAL = "local", _("Added locally")


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
        "wagtail_gk_catalog.Catalog", verbose_name=_("Owning catalog"), related_name="items", on_delete=models.CASCADE
    )
    domain = models.ForeignKey(
        "wagtail_gk_catalog.Domain", verbose_name=_("Disclosure area"), related_name="items", on_delete=models.PROTECT
    )
    sort_order = models.PositiveIntegerField(_("No."), default=0)
    level1 = models.CharField(_("First-level item"), max_length=200)
    level2 = models.CharField(_("Second-level item"), max_length=200, blank=True)
    level3 = models.CharField(_("Third-level item"), max_length=200, blank=True)
    content = models.TextField(_("Disclosure content (elements)"), blank=True)
    basis = models.TextField(_("Basis for disclosure"), blank=True, help_text=_("Names of laws, regulations, rules and policy documents, one per line."))

    time_limit_kind = models.CharField(
        _("Deadline type"), max_length=16, choices=TimeLimitKind.choices, default=TimeLimitKind.WORKING_DAYS
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("Deadline in days"), null=True, blank=True, help_text=_("Within how many days of the event the information is disclosed, e.g. 20.")
    )
    time_limit_day_type = models.CharField(
        _("Deadline counted in"),
        max_length=16,
        choices=PublicityDayType.choices,
        default=PublicityDayType.WORKING,
        help_text=_("Most items count working days; statutory limits such as “within 20 days of approval” for budgets and final accounts count calendar days."),
    )
    time_limit_event = models.CharField(
        _("Starting event"), max_length=100, blank=True, default="信息形成或者变更之日起",
        help_text=_("E.g. “from the day the information is created or changed”, “from the day the information is made or obtained”."),
    )
    publicity_days = models.PositiveSmallIntegerField(
        _("Public notice period"), null=True, blank=True, help_text=_("For items that must be posted for public notice: the number of days, e.g. 7.")
    )
    publicity_day_type = models.CharField(
        _("Public notice period counted in"), max_length=16, choices=PublicityDayType.choices, default=PublicityDayType.WORKING
    )
    time_limit_wording = models.CharField(
        _("Disclosure deadline (wording)"), max_length=200, blank=True,
        help_text=_("Leave empty to generate it from the deadline rule, e.g. “within 20 working days from the day the information is created or changed”."),
    )

    subject = models.CharField(_("Responsible body"), max_length=200, blank=True, help_text=_("E.g. “county civil affairs department”, “township people's government”."))
    subject_agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Responsible agency"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
        help_text=_("The agency that receives deadline reminders; leave empty to remind the catalog's owning agency."),
    )
    audience = models.CharField(_("Audience"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC)
    method = models.CharField(
        _("Disclosure form"), max_length=16, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    layer = models.CharField(
        _("Disclosure level"), max_length=20, choices=DisclosureLayer.choices, default=DisclosureLayer.COUNTY
    )

    key = models.UUIDField(_("Item key"), default=uuid.uuid4, editable=False)
    origin = models.CharField(
        _("Source"), max_length=16, choices=ItemOrigin.choices, default=ItemOrigin.GUIDE, editable=False
    )
    removed = models.BooleanField(_("Removed from local catalog"), default=False, editable=False)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Disclosure item")
        verbose_name_plural = _("Disclosure item")
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
        return self.time_limit_wording or time_limit_wording(self)

    @property
    def time_limit_rule(self):
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
    channel = models.CharField(_("Channel"), max_length=20, choices=Channel.choices)
    required = models.BooleanField(_("Mandatory"), default=True)

    class Meta:
        verbose_name = _("Disclosure channel")
        verbose_name_plural = _("Disclosure channel")
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
        "wagtailcore.Page", verbose_name=_("Policy document"), related_name="+", on_delete=models.CASCADE
    )

    class Meta(Orderable.Meta):
        verbose_name = _("Basis document")
        verbose_name_plural = _("Basis document")
