"""Set the suite up in a host site, idempotently: ``manage.py gk_setup``.

Creates the role groups with their permissions, puts the automated check first
in the workflow that governs the site (creating "automated check → review"
where none does; ``--attach-to-workflows`` adds it to every other active
workflow), creates the publishing agency, re-scans the content that was live
before installation, and prints what it did and what is left (holiday
schedules, optional system tools). Run it as the install's last step and
after upgrades; ``--noinput`` for scripts."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail_gk.setup import setup_steps


class Command(BaseCommand):
    help = "Set wagtail-gk up in this site (roles, workflows, agency, first re-scan) and list what is left. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Ask nothing.")
        parser.add_argument(
            "--attach-to-workflows", action="store_true",
            help="Also put the automated check first in every other active workflow of the site.",
        )
        parser.add_argument("--agency", default="", help="Name of the publishing agency to create (e.g. 永宁县人民政府).")
        parser.add_argument("--agency-code", default="", help="Its code for index numbers (administrative division code).")
        parser.add_argument("--agency-level", default="", help="county, township, city, region or village (default county).")
        parser.add_argument("--skip-rescan", action="store_true", help="Do not re-scan the live content now.")

    def handle(self, *args, **options):
        from wagtail_gk.models import Agency

        if options["interactive"] and not options["agency"] and not Agency.objects.exists():
            options["agency"] = input(_("Name of the publishing agency (empty to skip): ")).strip()
            if options["agency"]:
                options["agency_code"] = input(_("Its code for index numbers: ")).strip()
        left_total = 0
        for step in setup_steps():
            result = step.run(options)
            self.stdout.write(self.style.MIGRATE_HEADING(str(step.label)))
            for line in result.done:
                self.stdout.write("  " + self.style.SUCCESS("✓ ") + line)
            for line in result.left:
                self.stdout.write("  " + self.style.WARNING("… ") + line)
            if not result.done and not result.left:
                self.stdout.write("  " + _("Nothing to do."))
            left_total += len(result.left)
        if left_total:
            self.stdout.write(self.style.WARNING(_("%(count)d thing(s) left to do, listed above.") % {"count": left_total}))
        else:
            self.stdout.write(self.style.SUCCESS(_("wagtail-gk is set up.")))
