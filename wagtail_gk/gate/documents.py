"""Text of attached files (PDF, DOCX, XLSX, TXT) for the publication gate.

:func:`extract_file_text` never raises on bad input: a corrupt,
password-protected, scanned (no text layer), too large or unsupported file
comes back as an :class:`Unreadable` reason that the gate turns into a
finding, so the person learns what could not be checked.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..conf import gk_setting

logger = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office and encrypted OOXML
TEXT_EXTENSIONS = {"txt", "csv", "md", "text"}


@dataclass
class FileText:
    """The text of one file, page by page (a sheet counts as a page), or the
    reason it could not be read."""

    name: str
    pages: list[tuple[str, str]] = field(default_factory=list)  # (page label, text)
    unreadable: str = ""  # why the file could not be checked, for people


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def decode_text(data: bytes) -> str:
    """Decode a plain-text file: UTF-8 (with or without BOM), UTF-16 with BOM,
    else GB18030 (a superset of GBK/GB2312, common in government offices)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def extract_file_text(name: str, data: bytes) -> FileText:
    result = FileText(name=name)
    limit = gk_setting("GK_GATE_MAX_DOCUMENT_BYTES")
    if len(data) > limit:
        result.unreadable = _("文件过大（%(size)s MB，上限 %(limit)s MB），未检查") % {
            "size": round(len(data) / 1048576, 1),
            "limit": round(limit / 1048576, 1),
        }
        return result
    ext = _extension(name)
    sniffed = "pdf" if data[:5] == b"%PDF-" else ext
    try:
        if sniffed == "pdf":
            _read_pdf(data, result)
        elif ext == "docx":
            _read_docx(data, result)
        elif ext in ("xlsx", "xlsm"):
            _read_xlsx(data, result)
        elif ext in TEXT_EXTENSIONS:
            result.pages = [("", decode_text(data))]
        elif ext in ("doc", "xls", "wps", "et", "ppt", "pptx"):
            result.unreadable = _("不支持的格式 .%(ext)s，请另存为 PDF 或 DOCX/XLSX 后上传") % {"ext": ext}
        elif ext in ("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"):
            result.unreadable = _("图片文件没有可检查的文字，请人工核对") % {}
        else:
            result.unreadable = _("不支持的格式 .%(ext)s，未检查") % {"ext": ext or "?"}
    except _Unreadable as exc:
        result.pages = []
        result.unreadable = str(exc)
    except Exception as exc:  # noqa: BLE001 — any parser failure means "corrupt", never a crash
        logger.info("Could not read %s: %r", name, exc)
        result.pages = []
        result.unreadable = _("文件已损坏或格式不正确，无法读取") % {}
    return result


class _Unreadable(Exception):
    pass


def pdftotext_binary() -> str | None:
    """Path of poppler's ``pdftotext`` when the settings allow it and it is installed."""
    choice = gk_setting("GK_GATE_PDF_EXTRACTOR")
    if choice == "pypdf":
        return None
    return shutil.which("pdftotext")


def _read_pdf(data: bytes, result: FileText) -> None:
    binary = pdftotext_binary()
    pages = _pdf_pages_pdftotext(binary, data) if binary else None
    if pages is None:
        pages = _pdf_pages_pypdf(data)
    result.pages = [(_("第%(page)d页") % {"page": number}, text) for number, text in enumerate(pages, start=1)]
    if result.pages and not any(text.strip() for _label, text in result.pages):
        raise _Unreadable(_("PDF 没有文字层（可能是扫描件），无法检查，请上传带文字的版本或人工核对"))


def _pdf_pages_pdftotext(binary: str, data: bytes) -> list[str] | None:
    """Pages of text from ``pdftotext`` (each page ends with a form feed), or
    None when pypdf should read the file instead: poppler lacks the CJK
    language pack (poppler-data), or found no text at all."""
    try:
        completed = subprocess.run(  # noqa: S603 — fixed arguments; the file comes on stdin
            [binary, "-enc", "UTF-8", "-eol", "unix", "-", "-"],
            input=data,
            capture_output=True,
            timeout=gk_setting("GK_GATE_PDF_TIMEOUT"),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _Unreadable(_("PDF 过于复杂，未能在规定时间内读取，请人工核对")) from exc
    errors = completed.stderr.decode("utf-8", "replace")
    if completed.returncode != 0:
        if "password" in errors.lower():
            raise _Unreadable(_("文件受密码保护，无法检查"))
        raise _Unreadable(_("文件已损坏或格式不正确，无法读取"))
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


def _pdf_pages_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # Many PDFs are "encrypted" with an empty user password only to restrict printing.
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # noqa: BLE001
            raise _Unreadable(_("文件受密码保护，无法检查")) from exc
        if not opened:
            raise _Unreadable(_("文件受密码保护，无法检查"))
    return [page.extract_text() or "" for page in reader.pages]


WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Parts of a .docx whose text is published with it: the body, headers and
# footers, footnotes, endnotes and comments.
DOCX_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
DOCX_TEXT_TAGS = {WORD_NS + "t": None, WORD_NS + "tab": "\t", WORD_NS + "br": "\n", WORD_NS + "cr": "\n", WORD_NS + "p": "\n"}


def _read_docx(data: bytes, result: FileText) -> None:
    """Text of a .docx read straight from its XML parts (streamed, several
    times faster than building python-docx's object model): text runs in
    document order, one line per paragraph, table cells included."""
    if data.startswith(OLE_MAGIC):
        raise _Unreadable(_("文件受密码保护或为旧版 Word 格式，无法检查"))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _Unreadable(_("文件已损坏或格式不正确，无法读取"))
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise _Unreadable(_("文件已损坏或格式不正确，无法读取"))
        parts = sorted((name for name in names if DOCX_TEXT_PARTS.match(name)), key=lambda name: name != "word/document.xml")
        unpacked = sum(archive.getinfo(name).file_size for name in parts)
        if unpacked > 10 * gk_setting("GK_GATE_MAX_DOCUMENT_BYTES"):  # a zip bomb, or a file too big to check
            raise _Unreadable(_("文件解压后过大，未检查"))
        chunks: list[str] = []
        for name in parts:
            with archive.open(name) as part:
                for _event, element in etree.iterparse(part, events=("end",), tag=list(DOCX_TEXT_TAGS), resolve_entities=False):
                    chunks.append(element.text or "" if element.tag == WORD_NS + "t" else DOCX_TEXT_TAGS[element.tag])
                    if element.tag == WORD_NS + "p":
                        element.clear(keep_tail=True)
    result.pages.append(("", "".join(chunks)))


def _read_xlsx(data: bytes, result: FileText) -> None:
    if data.startswith(OLE_MAGIC):
        raise _Unreadable(_("文件受密码保护或为旧版 Excel 格式，无法检查"))
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if value is None else str(value) for value in row]
                if any(cells):
                    rows.append("\t".join(cells))
            result.pages.append((_("工作表“%(sheet)s”") % {"sheet": sheet.title}, "\n".join(rows)))
    finally:
        workbook.close()
