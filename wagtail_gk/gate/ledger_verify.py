"""Verifying the review ledger: every chain, its head row and the signed
checkpoints (docs/gate.md, "Review ledger").

For each chain the records are walked by position. A record must follow the
one before it without a gap, link to its MAC, and carry a MAC that verifies
with the key its key id names (``GK_LEDGER_KEY`` or ``GK_LEDGER_OLD_KEYS``);
records from before the upgrade (key id "") must form the start of chain 0 and
match their old SHA-256. The head row must sit on the last record, and the
chain must still hold every record a checkpoint covers, with the MAC the
checkpoint signed. The first problem of each chain is reported with what it
means (edited, deleted, inserted, reordered, truncated, wrong key, head row).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models.ledger import GENESIS_HASH, LedgerEntry, LedgerHead
from .ledger_keys import LedgerKeyError, verification_keys


@dataclass(frozen=True)
class LedgerBreak:
    sequence: int  # ledger sequence number of the record concerned (0: none)
    entry_id: int | None
    problem: str  # translated description, naming what happened
    kind: str = ""  # edited, deleted, inserted, reordered, truncated, head_missing, head, wrong_key, checkpoint
    chain: int | None = None
    position: int | None = None


@dataclass
class ChainEnd:
    chain: int
    position: int
    sequence: int
    mac: str


@dataclass
class LedgerReport:
    checked: int = 0
    problems: list[LedgerBreak] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    ends: dict[int, ChainEnd] = field(default_factory=dict)  # last verified record of each chain
    checkpoints: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _where(entry: LedgerEntry) -> dict:
    return {"chain": entry.chain, "position": entry.chain_sequence, "sequence": entry.sequence, "id": entry.pk}


def _break(entry: LedgerEntry, kind: str, message: str, **extra) -> LedgerBreak:
    text = _("Chain %(chain)d, position %(position)d (record #%(sequence)d, ID %(id)d): ") % _where(entry)
    return LedgerBreak(entry.sequence, entry.pk, text + message % extra, kind, entry.chain, entry.chain_sequence)


def _successor(entry: LedgerEntry) -> LedgerEntry | None:
    return LedgerEntry.objects.filter(chain=entry.chain, chain_sequence__gt=entry.chain_sequence).order_by("chain_sequence").first()


def _skipped(entry: LedgerEntry, previous_mac: str) -> bool:
    """The next record links past *entry* to its predecessor: *entry* was put in."""
    following = _successor(entry)
    return following is not None and following.previous_hash == previous_mac


def _check(entry, previous_mac, previous_position, keys, legacy_allowed, covered) -> LedgerBreak | None:
    if entry.previous_hash != previous_mac:
        other = LedgerEntry.objects.filter(entry_hash=entry.previous_hash).exclude(pk=entry.pk).first()
        if other is not None:
            return _break(
                entry,
                "reordered",
                _("out of order (reordered): it was written right after record #%(other)d, which is now at chain %(chain)d, position %(position)d"),
                other=other.sequence,
                chain=other.chain,
                position=other.chain_sequence,
            )
        if _skipped(entry, previous_mac):
            return _break(entry, "inserted", _("inserted: no record written by the ledger is here (the next record links to the one before it)"))
        if entry.chain_sequence != previous_position + 1:
            return _break(
                entry,
                "deleted",
                _("the records at positions %(first)d to %(last)d are missing (deleted)"),
                first=previous_position + 1,
                last=entry.chain_sequence - 1,
            )
        return _break(entry, "deleted", _("the record it was written after is missing or was rewritten (deleted): its link matches no record"))
    if entry.is_legacy:
        valid = legacy_allowed and entry.compute_legacy_hash() == entry.entry_hash
    else:
        key = keys.get(entry.key_id)
        if key is None:
            return _break(
                entry,
                "wrong_key",
                _("chained with key %(key_id)s, which is neither GK_LEDGER_KEY nor one of GK_LEDGER_OLD_KEYS (wrong key)"),
                key_id=entry.key_id,
            )
        valid = entry.compute_mac(key) == entry.entry_hash
    if not valid:
        if _skipped(entry, entry.previous_hash):
            return _break(entry, "inserted", _("inserted: its MAC does not verify and the next record links past it"))
        return _break(entry, "edited", _("content does not match its MAC (edited, or written by someone without the key)"))
    expected = covered.get(entry.chain_sequence)
    if expected is not None and expected[0] != entry.entry_hash:
        return _break(entry, "checkpoint", _("differs from the record checkpoint #%(checkpoint)d signed at this position"), checkpoint=expected[1])
    return None


def _walk(chain, keys, covered, start, chunk_size, report) -> tuple[ChainEnd | None, LedgerBreak | None]:
    queryset = LedgerEntry.objects.filter(chain=chain).order_by("chain_sequence")
    previous_mac, previous_position, end = GENESIS_HASH, 0, None
    if start is not None:
        anchor = queryset.filter(chain_sequence=start.position).first()
        checkpoint = covered.get(start.position, ("", 0))[1]
        if anchor is None:
            return None, _chain_problem(
                chain,
                "truncated",
                _("the record at position %(position)d that checkpoint #%(checkpoint)d sealed is missing (deleted)"),
                position=start.position,
                checkpoint=checkpoint,
            )
        if anchor.entry_hash != start.mac:
            return None, _break(anchor, "checkpoint", _("differs from the record checkpoint #%(checkpoint)d signed at this position"), checkpoint=checkpoint)
        key = keys.get(anchor.key_id)
        if anchor.is_legacy or key is None or anchor.compute_mac(key) != anchor.entry_hash:
            # the sealed record must verify too; a full walk names what is wrong
            return verify_walk_from_start(chain, keys, covered, chunk_size, report)
        previous_mac, previous_position = anchor.entry_hash, anchor.chain_sequence
        end = ChainEnd(chain, anchor.chain_sequence, anchor.sequence, anchor.entry_hash)
    legacy_allowed = chain == 0 and start is None
    while True:
        batch = list(queryset.filter(chain_sequence__gt=previous_position)[:chunk_size])
        if not batch:
            return end, None
        for entry in batch:
            problem = _check(entry, previous_mac, previous_position, keys, legacy_allowed, covered)
            if problem is not None:
                return end, problem
            legacy_allowed = legacy_allowed and entry.is_legacy
            previous_mac, previous_position = entry.entry_hash, entry.chain_sequence
            end = ChainEnd(chain, entry.chain_sequence, entry.sequence, entry.entry_hash)
            report.checked += 1


def verify_walk_from_start(chain, keys, covered, chunk_size, report):
    return _walk(chain, keys, covered, None, chunk_size, report)


def _chain_problem(chain: int, kind: str, message: str, **extra) -> LedgerBreak:
    return LedgerBreak(0, None, (_("Chain %(chain)d: ") % {"chain": chain}) + message % extra, kind, chain)


def _check_end(chain, end, head, covered) -> LedgerBreak | None:
    position = end.position if end is not None else 0
    if head is None:
        if end is None:
            return None
        return _chain_problem(
            chain,
            "head_missing",
            _("its head row is missing (deleted); the next record written to this chain rebuilds it from the records, which is itself recorded"),
        )
    if covered:
        top = max(covered)
        if top > position:
            return _chain_problem(
                chain,
                "truncated",
                _("ends at position %(position)d, but checkpoint #%(checkpoint)d covers it up to position %(covered)d: the newest records were deleted (truncated tail)"),
                position=position,
                checkpoint=covered[top][1],
                covered=top,
            )
    if head.last_sequence > position:
        return _chain_problem(
            chain,
            "truncated",
            _("its head row says the chain ends at position %(head)d but the last record is at position %(position)d: the newest records were deleted"),
            head=head.last_sequence,
            position=position,
        )
    if head.last_sequence < position or (end is not None and head.last_hash != end.mac):
        return _chain_problem(
            chain,
            "head",
            _("its head row (position %(head)d) does not match the last record (position %(position)d): the head row was altered; the next write rebuilds it"),
            head=head.last_sequence,
            position=position,
        )
    return None


def verify(*, chunk_size: int = 2000, start: dict | None = None, loaded_checkpoints=None) -> LedgerReport:
    """Verify the ledger. *start* (chain → :class:`ChainEnd`) begins each
    chain at a record a checkpoint sealed (``gk_ledger_seal`` verifies only
    what is new); without it every record is walked. *loaded_checkpoints* is
    what :func:`~.ledger_checkpoints.load_checkpoints` returned, if the caller
    has read them already."""
    from . import ledger_checkpoints

    report = LedgerReport()
    try:
        keys = verification_keys()
    except LedgerKeyError as exc:
        report.problems.append(LedgerBreak(0, None, str(exc), "wrong_key"))
        return report
    covered: dict[int, dict[int, tuple[str, int]]] = {}
    checkpoints, problems, notices = loaded_checkpoints or ledger_checkpoints.load_checkpoints(keys)
    report.checkpoints = checkpoints
    report.problems.extend(problems)
    report.notices.extend(notices)
    for checkpoint in checkpoints:
        for item in checkpoint.chains:
            covered.setdefault(item["chain"], {})[item["position"]] = (item["mac"], checkpoint.sequence)
    heads = {head.chain: head for head in LedgerHead.objects.all()}
    chains = set(LedgerEntry.objects.values_list("chain", flat=True).distinct()) | set(covered)
    chains |= {chain for chain, head in heads.items() if head.last_sequence}
    for chain in sorted(chains):
        end, problem = _walk(chain, keys, covered.get(chain, {}), (start or {}).get(chain), chunk_size, report)
        if problem is None:
            problem = _check_end(chain, end, heads.get(chain), covered.get(chain, {}))
        if problem is not None:
            report.problems.append(problem)
        elif end is not None:
            report.ends[chain] = end
    for repair in LedgerEntry.objects.filter(action="ledger.repair_head").order_by("sequence"):
        report.notices.append(
            _("Record #%(sequence)d of %(time)s: %(reason)s")
            % {"sequence": repair.sequence, "time": repair.created_at.isoformat(timespec="seconds"), "reason": repair.reason}
        )
    report.problems.sort(key=lambda p: (p.kind == "checkpoint", p.chain if p.chain is not None else -1, p.position or 0))
    return report
