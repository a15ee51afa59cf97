"""Build or refresh the policy library's search indexes.

    manage.py gk_policy_index --rebuild   # new index, then switch (zero downtime)
    manage.py gk_policy_index --sync      # re-index every live policy in place
    manage.py gk_policy_index --status    # what each backend holds
"""

import time

from django.core.management.base import BaseCommand, CommandError

from wagtail_gk.policy.search import BackendUnavailable, database_backend, get_backend
from wagtail_gk.policy.search.documents import live_documents


class Command(BaseCommand):
    help = "Rebuild (--rebuild) or refresh (--sync) the policy library search indexes."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true", help="Build a fresh index and switch to it atomically.")
        group.add_argument("--sync", action="store_true", help="Re-index every live policy in the current index.")
        group.add_argument("--status", action="store_true", help="Show the number of indexed documents.")
        parser.add_argument(
            "--backend",
            choices=["all", "database", "configured"],
            default="all",
            help="Which index: the database one (always kept, it is the fallback), the configured one, or both.",
        )

    def handle(self, *args, rebuild=False, sync=False, status=False, backend="all", **options):
        from wagtail_gk.policy.models import PolicyDocumentPage, PolicySearchEntry

        configured = get_backend()
        backends = []
        if backend in ("all", "database"):
            backends.append(database_backend())
        if backend in ("all", "configured") and configured.name != "database":
            backends.append(configured)
        if status:
            self.stdout.write(f"live policies: {PolicyDocumentPage.objects.live().count()}")
            self.stdout.write(f"database index: {PolicySearchEntry.objects.count()}")
            return
        for target in backends:
            started = time.perf_counter()
            try:
                written = target.rebuild(live_documents()) if rebuild else target.index(live_documents())
            except BackendUnavailable as exc:
                raise CommandError(f"{target.name} backend unavailable: {exc}") from exc
            elapsed = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"{target.name}: {written} policies indexed in {elapsed:.1f}s"))
