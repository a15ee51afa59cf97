from django.core.management.base import BaseCommand

from wagtail_gk_foia.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "Enqueue the daily deadline run of disclosure requests (reminders, unpaid fees). Run it from cron once a day."

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="ISO date to run for (default: today).")

    def handle(self, *args, date="", **options):
        result = send_deadline_reminders.enqueue(date)
        self.stdout.write(f"Enqueued deadline reminders: {result.id} ({result.status})")
