"""The catalog's procedures: element snapshots, issuing guide revisions,
deriving local catalogs, local adjustments with reasons, and merging a later
guide revision into a local catalog (three-way, conflicts left to the editor).

Views, the import and the demo call these; they call the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_gk.models import Agency, AgencyLevel

from .models import (
    AdjustmentKind,
    Audience,
    Catalog,
    CatalogAdjustment,
    CatalogItem,
    CatalogItemBasisLink,
    CatalogItemChannel,
    CatalogKind,
    Channel,
    DisclosureLayer,
    Domain,
    GuideRevision,
    ItemOrigin,
)
from .models.items import layers_for_level
from .time_limits import TimeLimitRule

TIME_LIMIT_FIELDS = (
    "time_limit_kind",
    "time_limit_days",
    "time_limit_day_type",
    "time_limit_event",
    "publicity_days",
    "publicity_day_type",
    "time_limit_wording",
)

# The elements compared between a guide and a local catalog, with their labels.
ELEMENTS = {
    "domain": gettext_lazy("Disclosure area"),
    "sort_order": gettext_lazy("No."),
    "level1": gettext_lazy("First-level item"),
    "level2": gettext_lazy("Second-level item"),
    "level3": gettext_lazy("Third-level item"),
    "content": gettext_lazy("Disclosure content (elements)"),
    "basis": gettext_lazy("Basis for disclosure"),
    "basis_pages": gettext_lazy("Basis document"),
    "time_limit": gettext_lazy("Disclosure deadline"),
    "subject": gettext_lazy("Responsible body"),
    "channels": gettext_lazy("Disclosure channels and media"),
    "audience": gettext_lazy("Audience"),
    "method": gettext_lazy("Disclosure form"),
    "layer": gettext_lazy("Disclosure level"),
}


def items_with_elements(queryset):
    """*queryset* with what :func:`item_elements` reads prefetched."""
    return queryset.select_related("domain").prefetch_related(
        "channels", Prefetch("basis_links", queryset=CatalogItemBasisLink.objects.order_by("sort_order"))
    )


def item_elements(item: CatalogItem) -> dict:
    """A JSON-serialisable snapshot of every element of *item*."""
    required, optional = item.channel_sets()
    return {
        "domain": item.domain.code,
        "sort_order": item.sort_order,
        "level1": item.level1,
        "level2": item.level2,
        "level3": item.level3,
        "content": item.content,
        "basis": item.basis,
        "basis_pages": [link.page_id for link in item.basis_links.all()],
        "time_limit": {name: getattr(item, name) for name in TIME_LIMIT_FIELDS},
        "subject": item.subject,
        "channels": {"required": required, "optional": optional},
        "audience": item.audience,
        "method": item.method,
        "layer": item.layer,
    }


def display_element(name: str, value) -> str:
    """Human-readable text of one element value (for adjustments and conflicts)."""
    if value is None:
        return ""
    if name == "domain":
        domain = Domain.objects.filter(code=value).first()
        return domain.name if domain else str(value)
    if name == "time_limit":
        rule = TimeLimitRule(
            kind=value["time_limit_kind"],
            days=value["time_limit_days"],
            event=value["time_limit_event"],
            day_type=value.get("time_limit_day_type", "working"),
            publicity_days=value["publicity_days"],
            publicity_day_type=value["publicity_day_type"],
        )
        return value.get("time_limit_wording") or rule.wording()
    if name == "channels":
        labels = dict(Channel.choices)
        marks = ["■" + str(labels[c]) for c in value.get("required", [])]
        marks += ["□" + str(labels[c]) for c in value.get("optional", [])]
        return " ".join(marks)
    if name == "audience":
        return str(dict(Audience.choices).get(value, value))
    if name == "method":
        from wagtail_gk.models import DisclosureMethod

        return str(dict(DisclosureMethod.choices).get(value, value))
    if name == "layer":
        return str(dict(DisclosureLayer.choices).get(value, value))
    if name == "basis_pages":
        from wagtail.models import Page

        titles = dict(Page.objects.filter(pk__in=value).values_list("pk", "title"))
        return "；".join(titles.get(pk, "#%s" % pk) for pk in value)
    return str(value)


@transaction.atomic
def apply_elements(item: CatalogItem, values: dict) -> CatalogItem:
    """Set the given elements (a subset of :data:`ELEMENTS`) on *item* and save it."""
    simple = {k: v for k, v in values.items() if k not in ("domain", "time_limit", "channels", "basis_pages")}
    for name, value in simple.items():
        setattr(item, name, value)
    if "domain" in values:
        item.domain = Domain.objects.get(code=values["domain"])
    if "time_limit" in values:
        for name in TIME_LIMIT_FIELDS:
            setattr(item, name, values["time_limit"][name])
    item.save()
    if "channels" in values:
        set_item_channels(item, values["channels"]["required"], values["channels"]["optional"])
    if "basis_pages" in values:
        CatalogItemBasisLink.objects.filter(item=item).delete()
        CatalogItemBasisLink.objects.bulk_create(
            CatalogItemBasisLink(item=item, page_id=page_id, sort_order=i)
            for i, page_id in enumerate(values["basis_pages"])
        )
    return item


def set_item_channels(item: CatalogItem, required, optional) -> None:
    """Replace *item*'s channels: *required* are 必选 (■), *optional* 可选 (□)."""
    CatalogItemChannel.objects.filter(item_id=item.pk).delete()
    rows = [CatalogItemChannel(item_id=item.pk, channel=c, required=True) for c in required]
    rows += [CatalogItemChannel(item_id=item.pk, channel=c, required=False) for c in optional if c not in required]
    CatalogItemChannel.objects.bulk_create(rows)


# --- guides and their revisions ---------------------------------------------


@transaction.atomic
def issue_guide_revision(guide: Catalog, *, note: str = "", user=None, issued_on=None) -> GuideRevision:
    """Freeze the guide's current items as its next revision (印发新版本)."""
    if not guide.is_guide:
        raise ValueError(_("Only a standard guide can issue revisions."))
    number = (guide.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = {str(item.key): item_elements(item) for item in items_with_elements(guide.items.active())}
    kwargs = {"issued_on": issued_on} if issued_on else {}
    return GuideRevision.objects.create(guide=guide, number=number, note=note, snapshot=snapshot, created_by=user, **kwargs)


@transaction.atomic
def derive_local_catalog(guide: Catalog, agency: Agency, *, name: str = "", user=None) -> Catalog:
    """Compile *agency*'s catalog from the latest revision of *guide*, taking
    the items whose 公开层级 the agency's level publishes. The new catalog's
    items carry their guide item's key, so later revisions can be merged."""
    if agency.gk_catalogs.filter(kind=CatalogKind.LOCAL).exists():
        raise ValueError(_("%(agency)s already has a local standard catalog.") % {"agency": agency.name})
    revision = guide.latest_revision() or issue_guide_revision(guide, note=_("Issued automatically when the first catalog was compiled"), user=user)
    catalog = Catalog.objects.create(
        name=name or _("%(agency)s standard openness catalog") % {"agency": agency.name},
        kind=CatalogKind.LOCAL,
        agency=agency,
        guide=guide,
        guide_revision=revision,
    )
    layers = set(layers_for_level(agency.level))
    domains = dict(Domain.objects.values_list("code", "pk"))
    for key, elements in revision.snapshot.items():
        if elements["layer"] not in layers:
            continue
        item = CatalogItem(catalog=catalog, key=key, origin=ItemOrigin.DERIVED, domain_id=domains[elements["domain"]])
        _set_plain_elements(item, elements)
        item.save()
        set_item_channels(item, elements["channels"]["required"], elements["channels"]["optional"])
        CatalogItemBasisLink.objects.bulk_create(
            CatalogItemBasisLink(item=item, page_id=pk, sort_order=i) for i, pk in enumerate(elements["basis_pages"])
        )
    return catalog


def _set_plain_elements(item, elements):
    for name in ("sort_order", "level1", "level2", "level3", "content", "basis", "subject", "audience", "method", "layer"):
        setattr(item, name, elements[name])
    for name in TIME_LIMIT_FIELDS:
        setattr(item, name, elements["time_limit"][name])


# --- local adjustments -----------------------------------------------------


def guide_elements_for(item: CatalogItem) -> dict | None:
    """The elements the guide revision underlying *item*'s catalog gives it, or None."""
    revision = item.catalog.guide_revision
    if revision is None or item.origin != ItemOrigin.DERIVED:
        return None
    return revision.snapshot.get(str(item.key))


def record_local_changes(item: CatalogItem, before: dict, *, reason: str, user=None) -> list[CatalogAdjustment]:
    """Record one CHANGED adjustment per element of *item* that differs from
    *before* (its elements before the edit). Only local catalogs keep them."""
    if item.catalog.kind != CatalogKind.LOCAL:
        return []
    item = items_with_elements(CatalogItem.objects.filter(pk=item.pk)).get()
    after = item_elements(item)
    guide = guide_elements_for(item) or {}
    records = [
        CatalogAdjustment(
            catalog=item.catalog,
            item=item,
            item_key=item.key,
            item_label=str(item),
            kind=AdjustmentKind.CHANGED,
            element=name,
            guide_value=display_element(name, guide.get(name, before[name])),
            local_value=display_element(name, after[name]),
            reason=reason,
            user=user,
        )
        for name in ELEMENTS
        if after[name] != before[name]
    ]
    return CatalogAdjustment.objects.bulk_create(records)


def changed_elements(item: CatalogItem) -> list[str]:
    """Elements in which *item* now differs from its guide item."""
    guide = guide_elements_for(item)
    if guide is None:
        return []
    current = item_elements(item)
    return [name for name in ELEMENTS if current[name] != guide.get(name)]


@transaction.atomic
def record_local_addition(item: CatalogItem, *, reason: str, user=None) -> CatalogAdjustment:
    return CatalogAdjustment.objects.create(
        catalog=item.catalog, item=item, item_key=item.key, item_label=str(item),
        kind=AdjustmentKind.ADDED, reason=reason, user=user,
    )


@transaction.atomic
def remove_local_item(item: CatalogItem, *, reason: str, user=None) -> CatalogAdjustment:
    """Take *item* out of its local catalog, keeping the row and the reason.
    Guide items are deleted through the guide instead."""
    if item.catalog.kind != CatalogKind.LOCAL:
        raise ValueError(_("Delete items of a standard guide directly."))
    if not reason.strip():
        raise ValueError(_("Enter a reason for the removal."))
    CatalogItem.objects.filter(pk=item.pk).update(removed=True)
    item.removed = True
    return CatalogAdjustment.objects.create(
        catalog=item.catalog, item=item, item_key=item.key, item_label=str(item),
        kind=AdjustmentKind.REMOVED, reason=reason, user=user,
    )


@transaction.atomic
def restore_local_item(item: CatalogItem, *, reason: str, user=None) -> CatalogAdjustment:
    CatalogItem.objects.filter(pk=item.pk).update(removed=False)
    item.removed = False
    return CatalogAdjustment.objects.create(
        catalog=item.catalog, item=item, item_key=item.key, item_label=str(item),
        kind=AdjustmentKind.RESTORED, reason=reason, user=user,
    )


# --- merging a later guide revision -----------------------------------------

CHANGE_ADD = "add"
CHANGE_REMOVE = "remove"
CHANGE_UPDATE = "update"


@dataclass
class MergeChange:
    """One difference between the base and the target revision of the guide,
    as it lands on a local catalog. A conflict needs the editor's choice:
    ``"guide"`` (take the guide's value) or ``"local"`` (keep the local one)."""

    ident: str
    kind: str
    key: str
    label: str
    element: str = ""
    base: object = None
    guide: object = None
    local: object = None
    conflict: bool = False
    note: str = ""

    @property
    def element_label(self) -> str:
        return str(ELEMENTS.get(self.element, ""))

    def display(self, which: str) -> str:
        return display_element(self.element, getattr(self, which)) if self.element else ""

    @property
    def base_text(self) -> str:
        return self.display("base")

    @property
    def guide_text(self) -> str:
        if self.kind == CHANGE_ADD:
            return _label(self.guide)
        return self.display("guide")

    @property
    def local_text(self) -> str:
        return self.display("local")


@dataclass
class MergePlan:
    catalog: Catalog
    base: GuideRevision | None
    target: GuideRevision
    changes: list[MergeChange] = field(default_factory=list)

    @property
    def conflicts(self) -> list[MergeChange]:
        return [c for c in self.changes if c.conflict]


def _label(elements: dict) -> str:
    return " / ".join(p for p in (elements["level1"], elements["level2"], elements["level3"]) if p)


def plan_guide_merge(catalog: Catalog, target: GuideRevision | None = None) -> MergePlan:
    """Compare the catalog's base revision with *target* (default: the guide's
    latest) and the local items: changes the local catalog did not touch are
    taken over; where both sides changed an element differently, or the guide
    changed an item the office removed, the change is a conflict."""
    if catalog.kind != CatalogKind.LOCAL or catalog.guide_id is None:
        raise ValueError(_("Only a local catalog compiled from a standard guide can merge guide revisions."))
    target = target or catalog.guide.latest_revision()
    base = catalog.guide_revision
    plan = MergePlan(catalog=catalog, base=base, target=target)
    if target is None or (base is not None and target.number <= base.number):
        return plan
    base_snapshot = base.snapshot if base else {}
    layers = set(layers_for_level(catalog.agency.level))
    local_items = {str(i.key): i for i in items_with_elements(catalog.items.all())}
    local_elements = {key: item_elements(i) for key, i in local_items.items()}
    for key, new in target.snapshot.items():
        old = base_snapshot.get(key)
        item = local_items.get(key)
        if old is None:
            if item is None and new["layer"] in layers:
                plan.changes.append(MergeChange(f"add:{key}", CHANGE_ADD, key, _label(new), guide=new))
            continue
        if item is None:
            continue  # not in this catalog's layers when derived
        mine = local_elements[key]
        for name in ELEMENTS:
            if new[name] == old[name] or mine[name] == new[name]:
                continue
            locally_changed = mine[name] != old[name]
            change = MergeChange(
                f"update:{key}:{name}", CHANGE_UPDATE, key, str(item), element=name,
                base=old[name], guide=new[name], local=mine[name],
                conflict=locally_changed or item.removed,
            )
            if item.removed:
                change.note = _("Removed locally; the guide has changed this item.")
            plan.changes.append(change)
    for key, old in base_snapshot.items():
        if key in target.snapshot or key not in local_items:
            continue
        item = local_items[key]
        if item.removed:
            continue
        locally_changed = local_elements[key] != old
        plan.changes.append(
            MergeChange(
                f"remove:{key}", CHANGE_REMOVE, key, str(item), conflict=locally_changed,
                note=_("The guide removed this item, which was adjusted locally.") if locally_changed else _("The guide removed this item."),
            )
        )
    return plan


@transaction.atomic
def apply_guide_merge(plan: MergePlan, resolutions: dict[str, str], *, user=None) -> int:
    """Apply *plan*; *resolutions* maps each conflict's ``ident`` to ``"guide"``
    or ``"local"`` (every conflict must have one). Non-conflicting changes are
    taken from the guide. Returns the number of changes applied from the guide."""
    missing = [c.label for c in plan.conflicts if resolutions.get(c.ident) not in ("guide", "local")]
    if missing:
        raise ValueError(_("No choice made yet for these conflicts: %(items)s") % {"items": "；".join(missing)})
    catalog = plan.catalog
    domains = dict(Domain.objects.values_list("code", "pk"))
    applied = 0
    for change in plan.changes:
        choice = resolutions.get(change.ident, "guide") if change.conflict else "guide"
        if choice == "local":
            continue
        reason = _("Merged guide revision %(number)d") % {"number": plan.target.number}
        if change.kind == CHANGE_ADD:
            elements = change.guide
            item = CatalogItem(catalog=catalog, key=change.key, origin=ItemOrigin.DERIVED, domain_id=domains[elements["domain"]])
            _set_plain_elements(item, elements)
            item.save()
            set_item_channels(item, elements["channels"]["required"], elements["channels"]["optional"])
            CatalogItemBasisLink.objects.bulk_create(
                CatalogItemBasisLink(item=item, page_id=pk, sort_order=i) for i, pk in enumerate(elements["basis_pages"])
            )
        elif change.kind == CHANGE_REMOVE:
            item = catalog.items.get(key=change.key)
            CatalogItem.objects.filter(pk=item.pk).update(removed=True)
        else:
            item = catalog.items.get(key=change.key)
            apply_elements(item, {change.element: change.guide})
            if item.removed:
                CatalogItem.objects.filter(pk=item.pk).update(removed=False)
        CatalogAdjustment.objects.create(
            catalog=catalog, item=item, item_key=change.key, item_label=change.label, kind=AdjustmentKind.MERGED,
            element=change.element, guide_value=change.display("guide") if change.element else "",
            local_value=change.display("local") if change.element else change.kind, reason=reason, user=user,
        )
        applied += 1
    catalog.guide_revision = plan.target
    catalog.save(update_fields=["guide_revision", "updated_at"])
    return applied


def local_catalogs_under(agency: Agency):
    """Local catalogs of *agency* and of every government below it (townships)."""
    agencies = Agency.objects.descendants_of(agency).exclude(level=AgencyLevel.VILLAGE)
    return Catalog.objects.local().filter(agency__in=agencies).select_related("agency")


@transaction.atomic
def create_item(
    catalog: Catalog,
    *,
    domain: Domain,
    level1: str,
    time_limit: str = "",
    required_channels=(),
    optional_channels=(),
    origin: str | None = None,
    **elements,
) -> CatalogItem:
    """Create an item of *catalog*; *time_limit* is the printed wording,
    read into a structured rule (:func:`~wagtail_gk_catalog.time_limits.parse_time_limit`)."""
    from .time_limits import parse_time_limit

    if origin is None:
        origin = ItemOrigin.GUIDE if catalog.is_guide else ItemOrigin.LOCAL
    item = CatalogItem(catalog=catalog, domain=domain, level1=level1, origin=origin, **elements)
    if time_limit:
        rule = parse_time_limit(time_limit)
        item.time_limit_kind, item.time_limit_days, item.time_limit_day_type = rule.kind, rule.days, rule.day_type
        item.time_limit_event = rule.event
        item.publicity_days, item.publicity_day_type = rule.publicity_days, rule.publicity_day_type
        item.time_limit_wording = time_limit
    if not item.sort_order:
        last = catalog.items.filter(domain=domain).aggregate(n=Max("sort_order"))["n"] or 0
        item.sort_order = last + 1
    item.save()
    set_item_channels(item, list(required_channels), list(optional_channels))
    return item
