"""Wagtail's ``publish_scheduled``, going on past a refused revision.

``wagtail_gk`` is listed before ``wagtail`` in ``INSTALLED_APPS``, so this
command replaces Wagtail's. A revision the publication gate refuses is not
published, is recorded in the review ledger, loses its approved go-live time
(so it is not retried on every run; the editor fixes it and schedules it
again) and is named on stderr; the other revisions are published as usual.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Revision

from wagtail_gk.gate.guard import refusals_reported_to


class Command(WagtailPublishScheduled):
    help = "Publish scheduled pages and snippets and unpublish expired ones; the publication gate may refuse some."

    def handle(self, *args, **options):
        self.refused = []

        def report(exc):
            if exc.revision is not None:
                Revision.objects.filter(pk=exc.revision.pk).update(approved_go_live_at=None)
            self.refused.append(exc)
            self.stderr.write(f"Refused by the publication gate: {exc.user_message}")

        with refusals_reported_to(report):
            super().handle(*args, **options)
        if self.refused:
            self.stderr.write(f"{len(self.refused)} scheduled revision(s) refused; see the review ledger.")
