import sys

from django.core.management.base import BaseCommand, CommandError

from wagtail_gk_foia.report import build_report, report_json, report_xlsx


class Command(BaseCommand):
    help = "Print table 3 of the annual report (disclosure requests received and handled) for a year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", "-o", help="File to write (required for xlsx unless stdout is redirected).")

    def handle(self, *args, year, format, output=None, **options):
        if year < 2008 or year > 2100:
            raise CommandError(f"Year {year} is out of range.")
        data = build_report(year)
        if format == "json":
            text = report_json(data)
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                self.stdout.write(text)
        else:
            payload = report_xlsx(data)
            if output:
                with open(output, "wb") as fh:
                    fh.write(payload)
            elif not sys.stdout.isatty():
                sys.stdout.buffer.write(payload)
            else:
                raise CommandError("Give --output FILE for --format xlsx (or redirect stdout).")
        if not data["consistent"]:
            self.stderr.write("Consistency check FAILED: " + "; ".join(data["problems"]) + " " + str(
                [c for c in data["check"] if not c["ok"]]
            ))
