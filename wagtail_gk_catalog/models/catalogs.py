"""Catalogs: regional standard guides (标准指引) and the local catalogs
(本级政务公开事项标准目录) of county and township governments derived from them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CatalogKind(models.TextChoices):
    GUIDE = "guide", _("Standard guide")
    LOCAL = "local", _("Local catalog")


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

    name = models.CharField(_("Catalog name"), max_length=200)
    kind = models.CharField(_("Kind"), max_length=16, choices=CatalogKind.choices, default=CatalogKind.LOCAL)
    agency = models.ForeignKey(
        "wagtail_gk.Agency", verbose_name=_("Owning agency"), related_name="gk_catalogs", on_delete=models.PROTECT
    )
    guide = models.ForeignKey(
        "self",
        verbose_name=_("Based on standard guide"),
        null=True,
        blank=True,
        related_name="derived_catalogs",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": CatalogKind.GUIDE},
    )
    guide_revision = models.ForeignKey(
        "GuideRevision",
        verbose_name=_("Based on guide revision"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        editable=False,
    )
    version_label = models.CharField(_("Revision"), max_length=50, blank=True, help_text=_("E.g. “2020 edition”."))
    issued_on = models.DateField(_("Issue date"), null=True, blank=True)
    description = models.TextField(_("Description"), blank=True)
    created_at = models.DateTimeField(_("Created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = _("Standard catalog")
        verbose_name_plural = _("Standard catalog")
        ordering = ["kind", "agency__level", "name"]
        permissions = [
            ("view_compliance", _("View disclosure compliance")),
            ("import_catalog", _("Import standard catalog")),
            ("merge_guide", _("Merge new guide revision")),
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
        Catalog, verbose_name=_("Standard guide"), related_name="revisions", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("Revision number"))
    issued_on = models.DateField(_("Issue date"), default=timezone.localdate)
    note = models.TextField(_("Revision notes"), blank=True)
    snapshot = models.JSONField(_("Item snapshot"), default=dict, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("Created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Guide revision")
        verbose_name_plural = _("Guide revision")
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="wagtail_gk_catalog_guide_revision_unique"),
        ]

    def __str__(self):
        return _("%(guide)s, revision %(number)d") % {"guide": self.guide.name, "number": self.number}
