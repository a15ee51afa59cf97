"""Signed checkpoints of the review ledger (docs/gate.md, "Review ledger").

``manage.py gk_ledger_seal`` verifies what was added since the last
checkpoint and writes a new one to the sink of ``GK_LEDGER_CHECKPOINT_SINK``:
a JSON document with its sequence number, the time, the end (position,
sequence number, MAC) of every chain, a MAC over those ends with the ledger
key (``head_mac``), the SHA-256 of the previous checkpoint and an Ed25519
signature over all of it. Like the digest files of AWS CloudTrail or the
signed tree heads of Certificate Transparency, it lets a later verification
prove that records it covers are still there, unchanged, even when the
database (head rows included) has been rewritten.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .ledger_keys import (
    canonical_json,
    current_key,
    heads_mac,
    key_id,
    load_public_key,
    load_signing_key,
    pinned_public_keys,
    public_key_fingerprint,
    public_pem,
)
from .ledger_sinks import SinkError, get_sink, sink_configured

FORMAT = "wagtail-gk-ledger-checkpoint/1"


class SealRefused(Exception):
    """The ledger does not verify (or the keys or sink are unusable); nothing was written."""

    def __init__(self, message: str, problems=()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    created_at: str
    chains: list  # [{"chain", "position", "sequence", "mac"}], by chain
    digest: str  # SHA-256 of the stored document
    body: dict


def _problem(sequence: int, message: str, **extra):
    from .ledger_verify import LedgerBreak

    text = (_("Checkpoint #%(checkpoint)d: ") % {"checkpoint": sequence}) + message % extra
    return LedgerBreak(0, None, text, "checkpoint")


def _parse(sequence: int, data: bytes, keys, pinned, sink, previous: Checkpoint | None):
    """Return (Checkpoint or None, problem or None) for one stored document."""
    from cryptography.exceptions import InvalidSignature

    try:
        body = json.loads(data)
        signature = base64.b64decode(body.pop("signature"), validate=True)
        fingerprint = body["signing_key"]
        chains = body["chains"]
        if body.get("format") != FORMAT or body["sequence"] != sequence:
            raise ValueError("format or sequence")
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None, _problem(sequence, _("not a ledger checkpoint (unreadable or altered)"))
    if pinned is not None:
        public = pinned.get(fingerprint)
        if public is None:
            return None, _problem(
                sequence, _("signed with key %(fingerprint)s, not with the key of GK_LEDGER_VERIFY_KEY_FILE (forged)"), fingerprint=fingerprint
            )
    else:
        pem = sink.read_public_key(str(fingerprint))
        if pem is None:
            return None, _problem(sequence, _("the public key %(fingerprint)s it was signed with is not in the sink"), fingerprint=fingerprint)
        public = load_public_key(pem)
        if public_key_fingerprint(public) != fingerprint:
            return None, _problem(sequence, _("the public key stored for %(fingerprint)s does not match its name"), fingerprint=fingerprint)
    try:
        public.verify(signature, canonical_json(body))
    except InvalidSignature:
        return None, _problem(sequence, _("its signature does not verify (forged or altered)"))
    checkpoint = Checkpoint(sequence, body["created_at"], chains, hashlib.sha256(data).hexdigest(), body)
    mac_key = keys.get(body.get("key_id"))
    if mac_key is None:
        return checkpoint, _problem(
            sequence, _("made with ledger key %(key_id)s, which is not configured (wrong key)"), key_id=body.get("key_id")
        )
    if heads_mac(chains, mac_key) != body.get("head_mac"):
        return checkpoint, _problem(sequence, _("its head MAC does not match its chain ends (forged)"))
    expected_previous = previous.digest if previous is not None else None
    if body.get("previous") != expected_previous:
        return checkpoint, _problem(sequence, _("it does not follow the checkpoint before it (a checkpoint was replaced)"))
    if previous is not None:
        before = {item["chain"]: item["position"] for item in previous.chains}
        if any(item["position"] < before.get(item["chain"], 0) for item in chains) or set(before) - {i["chain"] for i in chains}:
            return checkpoint, _problem(sequence, _("it covers fewer records than the checkpoint before it"))
    return checkpoint, None


def load_checkpoints(keys: dict) -> tuple[list[Checkpoint], list, list[str]]:
    """Read and verify every checkpoint in the sink. Returns (checkpoints that
    verified, problems, notices)."""
    if not sink_configured():
        return [], [], [_("No checkpoint sink is configured (GK_LEDGER_CHECKPOINT_SINK): deleted newest records cannot be detected once the head row is reset.")]
    try:
        sink = get_sink()
        pinned = pinned_public_keys()
        sequences = sink.sequences()
    except Exception as exc:  # noqa: BLE001 — a broken sink is reported, not raised
        return [], [_problem(0, _("the checkpoint sink cannot be read: %(error)s"), error=str(exc))], []
    if not sequences:
        return [], [], [_("The checkpoint sink holds no checkpoint yet (run manage.py gk_ledger_seal).")]
    checkpoints, problems, previous = [], [], None
    for expected, sequence in enumerate(sequences, start=1):
        if sequence != expected:
            problems.append(_problem(expected, _("missing from the sink (deleted)")))
            break
        try:
            data = sink.read(sequence)
        except SinkError as exc:
            problems.append(_problem(sequence, _("the checkpoint sink cannot be read: %(error)s"), error=str(exc)))
            break
        checkpoint, problem = _parse(sequence, data, keys, pinned, sink, previous)
        if problem is not None:
            problems.append(problem)
            break
        checkpoints.append(checkpoint)
        previous = checkpoint
    return checkpoints, problems, []


def _repair_missing_heads() -> int:
    """Rebuild the head rows of chains that have records but no head row
    (each rebuild is recorded), so the seal can cover them."""
    from django.db import connection

    from ..models.ledger import LedgerEntry, LedgerHead
    from .ledger import _create_head, _pg_try_opening

    missing = set(LedgerEntry.objects.values_list("chain", flat=True).distinct()) - set(
        LedgerHead.objects.values_list("chain", flat=True)
    )
    for chain in sorted(missing):
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _pg_try_opening(chain, wait=True)
            _create_head(chain)
    return len(missing)


def seal(*, full: bool = False, force: bool = False) -> tuple[Checkpoint | None, str]:
    """Verify the records added since the last checkpoint (all with *full*)
    and write a checkpoint of every chain's end. Returns (the checkpoint, or
    None when nothing changed and not *force*; where it was written).
    Raises :class:`SealRefused` and writes nothing when anything does not verify."""
    from .ledger_keys import LedgerKeyError, verification_keys
    from .ledger_sinks import CheckpointExists
    from .ledger_verify import ChainEnd, verify

    if not sink_configured():
        raise SealRefused(_("GK_LEDGER_CHECKPOINT_SINK is not configured; there is nowhere to write the checkpoint."))
    try:
        signing_key = load_signing_key()
        sink = get_sink()
    except (LedgerKeyError, SinkError) as exc:
        raise SealRefused(str(exc)) from exc
    _repair_missing_heads()
    for _attempt in range(3):
        sequences = sink.sequences()
        loaded = load_checkpoints(verification_keys())
        if loaded[1]:
            raise SealRefused(_("The checkpoints do not verify; nothing was written."), loaded[1])
        start = None
        if loaded[0] and not full:
            start = {
                item["chain"]: ChainEnd(item["chain"], item["position"], item["sequence"], item["mac"])
                for item in loaded[0][-1].chains
            }
        report = verify(start=start, loaded_checkpoints=loaded)
        if report.problems:
            raise SealRefused(_("The ledger does not verify; nothing was written."), report.problems)
        latest = report.checkpoints[-1] if report.checkpoints else None
        ends = [
            {"chain": end.chain, "position": end.position, "sequence": end.sequence, "mac": end.mac}
            for end in sorted(report.ends.values(), key=lambda e: e.chain)
        ]
        if latest is not None and not force and ends == latest.chains:
            return None, ""
        key = current_key()
        public = signing_key.public_key()
        fingerprint = public_key_fingerprint(public)
        number = (sequences[-1] if sequences else 0) + 1
        body = {
            "format": FORMAT,
            "sequence": number,
            "created_at": timezone.now().isoformat(timespec="microseconds"),
            "chains": ends,
            "key_id": key_id(key),
            "head_mac": heads_mac(ends, key),
            "previous": latest.digest if latest is not None else None,
            "signing_key": fingerprint,
        }
        body["signature"] = base64.b64encode(signing_key.sign(canonical_json(body))).decode()
        data = json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"
        try:
            sink.write_public_key(fingerprint, public_pem(public))
            location = sink.write(number, data)
        except CheckpointExists:
            continue  # a concurrent seal took this number: verify again and take the next
        except SinkError as exc:
            raise SealRefused(str(exc)) from exc
        checkpoint = Checkpoint(number, body["created_at"], ends, hashlib.sha256(data).hexdigest(), body)
        return checkpoint, location
    raise SealRefused(_("Another seal kept writing checkpoints at the same time; try again."))
