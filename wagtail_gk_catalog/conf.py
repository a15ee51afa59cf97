"""Settings read by ``wagtail_gk_catalog``, each with its default.

Read at call time through :func:`catalog_setting`, so ``override_settings``
works and a host project can change a value without restarting imports. The
reference is ``docs/reference/settings-wagtail_gk_catalog.md``.
"""

from django.conf import settings

DEFAULTS = {
    # Working days before its due date from which an unpublished filing counts
    # as "due soon" (即将到期) on the compliance dashboard and in reminders.
    "GK_CATALOG_DUE_SOON_WORKING_DAYS": 5,
    # Working days allowed for an item whose time limit is 实时公开 (real time):
    # 1 means "by the end of the next working day after the event".
    "GK_CATALOG_REAL_TIME_WORKING_DAYS": 1,
    # Largest accepted XLSX upload in bytes; larger files are refused unread.
    "GK_CATALOG_IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    # Largest size the parts of an uploaded XLSX may unpack to, all together;
    # checked from the zip directory before the workbook is opened (zip bombs).
    "GK_CATALOG_IMPORT_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
    # Most data rows one import may carry (all sheets together); reading stops
    # at the first row past it.
    "GK_CATALOG_IMPORT_MAX_ROWS": 20000,
    # Sender of reminder e-mails; None means Django's DEFAULT_FROM_EMAIL.
    "GK_CATALOG_REMINDER_FROM_EMAIL": None,
    # Paper size of printable XLSX exports: "A4" or "A3" (A3 suits the 13
    # channel columns of a full catalog).
    "GK_CATALOG_EXPORT_PAPER": "A3",
}


def catalog_setting(name: str):
    """Return the value of the catalog setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk_catalog setting {name}")
    return getattr(settings, name, DEFAULTS[name])
