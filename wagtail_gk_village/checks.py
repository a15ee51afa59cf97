"""System checks of ``wagtail_gk_village`` (ids ``wagtail_gk_village.E…`` and ``W…``)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from .conf import village_setting


@register()
def check_village_settings(app_configs, **kwargs):
    errors = []
    for name in (
        "GK_VILLAGE_DEFAULT_DUE_WORKING_DAYS",
        "GK_VILLAGE_SCHEDULE_LOOKBACK_MONTHS",
        "GK_VILLAGE_REMIND_WORKING_DAYS_BEFORE",
        "GK_VILLAGE_IMPORT_MAX_ROWS",
        "GK_VILLAGE_IMPORT_MAX_BYTES",
        "GK_VILLAGE_IMPORT_MAX_UNPACKED_BYTES",
        "GK_VILLAGE_PHOTO_MAX_BYTES",
    ):
        value = village_setting(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.append(Error(f"{name} must be a non-negative integer, not {value!r}.", id="wagtail_gk_village.E001"))
    if village_setting("GK_VILLAGE_SCHEDULE_LOOKBACK_MONTHS") in (0,):
        errors.append(Error("GK_VILLAGE_SCHEDULE_LOOKBACK_MONTHS must be at least 1.", id="wagtail_gk_village.E002"))
    extensions = village_setting("GK_VILLAGE_ATTACHMENT_EXTENSIONS")
    if not isinstance(extensions, list | tuple) or not all(isinstance(e, str) and e and not e.startswith(".") for e in extensions):
        errors.append(
            Error(
                "GK_VILLAGE_ATTACHMENT_EXTENSIONS must be a list of extensions without dots, e.g. ['pdf', 'jpg'].",
                id="wagtail_gk_village.E003",
            )
        )
    return errors


MIDDLEWARE_PATH = "wagtail_gk_village.middleware.VillageOnlyAdminMiddleware"


@register()
def check_village_middleware(app_configs, **kwargs):
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if MIDDLEWARE_PATH not in middleware:
        return [
            Warning(
                "Village committee members can reach admin screens other than their editor by typing the address.",
                hint=f"Add '{MIDDLEWARE_PATH}' to MIDDLEWARE after AuthenticationMiddleware and MessageMiddleware.",
                id="wagtail_gk_village.W001",
            )
        ]
    needed_before = ("django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware")
    if any(name in middleware and middleware.index(name) > middleware.index(MIDDLEWARE_PATH) for name in needed_before):
        return [
            Error(
                f"'{MIDDLEWARE_PATH}' must come after AuthenticationMiddleware and MessageMiddleware in MIDDLEWARE.",
                id="wagtail_gk_village.E004",
            )
        ]
    return []
