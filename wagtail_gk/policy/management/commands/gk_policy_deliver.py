"""Send policy notifications that are due for a retry (run from cron when
background tasks run inline, e.g. every 10 minutes)."""

from django.core.management.base import BaseCommand

from wagtail_gk.policy.notifications import attempt_delivery, due_deliveries


class Command(BaseCommand):
    help = "Retry policy notifications (email/webhook) that failed and are due again."

    def handle(self, *args, **options):
        counts = {}
        for delivery_id in list(due_deliveries().values_list("pk", flat=True)):
            status, _retry_in = attempt_delivery(delivery_id)
            counts[status] = counts.get(status, 0) + 1
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items())) or "nothing due"
        self.stdout.write(summary)
