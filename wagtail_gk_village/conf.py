"""Settings read by ``wagtail_gk_village``, each with its default.

Read at call time through :func:`village_setting`, so ``override_settings``
works and host projects can change a value. Reference:
``docs/reference/settings-wagtail_gk_village.md``.
"""

from django.conf import settings

DEFAULTS = {
    # Working days after a period ends by which its notice must be published,
    # used when a category does not set its own (村务公开 "期满后N个工作日内").
    "GK_VILLAGE_DEFAULT_DUE_WORKING_DAYS": 10,
    # How many months back the township schedule counts periods never published (缺公开).
    "GK_VILLAGE_SCHEDULE_LOOKBACK_MONTHS": 12,
    # Reminders go out this many working days before a period's deadline, and
    # every day once it has passed.
    "GK_VILLAGE_REMIND_WORKING_DAYS_BEFORE": 3,
    # Most rows one uploaded spreadsheet (finance statement or beneficiary list) may hold.
    "GK_VILLAGE_IMPORT_MAX_ROWS": 20000,
    # Largest spreadsheet upload, in bytes.
    "GK_VILLAGE_IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    # Largest size the parts of an uploaded XLSX may unpack to, all together;
    # checked from the zip directory before the workbook is opened (zip bombs).
    "GK_VILLAGE_IMPORT_MAX_UNPACKED_BYTES": 50 * 1024 * 1024,
    # Largest photo a village member may upload, in bytes.
    "GK_VILLAGE_PHOTO_MAX_BYTES": 10 * 1024 * 1024,
    # File extensions accepted as notice attachments from the simplified editor.
    "GK_VILLAGE_ATTACHMENT_EXTENSIONS": ["pdf", "jpg", "jpeg", "png", "docx", "xlsx"],
    # Amount above which a matter counts as major (重大事项) and must be published
    # at once; shown to village members as guidance in the editor, in yuan.
    "GK_VILLAGE_MAJOR_MATTER_THRESHOLD": 50000,
    # Sender of reminder e-mails; empty means DEFAULT_FROM_EMAIL.
    "GK_VILLAGE_REMINDER_FROM_EMAIL": "",
}


def village_setting(name: str):
    """Return the value of the ``GK_VILLAGE_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk_village setting {name}")
    return getattr(settings, name, DEFAULTS[name])
