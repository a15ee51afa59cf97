"""Writing and verifying the review ledger (审查记录台账).

Any app records a decision with :func:`record_decision`::

    from wagtail_gk.gate.ledger import record_decision

    record_decision(request_obj, "foia.reply", user=request.user, decision="recorded", reason="予以公开")

The record is appended to one of ``GK_LEDGER_CHAINS`` MAC chains (see
:mod:`wagtail_gk.models.ledger` and docs/gate.md, "Review ledger"). A writer
holds only the head row of the chain it appends to: it takes the chain its
connection used last, or on PostgreSQL any chain no other transaction holds
(``FOR UPDATE SKIP LOCKED``), so concurrent writers do not queue on one row.
A transaction keeps to one chain, so it never waits for a second head row.

A head row that is missing, or behind its chain's records, is rebuilt from the
records by the next writer, which first appends a ``ledger.repair_head``
record saying so: a broken head row never makes the caller fail.
:func:`verify_ledger` (:mod:`.ledger_verify`) proves the chains.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from ..conf import gk_setting
from ..models.ledger import GENESIS_HASH, LedgerDecision, LedgerEntry, LedgerHead
from .ledger_keys import current_key, key_id

__all__ = [  # noqa: F822  (LedgerBreak is loaded on first use, see __getattr__)
    "LedgerBreak",
    "LedgerEntry",
    "action_label",
    "decision_label",
    "ledger_chains",
    "record_decision",
    "verify_ledger",
    "verify_ledger_report",
]

REPAIR_ACTION = "ledger.repair_head"


def _builtin_action_labels() -> dict:
    from django.utils.translation import gettext_lazy as _

    return {
        "gate.publish": _("Publishing"),
        "gate.schedule": _("Scheduled publishing"),
        "gate.workflow": _("Automated check"),
        "gate.dismiss": _("Finding dismissed"),
        "gate.check": _("Content check"),
        "workflow.submit": _("Submitted for review"),
        "workflow.approve": _("Approved by reviewer"),
        "workflow.reject": _("Sent back by reviewer"),
        "ledger.upgrade": _("Ledger chained with a keyed MAC"),
        REPAIR_ACTION: _("Ledger chain head rebuilt"),
    }


def action_labels() -> dict:
    """Display names of ledger actions. Apps add theirs through the
    ``register_gk_ledger_actions`` hook, whose functions return
    ``{"foia.reply": _("答复"), …}``."""
    from wagtail import hooks

    labels = _builtin_action_labels()
    for fn in hooks.get_hooks("register_gk_ledger_actions"):
        labels.update(fn())
    return labels


def action_label(action: str) -> str:
    return str(action_labels().get(action, action))


def decision_labels() -> dict:
    """Display names of ledger conclusions: :class:`LedgerDecision` and those an
    app records in its own terms (a request's new status, say), added through
    the ``register_gk_ledger_decisions`` hook (``{"fee_pending": _("…")}``)."""
    from wagtail import hooks

    from ..models.ledger import LedgerDecision

    labels = dict(LedgerDecision.choices)
    for fn in hooks.get_hooks("register_gk_ledger_decisions"):
        labels.update(fn())
    return labels


def decision_label(decision: str) -> str:
    return str(decision_labels().get(decision, decision))


def _finding_dict(finding) -> dict:
    if hasattr(finding, "as_dict"):
        return finding.as_dict()
    return {key: str(value) for key, value in dict(finding).items()}


def _site_of(obj):
    get_site = getattr(obj, "get_site", None)
    if get_site is None:
        return None
    try:
        return get_site()
    except Exception:  # noqa: BLE001 — a page outside any site still gets its record
        return None


def record_decision(
    obj,
    action: str,
    *,
    user=None,
    decision: str = "",
    findings: Iterable = (),
    reason: str = "",
    revision=None,
) -> LedgerEntry:
    """Append one decision about *obj* (a page, snippet or any model instance,
    or ``None``) to the ledger and return the new entry.

    *action* names the step (``"gate.check"``, ``"workflow.approve"``,
    ``"foia.transition"`` …); *decision* is a :class:`LedgerDecision` value or
    a short free word; *findings* are :class:`~wagtail_gk.gate.checkers.Finding`
    objects or dicts (their excerpts are already masked); *revision* is the
    revision decided on, if any. Runs in its own atomic block, so it commits
    or rolls back with the caller's transaction; the chain's head row stays
    held until then.
    """
    finding_dicts = [_finding_dict(f) for f in findings]
    codes = sorted({str(f.get("code", "")) for f in finding_dicts if f.get("code")})
    site = _site_of(obj) if obj is not None else None
    entry = LedgerEntry(
        action=action[:64],
        decision=str(decision)[:32],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        revision_id=getattr(revision, "pk", revision),
        user=user if getattr(user, "is_authenticated", False) else None,
        username=user.get_username() if getattr(user, "is_authenticated", False) else "",
        site_id=site.pk if site is not None else None,
        site_name=(site.site_name or site.hostname)[:255] if site is not None else "",
        findings=finding_dicts,
        finding_codes=",".join(codes)[:255],
        reason=reason or "",
    )
    key = current_key()
    chain = None
    try:
        with transaction.atomic():
            chain = _append(entry, key)
    except IntegrityError:
        # Only a head row behind its chain's records (restored from an old
        # copy, edited) makes the next position collide: rebuild it and retry.
        if chain is None:
            chain = _last_chain()
        with transaction.atomic():
            _append(entry, key, only_chain=chain, check_head=True)
    return entry


def ledger_chains() -> int:
    """How many chains new records are spread over (``GK_LEDGER_CHAINS``)."""
    return max(1, int(gk_setting("GK_LEDGER_CHAINS")))


def _last_chain() -> int:
    return getattr(connection, "_gk_ledger_chain", 0) % ledger_chains()


def _append(entry: LedgerEntry, key: bytes, *, only_chain: int | None = None, check_head: bool = False) -> int:
    head, sequence = _lock_chain(only_chain)
    connection._gk_ledger_chain = head.chain
    if check_head:
        last = _tail(head.chain)
        if last is not None and last.chain_sequence > head.last_sequence:
            stale = head.last_sequence
            head.last_sequence, head.last_hash = last.chain_sequence, last.entry_hash
            _write_repair(head, key, sequence, problem="behind", found=stale)
            sequence = _next_sequence()
    _write(entry, head, key, sequence)
    return head.chain


def _write(entry: LedgerEntry, head: LedgerHead, key: bytes, sequence: int) -> None:
    entry.sequence = sequence
    if connection.vendor == "postgresql":
        entry.id = sequence
    entry.chain = head.chain
    entry.chain_sequence = head.last_sequence + 1
    entry.previous_hash = head.last_hash
    entry.key_id = key_id(key)
    entry.created_at = timezone.now()
    entry.entry_hash = entry.compute_mac(key)
    if connection.vendor == "postgresql":
        _pg_insert_and_advance(entry, head)
    else:
        entry.save(_ledger_append=True)
        LedgerHead.objects.filter(pk=head.pk).update(last_sequence=entry.chain_sequence, last_hash=entry.entry_hash)
    head.last_sequence, head.last_hash = entry.chain_sequence, entry.entry_hash


def _pg_insert_and_advance(entry: LedgerEntry, head: LedgerHead) -> None:
    """Insert *entry* and move its chain's head row in one statement (one
    round trip less per record than ``save()`` and ``update()``)."""
    fields = LedgerEntry._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    sql = (
        f"WITH e AS (INSERT INTO {quote(LedgerEntry._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})) "
        f"UPDATE {quote(LedgerHead._meta.db_table)} SET last_sequence = %s, last_hash = %s WHERE id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, entry.chain_sequence, entry.entry_hash, head.pk])
    entry._state.adding = False
    entry._state.db = connection.alias


def _write_repair(head: LedgerHead, key: bytes, sequence: int, *, problem: str, found: int | None = None) -> None:
    if problem == "missing":
        reason = gettext(
            "The head row of chain %(chain)d was missing; it was rebuilt from the chain's last record (position %(position)d)."
        ) % {"chain": head.chain, "position": head.last_sequence}
    else:
        reason = gettext(
            "The head row of chain %(chain)d said position %(found)d, behind the chain's last record (position %(position)d); it was rebuilt from the records."
        ) % {"chain": head.chain, "found": found, "position": head.last_sequence}
    repair = LedgerEntry(
        action=REPAIR_ACTION,
        decision=LedgerDecision.RECORDED,
        findings=[{"code": f"head_{problem}", "chain": head.chain, "position": head.last_sequence, "found": found}],
        finding_codes=f"head_{problem}",
        reason=reason,
    )
    _write(repair, head, key, sequence)


def _tail(chain: int) -> LedgerEntry | None:
    return LedgerEntry.objects.filter(chain=chain).order_by("-chain_sequence").first()


# --- holding a chain -----------------------------------------------------------------


def _lock_chain(only_chain: int | None = None) -> tuple[LedgerHead, int]:
    """Hold the head row of a chain and allocate the next ledger sequence
    number (after the row is held, so numbers rise along every chain).
    Returns (head, sequence)."""
    n = ledger_chains()
    if not hasattr(connection, "_gk_ledger_chain"):
        connection._gk_ledger_chain = random.randrange(n)  # noqa: S311  (spreads writers, not a secret)
    preferred = connection._gk_ledger_chain % n if only_chain is None else only_chain
    if connection.vendor != "postgresql":
        # SQLite admits one writer at a time anyway; no row is skipped.
        head = LedgerHead.objects.select_for_update().filter(chain=preferred).first()
        if head is None:
            head = _create_head(preferred)
        return head, _next_sequence()
    found = _pg_lock("chain = %s", [preferred], skip_locked=True)
    if found is not None:
        return found
    if only_chain is None:
        # Open a chain that has no head row yet (never written to, or its row
        # was deleted), unless another writer is opening it right now.
        present = set(LedgerHead.objects.filter(chain__lt=n).values_list("chain", flat=True))
        for chain in sorted(set(range(n)) - present, key=lambda c: (c - preferred) % n):
            if _pg_try_opening(chain):
                return _create_head(chain), _next_sequence()
        found = _pg_lock("chain < %s ORDER BY (chain - %s + %s) %% %s", [n, preferred, n, n], skip_locked=True)
        if found is not None:
            return found
    # Every chain is held: wait for the preferred one.
    found = _pg_lock("chain = %s", [preferred], skip_locked=False)
    if found is not None:
        return found
    _pg_try_opening(preferred, wait=True)
    return _create_head(preferred), _next_sequence()


#: Namespace of the transaction-level advisory locks that guard opening a chain.
_ADVISORY_NAMESPACE = 0x676B4C47


def _pg_try_opening(chain: int, *, wait: bool = False) -> bool:
    """Take the advisory lock for creating *chain*'s head row (held until the
    transaction ends), so two writers never wait on each other's insert."""
    function = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [_ADVISORY_NAMESPACE, chain])  # noqa: S608
        row = cursor.fetchone()
    return wait or bool(row[0])


def _create_head(chain: int) -> LedgerHead:
    """Insert the head row of *chain* from its last record, or take the one a
    concurrent writer inserted. Records the rebuild when the chain already
    had records (its head row was deleted)."""
    last = _tail(chain)
    position, mac = (last.chain_sequence, last.entry_hash) if last is not None else (0, GENESIS_HASH)
    table = connection.ops.quote_name(LedgerHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (chain, last_sequence, last_hash) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (chain) DO NOTHING RETURNING id",
            [chain, position, mac],
        )
        row = cursor.fetchone()
    if row is None:
        return LedgerHead.objects.select_for_update().get(chain=chain)
    head = LedgerHead(id=row[0], chain=chain, last_sequence=position, last_hash=mac)
    if last is not None:
        _write_repair(head, current_key(), _next_sequence(), problem="missing")
    return head


_SEQUENCE_NAMES: dict[str, str] = {}


def _pg_sequence_name() -> str:
    """The PostgreSQL sequence behind the records' ids; ledger sequence
    numbers are taken from it, so they need no lock of their own."""
    alias = connection.alias
    if alias not in _SEQUENCE_NAMES:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [LedgerEntry._meta.db_table])
            _SEQUENCE_NAMES[alias] = cursor.fetchone()[0]
    return _SEQUENCE_NAMES[alias]


def _pg_lock(where: str, params: list, *, skip_locked: bool) -> tuple[LedgerHead, int] | None:
    """One round trip: lock a head row matching *where*, then draw the next
    sequence number (the materialized CTE locks before ``nextval`` runs)."""
    table = connection.ops.quote_name(LedgerHead._meta.db_table)
    lock = "FOR UPDATE SKIP LOCKED" if skip_locked else "FOR UPDATE"
    sql = (
        f"WITH h AS MATERIALIZED (SELECT id, chain, last_sequence, last_hash FROM {table} "  # noqa: S608
        f"WHERE {where} LIMIT 1 {lock}) "
        "SELECT h.id, h.chain, h.last_sequence, h.last_hash, nextval(%s::regclass) FROM h"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, _pg_sequence_name()])
        row = cursor.fetchone()
    if row is None:
        return None
    return LedgerHead(id=row[0], chain=row[1], last_sequence=row[2], last_hash=row[3]), row[4]


def _next_sequence() -> int:
    """The ledger sequence number (记录编号) of the next record: unique, and
    rising along every chain because it is drawn after the chain's head row
    is held. Gaps are allowed; the chains' order is ``chain_sequence`` and
    the MAC links, which verification proves, not this number.

    Deliberately not :func:`wagtail_gk.sequences.allocate`: its counter row is
    locked until the caller's transaction ends (which is what gives 索引号 and
    文号 no gaps), so every ledger write, on every chain, would queue behind
    every open publish, undoing the chains that let writers run side by side;
    PostgreSQL's ``nextval`` takes no lock. On SQLite (one writer at a time)
    ``Max() + 1`` derives the number from the records themselves, like the
    head rows rebuilt from their chains: it goes on after the newest record
    even when other rows were restored apart from the records (the case the
    head-row repair exists for), where a counter row left behind would hand
    out numbers the records already hold and make every write fail."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s::regclass)", [_pg_sequence_name()])
            return cursor.fetchone()[0]
    return (LedgerEntry.objects.aggregate(m=Max("sequence"))["m"] or 0) + 1


# --- verification (see ledger_verify) -------------------------------------------------


def verify_ledger(chunk_size: int = 2000):
    """Verify every chain, head row and checkpoint. Returns (records that
    verified, first problem or None); :func:`verify_ledger_report` gives all
    problems and notices."""
    report = verify_ledger_report(chunk_size=chunk_size)
    return report.checked, (report.problems[0] if report.problems else None)


def verify_ledger_report(**kwargs):
    from .ledger_verify import verify

    return verify(**kwargs)


def __getattr__(name: str):
    if name == "LedgerBreak":
        from .ledger_verify import LedgerBreak

        return LedgerBreak
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
