"""Alignment of village lists with the government's (相同事项公开内容对应一致).

A list type (低保对象名单…) aligned with a catalog item pairs two publications
for the same village and period: the village's notice and the township
government's :class:`~wagtail_gk_village.models.GovernmentListPage` filed
under that item. The report shows, per pair, whether only one side published,
and where the lists differ: people on one list only, different household
sizes, different amounts. People are matched by name and, where both lists
show it, the masked ID number's visible digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from wagtail_gk.alignment import describe_references, has_providers

from .models import BeneficiaryListType, ColumnKind, GovernmentListPage, VillageNoticePage


class PairStatus:
    SAME = "same"
    DIFFERENT = "different"
    VILLAGE_ONLY = "village_only"
    GOVERNMENT_ONLY = "government_only"

    LABELS = {
        SAME: _("Consistent"),
        DIFFERENT: _("Contents differ"),
        VILLAGE_ONLY: _("Published by the village, not by the government"),
        GOVERNMENT_ONLY: _("Published by the government, not by the village"),
    }


@dataclass
class PersonDifference:
    name: str
    what: str  # "village_only", "government_only", "household_size", "amount"
    village_value: str = ""
    government_value: str = ""

    @property
    def label(self):
        return {
            "village_only": _("Only on the village's list"),
            "government_only": _("Only on the government's list"),
            "household_size": _("Household size differs"),
            "amount": _("Amount differs"),
        }[self.what]


@dataclass
class AlignedPair:
    list_type: BeneficiaryListType
    catalog_item: str
    village_name: str
    period_label: str
    period_key: str
    village_notice: VillageNoticePage | None = None
    government_list: GovernmentListPage | None = None
    differences: list[PersonDifference] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.village_notice is None:
            return PairStatus.GOVERNMENT_ONLY
        if self.government_list is None:
            return PairStatus.VILLAGE_ONLY
        return PairStatus.DIFFERENT if self.differences else PairStatus.SAME

    @property
    def status_label(self):
        return PairStatus.LABELS[self.status]


def _person_key(row: dict) -> tuple[str, str]:
    id_tail = str(row.get(ColumnKind.ID_NUMBER) or "")[-4:]
    return (str(row.get(ColumnKind.NAME) or "").strip(), id_tail)


def _amount(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def compare_lists(village_rows: list[dict], government_rows: list[dict]) -> list[PersonDifference]:
    """The differences between two lists of the same type for the same period."""
    def index(rows):
        people = {}
        for row in rows:
            name, tail = _person_key(row)
            people[(name, tail)] = row
        return people

    village, government = index(village_rows), index(government_rows)
    # When only one side shows ID digits, match on the name alone.
    if any(t for _n, t in village) != any(t for _n, t in government):
        village = {(n, ""): r for (n, _t), r in village.items()}
        government = {(n, ""): r for (n, _t), r in government.items()}
    differences = []
    for key in sorted(set(village) | set(government)):
        name = key[0]
        ours, theirs = village.get(key), government.get(key)
        if theirs is None:
            differences.append(PersonDifference(name, "village_only"))
            continue
        if ours is None:
            differences.append(PersonDifference(name, "government_only"))
            continue
        for kind in (ColumnKind.HOUSEHOLD_SIZE, ColumnKind.AMOUNT):
            a, b = ours.get(kind), theirs.get(kind)
            if a in (None, "") or b in (None, ""):
                continue
            if (_amount(a) != _amount(b)) if kind == ColumnKind.AMOUNT else (str(a) != str(b)):
                differences.append(PersonDifference(name, str(kind), str(a), str(b)))
    return differences


def alignment_report(township, year: int | None = None) -> list[AlignedPair]:
    """Every aligned pair of the villages of *township* (optionally one year),
    newest period first. Empty when no app offers items to align with."""
    if not has_providers():
        return []
    list_types = {lt.pk: lt for lt in BeneficiaryListType.objects.exclude(aligned_item="").prefetch_related("columns")}
    if not list_types:
        return []
    notices = VillageNoticePage.objects.live().filter(village__parent=township, list_type_id__in=list(list_types))
    government = GovernmentListPage.objects.live().filter(village__parent=township, list_type_id__in=list(list_types))
    if year:
        notices = notices.filter(period_end__year=year)
        government = government.filter(period_end__year=year)
    pairs: dict[tuple, AlignedPair] = {}
    labels = describe_references(lt.aligned_item for lt in list_types.values())

    def pair_for(page):
        list_type = list_types[page.list_type_id]
        key = (list_type.pk, page.village_id, page.period_kind, page.period_start, page.period_end)
        if key not in pairs:
            period = page.period
            pairs[key] = AlignedPair(
                list_type=list_type,
                catalog_item=labels.get(list_type.aligned_item, ""),
                village_name=page.village.display_name,
                period_label=period.label if period else "",
                period_key=period.key if period else "",
            )
        return pairs[key]

    for notice in notices.select_related("village").order_by("first_published_at"):
        pair = pair_for(notice)
        pair.village_notice = notice  # the latest publication for the period wins
    for page in government.select_related("village").exclude(aligned_item="").order_by("first_published_at"):
        if page.aligned_item != list_types[page.list_type_id].aligned_item:
            continue  # filed under another item: not the aligned pair
        pair_for(page).government_list = page
    for pair in pairs.values():
        if pair.village_notice is not None and pair.government_list is not None:
            pair.differences = compare_lists(pair.village_notice.beneficiary_rows, pair.government_list.beneficiary_rows)
    order = {PairStatus.DIFFERENT: 0, PairStatus.VILLAGE_ONLY: 1, PairStatus.GOVERNMENT_ONLY: 1, PairStatus.SAME: 2}
    return sorted(pairs.values(), key=lambda p: (order[p.status], p.village_name, p.period_key), reverse=False)
