"""The applicant's query code and the keyed hashes kept instead of secrets:
core's shared intake (:mod:`wagtail_gk.intake.secrets`) under this app's salt."""

from __future__ import annotations

from wagtail_gk.intake.secrets import (  # noqa: F401  (the shared query code, re-exported)
    QUERY_CODE_ALPHABET,
    QUERY_CODE_BITS,
    QUERY_CODE_LENGTH,
    keyed_hash,
    new_query_code,
    normalise_query_code,
)
from wagtail_gk.intake.secrets import hash_query_code as core_hash_query_code
from wagtail_gk.intake.secrets import query_code_matches as core_query_code_matches

from ..models import DisclosureRequest

SALT = "wagtail_gk_foia"


def _keyed_hash(purpose: str, value: str) -> str:
    return keyed_hash(SALT, purpose, value)


def hash_query_code(code: str) -> str:
    """Keyed hash of a query code: a fast HMAC is enough for a random 59-bit secret."""
    return core_hash_query_code(SALT, code)


def query_code_matches(req: DisclosureRequest | None, code: str) -> bool:
    """Constant-time comparison; with no request, compares against a dummy so
    timing does not tell whether a tracking number exists (the dummy is
    computed on both paths, so both do the same work)."""
    return core_query_code_matches(SALT, req.query_code_hash if req is not None else None, code)


def applicant_key_for(id_number: str) -> str:
    """Pseudonymous key grouping one applicant's requests (fees per month, repeats)."""
    return _keyed_hash("applicant", "".join((id_number or "").upper().split()))
