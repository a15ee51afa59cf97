"""``manage.py gk_interaction_stats --year Y [--json]``: letters received,
replied, replied on time, open, overdue and unanswered over 3 months, with the
average working days to reply, per agency and kind (docs/interaction.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from ...conf import kind_label
from ...stats import year_statistics


class Command(BaseCommand):
    help = "Statistics of public letters for a year, per agency and kind."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, year, json=False, **options):  # noqa: A002
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is not a year between 2000 and 2100.")
        data = year_statistics(year)
        if json:
            self.stdout.write(_dumps(data))
            return
        for entry in data["agencies"]:
            for kind, row in entry["kinds"].items():
                self.stdout.write(
                    f"{entry['agency'] or '-'}\t{kind_label(kind)}\t" + "\t".join(f"{k}={v}" for k, v in row.items())
                )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
