"""Query codes and the keyed hashes kept instead of secrets.

A query code is shown to the applicant once; only :func:`keyed_hash` of it
is stored. Each app passes its own *salt* (``"wagtail_gk_foia"``), so a hash
made for one app means nothing to another.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

from django.conf import settings

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 12
# 12 × log2(31) ≈ 59.4 bits: with a status look-up's limits, guessing one
# code takes millions of years even from a million addresses. Codes are
# drawn with ``secrets`` (uniform).
QUERY_CODE_BITS = QUERY_CODE_LENGTH * math.log2(len(QUERY_CODE_ALPHABET))


def new_query_code() -> str:
    """A secret of QUERY_CODE_LENGTH symbols (QUERY_CODE_BITS of entropy),
    shown once to the applicant, as three groups of four."""
    raw = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _i in range(QUERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, QUERY_CODE_LENGTH, 4))


def normalise_query_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def keyed_hash(salt: str, purpose: str, value: str) -> str:
    """HMAC-SHA256 of *value* under a key derived from SECRET_KEY, *salt* and *purpose*."""
    key = hashlib.sha256(f"{salt}.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def hash_query_code(salt: str, code: str) -> str:
    """Keyed hash of a query code: a fast HMAC is enough for a random 59-bit secret."""
    return keyed_hash(salt, "query-code", normalise_query_code(code))


def query_code_matches(salt: str, expected_hash: str | None, code: str) -> bool:
    """Constant-time comparison of *code* with the stored *expected_hash*;
    with none (no such record) compares against a dummy, so timing does not
    tell whether a tracking number exists."""
    dummy = keyed_hash(salt, "dummy", "0")
    expected = expected_hash if expected_hash is not None else dummy
    return hmac.compare_digest(expected, hash_query_code(salt, code)) and expected_hash is not None
