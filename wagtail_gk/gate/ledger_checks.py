"""System checks of the review ledger's settings (ids wagtail_gk.E14x, W14x;
docs/reference/settings-wagtail_gk.md)."""

from __future__ import annotations

from django.core.checks import Error, Warning, register

from ..conf import gk_setting


@register()
def check_ledger_settings(app_configs=None, **kwargs):
    from .ledger_keys import (
        LedgerKeyError,
        current_key,
        key_is_derived,
        load_signing_key,
        pinned_public_keys,
    )
    from .ledger_sinks import SinkError, get_sink, sink_configured

    messages = []
    try:
        key = current_key()
    except LedgerKeyError as exc:
        return [Error(str(exc), hint="Set GK_LEDGER_KEY to a long random value kept outside the database.", id="wagtail_gk.E140")]
    if key_is_derived():
        messages.append(
            Warning(
                "GK_LEDGER_KEY is not set: the review ledger's MAC key is derived from SECRET_KEY.",
                hint="Give the ledger a key of its own (e.g. from the environment); changing SECRET_KEY "
                "would otherwise need the old derived key in GK_LEDGER_OLD_KEYS. See docs/gate.md, \"Review ledger\".",
                id="wagtail_gk.W140",
            )
        )
    elif len(key) < 32:
        messages.append(Warning("GK_LEDGER_KEY is shorter than 32 bytes.", hint="Use at least 32 random bytes.", id="wagtail_gk.W141"))
    chains = gk_setting("GK_LEDGER_CHAINS")
    if not isinstance(chains, int) or isinstance(chains, bool) or not 1 <= chains <= 1024:
        messages.append(Error(f"GK_LEDGER_CHAINS must be an integer from 1 to 1024, not {chains!r}.", id="wagtail_gk.E141"))
    if not sink_configured():
        messages.append(
            Warning(
                "GK_LEDGER_CHECKPOINT_SINK has no path: the review ledger is not sealed, so deleted newest records "
                "cannot be detected once the head row is reset.",
                hint="Set GK_LEDGER_CHECKPOINT_SINK['OPTIONS']['path'] and GK_LEDGER_SIGNING_KEY_FILE, and run "
                "manage.py gk_ledger_seal from cron.",
                id="wagtail_gk.W142",
            )
        )
    else:
        try:
            get_sink()
        except SinkError as exc:
            messages.append(Error(str(exc), id="wagtail_gk.E142"))
    if gk_setting("GK_LEDGER_SIGNING_KEY_FILE"):
        try:
            load_signing_key()
        except LedgerKeyError as exc:
            messages.append(Error(str(exc), hint="Create one with manage.py gk_ledger_seal --generate-key PATH.", id="wagtail_gk.E143"))
    try:
        pinned_public_keys()
    except LedgerKeyError as exc:
        messages.append(Error(str(exc), id="wagtail_gk.E144"))
    return messages
