"""Hostile and odd XLSX files for the import tests, written directly as zip
parts (inline strings, no shared-strings part) so that a 50,000-row sheet or a
zip bomb is built in a fraction of a second."""

from __future__ import annotations

import functools
import io
import zipfile
from xml.sax.saxutils import escape

from wagtail_gk.spreadsheets import column_letter

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "%s</Types>"
)
SHEET_TYPE = '<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def cell_xml(ref: str, value) -> str:
    """One cell: a number, text (inline), or ``("=", formula)`` with no saved result."""
    if value is None:
        return ""
    if isinstance(value, tuple) and value[0] == "=":
        return f'<c r="{ref}"><f>{escape(value[1])}</f></c>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def rows_xml(rows, start: int = 1) -> str:
    parts = []
    for number, row in enumerate(rows, start=start):
        cells = "".join(cell_xml(f"{column_letter(c)}{number}", value) for c, value in enumerate(row, start=1))
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts)


def sheet_xml(rows, merges=()) -> str:
    merge_xml = ""
    if merges:
        merge_xml = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    return SHEET_HEAD + rows_xml(rows) + "</sheetData>" + merge_xml + "</worksheet>"


def xlsx(sheets, *, sheet_parts=None) -> bytes:
    """sheets: [(title, rows, merges)]; *sheet_parts* replaces a sheet's XML with
    ``{index: callable(zip_file, part_name)}`` that writes the part itself."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES % "".join(SHEET_TYPE % (i + 1) for i in range(len(sheets))))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK % "".join(
            f'<sheet name="{escape(title)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (title, _rows, _merges) in enumerate(sheets)))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS % "".join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets))))
        for i, (_title, rows, merges) in enumerate(sheets):
            name = f"xl/worksheets/sheet{i + 1}.xml"
            if sheet_parts and i in sheet_parts:
                sheet_parts[i](archive, name)
            else:
                archive.writestr(name, sheet_xml(rows, merges))
    return buffer.getvalue()


@functools.cache
def zip_bomb(header: tuple, row: tuple, unpacked_mb: int = 160) -> bytes:
    """A one-sheet workbook: *header*, then *row* repeated until the sheet XML
    unpacks to about *unpacked_mb* MB; the file itself is well under 1 MB."""

    def write(archive, name):
        with archive.open(name, "w", force_zip64=True) as part:
            part.write((SHEET_HEAD + rows_xml([header])).encode())
            # Rows without r="…" are legal (numbered in order), so the blocks repeat exactly.
            one = "".join(cell_xml(f"{column_letter(c)}2", value) for c, value in enumerate(row, start=1))
            block = ("<row>" + one.replace('r="', 'data-r="') + "</row>").encode() * 1000
            for _ in range(unpacked_mb * 1024 * 1024 // len(block) + 1):
                part.write(block)
            part.write(b"</sheetData></worksheet>")

    return xlsx([("Sheet1", [], [])], sheet_parts={0: write})


def many_rows(header: list, make_row, count: int, *, title: str = "Sheet1") -> bytes:
    """*header* and *count* rows ``make_row(n)``, followed by a broken tail that
    a reader which did not stop at its row limit would trip over."""

    def write(archive, name):
        with archive.open(name, "w") as part:
            part.write((SHEET_HEAD + rows_xml([header])).encode())
            part.write(rows_xml((make_row(n) for n in range(1, count + 1)), start=2).encode())
            part.write(b'<row r="999999"><c r="A999999" t="inlineStr"><is><t>unterminated')

    return xlsx([(title, [], [])], sheet_parts={0: write})
