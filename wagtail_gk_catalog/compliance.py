"""Compliance with the catalog: what is due, what is late, what was never
published, which 必选 channel has nothing, and coverage per government.

Every figure is aggregated in the database with a fixed number of queries,
whatever the number of items and filings (the dashboard of a county with
3,000 items and 100,000 filed pages is a handful of GROUP BY queries).

States, for the items in force (not locally removed) of a local catalog:

- *covered* (已公开): at least one filed page is published;
- *never published* (从未公开): no filed page is published;
- *late* (已超期): a filing published after its due date, or unpublished past it;
- *due soon* (即将到期): an unpublished filing due within
  ``GK_CATALOG_DUE_SOON_WORKING_DAYS`` working days;
- *channel gap* (渠道缺项): a covered item with a 必选 channel through which
  none of its published filings went out (the website counts for every filed page).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk.workdays import add_working_days

from .conf import catalog_setting
from .models import CatalogFiling, CatalogItem, CatalogItemChannel


def due_soon_until(today: datetime.date) -> datetime.date:
    """Last due date that still counts as "due soon" on *today*."""
    return add_working_days(today, catalog_setting("GK_CATALOG_DUE_SOON_WORKING_DAYS"), provisional=True)


def late_q(today: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}published_on__gt": F(f"{prefix}due_on")}) | Q(
        **{f"{prefix}published_on__isnull": True, f"{prefix}due_on__lt": today}
    )


def due_soon_q(today: datetime.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}published_on__isnull": True,
            f"{prefix}due_on__gte": today,
            f"{prefix}due_on__lte": due_soon_until(today),
        }
    )


@dataclass
class ComplianceRow:
    key: int
    label: str
    items: int = 0
    covered: int = 0
    late_items: int = 0
    late_filings: int = 0
    due_soon: int = 0
    channel_gaps: int = 0
    sort_key: int = 0

    @property
    def never_published(self) -> int:
        return self.items - self.covered

    @property
    def coverage(self) -> float:
        """Share of items in force with published content, in percent."""
        return round(100.0 * self.covered / self.items, 1) if self.items else 0.0

    def add(self, other: ComplianceRow) -> None:
        for name in ("items", "covered", "late_items", "late_filings", "due_soon", "channel_gaps"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _compliance(items, group: str, label: str, order: str, today: datetime.date) -> dict[int, ComplianceRow]:
    """Rows keyed by ``item.<group>`` for the item queryset *items* (4 queries)."""
    rows = {
        row[group]: ComplianceRow(key=row[group], label=row[label], items=row["n"], sort_key=row[order])
        for row in items.values(group, label, order).annotate(n=Count("pk")).order_by(order)
    }
    # Aggregate per item (no COUNT DISTINCT over the filings), then roll up in Python:
    # one row per item is cheap next to scanning the filings.
    groups = dict(items.values_list("pk", group))
    per_item = (
        CatalogFiling.objects.filter(item__in=items.values("pk"))
        .values("item_id")
        .annotate(
            published=Count("item_id", filter=Q(published_on__isnull=False)),
            late=Count("item_id", filter=late_q(today)),
            due_soon=Count("item_id", filter=due_soon_q(today)),
        )
        .order_by()
        .values_list("item_id", "published", "late", "due_soon")
    )
    for item_id, published, late, due_soon in per_item:
        target = rows.get(groups.get(item_id))
        if target is None:
            continue
        target.covered += 1 if published else 0
        target.late_items += 1 if late else 0
        target.late_filings += late
        target.due_soon += due_soon
    published = CatalogFiling.objects.filter(item_id=OuterRef("item_id"), published_on__isnull=False)
    gaps = (
        CatalogItemChannel.objects.filter(required=True, item__in=items.values("pk"))
        .filter(Exists(published))
        .exclude(Exists(published.filter(channels__contains=Concat(Value(","), OuterRef("channel"), Value(",")))))
        .values(f"item__{group}")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in gaps:
        if row[f"item__{group}"] in rows:
            rows[row[f"item__{group}"]].channel_gaps = row["n"]
    return rows


def compliance_by_domain(catalog, today: datetime.date | None = None) -> list[ComplianceRow]:
    """One row per domain of *catalog* with items in force."""
    today = today or timezone.localdate()
    items = CatalogItem.objects.active().filter(catalog=catalog)
    rows = _compliance(items, "domain_id", "domain__name", "domain__sort_order", today)
    return sorted(rows.values(), key=lambda row: row.sort_key)


def compliance_by_catalog(catalogs, today: datetime.date | None = None) -> dict[int, ComplianceRow]:
    """One row per catalog in *catalogs* (a queryset): the coverage of each government."""
    today = today or timezone.localdate()
    items = CatalogItem.objects.active().filter(catalog__in=catalogs)
    return _compliance(items, "catalog_id", "catalog__name", "catalog__agency__level", today)


def total_row(rows) -> ComplianceRow:
    total = ComplianceRow(key=0, label=_("Total"))
    for row in rows:
        total.add(row)
    return total


# --- per item ---------------------------------------------------------------

STATE_LATE = "late"
STATE_DUE_SOON = "due_soon"
STATE_NEVER = "never"
STATE_COVERED = "covered"
STATE_LABELS = {
    STATE_LATE: _("Overdue"),
    STATE_DUE_SOON: _("Due soon"),
    STATE_NEVER: _("Never disclosed"),
    STATE_COVERED: _("Disclosed"),
}


def items_with_status(items, today: datetime.date | None = None):
    """*items* annotated with filing figures (one GROUP BY; no query per item)."""
    today = today or timezone.localdate()
    return items.annotate(
        filings_total=Count("filings"),
        published_total=Count("filings", filter=Q(filings__published_on__isnull=False)),
        last_published_on=Max("filings__published_on"),
        late_total=Count("filings", filter=late_q(today, "filings__")),
        due_soon_total=Count("filings", filter=due_soon_q(today, "filings__")),
        next_due_on=Min("filings__due_on", filter=Q(filings__published_on__isnull=True)),
    )


def item_state(item) -> str:
    if item.late_total:
        return STATE_LATE
    if item.due_soon_total:
        return STATE_DUE_SOON
    if not item.published_total:
        return STATE_NEVER
    return STATE_COVERED


def attach_channel_gaps(items: list) -> list:
    """Set ``item.missing_channels`` (labels of 必选 channels with nothing
    published) on each item of a page of *items* (one query, channels prefetched)."""
    published = {}
    for item_id, channels in CatalogFiling.objects.filter(
        item_id__in=[item.pk for item in items], published_on__isnull=False
    ).values_list("item_id", "channels"):
        published.setdefault(item_id, set()).update(channels)
    for item in items:
        done = published.get(item.pk)
        required = [row for row in item.channels.all() if row.required]
        item.missing_channels = (
            [row.get_channel_display() for row in required if row.channel not in done] if done else []
        )
        item.state = item_state(item)
        item.state_label = STATE_LABELS[item.state]
    return items
