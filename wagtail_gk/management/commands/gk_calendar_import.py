"""Import a year's holiday schedule from the State Council notice (or CSV):
``manage.py gk_calendar_import 通知.txt [--year 2027] [--dry-run]``.

The file is read exactly as the admin screen reads a pasted notice; a problem
is reported with its line and nothing is written (exit status 1)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_gk.calendar_import import ScheduleError, read_schedule, replace_year

MAX_BYTES = 256 * 1024


class Command(BaseCommand):
    help = "Import a year's holiday schedule from the State Council's notice as published, or from CSV rows."

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 text file with the notice (or CSV rows date,kind,name); '-' reads standard input.")
        parser.add_argument("--year", type=int, help="The year; by default the one in the notice's title.")
        parser.add_argument("--source", default="", help="What the schedule is based on (default: the notice's title and 文号).")
        parser.add_argument("--dry-run", action="store_true", help="Check and list the days, write nothing.")

    def handle(self, *args, **options):
        text = self._read(options["file"])
        try:
            schedule = read_schedule(text, options.get("year"))
        except ScheduleError as exc:
            raise CommandError("\n".join(exc.errors)) from None
        holidays = sum(1 for day in schedule.days if day.kind == "holiday")
        self.stdout.write(
            _("%(year)d: %(holidays)d holidays and %(workdays)d make-up working days.")
            % {"year": schedule.year, "holidays": holidays, "workdays": len(schedule.days) - holidays}
        )
        if options["dry_run"]:
            for day in schedule.days:
                self.stdout.write(f"{day.date.isoformat()} {day.kind} {day.name}")
            return
        replace_year(schedule.year, schedule.days, options["source"] or schedule.source)
        self.stdout.write(self.style.SUCCESS(_("Imported the holiday schedule of %(year)d.") % {"year": schedule.year}))

    def _read(self, path: str) -> str:
        try:
            if path == "-":
                raw = sys.stdin.buffer.read(MAX_BYTES + 1)
            else:
                with open(path, "rb") as f:
                    raw = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc}) from None
        if len(raw) > MAX_BYTES:
            raise CommandError(_("The file is larger than 256 KB: a holiday schedule is a page of text."))
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(_("The file is not UTF-8 text (save the notice as UTF-8).")) from None
