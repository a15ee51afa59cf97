"""System checks of ``wagtail_gk_foia`` (ids ``wagtail_gk_foia.E…`` / ``W…``)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from .conf import OBSOLETE, foia_setting, parse_rate, status_lookup_limits


@register()
def check_rates(app_configs, **kwargs):
    errors = []
    for name in ("GK_FOIA_INTAKE_RATE", "GK_FOIA_STATUS_RATE"):
        try:
            parse_rate(foia_setting(name))
        except (ValueError, KeyError, IndexError):
            errors.append(
                Error(
                    f"{name} = {foia_setting(name)!r} is not a rate like '10/h'.",
                    hint="Use '<count>/<s|m|h|d>'.",
                    id="wagtail_gk_foia.E001",
                )
            )
    return errors


@register()
def check_status_lookup(app_configs, **kwargs):
    """The status look-up's limits are positive whole numbers (E004); the old
    lock setting is reported, with what it now means (W003)."""
    messages = []
    for name in (
        "GK_FOIA_STATUS_FREE_FAILURES", "GK_FOIA_STATUS_BACKOFF_MAX",
        "GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER", "GK_FOIA_STATUS_FAILURE_WINDOW",
    ):
        value = foia_setting(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            messages.append(
                Error(f"{name} = {value!r} must be a whole number of at least 1.", id="wagtail_gk_foia.E004")
            )
    for name in OBSOLETE:
        if hasattr(settings, name):
            try:
                limits = status_lookup_limits()
                meaning = (
                    f"it is read as GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER = {limits.number_captcha_after} and "
                    f"GK_FOIA_STATUS_FAILURE_WINDOW = {limits.failure_window} (the question, never a lock)"
                )
            except (TypeError, ValueError):
                meaning = "it is ignored"
            messages.append(
                Warning(
                    f"{name} is obsolete: wrong query codes no longer lock a tracking number; {meaning}.",
                    hint="Remove it; set GK_FOIA_STATUS_FREE_FAILURES, GK_FOIA_STATUS_BACKOFF_MAX, "
                    "GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER or GK_FOIA_STATUS_FAILURE_WINDOW instead "
                    "(docs/foia.md, \"The status look-up\").",
                    id="wagtail_gk_foia.W003",
                )
            )
    return messages


@register()
def check_number_formats(app_configs, **kwargs):
    errors = []
    tracking = foia_setting("GK_FOIA_TRACKING_NUMBER_FORMAT")
    try:
        tracking.format(year=2026, serial=1)
        ok = "{serial" in tracking and "{year" in tracking
    except (KeyError, IndexError, ValueError):
        ok = False
    if not ok:
        errors.append(
            Error(
                f"GK_FOIA_TRACKING_NUMBER_FORMAT {tracking!r} must format with {{year}} and {{serial}} and contain both.",
                id="wagtail_gk_foia.E002",
            )
        )
    number = foia_setting("GK_FOIA_DOCUMENT_NUMBER_FORMAT")
    try:
        number.format(prefix="X", year=2026, serial=1)
        ok = "{serial" in number and "{year" in number
    except (KeyError, IndexError, ValueError):
        ok = False
    if not ok:
        errors.append(
            Error(
                f"GK_FOIA_DOCUMENT_NUMBER_FORMAT {number!r} must format with {{prefix}}, {{year}} and {{serial}}.",
                id="wagtail_gk_foia.E003",
            )
        )
    return errors


@register()
def check_protection_enabled(app_configs, **kwargs):
    warnings = []
    if not settings.DEBUG:
        for name in ("GK_FOIA_CAPTCHA_ENABLED", "GK_FOIA_RATE_LIMITS_ENABLED"):
            if not foia_setting(name):
                warnings.append(
                    Warning(
                        f"{name} is off: the public disclosure-request forms are unprotected.",
                        hint="Turn it off only in benchmark or test settings.",
                        id="wagtail_gk_foia.W001",
                    )
                )
    return warnings


@register()
def check_private_root(app_configs, **kwargs):
    """Identity proofs must not land where the web server serves MEDIA_ROOT."""
    import os

    from .storage import private_storage

    private = os.path.abspath(private_storage.location)
    media = os.path.abspath(str(settings.MEDIA_ROOT or ""))
    if media and (private == media or private.startswith(media + os.sep)):
        return [
            Warning(
                f"GK_FOIA_PRIVATE_ROOT ({private}) is inside MEDIA_ROOT ({media}): applicants' identity proofs "
                "and documents could be downloaded by URL.",
                hint="Point GK_FOIA_PRIVATE_ROOT to a folder outside MEDIA_ROOT that the web server does not serve.",
                id="wagtail_gk_foia.W002",
            )
        ]
    return []
