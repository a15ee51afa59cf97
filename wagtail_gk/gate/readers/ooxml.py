"""DOCX and XLSX, read straight from their XML parts (streamed, several
times faster than python-docx or openpyxl's object model).

Parts are found the way Office finds them, through ``[Content_Types].xml``
and the ``_rels`` relationships, never by file name, so a body stored as
``word/document2.xml`` or a header renamed is read all the same. Besides the
body: headers, footers, footnotes, endnotes, comments, document properties
(``docProps/core.xml``, ``app.xml``) and the targets of external hyperlinks.
In a workbook: cell values, the text of formulas (also those without a
cached value), inline strings, comments and page headers/footers, all rows
whatever the sheet's declared ``<dimension>``.
"""

from __future__ import annotations

import posixpath
import re

from django.utils.translation import gettext as _

from .base import ReadContext, SafeZip, Unreadable, corrupt

REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
# Content types of the parts of a .docx whose text is published with it.
WORD_TEXT_TYPES = re.compile(
    r"wordprocessingml\.(document\.main|template\.main|document\.macroEnabled\.main|header|footer|footnotes|endnotes|comments)\+xml$"
    r"|application/vnd\.ms-word\.document\.macroEnabled\.main\+xml$"
)
PROPERTY_NOISE = re.compile(r"^([\d.:+\-TZ ]+|true|false)$", re.IGNORECASE)
DOCX_TEXT_TAGS = {WORD_NS + "t": None, WORD_NS + "tab": "\t", WORD_NS + "br": "\n", WORD_NS + "cr": "\n", WORD_NS + "p": "\n"}


def _iterparse(source, tags):
    from lxml import etree

    return etree.iterparse(source, events=("end",), tag=tags, resolve_entities=False, no_network=True, huge_tree=False)


def _xml_root(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise corrupt() from exc


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relationships(package: SafeZip, part: str) -> list[tuple[str, str, str]]:
    """(type, target part or URL, target mode) of the relationships of *part* ("" for the package)."""
    path = _rels_path(part) if part else "_rels/.rels"
    if path not in package.names:
        return []
    found = []
    for rel in _xml_root(package.read(path)).iter(REL_NS + "Relationship"):
        target, mode = rel.get("Target", ""), rel.get("TargetMode", "Internal")
        if mode != "External":
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        found.append((rel.get("Type", ""), target, mode))
    return found


def content_types(package: SafeZip) -> dict[str, str]:
    """Part name → content type, from the overrides of ``[Content_Types].xml``."""
    if "[Content_Types].xml" not in package.names:
        raise corrupt()
    root = _xml_root(package.read("[Content_Types].xml"))
    return {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in root.iter(CT_NS + "Override")}


def _worth_checking(value: str | None) -> bool:
    """Text of a property, leaving out counts, flags and dates."""
    value = (value or "").strip()
    return bool(value) and not PROPERTY_NOISE.match(value)


def main_part(package: SafeZip) -> str:
    for kind, target, _mode in relationships(package, ""):
        if OFFICE_DOCUMENT.search(kind) and target in package.names:
            return target
    raise corrupt()


def properties_text(package: SafeZip) -> str:
    """Title, subject, author, keywords, company and the other document
    properties (core, extended and custom), one per line."""
    lines = []
    for kind, target, _mode in relationships(package, ""):
        if kind.endswith(("/core-properties", "/extended-properties", "/custom-properties")) and target in package.names:
            root = _xml_root(package.read(target))
            for element in root.iter():
                if isinstance(element.tag, str) and len(element) == 0 and _worth_checking(element.text):
                    lines.append(f"{element.tag.rsplit('}', 1)[-1]}: {element.text.strip()}")
    return "\n".join(lines)


def external_links(package: SafeZip) -> str:
    """Targets of external relationships (hyperlinks, linked images) of every part."""
    links = []
    for name in package.names:
        if name.endswith(".rels"):
            for rel in _xml_root(package.read(name)).iter(REL_NS + "Relationship"):
                if rel.get("TargetMode") == "External" and rel.get("Target"):
                    links.append(rel.get("Target"))
    return "\n".join(dict.fromkeys(links))


def _add_package_extras(package: SafeZip, result) -> None:
    properties = properties_text(package)
    if properties:
        result.pages.append((_("Document properties"), properties))
    links = external_links(package)
    if links:
        result.pages.append((_("Link targets"), links))


def read_docx(data: bytes, result, context: ReadContext) -> None:
    """Text runs in document order, one line per paragraph, table cells
    included; the body first, then headers, footers, notes and comments."""
    import io

    with SafeZip(data, context) as package:
        main = main_part(package)
        types = content_types(package)
        parts = [main]
        parts += [kind_target for _kind, kind_target, mode in relationships(package, main) if mode != "External" and WORD_TEXT_TYPES.search(types.get(kind_target, ""))]
        parts += sorted(name for name, kind in types.items() if WORD_TEXT_TYPES.search(kind))
        chunks: list[str] = []
        for name in dict.fromkeys(parts):
            if name not in package.names:
                continue
            for _event, element in _iterparse(io.BytesIO(package.read(name)), list(DOCX_TEXT_TAGS)):
                chunks.append(element.text or "" if element.tag == WORD_NS + "t" else DOCX_TEXT_TAGS[element.tag])
                if element.tag == WORD_NS + "p":
                    element.clear(keep_tail=True)
        result.pages.append(("", "".join(chunks)))
        _add_package_extras(package, result)


def read_xlsx(data: bytes, result, context: ReadContext) -> None:
    import io

    with SafeZip(data, context) as package:
        workbook = main_part(package)
        shared_strings: list[str] = []
        for kind, target, _mode in relationships(package, workbook):
            if kind.endswith("/sharedStrings") and target in package.names:
                for _event, item in _iterparse(io.BytesIO(package.read(target)), SHEET_NS + "si"):
                    shared_strings.append("".join(t.text or "" for t in item.iter(SHEET_NS + "t")))
                    item.clear()
        by_id = _relationship_ids(package, workbook)
        root = _xml_root(package.read(workbook))
        for sheet in root.iter(SHEET_NS + "sheet"):
            target = by_id.get(sheet.get(DOC_REL + "id", ""))
            if not target or target not in package.names:
                continue
            label = _("Sheet “%(sheet)s”") % {"sheet": sheet.get("name", "")}
            result.pages.append((label, _sheet_text(package, target, shared_strings)))
            comments = _sheet_comments(package, target)
            if comments:
                result.pages.append((_("Comments on sheet “%(sheet)s”") % {"sheet": sheet.get("name", "")}, comments))
        _add_package_extras(package, result)


def _relationship_ids(package: SafeZip, part: str) -> dict[str, str]:
    path = _rels_path(part)
    if path not in package.names:
        return {}
    found = {}
    for rel in _xml_root(package.read(path)).iter(REL_NS + "Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        found[rel.get("Id", "")] = target
    return found


def _sheet_text(package: SafeZip, part: str, shared_strings: list[str]) -> str:
    """Every row of the sheet, streamed (the declared dimension is ignored);
    a cell gives its value and, for a formula, the formula text too."""
    import io

    rows: list[str] = []
    footers: list[str] = []
    cell_tag, row_tag = SHEET_NS + "c", SHEET_NS + "row"
    header_tags = {SHEET_NS + name for name in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")}
    cells: list[str] = []
    for _event, element in _iterparse(io.BytesIO(package.read(part)), [cell_tag, row_tag, *header_tags]):
        if element.tag == cell_tag:
            kind = element.get("t", "n")
            value = element.findtext(SHEET_NS + "v") or ""
            if kind == "s" and value.isdigit():
                index = int(value)
                value = shared_strings[index] if index < len(shared_strings) else ""
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in element.iter(SHEET_NS + "t"))
            formula = element.findtext(SHEET_NS + "f")
            text = value if not formula else f"{value} ={formula}".strip()
            if text:
                cells.append(text)
            element.clear()
        elif element.tag == row_tag:
            if cells:
                rows.append("\t".join(cells))
            cells = []
            element.clear()
        elif element.text:
            footers.append(element.text)
    if cells:
        rows.append("\t".join(cells))
    return "\n".join(rows + footers)


def _sheet_comments(package: SafeZip, sheet_part: str) -> str:
    texts = []
    for kind, target, mode in relationships(package, sheet_part):
        if mode != "External" and kind.endswith("/comments") and target in package.names:
            root = _xml_root(package.read(target))
            for comment in root.iter(SHEET_NS + "comment"):
                texts.append("".join(t.text or "" for t in comment.iter(SHEET_NS + "t")))
    return "\n".join(texts)


def encrypted_ooxml() -> Unreadable:
    return Unreadable(_("The file is password-protected, so it could not be checked"))
