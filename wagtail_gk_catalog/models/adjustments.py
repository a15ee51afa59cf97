"""The record of how a local catalog differs from its guide (结合实际适当调整)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AdjustmentKind(models.TextChoices):
    ADDED = "added", _("新增事项")
    REMOVED = "removed", _("删除事项")
    CHANGED = "changed", _("调整要素")
    RESTORED = "restored", _("恢复事项")
    MERGED = "merged", _("合并指引修订")


class CatalogAdjustment(models.Model):
    """One local adjustment with its reason. ``element`` names the changed
    element (a field of :class:`CatalogItem`, or ``channels``); the values are
    kept as display text so the record survives later edits."""

    catalog = models.ForeignKey(
        "wagtail_gk_catalog.Catalog", verbose_name=_("目录"), related_name="adjustments", on_delete=models.CASCADE
    )
    item = models.ForeignKey(
        "wagtail_gk_catalog.CatalogItem",
        verbose_name=_("事项"),
        null=True,
        blank=True,
        related_name="adjustments",
        on_delete=models.SET_NULL,
    )
    item_key = models.UUIDField(_("事项标识"))
    item_label = models.CharField(_("事项名称"), max_length=620)
    kind = models.CharField(_("调整类型"), max_length=16, choices=AdjustmentKind.choices)
    element = models.CharField(_("要素"), max_length=50, blank=True)
    guide_value = models.TextField(_("指引内容"), blank=True)
    local_value = models.TextField(_("本级内容"), blank=True)
    reason = models.TextField(_("调整理由"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("本级调整记录")
        verbose_name_plural = _("本级调整记录")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.item_label}"
