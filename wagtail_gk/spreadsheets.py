"""Reading uploaded spreadsheets (XLSX and CSV) within size and row limits.

One reader for every import (catalog, village tables, the term library), so
every import refuses the same hostile files the same way:

- **Byte limits before parsing.** The upload is refused over ``max_bytes``;
  an XLSX file is also refused, from its zip directory and before openpyxl
  opens it, when any part or all parts together unpack to more than
  ``max_unpacked_bytes``, or when a large part is compressed more than
  :data:`MAX_COMPRESSION_RATIO` times (a zip bomb). The directory sizes are
  binding: Python's zip reader never unpacks more than a member's declared
  ``file_size``, and a part that lies about its size fails its CRC check.
- **Row and column limits while streaming.** Rows are read with openpyxl's
  ``read_only`` mode and counted as they arrive; the read stops at the first
  non-blank row past ``max_rows``. Rows are cut at ``max_columns`` (a cell
  in column XFD would otherwise widen every row to 16,384 cells); a value
  in the column just past the limit is refused, cells further right are
  not read.
- **Merged cells.** ``read_only`` mode does not expose merges, so the
  ``<mergeCell>`` list is read from the sheet XML (a bounded scan of the
  part already size-checked) and given to the caller as :class:`Merge`
  ranges; :func:`apply_merges` applies the caller's rule for them.
- **Formulas without a saved result** (files written by scripts, never
  opened in Excel or WPS) are refused with the cell named, instead of
  reading as empty cells.

Every problem is a :class:`CellProblem` (sheet, row, Excel column letter,
translated message) inside one :class:`SpreadsheetError`. Callers validate
all rows before writing anything, in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .text import decode_text

# A part this large that packs this well is a zip bomb, whatever the totals.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
# How many problems one error lists (the rest are counted).
MAX_PROBLEMS = 50
XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SCAN_CHUNK = 1024 * 1024
# Longer than any merge or formula-only cell element (formulas are at most 8,192 characters).
SCAN_OVERLAP = 64 * 1024
MERGE_PATTERN = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?"')
# A cell holding only a formula: no <v>, or an empty one that is not a cached empty string (t="str").
FORMULA_ONLY_PATTERN = re.compile(
    rb'<((?:\w+:)?)c\s([^>]*?)r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>\s*<\1f\b[^>]*?(?:/>|>[^<]*</\1f>)\s*(?:<\1v\s*/>|<\1v>\s*</\1v>)?\s*</\1c>'
)
CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


@dataclass(frozen=True)
class CellProblem:
    """One problem, where it is: *row* 1-based as Excel numbers it, *column* a letter ("B")."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self):
        where = ""
        if self.row is not None and self.column:
            where = _("cell %(cell)s") % {"cell": f"{self.column}{self.row}"}
        elif self.row is not None:
            where = _("row %(row)d") % {"row": self.row}
        elif self.column:
            where = _("column %(column)s") % {"column": self.column}
        if self.sheet and where:
            return _("Sheet “%(sheet)s”, %(where)s: %(message)s") % {"sheet": self.sheet, "where": where, "message": self.message}
        if self.sheet:
            return _("Sheet “%(sheet)s”: %(message)s") % {"sheet": self.sheet, "message": self.message}
        if where:
            return _("%(where)s: %(message)s") % {"where": where[:1].upper() + where[1:], "message": self.message}
        return self.message


class SpreadsheetError(ValueError):
    """The upload cannot be read or accepted; ``problems`` says where and why."""

    def __init__(self, problems: Iterable[CellProblem | str]):
        self.problems = [p if isinstance(p, CellProblem) else CellProblem(str(p)) for p in problems]
        super().__init__("; ".join(str(p) for p in self.problems[:3]))

    def messages(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(_("…and %(count)d more problems not listed.") % {"count": len(self.problems) - MAX_PROBLEMS})
        return shown


@dataclass(frozen=True)
class Limits:
    """What one import accepts; every caller takes these from its settings."""

    max_bytes: int
    max_unpacked_bytes: int
    max_rows: int  # data rows, all sheets together
    max_columns: int = 64
    # Non-blank rows read on top of max_rows for titles, headers and notes.
    allowance: int = 100


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based and inclusive."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def ref(self) -> str:
        return f"{column_letter(self.min_col)}{self.min_row}:{column_letter(self.max_col)}{self.max_row}"


@dataclass
class Sheet:
    """One sheet: its rows as ``(row number, [values])`` with blank rows left out, and its merges."""

    title: str
    rows: list[tuple[int, list]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)


def column_letter(index: int) -> str:
    """1 → "A", 28 → "AB"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def _cell(ref: bytes) -> tuple[int, int]:
    match = CELL_REF.fullmatch(ref.decode("ascii"))
    return int(match.group(2)), _column_index(match.group(1))


def _mb(size: int) -> str:
    return f"{size / 1048576:.1f}".rstrip("0").rstrip(".")


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- the checks before parsing ------------------------------------------------


def _read_upload(upload) -> bytes:
    data = upload.read() if hasattr(upload, "read") else upload
    return bytes(data)


def _check_size(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise SpreadsheetError([_("The file is %(size)s MB, over the %(limit)s MB limit; split it and import the parts. Nothing was imported.") % {
            "size": _mb(len(data)), "limit": _mb(limits.max_bytes)}])


def check_xlsx_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a workbook whose parts would unpack past the limits, from the zip directory alone."""
    too_packed = _("The file is not an ordinary spreadsheet: its contents unpack to %(size)s MB, more than the %(limit)s MB allowed. Nothing was imported.")
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > limits.max_unpacked_bytes or total > limits.max_unpacked_bytes:
            raise SpreadsheetError([too_packed % {"size": _mb(sum(i.file_size for i in archive.infolist())), "limit": _mb(limits.max_unpacked_bytes)}])
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise SpreadsheetError([_("The file is not an ordinary spreadsheet: the part “%(part)s” is compressed %(ratio)d times (a spreadsheet is compressed at most about %(max)d times). Nothing was imported.") % {
                "part": info.filename, "ratio": info.file_size // max(info.compress_size, 1), "max": MAX_COMPRESSION_RATIO}])


def _scan_sheet_xml(archive: zipfile.ZipFile, path: str) -> tuple[list[Merge], list[tuple[int, int]]]:
    """(merges, formula cells without a saved result) of one sheet part, read in chunks."""
    merges: list[Merge] = []
    formulas: list[tuple[int, int]] = []
    base = done = 0
    buffer = b""
    with archive.open(path) as part:
        while True:
            chunk = part.read(SCAN_CHUNK)
            final = not chunk
            buffer += chunk
            safe = len(buffer) if final else max(0, len(buffer) - SCAN_OVERLAP)
            next_done = base + safe
            for pattern, kind in ((MERGE_PATTERN, "merge"), (FORMULA_ONLY_PATTERN, "formula")):
                if kind == "formula" and b"<f" not in buffer and b":f" not in buffer:
                    continue
                for match in pattern.finditer(buffer):
                    if base + match.start() < done:
                        continue
                    if match.end() > safe:
                        next_done = min(next_done, base + match.start())
                        break
                    if kind == "merge":
                        first = _cell(match.group(1))
                        last = _cell(match.group(2)) if match.group(2) else first
                        merges.append(Merge(first[0], first[1], last[0], last[1]))
                    elif b't="str"' not in match.group(2) + match.group(4) or b"<" + match.group(1) + b"v" not in match.group(0):
                        formulas.append(_cell(match.group(3)))
            if final:
                break
            done = next_done
            buffer = buffer[done - base:]
            base = done
    return merges, formulas


# --- reading ------------------------------------------------------------------


def _open_workbook(data: bytes):
    """An openpyxl read-only workbook whose sheets are streamed, never parsed whole.

    openpyxl's read-only sheets look for ``<dimension>`` when opened, and when
    a sheet has none that search parses the whole sheet XML into one tree; the
    sheets made here skip it (the dimension is reset before reading anyway).
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class StreamedSheet(ReadOnlyWorksheet):
        def _get_size(self):
            pass

    class Reader(ExcelReader):
        def read_worksheets(self):
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    self.wb._sheets.append(StreamedSheet(self.wb, sheet.name, rel.target, self.shared_strings))

    reader = Reader(io.BytesIO(data), read_only=True, keep_vba=False, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def read_workbook(upload, limits: Limits, *, first_sheet_only: bool = False) -> list[Sheet]:
    """The sheets of an uploaded XLSX file, or :class:`SpreadsheetError`."""
    from openpyxl.utils.exceptions import InvalidFileException

    data = _read_upload(upload)
    _check_size(data, limits)
    if data[:8] == XLS_SIGNATURE:
        raise SpreadsheetError([_("This is an old Excel (.xls) file. Save it in .xlsx format in Excel or WPS, then import it again.")])
    not_xlsx = _("The file is not a valid XLSX file (it may be a file of another format with its extension changed). Save it as .xlsx in Excel or WPS, then import it.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetError([not_xlsx]) from exc
    check_xlsx_archive(archive, limits)
    try:
        workbook = _open_workbook(data)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, AttributeError, IndexError, SyntaxError) as exc:
        raise SpreadsheetError([not_xlsx]) from exc
    sheets: list[Sheet] = []
    counted = 0
    try:
        for worksheet in workbook.worksheets[:1] if first_sheet_only else workbook.worksheets:
            sheet = Sheet(worksheet.title)
            merges, formulas = _scan_sheet_xml(archive, worksheet._worksheet_path)
            sheet.merges = merges
            if formulas:
                raise SpreadsheetError(
                    CellProblem(_("The cell holds a formula with no saved result. Open the file in Excel or WPS and save it, or paste the values instead of the formulas."),
                                sheet.title, row, column_letter(col))
                    for row, col in sorted(formulas)
                )
            # The <dimension> element may claim A1:XFD1048576; ignore it and cut rows at the column limit.
            worksheet.reset_dimensions()
            for number, values in enumerate(worksheet.iter_rows(values_only=True, max_col=limits.max_columns + 1), start=1):
                if all(_is_blank(v) for v in values):
                    continue
                if len(values) > limits.max_columns and not _is_blank(values[limits.max_columns]):
                    raise SpreadsheetError([CellProblem(_("The sheet has data beyond column %(column)s; at most %(max)d columns are read. Nothing was imported.") % {
                        "column": column_letter(limits.max_columns), "max": limits.max_columns}, sheet.title, number, column_letter(limits.max_columns + 1))])
                counted += 1
                if counted > limits.max_rows + limits.allowance:
                    raise SpreadsheetError([_rows_over(limits)])
                values = list(values[: limits.max_columns])
                while values and values[-1] is None:
                    values.pop()
                sheet.rows.append((number, values))
            sheets.append(sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError, IndexError, SyntaxError) as exc:
        if isinstance(exc, SpreadsheetError):
            raise
        raise SpreadsheetError([not_xlsx]) from exc
    finally:
        workbook.close()
    return sheets


def _rows_over(limits: Limits) -> CellProblem:
    return CellProblem(_("The file has more than %(max)d rows; split it and import the parts. Nothing was imported.") % {"max": limits.max_rows})




def read_csv(upload, limits: Limits, *, text: str | None = None) -> Sheet:
    """The rows of an uploaded CSV file (blank rows left out); *text* if already decoded."""
    data = _read_upload(upload) if text is None else b""
    _check_size(data if text is None else text.encode("utf-8"), limits)
    sheet = Sheet("")
    try:
        for number, values in enumerate(csv.reader(io.StringIO(decode_text(data) if text is None else text)), start=1):
            if all(_is_blank(v) for v in values):
                continue
            if len(values) > limits.max_columns and any(not _is_blank(v) for v in values[limits.max_columns:]):
                raise SpreadsheetError([CellProblem(_("The line has more than %(max)d columns.") % {"max": limits.max_columns}, "", number)])
            if len(sheet.rows) >= limits.max_rows + limits.allowance:
                raise SpreadsheetError([_rows_over(limits)])
            sheet.rows.append((number, values))
    except csv.Error as exc:
        raise SpreadsheetError([_("The file is not valid CSV: %(error)s") % {"error": exc}]) from exc
    return sheet


# --- merges and cell values ------------------------------------------------------


def apply_merges(sheet: Sheet, *, header_row: int, repeat_columns: Iterable[int] = ()) -> list[CellProblem]:
    """Apply the merge rule to *sheet* in place; the problems for merges it refuses.

    - A merge that ends on or above *header_row* is a label (a title row, a
      two-row header): its value fills every cell of the range.
    - A merge below the header within one column listed in *repeat_columns*
      (1-based; grouping columns such as 一级事项) means "the same value in
      each row": the top cell's value fills the rows.
    - Any other merge touching data rows is refused, naming the range, since
      it would copy one row's value onto another or one column's onto the next.
    """
    repeat = set(repeat_columns)
    rows = dict(sheet.rows)
    problems = []
    for merge in sheet.merges:
        if merge.max_row > header_row and not (merge.min_row > header_row and merge.min_col == merge.max_col and merge.min_col in repeat):
            if merge.min_col == merge.max_col:
                message = _("Cells %(range)s are merged; unmerge them and fill in each row.")
            else:
                message = _("Cells %(range)s are merged across columns; unmerge them and put each value in its own column.")
            problems.append(CellProblem(message % {"range": merge.ref}, sheet.title, merge.min_row, column_letter(merge.min_col)))
            continue
        top = rows.get(merge.min_row)
        value = top[merge.min_col - 1] if top is not None and merge.min_col - 1 < len(top) else None
        for number in range(merge.min_row, merge.max_row + 1):
            values = rows.get(number)
            if values is None:
                continue  # a blank row stays blank
            values.extend([None] * (merge.max_col - len(values)))
            for col in range(merge.min_col, merge.max_col + 1):
                values[col - 1] = value
    return problems


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_whole_number(value, *, maximum: int) -> int:
    """A whole number from 0 to *maximum* from a cell: an integer, a float with
    no fraction, or ASCII or full-width digits. Anything else (``①``, ``一``,
    ``3.5``, ``1e5``, a number past *maximum*) raises ``ValueError`` with a
    translated message."""
    if isinstance(value, bool):
        raise ValueError(_("Enter a whole number, without a fraction."))
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("Enter a whole number, without a fraction."))
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = unicodedata.normalize("NFC", str(value)).strip().translate(FULLWIDTH_DIGITS)
        if not re.fullmatch(r"[0-9]{1,30}", text, flags=re.ASCII):
            raise ValueError(_("“%(value)s” is not a whole number; enter digits 0–9.") % {"value": str(value).strip()[:40]})
        number = int(text)
    if number < 0 or number > maximum:
        raise ValueError(_("%(value)s is out of range; enter a whole number from 0 to %(max)d.") % {"value": number, "max": maximum})
    return number
