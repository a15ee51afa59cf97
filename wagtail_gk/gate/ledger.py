"""Writing and verifying the review ledger (审查记录台账).

Any app records a decision with :func:`record_decision`::

    from wagtail_gk.gate.ledger import record_decision

    record_decision(request_obj, "foia.reply", user=request.user, decision="recorded", reason="予以公开")

The record is appended to a hash chain (see :mod:`wagtail_gk.models.ledger`);
:func:`verify_ledger` walks the chain and returns the first broken entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from ..models.ledger import GENESIS_HASH, LedgerEntry, LedgerHead

__all__ = ["LedgerBreak", "LedgerEntry", "action_label", "record_decision", "verify_ledger"]


def _builtin_action_labels() -> dict:
    from django.utils.translation import gettext_lazy as _

    return {
        "gate.publish": _("发布"),
        "gate.schedule": _("定时发布"),
        "gate.workflow": _("自动检查"),
        "gate.dismiss": _("排除问题"),
        "gate.check": _("内容检查"),
        "workflow.submit": _("提交审核"),
        "workflow.approve": _("人工审核通过"),
        "workflow.reject": _("人工审核退回"),
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
    or rolls back with the caller's transaction.
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
    with transaction.atomic():
        head = _locked_head()
        entry.sequence = head.last_sequence + 1
        entry.previous_hash = head.last_hash
        entry.created_at = timezone.now()
        entry.entry_hash = entry.compute_hash()
        entry.save(_ledger_append=True)
        LedgerHead.objects.filter(pk=head.pk).update(last_sequence=entry.sequence, last_hash=entry.entry_hash)
    return entry


def _locked_head() -> LedgerHead:
    head = LedgerHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        LedgerHead.objects.get_or_create(pk=1)
        head = LedgerHead.objects.select_for_update().get(pk=1)
    return head


@dataclass(frozen=True)
class LedgerBreak:
    sequence: int  # the first record that does not verify
    entry_id: int | None
    problem: str  # developer-facing description


def verify_ledger(chunk_size: int = 2000) -> tuple[int, LedgerBreak | None]:
    """Walk the chain from the first record. Returns (records checked, first
    break or None). Detects edited records (hash mismatch), deleted records
    (a gap in the sequence or a broken link) and a deleted tail (the head
    points past the last record)."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    queryset = LedgerEntry.objects.order_by("sequence")
    last_pk = 0
    while True:
        batch = list(queryset.filter(sequence__gt=last_pk)[:chunk_size])
        if not batch:
            break
        for entry in batch:
            if entry.sequence != expected_sequence:
                return checked, LedgerBreak(
                    expected_sequence, entry.pk, f"record #{expected_sequence} is missing (next is #{entry.sequence})"
                )
            if entry.previous_hash != expected_previous:
                return checked, LedgerBreak(entry.sequence, entry.pk, "link to the previous record does not match")
            if entry.compute_hash() != entry.entry_hash:
                return checked, LedgerBreak(entry.sequence, entry.pk, "content does not match its hash (edited)")
            expected_previous = entry.entry_hash
            expected_sequence += 1
            checked += 1
        last_pk = batch[-1].sequence
    head = LedgerHead.objects.filter(pk=1).first()
    if head is not None and head.last_sequence != expected_sequence - 1:
        return checked, LedgerBreak(
            expected_sequence, None, f"records after #{expected_sequence - 1} up to #{head.last_sequence} are missing"
        )
    if head is not None and checked and head.last_hash != expected_previous:
        return checked, LedgerBreak(expected_sequence - 1, None, "the chain head does not match the last record")
    return checked, None
