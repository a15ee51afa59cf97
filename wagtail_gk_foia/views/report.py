"""The admin screen of the annual report: the whole report of a year for an
agency (with the agencies under it) or for all, its downloads, and the
button that creates or refreshes the draft report page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk.models import Agency

from ..models import AnnualReportPage, DisclosureRequest
from ..models.report_page import DOCX_TYPE, XLSX_TYPE
from ..report import build_report, report_docx, report_json, report_xlsx


def _year_and_agency(params):
    today = timezone.localdate()
    try:
        year = int(params.get("year") or today.year)
    except ValueError:
        year = today.year
    if not 2008 <= year <= 2100:
        year = today.year
    agency = None
    if params.get("agency"):
        try:
            agency = Agency.objects.filter(pk=int(params["agency"])).first()
        except ValueError:
            agency = None
    return year, agency


def report_screen(request):
    from .admin import _require, sees_personal_data, url

    _require(request, "view_foia_report")
    if request.method == "POST":
        return _generate_page(request)
    year, agency = _year_and_agency(request.GET)
    fmt = request.GET.get("format")
    data = build_report(year, agency)
    suffix = f"{year}" + (f"-{agency.pk}" if agency else "")
    if fmt == "json":
        response = HttpResponse(report_json(data), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="foia-report-{suffix}.json"'
        return response
    if fmt in ("xlsx", "docx"):
        payload, content_type = (report_xlsx(data), XLSX_TYPE) if fmt == "xlsx" else (report_docx(data), DOCX_TYPE)
        response = HttpResponse(payload, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="foia-report-{suffix}.{fmt}"'
        return response
    today = timezone.localdate()
    years = sorted({d.year for d in DisclosureRequest.objects.dates("received_on", "year")} | {today.year, today.year - 1}, reverse=True)
    page = AnnualReportPage.objects.filter(year=year, agency=agency).first() if agency else None
    return TemplateResponse(
        request,
        "wagtail_gk_foia/admin/report.html",
        {
            "report": data,
            "table3": data["table3"],
            "year": year,
            "years": years,
            "agency": agency,
            "agencies": Agency.objects.order_by("level", "name"),
            "report_page": page,
            "query": f"year={year}" + (f"&agency={agency.pk}" if agency else ""),
            "header_title": _("Disclosure request annual report"),
            "page_title": _("Annual report on government information disclosure, %(year)d") % {"year": year},
            "header_icon": "table",
            "zip_url": url("year_zip", year),
            "can_zip": sees_personal_data(request.user),
        },
    )


def _generate_page(request):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    from ..report_pages import ReportPageError, generate_report_page
    from .admin import url

    year, agency = _year_and_agency(request.POST)
    back = url("report") + f"?year={year}" + (f"&agency={agency.pk}" if agency else "")
    if agency is None:
        messages.error(request, _("Choose an agency: each report page belongs to one agency."))
        return redirect(back)
    from ..report_pages import default_parent

    existing = AnnualReportPage.objects.filter(year=year, agency=agency).first()
    try:
        if existing is not None:
            allowed = existing.permissions_for_user(request.user).can_edit()
        else:
            allowed = default_parent(agency).permissions_for_user(request.user).can_add_subpage()
    except ReportPageError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if not allowed:
        messages.error(request, _("You may not create or edit the report page there."))
        return redirect(back)
    try:
        page = generate_report_page(year, agency, user=request.user)
    except ReportPageError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, _("The draft report page has been generated; edit its text sections and publish it."))
    return redirect(AdminURLFinder(request.user).get_edit_url(page) or back)


def import_figures_view(request):
    """Import table 二's figures of a year for several agencies (XLSX or CSV)."""
    from django import forms
    from django.core.exceptions import PermissionDenied

    from wagtail_gk.spreadsheets import SpreadsheetError

    from ..report_import import import_figures
    from .admin import url

    if not request.user.has_perm("wagtail_gk_foia.add_annualreportfigures"):
        raise PermissionDenied

    class ImportForm(forms.Form):
        year = forms.IntegerField(label=_("Report year"), min_value=2008, max_value=2100, initial=timezone.localdate().year - 1)
        file = forms.FileField(label=_("File (XLSX or CSV)"))

    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            count = import_figures(form.cleaned_data["file"], year=year)
        except SpreadsheetError as exc:
            problems = exc.messages()
        else:
            messages.success(request, _("Imported the figures of %(count)d agencies for %(year)d.") % {"count": count, "year": year})
            return redirect(url("report") + f"?year={year}")
    return TemplateResponse(
        request,
        "wagtail_gk_foia/admin/report_figures_import.html",
        {
            "form": form,
            "problems": problems,
            "header_title": _("Import annual report figures"),
            "page_title": _("Import annual report figures"),
            "header_icon": "table",
        },
    )
