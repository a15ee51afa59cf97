"""Public pages: one standard-catalog page per government and a county index.

``StandardCatalogPage`` shows a catalog by domain (``?domain=<code>``) with
each item's elements in a table, and serves a sub-page per item
(``item/<pk>/``) listing the content filed under it. ``CatalogIndexPage``
lists a county's own catalog and its townships' catalogs with coverage.
"""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_gk.models.sections import SectionPageMixin


class StandardCatalogPage(RoutablePageMixin, Page):
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

    class Meta:
        verbose_name = _("Standard openness catalog page")
        verbose_name_plural = _("Standard openness catalog page")

    @path("")
    def catalog_view(self, request):
        from ..public import catalog_page_context

        context = self.get_context(request)
        context.update(catalog_page_context(self, request))
        return TemplateResponse(request, self.template, context)

    @path("item/<int:item_id>/")
    def item_view(self, request, item_id):
        from ..public import item_page_context

        item = get_object_or_404(self.catalog.items.active(), pk=item_id)
        context = self.get_context(request)
        context.update(item_page_context(self, item, request))
        return TemplateResponse(request, "wagtail_gk_catalog/catalog_item_page.html", context)

    def item_url(self, item) -> str:
        if item.catalog_id != self.catalog_id:
            raise Http404
        return self.url + self.reverse_subpage("item_view", args=[item.pk])


class CatalogIndexPage(SectionPageMixin, Page):
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

    class Meta:
        verbose_name = _("Standard catalog index page")
        verbose_name_plural = _("Standard catalog index page")

    def get_context(self, request, *args, **kwargs):
        from ..public import index_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_page_context(self))
        return context
