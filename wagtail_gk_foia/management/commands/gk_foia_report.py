import sys

from django.core.management.base import BaseCommand, CommandError

from wagtail_gk.models import Agency
from wagtail_gk_foia.report import build_report, report_docx, report_json, report_xlsx


class Command(BaseCommand):
    help = (
        "Produce the annual report on government information disclosure (all six sections, tables 2–4) for a year, "
        "as JSON, XLSX or DOCX; with --draft-page, create or refresh the report page as a draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "xlsx", "docx"], default="json")
        parser.add_argument("--agency", type=int, help="Agency id: the report covers it and every agency under it (default: all agencies).")
        parser.add_argument("--output", "-o", help="File to write (required for xlsx and docx unless stdout is redirected).")
        parser.add_argument("--draft-page", action="store_true", help="Create or refresh the agency's report page (a draft) instead of printing.")
        parser.add_argument("--parent", type=int, help="With --draft-page: id of the page to create the report under.")

    def handle(self, *args, year, format, agency=None, output=None, draft_page=False, parent=None, **options):
        if year < 2008 or year > 2100:
            raise CommandError(f"Year {year} is out of range.")
        agency_obj = None
        if agency is not None:
            agency_obj = Agency.objects.filter(pk=agency).first()
            if agency_obj is None:
                raise CommandError(f"There is no agency with id {agency}.")
        if draft_page:
            return self._draft(year, agency_obj, parent)
        data = build_report(year, agency_obj)
        if format == "json":
            text = report_json(data)
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                self.stdout.write(text)
        else:
            payload = report_xlsx(data) if format == "xlsx" else report_docx(data)
            if output:
                with open(output, "wb") as fh:
                    fh.write(payload)
            elif not sys.stdout.isatty():
                sys.stdout.buffer.write(payload)
            else:
                raise CommandError(f"Give --output FILE for --format {format} (or redirect stdout).")
        table3 = data["table3"]
        if not table3["consistent"]:
            self.stderr.write(
                "Consistency check FAILED: " + "; ".join(table3["problems"]) + " " + str([c for c in table3["check"] if not c["ok"]])
            )

    def _draft(self, year, agency, parent_id):
        from wagtail.models import Page

        from wagtail_gk_foia.report_pages import ReportPageError, generate_report_page

        if agency is None:
            raise CommandError("Give --agency ID with --draft-page: each report page belongs to one agency.")
        parent = None
        if parent_id is not None:
            parent = Page.objects.filter(pk=parent_id).first()
            if parent is None:
                raise CommandError(f"There is no page with id {parent_id}.")
        try:
            page = generate_report_page(year, agency, parent=parent)
        except ReportPageError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Draft report page {page.pk}: {page.title} ({page.url_path})")
