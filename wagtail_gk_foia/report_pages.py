"""Generating the annual report page: a draft the office edits and publishes
(through the publication gate, like any page)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models.report_page import AnnualReportPage
from .report import build_figures, report_title


class ReportPageError(Exception):
    pass


def default_parent(agency) -> Page:
    """Where a new report goes: beside the agency's earlier reports, else
    beside the disclosure request page, else under the default site's root."""
    from .models import DisclosureRequestPage

    earlier = AnnualReportPage.objects.filter(agency=agency).order_by("-year").first()
    if earlier is not None:
        return earlier.get_parent()
    intake = DisclosureRequestPage.objects.filter(agency=agency).first() or DisclosureRequestPage.objects.first()
    if intake is not None:
        return intake.get_parent()
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        raise ReportPageError(_("There is no site to put the report page in."))
    return site.root_page


def generate_report_page(year: int, agency, *, parent: Page | None = None, user=None) -> AnnualReportPage:
    """Create the draft report page of *agency* for *year*, or refresh the
    figures of the existing one (a new draft revision; the office's texts are
    kept). An empty section 一 is started with the year's figures."""
    figures = build_figures(year, agency)
    with transaction.atomic():
        page = AnnualReportPage.objects.filter(agency=agency, year=year).first()
        if page is None:
            parent = parent or default_parent(agency)
            page = AnnualReportPage(
                title=report_title(year, agency),
                slug=f"annual-report-{year}-{agency.pk}",
                agency=agency,
                year=year,
                live=False,
            )
            _fill(page, figures)
            parent.add_child(instance=page)
        else:
            page = page.get_latest_revision_as_object()
            _fill(page, figures)
        page.save_revision(user=user, log_action=True)
    return page


def _fill(page, figures):
    page.figures = figures
    page.figures_generated_at = timezone.now()
    if not page.overview.strip():
        page.overview = figures["suggested_overview"]
