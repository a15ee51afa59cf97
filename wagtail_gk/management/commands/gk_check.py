"""Check files (or standard input) with the publication gate's checkers
before they are uploaded: ``manage.py gk_check 方案.pdf 名单.xlsx``.

Exit status 1 when any finding blocks, 0 otherwise (2 when a file cannot be
opened at all)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_gk.gate.extraction import extract_file
from wagtail_gk.gate.runner import run_checks


class Command(BaseCommand):
    help = "Check text, PDF, DOCX or XLSX files (or standard input) with the publication gate; exit 1 when a finding blocks."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Files to check; none or '-' reads standard input as text.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per finding.")
        parser.add_argument("--name", default="stdin.txt", help="File name (and so format) of standard input, e.g. 'x.pdf'.")

    def handle(self, *args, **options):
        files = options["files"] or ["-"]
        blocked = False
        for path in files:
            if path == "-":
                name, data = options["name"], sys.stdin.buffer.read()
            else:
                try:
                    name, data = Path(path).name, Path(path).read_bytes()
                except OSError as exc:
                    raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}) from exc
            report = self.check_file(name, data)
            blocked = blocked or report.blocks
            self.print_report(path if path != "-" else name, report, as_json=options["json"])
        if blocked:
            sys.exit(1)

    def check_file(self, name, data):
        from wagtail_gk.gate.runner import _unreadable_findings

        extraction = extract_file(name, data)
        report = run_checks(None, extraction.sources)
        report.findings[:0] = _unreadable_findings(extraction)
        return report

    def print_report(self, path, report, *, as_json: bool):
        for finding in report.findings:
            if as_json:
                self.stdout.write(json.dumps(dict(finding.as_dict(), file=path), ensure_ascii=False))
            else:
                level = _("Block") if finding.blocks else _("Warning")
                self.stdout.write(f"[{level}] {finding.location or path}：{finding.message}  {finding.excerpt}".rstrip())
        if not as_json:
            if report.findings:
                self.stdout.write(
                    _("%(path)s: %(blocking)d blocking problem(s), %(warnings)d warning(s)")
                    % {"path": path, "blocking": len(report.blocking), "warnings": len(report.warnings)}
                )
            else:
                self.stdout.write(_("%(path)s: no problems found") % {"path": path})
