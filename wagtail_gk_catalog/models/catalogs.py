"""Catalogs: regional standard guides (标准指引) and the local catalogs
(本级政务公开事项标准目录) of county and township governments derived from them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CatalogKind(models.TextChoices):
    GUIDE = "guide", _("标准指引")
    LOCAL = "local", _("本级目录")


class CatalogQuerySet(models.QuerySet):
    def guides(self):
        return self.filter(kind=CatalogKind.GUIDE)

    def local(self):
        return self.filter(kind=CatalogKind.LOCAL)

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)


class Catalog(models.Model):
    """A set of catalog items owned by one government body.

    A *guide* is compiled by the regional office; a *local* catalog belongs
    to a county or township government and is derived from a guide
    (:func:`wagtail_gk_catalog.services.derive_local_catalog`). ``guide_revision``
    is the issued revision of the guide the local catalog was last derived
    from or merged with: it is the common base of a three-way merge.
    """

    name = models.CharField(_("目录名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=CatalogKind.choices, default=CatalogKind.LOCAL)
    agency = models.ForeignKey(
        "wagtail_gk.Agency", verbose_name=_("所属机构"), related_name="gk_catalogs", on_delete=models.PROTECT
    )
    guide = models.ForeignKey(
        "self",
        verbose_name=_("所依据的标准指引"),
        null=True,
        blank=True,
        related_name="derived_catalogs",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": CatalogKind.GUIDE},
    )
    guide_revision = models.ForeignKey(
        "GuideRevision",
        verbose_name=_("所依据的指引版本"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        editable=False,
    )
    version_label = models.CharField(_("版本"), max_length=50, blank=True, help_text=_("如“2020年版”。"))
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    description = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = _("标准目录")
        verbose_name_plural = _("标准目录")
        ordering = ["kind", "agency__level", "name"]
        permissions = [
            ("view_compliance", _("查看公开合规情况")),
            ("import_catalog", _("导入标准目录")),
            ("merge_guide", _("合并指引新版本")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(kind="local"),
                name="wagtail_gk_catalog_one_local_catalog_per_agency",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_guide(self) -> bool:
        return self.kind == CatalogKind.GUIDE

    def latest_revision(self):
        """The newest issued revision of this guide, or None."""
        return self.revisions.order_by("-number").first()


class GuideRevision(models.Model):
    """An issued revision of a guide: a frozen copy of every item's elements,
    keyed by the item's stable ``key``. Local catalogs merge from one revision
    to a later one."""

    guide = models.ForeignKey(
        Catalog, verbose_name=_("标准指引"), related_name="revisions", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("版本号"))
    issued_on = models.DateField(_("印发日期"), default=timezone.localdate)
    note = models.TextField(_("修订说明"), blank=True)
    snapshot = models.JSONField(_("事项快照"), default=dict, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("指引版本")
        verbose_name_plural = _("指引版本")
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="wagtail_gk_catalog_guide_revision_unique"),
        ]

    def __str__(self):
        return _("%(guide)s 第%(number)d版") % {"guide": self.guide.name, "number": self.number}
