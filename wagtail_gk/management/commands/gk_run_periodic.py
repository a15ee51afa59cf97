from django.core.management.base import BaseCommand, CommandError

from wagtail_gk.periodic import periodic_tasks


class Command(BaseCommand):
    help = "Enqueue the periodic tasks registered by the installed apps (run from cron, e.g. every 30 minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], help="Dotted task name; repeat for several.")
        parser.add_argument("--list", action="store_true", help="List the registered periodic tasks and exit.")

    def handle(self, *args, **options):
        tasks = periodic_tasks()
        if options["list"]:
            for name in sorted(tasks):
                self.stdout.write(name)
            return
        unknown = set(options["only"]) - set(tasks)
        if unknown:
            raise CommandError("Unknown periodic task(s): %s" % ", ".join(sorted(unknown)))
        for name, task_obj in sorted(tasks.items()):
            if options["only"] and name not in options["only"]:
                continue
            result = task_obj.enqueue()
            self.stdout.write(f"{name}: {result.status}")
