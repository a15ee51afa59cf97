"""System checks of the publication gate: its settings and its patches of Wagtail (ids wagtail_gk.E1xx, W1xx and I1xx)."""

from django.core.checks import Error, Info, Warning, register

from ..conf import gk_setting

SEVERITIES = ("warn", "block")


@register()
def check_gate_settings(app_configs=None, **kwargs):
    errors = []
    for name in ("GK_GATE_UNREADABLE_SEVERITY", "GK_GATE_CHECKER_ERROR_SEVERITY"):
        if gk_setting(name) not in SEVERITIES:
            errors.append(Error(f"{name} must be 'warn' or 'block', not {gk_setting(name)!r}.", id="wagtail_gk.E101"))
    personal = gk_setting("GK_GATE_PERSONAL_DATA_SEVERITY")
    bad = {kind: value for kind, value in dict(personal).items() if value not in SEVERITIES} if isinstance(personal, dict) else personal
    if bad:
        errors.append(
            Error(f"GK_GATE_PERSONAL_DATA_SEVERITY must map kinds to 'warn' or 'block'; invalid: {bad!r}.", id="wagtail_gk.E102")
        )
    url = gk_setting("GK_GATE_SYNC_URL")
    if url and not str(url).lower().startswith(("http://", "https://")):
        errors.append(Error(f"GK_GATE_SYNC_URL must start with http:// or https://, not {url!r}.", id="wagtail_gk.E103"))
    return errors


@register()
def check_pdf_extractor(app_configs, **kwargs):
    from .documents import pdftotext_binary

    choice = gk_setting("GK_GATE_PDF_EXTRACTOR")
    if choice not in ("auto", "pdftotext", "pypdf"):
        return [Error(f"GK_GATE_PDF_EXTRACTOR is {choice!r}; use 'auto', 'pdftotext' or 'pypdf'.", id="wagtail_gk.E104")]
    if choice != "pypdf" and pdftotext_binary() is None:
        hint = "Install poppler (Debian/Ubuntu: apt install poppler-utils poppler-data) or set GK_GATE_PDF_EXTRACTOR = 'pypdf'."
        if choice == "pdftotext":
            return [Error("GK_GATE_PDF_EXTRACTOR is 'pdftotext' but pdftotext is not on PATH.", hint=hint, id="wagtail_gk.E105")]
        return [
            Info(
                "pdftotext is not installed: the publication gate reads PDF attachments with pypdf, about ten times slower.",
                hint=hint,
                id="wagtail_gk.I101",
            )
        ]
    return []


@register()
def check_wagtail_patches(app_configs=None, **kwargs):
    """Each patch of :mod:`wagtail_gk.gate.compat` is in place in the running Wagtail."""
    from . import compat

    return [
        Error(
            f"The publication gate cannot rely on {patch.target} in Wagtail {compat.wagtail_version()}: {problem}.",
            hint=f"{patch.reason} See docs/gate-wagtail.md, \"{patch.doc_section}\".",
            id="wagtail_gk.E106",
        )
        for patch, problem in compat.problems()
    ]


@register()
def check_document_gate(app_configs=None, **kwargs):
    """Documents are gated where they are served and in the admin form (docs/gate.md,
    "Documents where they are served"); warn when the settings leave a path unchecked."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from .document_guard import GatedDocumentFormMixin, documents_gated

    if not documents_gated():
        return []
    found = []
    base = getattr(settings, "WAGTAILDOCS_DOCUMENT_FORM_BASE", "")
    try:
        gated = bool(base) and issubclass(import_string(base), GatedDocumentFormMixin)
    except ImportError:
        gated = False
    if not gated:
        found.append(
            Warning(
                "Uploaded and replacing document files are not checked in the admin form.",
                hint="Set WAGTAILDOCS_DOCUMENT_FORM_BASE = 'wagtail_gk.gate.document_guard.GatedDocumentForm' "
                "(or a form class using GatedDocumentFormMixin). Serving is still refused for blocked files.",
                id="wagtail_gk.W120",
            )
        )
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        found.append(
            Warning(
                "WAGTAILDOCS_SERVE_METHOD is 'direct': document links point at the storage, so the gate cannot refuse a blocked document.",
                hint="Use 'serve_view' or 'redirect', which pass through Wagtail's document view.",
                id="wagtail_gk.W121",
            )
        )
    return found


@register()
def check_document_readers(app_configs=None, **kwargs):
    """Each optional reader of attachments (docs/gate.md, "Attachment
    formats"): what is missing and which formats then cannot be checked —
    and so block publication, with ``GK_GATE_UNREADABLE_SEVERITY = "block"``."""
    from django.core import checks

    from .readers import legacy, ocr
    from .readers.base import tool_path

    found = []
    engine = gk_setting("GK_GATE_OCR_ENGINE")
    if engine not in ("tesseract", "off"):
        return [checks.Error(f"GK_GATE_OCR_ENGINE is {engine!r}; use 'tesseract' or 'off'.", id="wagtail_gk.E130")]
    apt = "Debian/Ubuntu: apt install"
    soffice = legacy.libreoffice_binary()
    if soffice is None:
        found.append(
            checks.Warning(
                "LibreOffice (soffice) is not installed: WPS presentations (.dps), PowerPoint (.ppt, .pptx), RTF, and .doc/.xls "
                "files the lighter readers fail on cannot be checked, so they block publication.",
                hint=f"{apt} libreoffice-core-nogui libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui.",
                id="wagtail_gk.W130",
            )
        )
    if legacy.antiword_binary() is None:
        found.append(
            (checks.Info if soffice else checks.Warning)(
                "antiword is not installed: Word 97–2003 (.doc) and WPS (.wps) documents are "
                + ("read with LibreOffice, about a second each instead of milliseconds." if soffice else "not read at all, so they block publication."),
                hint=f"{apt} antiword.",
                id="wagtail_gk.I131" if soffice else "wagtail_gk.W131",
            )
        )
    try:
        import xlrd  # noqa: F401
    except ImportError:
        found.append(
            (checks.Info if soffice else checks.Warning)(
                "The Python package xlrd is not installed: Excel 97–2003 (.xls) and WPS (.et) workbooks are "
                + ("read with LibreOffice, much slower." if soffice else "not read at all, so they block publication."),
                hint="pip install xlrd (a dependency of wagtail-gk).",
                id="wagtail_gk.I132" if soffice else "wagtail_gk.W132",
            )
        )
    if engine == "off":
        found.append(
            checks.Info(
                "GK_GATE_OCR_ENGINE is 'off': images and scanned PDF pages are not read, so they block publication.",
                id="wagtail_gk.I130",
            )
        )
    elif ocr.tesseract_binary() is None or ocr.missing_languages():
        missing = "tesseract" if ocr.tesseract_binary() is None else "the Tesseract language data " + ", ".join(ocr.missing_languages())
        found.append(
            checks.Warning(
                f"OCR is not available ({missing} is missing): images (.png, .jpg, .tif…) and scanned PDFs without a text "
                "layer cannot be checked, so they block publication.",
                hint=f"{apt} tesseract-ocr tesseract-ocr-chi-sim, or set GK_GATE_OCR_ENGINE = 'off' to say so on purpose.",
                id="wagtail_gk.W133",
            )
        )
    elif tool_path("pdftoppm") is None:
        found.append(
            checks.Warning(
                "pdftoppm is not installed: scanned PDF pages cannot be rendered for OCR, so such PDFs block publication.",
                hint=f"{apt} poppler-utils.",
                id="wagtail_gk.W134",
            )
        )
    return found


@register()
def check_normalisation(app_configs=None, **kwargs):
    """The OpenCC character tables the checkers' normalisation reads
    (docs/gate.md, "What the checkers see"), and the term-library limits."""
    from .normalise import OPENCC_TABLES, _opencc_dictionary

    errors = []
    try:
        missing = [name for name in OPENCC_TABLES if not _opencc_dictionary(name).is_file()]
    except ImportError:
        missing = list(OPENCC_TABLES)
    if missing:
        errors.append(
            Error(
                f"The OpenCC tables {', '.join(missing)} cannot be read, so traditional and variant characters cannot be matched.",
                hint="Install the dependency opencc-python-reimplemented.",
                id="wagtail_gk.E107",
            )
        )
    limit = gk_setting("GK_GATE_BROAD_TERM_LIMIT")
    valid = (
        isinstance(limit, dict)
        and isinstance(limit.get("share"), int | float)
        and 0 < limit["share"] <= 1
        and all(isinstance(limit.get(key), int) and limit[key] >= 1 for key in ("min_pages", "sample"))
    )
    if not valid:
        errors.append(
            Error(
                f"GK_GATE_BROAD_TERM_LIMIT must be {{'share': 0 < number <= 1, 'min_pages': int >= 1, 'sample': int >= 1}}, not {limit!r}.",
                id="wagtail_gk.E108",
            )
        )
    for name in ("GK_GATE_TERM_MIN_LENGTH", "GK_GATE_TERM_IMPORT_MAX_BYTES", "GK_GATE_TERM_IMPORT_MAX_TERMS"):
        value = gk_setting(name)
        if not isinstance(value, int) or value < 1:
            errors.append(Error(f"{name} must be a positive integer, not {value!r}.", id="wagtail_gk.E108"))
    return errors
