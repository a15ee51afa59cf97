"""System checks of ``wagtail_gk_interaction`` (ids ``wagtail_gk_interaction.E…`` / ``W…``)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from wagtail_gk.intake.antispam import parse_rate

from .conf import interaction_setting


@register()
def check_rates(app_configs, **kwargs):
    errors = []
    for name in ("GK_INTERACTION_INTAKE_RATE", "GK_INTERACTION_STATUS_RATE"):
        try:
            parse_rate(interaction_setting(name))
        except (ValueError, KeyError, IndexError):
            errors.append(
                Error(f"{name} = {interaction_setting(name)!r} is not a rate like '10/h'.", hint="Use '<count>/<s|m|h|d>'.", id="wagtail_gk_interaction.E001")
            )
    return errors


@register()
def check_kinds(app_configs, **kwargs):
    """Each kind of letter has a reply limit of at least one working day."""
    kinds = interaction_setting("GK_INTERACTION_KINDS")
    if not isinstance(kinds, dict):
        return [Error("GK_INTERACTION_KINDS must be a dict {code: {label, reply_days, anonymous}}.", id="wagtail_gk_interaction.E002")]
    from .conf import letter_kinds

    errors = []
    try:
        resolved = letter_kinds()
    except (TypeError, ValueError, KeyError) as exc:
        return [Error(f"GK_INTERACTION_KINDS cannot be read: {exc}.", id="wagtail_gk_interaction.E002")]
    for code, kind in resolved.items():
        if kind.reply_days < 1 or len(code) > 20:
            errors.append(
                Error(f"Kind {code!r}: the code must have at most 20 characters and reply_days be at least 1.", id="wagtail_gk_interaction.E002")
            )
    for name in ("GK_INTERACTION_MAX_EXTENSION_DAYS", "GK_INTERACTION_ALARM_MONTHS", "GK_INTERACTION_LEADER_REPLY_DAYS"):
        value = interaction_setting(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors.append(Error(f"{name} = {value!r} must be a whole number of at least 1.", id="wagtail_gk_interaction.E003"))
    return errors


@register()
def check_tracking_number_format(app_configs, **kwargs):
    pattern = interaction_setting("GK_INTERACTION_TRACKING_NUMBER_FORMAT")
    try:
        pattern.format(year=2026, serial=1)
        ok = "{serial" in pattern and "{year" in pattern
    except (KeyError, IndexError, ValueError, AttributeError):
        ok = False
    if ok:
        return []
    return [
        Error(
            f"GK_INTERACTION_TRACKING_NUMBER_FORMAT {pattern!r} must format with {{year}} and {{serial}} and contain both.",
            id="wagtail_gk_interaction.E004",
        )
    ]


@register()
def check_protection_enabled(app_configs, **kwargs):
    warnings = []
    if not settings.DEBUG:
        for name in ("GK_INTERACTION_CAPTCHA_ENABLED", "GK_INTERACTION_RATE_LIMITS_ENABLED"):
            if not interaction_setting(name):
                warnings.append(
                    Warning(
                        f"{name} is off: the public letter forms are unprotected.",
                        hint="Turn it off only in benchmark or test settings.",
                        id="wagtail_gk_interaction.W001",
                    )
                )
    return warnings
