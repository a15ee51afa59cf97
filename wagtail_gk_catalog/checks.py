"""System checks of ``wagtail_gk_catalog`` (ids ``wagtail_gk_catalog.E…``)."""

from django.core.checks import Error, register

from .conf import catalog_setting


@register()
def check_catalog_settings(app_configs, **kwargs):
    errors = []
    for name in ("GK_CATALOG_DUE_SOON_WORKING_DAYS", "GK_CATALOG_REAL_TIME_WORKING_DAYS",
                 "GK_CATALOG_IMPORT_MAX_BYTES", "GK_CATALOG_IMPORT_MAX_UNPACKED_BYTES", "GK_CATALOG_IMPORT_MAX_ROWS"):
        value = catalog_setting(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.append(Error(f"{name} must be a non-negative integer, got {value!r}.", id="wagtail_gk_catalog.E001"))
    if catalog_setting("GK_CATALOG_EXPORT_PAPER") not in ("A4", "A3"):
        errors.append(
            Error(
                "GK_CATALOG_EXPORT_PAPER must be 'A4' or 'A3', got {!r}.".format(catalog_setting("GK_CATALOG_EXPORT_PAPER")),
                id="wagtail_gk_catalog.E002",
            )
        )
    return errors
