from django.core.management.base import BaseCommand

from wagtail_gk.tasks import enqueue_on_commit

from ...tasks import send_schedule_reminders


class Command(BaseCommand):
    help = "Enqueue today's village-affairs reminders (due and late notices). Run daily from cron."

    def add_arguments(self, parser):
        parser.add_argument("--township", type=int, help="Only the township agency with this id.")
        parser.add_argument("--date", help="Pretend today is this ISO date.")

    def handle(self, *args, **options):
        enqueue_on_commit(send_schedule_reminders, options.get("date"), options.get("township"))
        self.stdout.write("Village reminders enqueued.")
