"""The disclosure schedule: what each village owes per category, and when.

Each category has a frequency (monthly, quarterly, yearly, or immediate for
major matters) and a number of working days after a period ends by which its
notice must be published. For each village and category the township sees the
latest closed period's state — 已按时公开, 逾期公开, 待公开 (deadline not yet
passed), 逾期未公开 — and how many closed periods in the look-back window were
never published (缺公开). A notice covering a longer span (a quarterly finance
statement) covers the months in it.

:func:`township_overview` runs a fixed number of queries whatever the number
of villages and categories (see ``bench/bench_village.py``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from wagtail_gk.models import Agency, AgencyLevel
from wagtail_gk.workdays import add_working_days, is_provisional

from .conf import village_setting
from .models import NoticeCategory, VillageNoticePage
from .periods import Period, closed_periods


class CellStatus:
    ON_TIME = "on_time"
    PUBLISHED_LATE = "published_late"
    IN_REVIEW = "in_review"
    DUE = "due"
    LATE = "late"
    NOT_SCHEDULED = "not_scheduled"

    LABELS = {
        ON_TIME: _("Published on time"),
        PUBLISHED_LATE: _("Published late"),
        IN_REVIEW: _("In review"),
        DUE: _("Due"),
        LATE: _("Overdue, not published"),
        NOT_SCHEDULED: _("As they arise"),
    }


@dataclass
class Cell:
    category: NoticeCategory
    status: str
    period: Period | None = None
    due_on: datetime.date | None = None
    published_on: datetime.date | None = None
    missing: int = 0  # closed periods in the window never published, the latest included
    count: int = 0  # notices published in the window (for immediate categories)
    calendar_estimated: bool = False  # the working-day calendar lacked a year

    @property
    def label(self):
        return CellStatus.LABELS[self.status]

    @property
    def needs_action(self) -> bool:
        return self.status in (CellStatus.DUE, CellStatus.LATE) or self.missing > 0


@dataclass
class VillageRow:
    village: Agency
    cells: list[Cell] = field(default_factory=list)

    @property
    def late_count(self) -> int:
        return sum(1 for cell in self.cells if cell.status == CellStatus.LATE)

    @property
    def missing_count(self) -> int:
        return sum(cell.missing for cell in self.cells)


@dataclass
class Overview:
    township: Agency
    today: datetime.date
    categories: list[NoticeCategory]
    rows: list[VillageRow]
    calendar_estimated: bool = False

    def totals(self) -> dict[str, int]:
        totals = defaultdict(int)
        for row in self.rows:
            for cell in row.cells:
                totals[cell.status] += 1
        return dict(totals)


def due_date(period: Period, category: NoticeCategory, cache: dict | None = None) -> tuple[datetime.date, bool]:
    """(deadline, estimated): the n-th working day after the period ends. If the
    calendar lacks the year, counts weekdays there instead and says so (暂定)."""
    days = category.get_due_working_days()
    key = (period.end, days)
    if cache is not None and key in cache:
        return cache[key]
    day = add_working_days(period.end, days, provisional=True)
    result = (day, is_provisional(day))
    if cache is not None:
        cache[key] = result
    return result


def villages_of(township: Agency):
    return Agency.objects.filter(parent=township, level=AgencyLevel.VILLAGE).order_by("name")


def township_overview(township: Agency, today: datetime.date | None = None, villages=None) -> Overview:
    """The schedule of every village of *township* (or of the given *villages*)."""
    today = today or timezone.localdate()
    window_start = _months_before(today, village_setting("GK_VILLAGE_SCHEDULE_LOOKBACK_MONTHS"))
    villages = list(villages if villages is not None else villages_of(township))
    categories = list(NoticeCategory.objects.filter(active=True))
    notices = list(
        VillageNoticePage.objects.filter(
            village_id__in=[v.pk for v in villages], period_end__gte=window_start, category__active=True
        ).values_list("pk", "village_id", "category_id", "period_start", "period_end", "live", "first_published_at")
    )
    # Pages in review are few, so fetch them all rather than pass thousands of ids.
    in_review = {
        int(object_id)
        for object_id in WorkflowState.objects.filter(
            base_content_type__model="page", status=WorkflowState.STATUS_IN_PROGRESS
        ).values_list("object_id", flat=True)
    } if notices else set()
    # (village, category) → [(start, end, published_on or None, in_review)]
    coverage = defaultdict(list)
    for pk, village_id, category_id, start, end, live, first_published_at in notices:
        published_on = timezone.localdate(first_published_at) if live and first_published_at else None
        coverage[(village_id, category_id)].append((start, end, published_on, pk in in_review))
    # The periods and their deadlines are the same for every village: compute them once.
    deadline_cache: dict = {}
    schedule_by_category = {}
    for category in categories:
        entries = []
        for period in closed_periods(category.frequency, today, window_start):
            deadline, estimated = due_date(period, category, deadline_cache)
            entries.append((period, deadline, estimated))
        schedule_by_category[category.pk] = entries
    overview = Overview(township=township, today=today, categories=categories, rows=[])
    overview.calendar_estimated = any(e[2] for entries in schedule_by_category.values() for e in entries)
    for village in villages:
        row = VillageRow(village=village)
        for category in categories:
            spans = coverage.get((village.pk, category.pk), [])
            if not category.is_scheduled:
                count = sum(1 for s in spans if s[2])
                row.cells.append(Cell(category, CellStatus.NOT_SCHEDULED, count=count))
                continue
            cell = None
            missing = 0
            for index, (period, deadline, estimated) in enumerate(schedule_by_category[category.pk]):
                published = [s[2] for s in spans if s[2] and period.covered_by(s[0], s[1])]
                reviewing = any(s[3] and period.covered_by(s[0], s[1]) for s in spans)
                if published:
                    first = min(published)
                    status = CellStatus.ON_TIME if first <= deadline else CellStatus.PUBLISHED_LATE
                elif reviewing:
                    status = CellStatus.IN_REVIEW
                elif today <= deadline:
                    status = CellStatus.DUE
                else:
                    status = CellStatus.LATE
                    missing += 1
                if index == 0:
                    cell = Cell(category, status, period, deadline, min(published) if published else None, calendar_estimated=estimated)
            if cell is None:
                cell = Cell(category, CellStatus.NOT_SCHEDULED)
            cell.missing = missing
            row.cells.append(cell)
        overview.rows.append(row)
    return overview


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)
