"""The record of how a local catalog differs from its guide (结合实际适当调整)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AdjustmentKind(models.TextChoices):
    ADDED = "added", _("Add item")
    REMOVED = "removed", _("Remove item")
    CHANGED = "changed", _("Adjust element")
    RESTORED = "restored", _("Restore item")
    MERGED = "merged", _("Merge guide revision")


class CatalogAdjustment(models.Model):
    """One local adjustment with its reason. ``element`` names the changed
    element (a field of :class:`CatalogItem`, or ``channels``); the values are
    kept as display text so the record survives later edits."""

    catalog = models.ForeignKey(
        "wagtail_gk_catalog.Catalog", verbose_name=_("Catalog"), related_name="adjustments", on_delete=models.CASCADE
    )
    item = models.ForeignKey(
        "wagtail_gk_catalog.CatalogItem",
        verbose_name=_("Item"),
        null=True,
        blank=True,
        related_name="adjustments",
        on_delete=models.SET_NULL,
    )
    item_key = models.UUIDField(_("Item key"))
    item_label = models.CharField(_("Item name"), max_length=620)
    kind = models.CharField(_("Adjustment type"), max_length=16, choices=AdjustmentKind.choices)
    element = models.CharField(_("Element"), max_length=50, blank=True)
    guide_value = models.TextField(_("Guide content"), blank=True)
    local_value = models.TextField(_("Local content"), blank=True)
    reason = models.TextField(_("Reason for adjustment"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Acting user"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("Time"), default=timezone.now)

    class Meta:
        verbose_name = _("Local adjustment log")
        verbose_name_plural = _("Local adjustment log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.item_label}"
