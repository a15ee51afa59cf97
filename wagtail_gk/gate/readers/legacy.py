"""Binary Office formats: Word 97–2003 .doc and Kingsoft WPS .wps (antiword,
else LibreOffice), Excel 97–2003 .xls and WPS .et (xlrd, else LibreOffice),
and whatever else LibreOffice opens (.ppt/.dps, RTF, older formats).

Kingsoft WPS Office saves .wps/.et/.dps in the same OLE compound format as
Word/Excel/PowerPoint 97–2003, so the same readers apply; the format is
recognised by the file's streams, not its name.
"""

from __future__ import annotations

import logging
import os

from django.utils.translation import gettext as _

from ...conf import gk_setting
from .base import ReadContext, Unreadable, run_tool, temp_dir, tool_path

logger = logging.getLogger(__name__)


def antiword_binary() -> str | None:
    return tool_path("antiword")


def libreoffice_binary() -> str | None:
    return tool_path(gk_setting("GK_GATE_LIBREOFFICE_BINARY"))


def _protected() -> Unreadable:
    return Unreadable(_("The file is password-protected, so it could not be checked"))


def _needs(tool: str) -> Unreadable:
    return Unreadable(
        _("Reading this format needs %(tool)s, which is not installed here, so the file was not checked.") % {"tool": tool}
    )


def read_doc(data: bytes, result, context: ReadContext) -> None:
    binary = antiword_binary()
    if binary:
        with temp_dir() as folder:
            path = os.path.join(folder, "input.doc")
            with open(path, "wb") as handle:
                handle.write(data)
            completed = run_tool([binary, "-m", "UTF-8.txt", "-w", "0", path], timeout=gk_setting("GK_GATE_PDF_TIMEOUT"))
        errors = completed.stderr.decode("utf-8", "replace").lower()
        if "encrypt" in errors or "password" in errors:
            raise _protected()
        if completed.returncode == 0:
            result.pages.append(("", completed.stdout.decode("utf-8", "replace")))
            return
        logger.info("antiword could not read the file (%s); trying LibreOffice", errors.strip()[:200])
    read_with_libreoffice(data, "doc", result, context, missing="antiword / LibreOffice")


def read_xls(data: bytes, result, context: ReadContext) -> None:
    try:
        import xlrd
    except ImportError:
        read_with_libreoffice(data, "xls", result, context, missing="xlrd / LibreOffice")
        return
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=False)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise _protected() from exc
        logger.info("xlrd could not read the file (%s); trying LibreOffice", exc)
        read_with_libreoffice(data, "xls", result, context, missing="LibreOffice")
        return
    except Exception as exc:  # noqa: BLE001 — truncated BIFF gives assorted errors
        logger.info("xlrd could not read the file (%r); trying LibreOffice", exc)
        read_with_libreoffice(data, "xls", result, context, missing="LibreOffice")
        return
    try:
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            rows = []
            for row in range(sheet.nrows):
                cells = [_cell_text(cell) for cell in sheet.row(row)]
                if any(cells):
                    rows.append("\t".join(cells))
            result.pages.append((_("Sheet “%(sheet)s”") % {"sheet": sheet.name}, "\n".join(rows)))
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _cell_text(cell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


# Output filters: text documents to UTF-8 text, spreadsheets to CSV with all
# sheets (the trailing -1), anything else to PDF read by the PDF reader.
WRITER_FILTER = "txt:Text (encoded):UTF8"
CALC_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'


def read_with_libreoffice(data: bytes, ext: str, result, context: ReadContext, *, missing: str = "LibreOffice") -> None:
    """Convert with ``soffice --headless`` in a private profile (so parallel
    conversions do not share, or wait for, one user profile) and a time limit."""
    binary = libreoffice_binary()
    if binary is None:
        raise _needs(missing)
    with temp_dir() as folder:
        source = os.path.join(folder, f"input.{ext}")
        with open(source, "wb") as handle:
            handle.write(data)
        for target in (WRITER_FILTER, CALC_FILTER, "pdf"):
            out = os.path.join(folder, "out")
            completed = run_tool(
                [
                    binary,
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--convert-to",
                    target,
                    "--outdir",
                    out,
                    source,
                ],
                timeout=gk_setting("GK_GATE_LIBREOFFICE_TIMEOUT"),
                env={"HOME": folder},
            )
            produced = sorted(os.listdir(out)) if os.path.isdir(out) else []
            if completed.returncode == 0 and produced:
                break
        else:
            errors = completed.stderr.decode("utf-8", "replace").lower()
            if "password" in errors:
                raise _protected()
            raise Unreadable(_("The file is damaged or in the wrong format, so it could not be read"))
        if target == "pdf":
            from .pdf import read_pdf

            with open(os.path.join(out, produced[0]), "rb") as handle:
                read_pdf(handle.read(), result, context)
            return
        for name in produced:  # one CSV per sheet: input-Sheet1.csv …
            with open(os.path.join(out, name), "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
            label = ""
            if target == CALC_FILTER:
                sheet = name[len("input-") : -len(".csv")] if name.startswith("input-") else ""
                label = _("Sheet “%(sheet)s”") % {"sheet": sheet}
            result.pages.append((label, text))
