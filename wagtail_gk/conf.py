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
    # Page types (model labels, e.g. "home.SectionPage") under which the suite's
    # section pages (政策库, 依申请公开, 标准目录, 村务公开) may be created at any
    # depth; by default only at a site root and directly under its top-level pages.
    "GK_SECTION_PARENT_PAGE_TYPES": [],
    # Elasticsearch server for the policy library; empty means the database backend.
    "GK_ELASTICSEARCH_URL": "",
    # Absolute base URL (scheme and host) for links printed on posters and in
    # notifications when no request is at hand, e.g. "https://www.xxx.gov.cn".
    # The public base URL of one Wagtail Site is set in the admin (Settings ›
    # Government website details › Public base URL); see wagtail_gk/links.py.
    "GK_PUBLIC_BASE_URL": "",
    # --- Generated PDFs (wagtail_gk/pdf.py) ---
    # A TrueType (.ttf/.ttc) Chinese font to embed in every generated PDF;
    # empty: the packaged WenQuanYi Micro Hei, else a system font.
    "GK_PDF_FONT_FILE": "",
    # Bleed in millimetres added on every side of posters and village boards
    # for a print shop (3 is usual); 0 prints the exact A4/A3 sheet.
    "GK_PRINT_BLEED_MM": 0,
    # --- Publication gate ---
    # Codes of checkers (built-in or registered through ``register_gk_checker``)
    # that the gate must not run, e.g. ["classification_marker"].
    "GK_GATE_DISABLED_CHECKERS": [],
    # Severity ("warn" or "block") of the finding given when an attachment cannot
    # be checked: corrupt, password-protected, too large, too deeply nested, of
    # an unsupported format, or needing a reader that is not installed. A
    # reviewer with the dismissal permission can dismiss it with a reason.
    "GK_GATE_UNREADABLE_SEVERITY": "block",
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
    # Seconds a file's reading may spend on OCR while a person waits (check on
    # save, publish), counted from the start of reading the file; a file needing
    # more is read by a background task and blocks until then. 0.8 keeps the
    # whole read, stopping the OCR process included, under 1 s.
    "GK_GATE_OCR_SYNC_SECONDS": 0.8,
    # "tesseract" reads images and scanned PDF pages; "off" reports them as
    # not checked.
    "GK_GATE_OCR_ENGINE": "tesseract",
    # Tesseract languages ("+"-separated); chi_sim reads Simplified Chinese and digits.
    "GK_GATE_OCR_LANGUAGES": "chi_sim",
    # Seconds after which OCR of one page is stopped (the file is then not checked).
    "GK_GATE_OCR_TIMEOUT": 120,
    # Pages (PDF pages without text, image frames) read by OCR in one file at most.
    "GK_GATE_OCR_MAX_PAGES": 50,
    # Images of more pixels than this are not decoded (a decompression bomb, or
    # far beyond a 600 dpi A3 scan).
    "GK_GATE_OCR_MAX_PIXELS": 80_000_000,
    # Archives: how deep archives inside archives are opened, how many files are
    # read in all, the bytes unpacked in all, and the packing ratio above which
    # a member larger than 1 MB counts as a zip bomb. The unpacked cap also
    # bounds the XML parts of DOCX/XLSX/ODF/OFD files.
    "GK_GATE_ARCHIVE_MAX_DEPTH": 5,
    "GK_GATE_ARCHIVE_MAX_MEMBERS": 2000,
    "GK_GATE_ARCHIVE_MAX_UNPACKED_BYTES": 200 * 1024 * 1024,
    "GK_GATE_ARCHIVE_MAX_RATIO": 200,
    # The LibreOffice program (for .wps/.dps, .ppt and files the lighter
    # readers fail on) and the seconds after which a conversion is stopped.
    "GK_GATE_LIBREOFFICE_BINARY": "soffice",
    "GK_GATE_LIBREOFFICE_TIMEOUT": 90,
    # Address-space cap in MB for each external reader (pdftotext, antiword,
    # tesseract, LibreOffice), so that a hostile file cannot exhaust memory.
    "GK_GATE_TOOL_MEMORY_MB": 3072,
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
    # Shortest sensitive-word term (in characters, once normalised) the library
    # accepts; one-character terms would flag nearly every page.
    "GK_GATE_TERM_MIN_LENGTH": 2,
    # A term found on more than ``share`` of the sampled live pages (and on at
    # least ``min_pages`` of them) is refused, with the number of pages it would
    # flag; ``sample`` live pages at most are read for the estimate.
    "GK_GATE_BROAD_TERM_LIMIT": {"share": 0.5, "min_pages": 10, "sample": 300},
    # Largest term-list file (bytes) an import or remote sync accepts.
    "GK_GATE_TERM_IMPORT_MAX_BYTES": 4 * 1024 * 1024,
    # Largest size the parts of an uploaded XLSX term list may unpack to, all
    # together; checked from the zip directory before the workbook is opened.
    "GK_GATE_TERM_IMPORT_MAX_UNPACKED_BYTES": 32 * 1024 * 1024,
    # Most terms one import or remote sync may carry.
    "GK_GATE_TERM_IMPORT_MAX_TERMS": 50_000,
    # --- Review ledger (docs/gate.md, "Review ledger") ---
    # GK_LEDGER_KEY (bytes or str) is the MAC key of the ledger chains; it has
    # no entry here: unset means a key derived from SECRET_KEY (check W121).
    # Keys records were chained with before a rotation, for verification only.
    "GK_LEDGER_OLD_KEYS": [],
    # Independent chains new records are spread over (one head row each).
    "GK_LEDGER_CHAINS": 8,
    # PEM Ed25519 private key that gk_ledger_seal signs checkpoints with.
    "GK_LEDGER_SIGNING_KEY_FILE": "",
    # Public key file(s) checkpoints must be signed with; empty means the
    # public key the sink stores next to the checkpoints.
    "GK_LEDGER_VERIFY_KEY_FILE": "",
    # Where gk_ledger_seal writes checkpoints (outside the database).
    "GK_LEDGER_CHECKPOINT_SINK": {
        "BACKEND": "wagtail_gk.gate.ledger_sinks.DirectorySink",
        "OPTIONS": {"path": ""},
    },
}


def gk_setting(name: str):
    """Return the value of the ``GK_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk setting {name}")
    return getattr(settings, name, DEFAULTS[name])
