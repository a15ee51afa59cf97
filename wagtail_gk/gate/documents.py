"""Text of attached files for the publication gate.

:func:`extract_file_text` recognises the format by content (a ``.txt`` that
is really a zip is read as a zip, a renamed ``.doc`` as a Word file) and
hands the file to a reader of :mod:`wagtail_gk.gate.readers`: PDF, DOCX,
XLSX, DOC/WPS, XLS/ET, ODT/ODS, OFD, ZIP (recursively), images and scanned
pages (OCR), plain text. It never raises on bad input: a corrupt,
password-protected, too large, too deep or unsupported file comes back
with an ``unreadable`` reason that the gate turns into a finding, so the
person learns what could not be checked. A file that needs more OCR than
the synchronous budget allows comes back with ``ocr_pending`` set; see
docs/gate.md, "Attachment formats".
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..conf import gk_setting
from ..text import decode_text
from .readers.base import (
    OLE_MAGIC,
    TEXT_EXTENSIONS,
    OcrDeferred,
    ReadContext,
    Unreadable,
    extension,
    sniff,
)
from .readers.pdf import pdftotext_binary

__all__ = ["OLE_MAGIC", "TEXT_EXTENSIONS", "FileText", "decode_text", "extract_file_text", "pdftotext_binary", "read_into"]

logger = logging.getLogger(__name__)
_UNSET = object()


@dataclass
class FileText:
    """The text of one file, page by page (a sheet counts as a page), or the
    reason it could not be read."""

    name: str
    pages: list[tuple[str, str]] = field(default_factory=list)  # (page label, text)
    unreadable: str = ""  # why the file (or part of it) could not be checked, for people
    ocr_pending: bool = False  # OCR did not fit the synchronous budget; the text is read in the background




def extract_file_text(name: str, data: bytes, *, ocr_budget: float | None | object = _UNSET) -> FileText:
    """Text of the file *name* with content *data*.

    *ocr_budget*: seconds of OCR allowed in this call (default
    ``GK_GATE_OCR_SYNC_SECONDS``); ``None`` means no budget, as in the
    background task. Past the budget the result has ``ocr_pending`` set.
    """
    result = FileText(name=name)
    limit = gk_setting("GK_GATE_MAX_DOCUMENT_BYTES")
    if len(data) > limit:
        result.unreadable = _("The file is too large (%(size)s MB; the limit is %(limit)s MB), so it was not checked") % {
            "size": round(len(data) / 1048576, 1),
            "limit": round(limit / 1048576, 1),
        }
        return result
    budget = gk_setting("GK_GATE_OCR_SYNC_SECONDS") if ocr_budget is _UNSET else ocr_budget
    context = ReadContext(ocr_deadline=None if budget is None else time.monotonic() + budget)
    try:
        read_into(name, data, result, context)
    except OcrDeferred:
        result.pages = []
        result.ocr_pending = True
    except Unreadable as exc:
        result.pages = []
        result.unreadable = str(exc)
    except Exception as exc:  # noqa: BLE001 — any parser failure means "corrupt", never a crash
        logger.info("Could not read %s: %r", name, exc)
        result.pages = []
        result.unreadable = _("The file is damaged or in the wrong format, so it could not be read") % {}
    return result


def read_into(name: str, data: bytes, result: FileText, context: ReadContext) -> None:
    """Read *data* into *result* with the reader for its format; raises
    :class:`~.readers.base.Unreadable` or :class:`~.readers.base.OcrDeferred`.
    Used for a top-level file and for each member of an archive."""
    from .readers import archive, legacy, ocr, odf, ooxml, pdf

    kind = sniff(name, data)
    ext = extension(name)
    if kind == "pdf":
        pdf.read_pdf(data, result, context)
    elif kind == "docx":
        ooxml.read_docx(data, result, context)
    elif kind == "xlsx":
        ooxml.read_xlsx(data, result, context)
    elif kind == "encrypted_ooxml":
        raise ooxml.encrypted_ooxml()
    elif kind == "doc":
        legacy.read_doc(data, result, context)
    elif kind == "xls":
        legacy.read_xls(data, result, context)
    elif kind in ("ppt", "ole", "rtf", "pptx"):
        legacy.read_with_libreoffice(data, {"ole": ext or "doc", "rtf": "rtf"}.get(kind, kind), result, context)
    elif kind == "odf":
        odf.read_odf(data, result, context)
    elif kind == "ofd":
        odf.read_ofd(data, result, context)
    elif kind == "zip":
        archive.read_zip(data, result, context)
    elif kind == "image":
        result.pages.extend(ocr.ocr_image(data, context))
    elif kind == "text":
        result.pages.append(("", decode_text(data)))
    elif kind in ("corrupt_zip", "corrupt"):
        raise Unreadable(_("The file is damaged or in the wrong format, so it could not be read"))
    else:
        raise Unreadable(_("Unsupported format .%(ext)s, so it was not checked") % {"ext": ext or "?"})
