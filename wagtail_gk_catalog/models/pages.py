"""Public pages: one standard-catalog page per government and a county index.

``StandardCatalogPage`` shows a catalog by domain (``?domain=<code>``) with
each item's elements in a table, and serves a sub-page per item
(``item/<pk>/``) listing the content filed under it. ``CatalogIndexPage``
lists a county's own catalog and its townships' catalogs with coverage.
What they serve is in :mod:`wagtail_gk_catalog.routes`.
"""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_gk.models.sections import SectionPageMixin
from wagtail_gk.page_routes import RoutesModuleMixin


class StandardCatalogPage(RoutesModuleMixin, Page):
    catalog = models.ForeignKey(
        "wagtail_gk_catalog.Catalog",
        verbose_name=_("Standard catalog"),
        related_name="public_pages",
        on_delete=models.PROTECT,
    )
    intro = RichTextField(_("Description"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("catalog"), FieldPanel("intro")]
    parent_page_types = ["wagtail_gk_catalog.CatalogIndexPage"]
    subpage_types = []
    template = "wagtail_gk_catalog/standard_catalog_page.html"
    routes_module = "wagtail_gk_catalog.routes"

    class Meta:
        verbose_name = _("Standard openness catalog page")
        verbose_name_plural = _("Standard openness catalog page")

    def item_url(self, item) -> str:
        if item.catalog_id != self.catalog_id:
            raise Http404
        return self.url + self.reverse_subpage("item_view", args=[item.pk])


class CatalogIndexPage(SectionPageMixin, RoutesModuleMixin, Page):
    agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("County government"),
        related_name="+",
        on_delete=models.PROTECT,
        help_text=_("Lists the standard catalogs of this government and of its townships (subdistricts)."),
    )
    intro = RichTextField(_("Description"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("agency"), FieldPanel("intro")]
    subpage_types = ["wagtail_gk_catalog.StandardCatalogPage"]
    template = "wagtail_gk_catalog/catalog_index_page.html"
    routes_module = "wagtail_gk_catalog.index_routes"

    class Meta:
        verbose_name = _("Standard catalog index page")
        verbose_name_plural = _("Standard catalog index page")
