"""Statistics per agency and kind of letter, for a year (the contract of
``manage.py gk_interaction_stats --year Y --json``, docs/interaction.md).

A letter counts in the year it was received, under its handling agency
(the replying one once replied). ``ratings`` counts the writers' ratings (满意, 基本满意, 不满意) of the
replies. Working days to reply are counted with
core's calendar (provisional where a year's holidays are unknown).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from wagtail_gk import workdays

from .deadlines import alarm_cutoff
from .models import OPEN_STATUSES, Letter, LetterStatus


def year_statistics(year: int, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    cutoff = alarm_cutoff(today)
    rows: dict[tuple, dict] = {}
    letters = (
        Letter.objects.filter(received_on__year=year)
        .select_related("agency", "reply_agency")
        .only("kind", "status", "received_on", "reply_due_on", "replied_on", "rating", "agency__name", "reply_agency__name")
        .order_by()
    )
    for letter in letters.iterator(chunk_size=2000):
        agency = letter.reply_agency or letter.agency
        key = (agency.name if agency else "", letter.kind)
        row = rows.setdefault(key, {"received": 0, "replied": 0, "replied_on_time": 0, "open": 0, "overdue": 0,
                                    "unanswered_over_3_months": 0, "_days": 0,
                                    "ratings": {"satisfied": 0, "fairly": 0, "dissatisfied": 0}})
        row["received"] += 1
        if letter.status == LetterStatus.REPLIED and letter.replied_on:
            row["replied"] += 1
            row["replied_on_time"] += letter.replied_on <= letter.reply_due_on
            row["_days"] += workdays.working_days_between(letter.received_on, letter.replied_on, provisional=True)
            if letter.rating in row["ratings"]:
                row["ratings"][letter.rating] += 1
        elif letter.status in OPEN_STATUSES:
            row["open"] += 1
            row["overdue"] += letter.reply_due_on < today
            row["unanswered_over_3_months"] += letter.received_on <= cutoff
    agencies: dict[str, dict] = {}
    for (agency, kind), row in sorted(rows.items()):
        days = row.pop("_days")
        row["average_working_days_to_reply"] = round(days / row["replied"], 1) if row["replied"] else None
        agencies.setdefault(agency, {})[kind] = row
    return {
        "year": year,
        "as_of": today.isoformat(),
        "agencies": [{"agency": name, "kinds": kinds} for name, kinds in agencies.items()],
    }
