"""Sync the shared sensitive-word library from ``GK_GATE_SYNC_URL`` now
(``--if-due``: only when the interval has passed, for cron)."""

import sys

from django.core.management.base import BaseCommand

from wagtail_gk.conf import gk_setting
from wagtail_gk.gate.term_library import sync_from_remote, sync_is_due


class Command(BaseCommand):
    help = "Fetch the regional sensitive-word library and merge it, keeping local terms."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Library URL (default: GK_GATE_SYNC_URL).")
        parser.add_argument("--if-due", action="store_true", help="Do nothing unless GK_GATE_SYNC_INTERVAL_HOURS have passed.")

    def handle(self, *args, **options):
        if options["if_due"] and not sync_is_due():
            return
        result = sync_from_remote(options["url"] or gk_setting("GK_GATE_SYNC_URL"))
        if result.errors:
            self.stderr.write("；".join(result.errors[:10]))
            sys.exit(1)
        self.stdout.write(result.summary())
