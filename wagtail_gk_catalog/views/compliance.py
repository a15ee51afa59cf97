"""The compliance dashboard (公开合规看板): coverage per government, figures
per domain, the items of a domain with their state, and the XLSX export."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ..compliance import (
    STATE_LABELS,
    attach_channel_gaps,
    compliance_by_catalog,
    compliance_by_domain,
    due_soon_q,
    items_with_status,
    late_q,
    total_row,
)
from ..exporting import export_compliance_xlsx
from ..models import CatalogFiling, CatalogKind, Domain
from ..permissions import visible_catalogs
from .base import CatalogAdminView, catalog_for_download

PERMISSION = "wagtail_gk_catalog.view_compliance"
PROBLEM_FILINGS_SHOWN = 5


class ComplianceOverviewView(CatalogAdminView):
    """Coverage of every government the user oversees — the figure the
    2020/2022 targets of 宁政办发〔2020〕15号 are judged by."""

    permission = PERMISSION
    template_name = "wagtail_gk_catalog/admin/compliance_overview.html"
    page_title = _("Disclosure compliance dashboard")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalogs = list(visible_catalogs(self.request.user).filter(kind=CatalogKind.LOCAL).select_related("agency"))
        rows = compliance_by_catalog([c.pk for c in catalogs], timezone.localdate())
        context["governments"] = [(catalog, rows.get(catalog.pk)) for catalog in catalogs]
        context["total"] = total_row(rows.values())
        return context


class CatalogComplianceView(CatalogAdminView):
    permission = PERMISSION
    template_name = "wagtail_gk_catalog/admin/compliance_catalog.html"
    page_title = _("Disclosure compliance")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = compliance_by_domain(self.catalog, today)
        context.update(catalog=self.catalog, rows=rows, total=total_row(rows), today=today)
        return context


STATE_FILTERS = {
    "late": lambda qs, today: qs.filter(late_total__gt=0),
    "due_soon": lambda qs, today: qs.filter(due_soon_total__gt=0),
    "never": lambda qs, today: qs.filter(published_total=0),
    "covered": lambda qs, today: qs.filter(published_total__gt=0),
}


class DomainComplianceView(CatalogAdminView):
    permission = PERMISSION
    template_name = "wagtail_gk_catalog/admin/compliance_domain.html"
    page_title = _("Item disclosure status")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        domain = get_object_or_404(Domain, pk=self.kwargs["domain_id"])
        items = items_with_status(
            self.catalog.items.active().filter(domain=domain).prefetch_related("channels"), today
        ).order_by("sort_order", "pk")
        state = self.request.GET.get("state", "")
        if state in STATE_FILTERS:
            items = STATE_FILTERS[state](items, today)
        page = Paginator(items, 50).get_page(self.request.GET.get("p"))
        attach_channel_gaps(list(page.object_list))
        filings, totals = {}, {}
        rows = (
            CatalogFiling.objects.filter(item__in=[item.pk for item in page.object_list])
            .filter(late_q(today) | due_soon_q(today))
            .order_by("due_on", "pk")
            .values_list("item_id", "page_id", "due_on", "published_on")
        )
        # Show the most urgent few per item; a late item can have hundreds.
        for item_id, page_id, due_on, published_on in rows:
            totals[item_id] = totals.get(item_id, 0) + 1
            if totals[item_id] <= PROBLEM_FILINGS_SHOWN:
                is_late = due_on is not None and ((published_on and published_on > due_on) or (not published_on and due_on < today))
                filings.setdefault(item_id, []).append(
                    SimpleNamespace(page_id=page_id, due_on=due_on, published_on=published_on, is_late=is_late)
                )
        titles = dict(
            Page.objects.filter(pk__in=[f.page_id for group in filings.values() for f in group]).values_list("pk", "title")
        )
        for group in filings.values():
            for filing in group:
                filing.title = titles.get(filing.page_id, "")
        for item in page.object_list:
            item.problem_filings = filings.get(item.pk, [])
            item.problem_more = max(0, totals.get(item.pk, 0) - PROBLEM_FILINGS_SHOWN)
        context.update(
            catalog=self.catalog, domain=domain, page_obj=page, state=state, today=today,
            state_choices=[(key, STATE_LABELS[key]) for key in STATE_FILTERS],
        )
        return context


def compliance_export(request, catalog_id):
    catalog = catalog_for_download(request, catalog_id, PERMISSION)
    response = HttpResponse(
        export_compliance_xlsx(catalog),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = "%s-compliance-%s.xlsx" % (catalog.agency.code or catalog.pk, timezone.localdate().isoformat())
    response["Content-Disposition"] = 'attachment; filename="%s"' % filename
    return response
