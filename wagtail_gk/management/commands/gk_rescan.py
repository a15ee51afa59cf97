"""Re-check live content with the publication gate and fill the re-scan report.

Run ``manage.py gk_rescan --all`` once after installing into a site that
already has live pages (docs/install.md): content published before the gate
existed never passed it. Objects are read in chunks; running it again lists
nothing new. Nothing is unpublished. Exits 0 whatever it finds (the findings
are in the report, not an error).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_gk.gate.rescan import KINDS, pending_counts, rescan_live_content


def kind_label(kind: str) -> str:
    return {"page": _("pages"), "snippet": _("snippets"), "document": _("documents")}[kind]


class Command(BaseCommand):
    help = (
        "Re-check live pages, live publishable snippets and documents with the publication gate; "
        "list those with blocking findings in the re-scan report (nothing is unpublished)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Pages, publishable snippets and documents.")
        parser.add_argument("--pages", action="store_true", help="Live pages.")
        parser.add_argument("--snippets", action="store_true", help="Live publishable snippets.")
        parser.add_argument("--documents", action="store_true", help="Documents (every stored file).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, but list nothing and store no document checks.")
        parser.add_argument("--chunk-size", type=int, default=200, help="Objects read per database round trip (default 200).")

    def handle(self, *args, **options):
        chosen = {kind: options["all"] or options[f"{kind}s"] for kind in KINDS}
        if not any(chosen.values()):
            raise CommandError(_("Say what to re-check: --all, or any of --pages, --snippets, --documents."))
        if options["chunk_size"] < 1:
            raise CommandError(_("--chunk-size must be at least 1."))

        def progress(kind: str, checked: int) -> None:
            if options["verbosity"] >= 1:
                self.stdout.write(_("%(kind)s: %(count)d checked") % {"kind": kind_label(kind), "count": checked})

        summary = rescan_live_content(
            pages=chosen["page"],
            snippets=chosen["snippet"],
            documents=chosen["document"],
            dry_run=options["dry_run"],
            chunk_size=options["chunk_size"],
            progress=progress,
        )
        for kind in KINDS:
            if not chosen[kind]:
                continue
            self.stdout.write(
                _("%(kind)s: %(checked)d checked, %(blocked)d with blocking findings, %(listed)d newly listed")
                % {"kind": kind_label(kind), "checked": summary.checked[kind], "blocked": summary.blocked[kind], "listed": summary.listed[kind]}
            )
        if summary.dry_run:
            self.stdout.write(_("Dry run: nothing was listed or stored."))
        counts = pending_counts()
        self.stdout.write(
            self.style.SUCCESS(
                _("Re-scan report: %(total)d unresolved (%(pages)d pages, %(snippets)d snippets, %(documents)d documents)")
                % {"total": counts["total"], "pages": counts["page"], "snippets": counts["snippet"], "documents": counts["document"]}
            )
        )
