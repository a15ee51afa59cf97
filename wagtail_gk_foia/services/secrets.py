"""The applicant's query code and the keyed hashes kept instead of secrets."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

from django.conf import settings

from ..models import DisclosureRequest

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 12
# 12 × log2(31) ≈ 59.4 bits: with the status look-up's limits, guessing one
# code takes millions of years even from a million addresses (docs/foia.md,
# "The status look-up"). Codes are drawn with ``secrets`` (uniform).
QUERY_CODE_BITS = QUERY_CODE_LENGTH * math.log2(len(QUERY_CODE_ALPHABET))


def new_query_code() -> str:
    """A secret of QUERY_CODE_LENGTH symbols (QUERY_CODE_BITS of entropy),
    shown once to the applicant, as three groups of four."""
    raw = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _i in range(QUERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, QUERY_CODE_LENGTH, 4))


def normalise_query_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _keyed_hash(purpose: str, value: str) -> str:
    key = hashlib.sha256(f"wagtail_gk_foia.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def hash_query_code(code: str) -> str:
    """Keyed hash of a query code: a fast HMAC is enough for a random 59-bit secret."""
    return _keyed_hash("query-code", normalise_query_code(code))


def query_code_matches(req: DisclosureRequest | None, code: str) -> bool:
    """Constant-time comparison; with no request, compares against a dummy so
    timing does not tell whether a tracking number exists (the dummy is
    computed on both paths, so both do the same work)."""
    dummy = _keyed_hash("dummy", "0")
    expected = req.query_code_hash if req is not None else dummy
    return hmac.compare_digest(expected, hash_query_code(code)) and req is not None


def applicant_key_for(id_number: str) -> str:
    """Pseudonymous key grouping one applicant's requests (fees per month, repeats)."""
    return _keyed_hash("applicant", "".join((id_number or "").upper().split()))
