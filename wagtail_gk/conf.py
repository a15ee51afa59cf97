"""Settings read by ``wagtail_gk``, each with its default.

Every setting is read at call time through :func:`gk_setting`, so
``override_settings`` works in tests and host projects can change a value
without restarting imports. The full reference is ``docs/reference/settings.md``.
"""

from django.conf import settings

DEFAULTS = {
    # Pattern of an openness index number (索引号). Placeholders: agency_code,
    # year, serial. Serials are allocated per (agency_code, year) and never repeat.
    "GK_INDEX_NUMBER_PATTERN": "{agency_code}/{year}-{serial:05d}",
    # Agency code used when a page has no publishing agency with a code.
    "GK_DEFAULT_AGENCY_CODE": "000000000",
    # Seconds a process keeps a year of the working-day calendar in memory
    # before re-reading it; saves in the same process clear it at once.
    "GK_CALENDAR_CACHE_SECONDS": 60,
    # (month, day) from which the office is reminded, on the dashboard and by
    # e-mail, to import next year's holiday schedule (published Oct/Nov).
    "GK_CALENDAR_REMINDER_FROM": (11, 1),
    # Elasticsearch server for the policy library; empty means the database backend.
    "GK_ELASTICSEARCH_URL": "",
    # Absolute base URL (scheme and host) for links printed on posters and in
    # notifications when no request is at hand, e.g. "https://www.xxx.gov.cn".
    "GK_PUBLIC_BASE_URL": "",
    # --- Publication gate ---
    # Codes of checkers (built-in or registered through ``register_gk_checker``)
    # that the gate must not run, e.g. ["classification_marker"].
    "GK_GATE_DISABLED_CHECKERS": [],
    # Severity ("warn" or "block") of the finding given when an attachment cannot
    # be checked: corrupt, password-protected, scanned without a text layer,
    # too large or of an unsupported format.
    "GK_GATE_UNREADABLE_SEVERITY": "warn",
    # Severity of the finding given when a checker itself fails; "block" keeps the
    # gate closed when a check could not run.
    "GK_GATE_CHECKER_ERROR_SEVERITY": "block",
    # Attachments larger than this many bytes are not read (a finding says so).
    "GK_GATE_MAX_DOCUMENT_BYTES": 20 * 1024 * 1024,
    # Whether documents attached to or linked from a page are checked too.
    "GK_GATE_CHECK_DOCUMENTS": True,
    # How the text of a PDF is read: "auto" uses poppler's ``pdftotext`` when it
    # is installed (about ten times faster than pypdf on text-dense files) and
    # pypdf otherwise; "pdftotext" or "pypdf" forces one.
    "GK_GATE_PDF_EXTRACTOR": "auto",
    # Seconds after which ``pdftotext`` is stopped; the file is then reported
    # as not checked rather than holding up the editor.
    "GK_GATE_PDF_TIMEOUT": 60,
    # Attachments of one page read at the same time (pdftotext runs outside
    # the interpreter, so several files use several cores).
    "GK_GATE_EXTRACTION_WORKERS": 4,
    # Characters of context kept on each side of a match in a finding's excerpt.
    "GK_GATE_EXCERPT_CONTEXT": 12,
    # Severity per kind of personal data found by the personal-data checker.
    "GK_GATE_PERSONAL_DATA_SEVERITY": {
        "id_number": "block",
        "id_number_old": "block",
        "bank_card": "block",
        "mobile": "warn",
    },
    # URL of the regional office's shared sensitive-word library (JSON or TXT);
    # empty disables the remote sync.
    "GK_GATE_SYNC_URL": "",
    # Hours between two syncs when ``gk_sync_sensitive_terms --if-due`` runs from cron.
    "GK_GATE_SYNC_INTERVAL_HOURS": 24,
    # Seconds to wait for the remote library server.
    "GK_GATE_SYNC_TIMEOUT": 30,
    # Whether adding terms to the library starts a re-scan of live pages.
    "GK_GATE_RESCAN_ON_LIBRARY_CHANGE": True,
}


def gk_setting(name: str):
    """Return the value of the ``GK_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk setting {name}")
    return getattr(settings, name, DEFAULTS[name])
