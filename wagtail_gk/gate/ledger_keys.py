"""Keys of the review ledger: the MAC key that chains the records and the
Ed25519 key that signs checkpoints (docs/gate.md, "Review ledger").

- The MAC key is ``GK_LEDGER_KEY`` (bytes, or a string taken as UTF-8). When it
  is not set, a key is derived from ``SECRET_KEY`` with a label of its own, so
  the ledger MAC is never the value Django signs cookies with; the system check
  ``wagtail_gk.W121`` recommends a key of its own. The key is never stored in
  the database: each record stores only its :func:`key_id`, a fingerprint that
  names the key without revealing it. Old keys stay usable for verification
  through ``GK_LEDGER_OLD_KEYS``.
- The signing key is a PEM Ed25519 private key in ``GK_LEDGER_SIGNING_KEY_FILE``
  (``gk_ledger_seal --generate-key PATH`` writes one, mode 0600). Checkpoints
  are verified with the public key only.

The functions here are pure (no models), so the migration that upgraded the
ledger uses the same MAC as :func:`wagtail_gk.gate.ledger.record_decision`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

from django.conf import settings

from ..conf import gk_setting

GENESIS_HASH = "0" * 64
#: Versioned label mixed into every record MAC (domain separation).
MAC_LABEL = b"wagtail_gk.ledger.record.v2\n"
CHECKPOINT_LABEL = b"wagtail_gk.ledger.checkpoint.v1\n"
_DERIVE_LABEL = b"wagtail_gk.ledger: MAC key derived from SECRET_KEY"
_KEY_ID_LABEL = b"wagtail_gk.ledger: key id"


class LedgerKeyError(Exception):
    """A ledger key is missing, empty or unreadable."""


def _as_bytes(value) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return str(value).encode("utf-8")


def key_is_derived() -> bool:
    return getattr(settings, "GK_LEDGER_KEY", None) is None


def current_key() -> bytes:
    """The MAC key new records are chained with."""
    configured = getattr(settings, "GK_LEDGER_KEY", None)
    if configured is None:
        secret = _as_bytes(settings.SECRET_KEY)
        if not secret:
            raise LedgerKeyError("GK_LEDGER_KEY is not set and SECRET_KEY is empty.")
        return hmac.new(secret, _DERIVE_LABEL, hashlib.sha256).digest()
    key = _as_bytes(configured)
    if not key:
        raise LedgerKeyError("GK_LEDGER_KEY is empty.")
    return key


def key_id(key: bytes) -> str:
    """A 16-hex-digit fingerprint naming *key* (a MAC of a fixed label, so it
    reveals nothing about the key)."""
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def verification_keys() -> dict[str, bytes]:
    """Every key a record may have been chained with, by key id: the current
    key and ``GK_LEDGER_OLD_KEYS``."""
    keys = {}
    for value in gk_setting("GK_LEDGER_OLD_KEYS") or ():
        key = _as_bytes(value)
        if key:
            keys[key_id(key)] = key
    key = current_key()
    keys[key_id(key)] = key
    return keys


def canonical_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")


def record_content(entry) -> dict:
    """The fields a record's MAC covers, in a form that survives a database
    round trip. *entry* is a ledger record (the model or its historical
    version in a migration)."""
    return {
        "sequence": entry.sequence,
        "chain": entry.chain,
        "position": entry.chain_sequence,
        "key_id": entry.key_id,
        "created_at": entry.created_at.isoformat(timespec="microseconds"),
        "action": entry.action,
        "decision": entry.decision,
        "content_type_id": entry.content_type_id,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "revision_id": entry.revision_id,
        "user_id": entry.user_id,
        "username": entry.username,
        "site_id": entry.site_id,
        "site_name": entry.site_name,
        "findings": entry.findings,
        "finding_codes": entry.finding_codes,
        "reason": entry.reason,
        "previous_hash": entry.previous_hash,
    }


def record_mac(entry, key: bytes) -> str:
    return hmac.new(key, MAC_LABEL + canonical_json(record_content(entry)), hashlib.sha256).hexdigest()


def legacy_record_hash(entry) -> str:
    """The unkeyed SHA-256 of records written before the ledger used MACs
    (``key_id == ""``); kept only to verify those records."""
    content = record_content(entry)
    for name in ("chain", "position", "key_id"):
        del content[name]
    payload = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def heads_mac(heads: list[dict], key: bytes) -> str:
    """MAC of the chain heads a checkpoint seals."""
    return hmac.new(key, CHECKPOINT_LABEL + canonical_json(heads), hashlib.sha256).hexdigest()


# --- checkpoint signing (Ed25519) ------------------------------------------------------


def generate_signing_key(path: str | os.PathLike) -> tuple[Path, Path]:
    """Write a new Ed25519 private key to *path* (mode 0600, never over an
    existing file) and its public key to ``path + ".pub"``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public_path = path.with_name(path.name + ".pub")
    public_path.write_bytes(public_pem(private.public_key()))
    return path, public_path


def public_pem(public_key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def public_key_fingerprint(public_key) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_signing_key():
    """The private key of ``GK_LEDGER_SIGNING_KEY_FILE``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = gk_setting("GK_LEDGER_SIGNING_KEY_FILE")
    if not path:
        raise LedgerKeyError("GK_LEDGER_SIGNING_KEY_FILE is not set.")
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise LedgerKeyError(f"Cannot read the signing key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise LedgerKeyError(f"{path} is not an Ed25519 private key.")
    return key


def load_public_key(pem: bytes):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise LedgerKeyError("not an Ed25519 public key")
    return key


def pinned_public_keys() -> dict[str, object] | None:
    """The public keys of ``GK_LEDGER_VERIFY_KEY_FILE`` (a path or a list of
    paths) by fingerprint, or None when no key is pinned (checkpoints are then
    verified with the public key stored next to them in the sink)."""
    paths = gk_setting("GK_LEDGER_VERIFY_KEY_FILE")
    if not paths:
        return None
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    keys = {}
    for path in paths:
        try:
            key = load_public_key(Path(path).read_bytes())
        except (OSError, ValueError, LedgerKeyError) as exc:
            raise LedgerKeyError(f"Cannot read the verification key {path}: {exc}") from exc
        keys[public_key_fingerprint(key)] = key
    return keys
