"""The publication gate: nothing goes live while a blocking finding stands.

The gate owns, one module each:

- ``runner``: which checkers run (the ``register_gk_checker`` hook) and
  running them on a page, snippet or revision (:class:`GateReport`);
- ``extraction`` (the text of fields, StreamField blocks, inline children and
  attached documents) and ``documents`` (reading attachment files);
- ``checkers/``: the built-in checkers and their base class;
- ``guard``: refusing a publish on every path, with a message to the person;
- ``compat``: the patches of Wagtail internals the guard needs, in one place;
- ``ledger``: the review ledger (append-only hash chain) every app writes to;
- ``term_library`` (import, export, sync of the sensitive-word library) and
  ``rescan`` (re-checking live pages when the library grows);
- ``signals``, ``checks``, ``wagtail_hooks`` (registration only), ``demo``,
  ``admin_urls``, ``viewsets`` and ``views/``: the wiring and admin screens.

Its models stay in :mod:`wagtail_gk.models` (``models/gate.py``,
``models/ledger.py``) with their migrations.

The names below are importable from ``wagtail_gk.gate``; they are loaded on
first use, so importing ``wagtail_gk.gate.checkers`` does not pull in the
runner and the models it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {
    "UNREADABLE_CODE": "runner",
    "GateReport": "runner",
    "dismissed_fingerprints": "runner",
    "finding_fingerprint": "runner",
    "get_checkers": "runner",
    "run_checkers": "runner",
    "run_checks": "runner",
    "run_workflow_check": "runner",
    "PublicationBlocked": "guard",
    "check_before_publish": "guard",
    "refusals_reported_to": "guard",
}

__all__ = [
    "UNREADABLE_CODE",
    "GateReport",
    "PublicationBlocked",
    "check_before_publish",
    "dismissed_fingerprints",
    "finding_fingerprint",
    "get_checkers",
    "refusals_reported_to",
    "run_checkers",
    "run_checks",
    "run_workflow_check",
]

if TYPE_CHECKING:
    from .guard import PublicationBlocked, check_before_publish, refusals_reported_to
    from .runner import (
        UNREADABLE_CODE,
        GateReport,
        dismissed_fingerprints,
        finding_fingerprint,
        get_checkers,
        run_checkers,
        run_checks,
        run_workflow_check,
    )


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
