"""Verify the review ledger: every chain, head row and signed checkpoint.
Exit 0 when everything verifies, 1 naming each problem (docs/gate.md,
"Review ledger")."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail_gk.gate.ledger import verify_ledger_report


class Command(BaseCommand):
    help = "Verify the review ledger's MAC chains, head rows and checkpoints; exit 1 naming each problem."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only problems (for cron).")

    def handle(self, *args, **options):
        report = verify_ledger_report()
        if not options["quiet"]:
            for notice in report.notices:
                self.stdout.write(self.style.WARNING(_("Note: %(notice)s") % {"notice": notice}))
        if report.ok:
            if not options["quiet"]:
                self.stdout.write(
                    self.style.SUCCESS(
                        _("The review ledger verifies: %(count)d records in %(chains)d chains, %(checkpoints)d checkpoints.")
                        % {"count": report.checked, "chains": len(report.ends), "checkpoints": len(report.checkpoints)}
                    )
                )
            return
        for problem in report.problems:
            self.stderr.write(_("Ledger problem: %(problem)s") % {"problem": problem.problem})
        self.stderr.write(
            _("The review ledger does not verify: %(count)d problems; %(checked)d records verified.")
            % {"count": len(report.problems), "checked": report.checked}
        )
        sys.exit(1)
