"""PDF: the text layer (poppler's ``pdftotext`` or pypdf), plus what a reader
of the PDF also sees: document info and XMP metadata, annotations (their
contents and link URIs) and form field values. Pages without a text layer
are read by OCR (:mod:`.ocr`)."""

from __future__ import annotations

import io
import logging
import re

from django.utils.translation import gettext as _

from ...conf import gk_setting
from .base import ReadContext, Unreadable, corrupt, run_tool, tool_path

logger = logging.getLogger(__name__)
XML_TAG = re.compile(rb"<[^>]+>")


def pdftotext_binary() -> str | None:
    """Path of poppler's ``pdftotext`` when the settings allow it and it is installed."""
    if gk_setting("GK_GATE_PDF_EXTRACTOR") == "pypdf":
        return None
    return tool_path("pdftotext")


def page_label(number: int) -> str:
    return _("Page %(page)d") % {"page": number}


def read_pdf(data: bytes, result, context: ReadContext) -> None:
    binary = pdftotext_binary()
    pages = _pdf_pages_pdftotext(binary, data) if binary else None
    reader = _open_pypdf(data)
    if pages is None:
        try:
            pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:  # noqa: BLE001
            raise corrupt() from exc
    result.pages = [(page_label(number), text) for number, text in enumerate(pages, start=1)]
    # Pages without a text layer are read by OCR, also in a PDF with text
    # elsewhere (a typed cover over scanned lists). Without OCR, a PDF with no
    # text at all cannot be checked; a blank page among text pages is let be.
    blank = [number for number, (_label, text) in enumerate(result.pages, start=1) if not text.strip()]
    if blank:
        from .ocr import ocr_available, ocr_pdf_pages

        if ocr_available():
            for number, text in ocr_pdf_pages(data, blank, context):
                result.pages[number - 1] = (page_label(number), text)
        elif len(blank) == len(result.pages):
            raise Unreadable(_("The PDF has no text layer (it may be a scan), so it could not be checked; upload a version with text, or check it by hand"))
    _read_pdf_extras(reader, result)


def _open_pypdf(data: bytes):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise corrupt() from exc
    if reader.is_encrypted:
        # Many PDFs are "encrypted" with an empty user password only to restrict printing.
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # noqa: BLE001
            raise Unreadable(_("The file is password-protected, so it could not be checked")) from exc
        if not opened:
            raise Unreadable(_("The file is password-protected, so it could not be checked"))
    return reader


def _pdf_pages_pdftotext(binary: str, data: bytes) -> list[str] | None:
    """Pages of text from ``pdftotext`` (each page ends with a form feed), or
    None when pypdf should read the file instead: poppler lacks the CJK
    language pack (poppler-data), or found no text at all."""
    completed = run_tool([binary, "-enc", "UTF-8", "-eol", "unix", "-", "-"], data=data, timeout=gk_setting("GK_GATE_PDF_TIMEOUT"))
    errors = completed.stderr.decode("utf-8", "replace")
    if completed.returncode != 0:
        if "password" in errors.lower():
            raise Unreadable(_("The file is password-protected, so it could not be checked"))
        raise Unreadable(_("The file is damaged or in the wrong format, so it could not be read"))
    if "Missing language pack" in errors:
        # Without poppler-data, text in non-embedded Chinese fonts is silently
        # dropped; a partial text must never pass for the whole file.
        logger.warning("pdftotext lacks a language pack (install poppler-data); reading with pypdf")
        return None
    text = completed.stdout.decode("utf-8", "replace")
    if not text.strip():
        return None  # pypdf decides whether it is really a scan
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # the form feed after the last page
    return pages


def _read_pdf_extras(reader, result) -> None:
    """Metadata, annotations and form fields: published with the file even
    though they are not on the printed page."""
    try:
        info = reader.metadata or {}
        lines = [f"{key.lstrip('/')}: {value}" for key, value in info.items() if isinstance(value, str) and value.strip()]
        xmp = reader.trailer["/Root"].get("/Metadata")
        if xmp is not None:
            raw = xmp.get_object().get_data()[:1048576]
            lines.append(XML_TAG.sub(b" ", raw).decode("utf-8", "replace"))
        if any(line.strip() for line in lines):
            result.pages.append((_("PDF properties"), "\n".join(lines)))
    except Exception:  # noqa: BLE001 — broken metadata must not hide the text that was read
        logger.info("Could not read PDF metadata", exc_info=True)
        result.pages.append((_("PDF properties"), ""))
    for number, page in enumerate(reader.pages, start=1):
        try:
            texts = []
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                for key in ("/Contents", "/T", "/Subj", "/RC"):
                    value = annotation.get(key)
                    if value:
                        texts.append(str(value))
                action = annotation.get("/A")
                if action is not None:
                    uri = action.get_object().get("/URI")
                    if uri:
                        texts.append(str(uri))
            if texts:
                result.pages.append((_("Annotations on page %(page)d") % {"page": number}, "\n".join(texts)))
        except Exception:  # noqa: BLE001
            logger.info("Could not read annotations of page %d", number, exc_info=True)
    try:
        fields = reader.get_fields() or {}
    except Exception:  # noqa: BLE001
        fields = {}
    values = [f"{name}: {field.get('/V')}" for name, field in fields.items() if field.get("/V") not in (None, "")]
    if values:
        result.pages.append((_("Form fields"), "\n".join(values)))
