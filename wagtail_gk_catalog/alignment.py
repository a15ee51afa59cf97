"""The catalog's items as an alignment provider (key ``catalog``), so that
other apps can match their content with a 公开事项 through
:mod:`wagtail_gk.alignment` without importing this app.

Item keys are the items' primary keys: ``CatalogItem.key`` is shared by a
guide item and every local item derived from it, so it cannot tell apart the
township's item from the county's.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail_gk.alignment import AlignmentProvider

PROVIDER_KEY = "catalog"


def item_label(item) -> str:
    """"社会救助 / 最低生活保障 / 审批信息（杨和镇政务公开事项目录）"."""
    parts = [item.domain.name] + [part for part in (item.level1, item.level2, item.level3) if part]
    return " / ".join(parts) + f"（{item.catalog.name}）"


def _pks(item_keys: Iterable[str]) -> set[int]:
    return {int(key) for key in item_keys if str(key).isdigit()}


class CatalogItemProvider(AlignmentProvider):
    key = PROVIDER_KEY
    label = _("Standard openness catalog")

    def _items(self):
        from .models import CatalogItem

        return CatalogItem.objects.select_related("domain", "catalog")

    def choices(self, user=None) -> list[tuple[str, str]]:
        items = self._items().active().order_by("catalog__name", "domain__name", "sort_order", "pk")
        return [(str(item.pk), item_label(item)) for item in items]

    def get(self, item_key: str):
        pks = _pks([item_key])
        return self._items().filter(pk__in=pks).first() if pks else None

    def describe(self, item_key: str) -> str:
        item = self.get(item_key)
        return item_label(item) if item is not None else ""

    def describe_many(self, item_keys: Iterable[str]) -> dict[str, str]:
        pks = _pks(item_keys)
        return {str(item.pk): item_label(item) for item in self._items().filter(pk__in=pks)} if pks else {}

    def url(self, item_key: str) -> str | None:
        return reverse("wagtail_gk_catalog_items:edit", args=[item_key]) if self.get(item_key) is not None else None
