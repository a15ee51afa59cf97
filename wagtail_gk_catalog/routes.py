"""What the public catalog pages serve (the page models name this module in
``routes_module`` instead of importing the context builders, which import
the services; see docs/architecture.md, "Rules"). Each route is bound to its
page: it takes ``(page, request, …)``.

    StandardCatalogPage   <page>/                  the catalog by domain
                          <page>/item/<pk>/        one item and what is filed under it
    CatalogIndexPage      <page>/                  the county's and its townships' catalogs
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from .public import catalog_page_context, index_page_context, item_page_context


def catalog_view(page, request):
    context = page.get_context(request)
    context.update(catalog_page_context(page, request))
    return TemplateResponse(request, page.template, context)


def item_view(page, request, item_id):
    item = get_object_or_404(page.catalog.items.active(), pk=item_id)
    context = page.get_context(request)
    context.update(item_page_context(page, item, request))
    return TemplateResponse(request, "wagtail_gk_catalog/catalog_item_page.html", context)


def index_view(page, request):
    context = page.get_context(request)
    context.update(index_page_context(page))
    return TemplateResponse(request, page.get_template(request), context)


#: Routes of :class:`~wagtail_gk_catalog.models.StandardCatalogPage`.
urlpatterns = [
    path("", catalog_view, name="catalog_view"),
    path("item/<int:item_id>/", item_view, name="item_view"),
]
