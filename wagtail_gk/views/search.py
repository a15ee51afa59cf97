"""The site search behind the header's search box: every live, public page of
the request's site, whatever its type, through Wagtail's search backend
(``Page.objects.live().search()``), grouped by page type.

The policy library keeps its own faceted search (发文机关, 年份 …); the results
page links to it with the same query when the library is installed.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 20


def site_search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    results = None
    groups = []
    if query and site is not None:
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific()
        results = Paginator(pages.search(query), PAGE_SIZE).get_page(request.GET.get("page"))
        by_type = {}
        for page in results:
            label = str(page.specific_class._meta.verbose_name) if page.specific_class else ""
            by_type.setdefault(label, []).append(page)
        groups = list(by_type.items())
    try:
        policy_search_url = reverse("wagtail_gk_policy:search")
    except NoReverseMatch:
        policy_search_url = ""
    return render(
        request,
        "wagtail_gk/search.html",
        {"query": query, "results": results, "groups": groups, "policy_search_url": policy_search_url},
    )
