"""The one place that talks to ``wagtail_gk_catalog``, which may be absent.

Village categories and list types store the id of a catalog item; this
module turns ids into labels and offers the items to choose from when the
catalog app is installed, and does nothing otherwise.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _


def catalog_installed() -> bool:
    return apps.is_installed("wagtail_gk_catalog")


def catalog_item_labels(ids) -> dict[int, str]:
    """{item id: "社会救助 / 最低生活保障 / 审批信息"} for the given ids."""
    ids = {i for i in ids if i}
    if not ids or not catalog_installed():
        return {}
    from wagtail_gk_catalog.models import CatalogItem

    items = CatalogItem.objects.filter(pk__in=ids).select_related("domain", "catalog")
    return {item.pk: item_label(item) for item in items}


def item_label(item) -> str:
    parts = [item.domain.name] + [part for part in (item.level1, item.level2, item.level3) if part]
    return " / ".join(parts) + f"（{item.catalog.name}）"


def catalog_item_choices() -> list[tuple[str, str]]:
    choices = [("", "---------")]
    if not catalog_installed():
        return choices
    from wagtail_gk_catalog.models import CatalogItem

    items = CatalogItem.objects.select_related("domain", "catalog").order_by("catalog__name", "domain__name", "sort_order")
    return choices + [(str(item.pk), item_label(item)) for item in items]


class CatalogItemSelect(forms.Select):
    """A select of catalog items, filled when the form renders (so it reflects
    the catalog as it is now, and works without the catalog app)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        self.choices = catalog_item_choices()
        return super().get_context(name, value, attrs)


CATALOG_NOT_INSTALLED = _("The standard catalog app is not installed, so catalog items cannot be matched.")
