"""Context of the public catalog pages (one page per government, a page per
item, and the county index). A fixed number of queries per page whatever
the size of the catalog: items, channels and filing counts are fetched in
bulk, never per row."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from wagtail.models import Page

from . import services
from .compliance import compliance_by_catalog
from .models import CatalogFiling, Domain, StandardCatalogPage

FILINGS_PER_PAGE = 20


def _domains_of(catalog):
    """Domains of *catalog* with their number of items in force, in catalog order."""
    counts = dict(
        catalog.items.active().values("domain_id").annotate(n=Count("pk")).order_by().values_list("domain_id", "n")
    )
    domains = list(Domain.objects.filter(pk__in=counts).order_by("sort_order", "pk"))
    for domain in domains:
        domain.item_count = counts[domain.pk]
    return domains


def catalog_page_context(page: StandardCatalogPage, request) -> dict:
    """The catalog by domain: ``?domain=<code>`` picks one (default: the first)."""
    catalog = page.catalog
    domains = _domains_of(catalog)
    code = request.GET.get("domain", "")
    current = next((d for d in domains if d.code == code), domains[0] if domains else None)
    items = []
    if current is not None:
        items = list(
            services.items_with_elements(catalog.items.active().filter(domain=current)).order_by("sort_order", "pk")
        )
        published = dict(
            CatalogFiling.objects.filter(item__in=[item.pk for item in items], page__live=True)
            .values("item_id")
            .annotate(n=Count("page_id", distinct=True))
            .order_by()
            .values_list("item_id", "n")
        )
        for number, item in enumerate(items, start=1):
            item.number = number
            item.published_count = published.get(item.pk, 0)
            item.url = page.url + page.reverse_subpage("item_view", args=[item.pk])
            required, optional = item.channel_sets()
            labels = dict(item.channels.model._meta.get_field("channel").choices)
            item.required_labels = [labels[c] for c in required]
            item.optional_labels = [labels[c] for c in optional]
    return {"catalog": catalog, "domains": domains, "current_domain": current, "items": items}


def item_page_context(page: StandardCatalogPage, item, request) -> dict:
    """One item with its elements and the live pages filed under it, newest first."""
    item = services.items_with_elements(type(item).objects.filter(pk=item.pk)).get()
    required, optional = item.channel_sets()
    labels = dict(item.channels.model._meta.get_field("channel").choices)
    filed = (
        Page.objects.live()
        .public()
        .filter(gk_catalog_filings__item=item)
        .distinct()
        .order_by("-first_published_at", "-pk")
    )
    filings = Paginator(filed, FILINGS_PER_PAGE).get_page(request.GET.get("p"))
    return {
        "catalog": page.catalog,
        "item": item,
        "required_labels": [labels[c] for c in required],
        "optional_labels": [labels[c] for c in optional],
        "basis_pages": [link.page for link in item.basis_links.select_related("page") if link.page.live],
        "filed_pages": filings,
        "catalog_url": page.url + "?domain=" + item.domain.code,
    }


def index_page_context(page) -> dict:
    """The county's own catalog and its townships', each with its public page
    (if any) and its coverage."""
    catalogs = list(services.local_catalogs_under(page.agency).order_by("agency__level", "agency__name", "name"))
    pages = {
        p.catalog_id: p
        for p in StandardCatalogPage.objects.live().public().filter(catalog__in=[c.pk for c in catalogs])
    }
    rows = compliance_by_catalog([c.pk for c in catalogs])
    counts = dict(
        services.Catalog.objects.filter(pk__in=[c.pk for c in catalogs])
        .annotate(n=Count("items", filter=Q(items__removed=False)))
        .values_list("pk", "n")
    )
    entries = []
    for catalog in catalogs:
        row = rows.get(catalog.pk)
        entries.append(
            {
                "catalog": catalog,
                "page": pages.get(catalog.pk),
                "items": counts.get(catalog.pk, 0),
                "coverage": row.coverage if row else 0.0,
                "is_own": catalog.agency_id == page.agency_id,
            }
        )
    return {"entries": entries}
