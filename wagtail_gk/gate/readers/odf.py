"""OpenDocument (.odt, .ods, .odp: a zip of XML, read with lxml) and OFD
(GB/T 33190, the Chinese fixed-layout format: a zip of XML whose pages hold
``TextCode`` elements)."""

from __future__ import annotations

import io
import posixpath

from django.utils.translation import gettext as _

from .base import ReadContext, SafeZip, corrupt

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
LINE_END = {f"{{{TEXT_NS}}}p", f"{{{TEXT_NS}}}h", f"{{{TABLE_NS}}}table-row"}
CELL_END = f"{{{TABLE_NS}}}table-cell"
ROW = f"{{{TABLE_NS}}}table-row"
INLINE = {f"{{{TEXT_NS}}}tab": "\t", f"{{{TEXT_NS}}}line-break": "\n", f"{{{TEXT_NS}}}s": " "}
FORMULA = f"{{{TABLE_NS}}}formula"
TABLE = f"{{{TABLE_NS}}}table"
TABLE_NAME = f"{{{TABLE_NS}}}name"


def _walk(data: bytes, split_tables: bool = False, lines: bool = False) -> tuple[list[tuple[str, str]], list[str]]:
    """Streamed text of one ODF XML part: [(sheet name or "", text)], plus
    link targets and formulas. Paragraphs (outside cells) and rows end
    lines, cells end with a tab; with *lines*, every element ends a line
    (metadata, where each element is one property)."""
    from lxml import etree

    sections: list[tuple[str, list[str]]] = [("", [])]
    extras: list[str] = []
    cells = 0  # depth of table cells around the current element
    try:
        for event, element in etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True):
            if not isinstance(element.tag, str):
                continue
            chunks = sections[-1][1]
            if event == "start":
                if element.tag == TABLE and split_tables:
                    sections.append((element.get(TABLE_NAME, ""), []))
                    chunks = sections[-1][1]
                if element.tag == CELL_END:
                    cells += 1
                chunks.append(INLINE.get(element.tag, ""))
                if element.text:
                    chunks.append(element.text)
                for attribute in (XLINK_HREF, FORMULA):
                    if element.get(attribute):
                        extras.append(element.get(attribute))
            else:
                if element.tag == CELL_END:
                    cells -= 1
                    chunks.append("\t")
                elif lines or (element.tag in LINE_END and not (cells and element.tag != ROW)):
                    chunks.append("\n")
                elif element.tag in LINE_END:
                    chunks.append(" ")
                if element.tag == TABLE and split_tables:
                    sections.append(("", []))
                tail = element.tail
                element.clear(keep_tail=True)
                if tail:
                    sections[-1][1].append(tail)
    except etree.XMLSyntaxError as exc:
        raise corrupt() from exc
    return [(name, "".join(chunks)) for name, chunks in sections if "".join(chunks).strip()], extras


def read_odf(data: bytes, result, context: ReadContext) -> None:
    with SafeZip(data, context) as package:
        if "content.xml" not in package.names:
            raise corrupt()
        spreadsheet = b"spreadsheet" in (package.read("mimetype") if "mimetype" in package.names else b"")
        sections, extras = _walk(package.read("content.xml"), split_tables=spreadsheet)
        body = [text for name, text in sections if not name]
        for name, text in sections:
            if name:
                result.pages.append((_("Sheet “%(sheet)s”") % {"sheet": name}, text))
        if not spreadsheet or any(text.strip() for text in body):
            result.pages.insert(0, ("", "\n".join(body)))
        for part, label in (("styles.xml", _("Headers and footers")), ("meta.xml", _("Document properties"))):
            if part in package.names:
                content = package.read(part) if part == "meta.xml" else _master_styles(package, part)
                part_sections, part_extras = _walk(content, lines=part == "meta.xml")
                extras += part_extras
                text = "\n".join(text for _name, text in part_sections)
                if text.strip():
                    result.pages.append((label, text))
        if extras:
            result.pages.append((_("Link targets and formulas"), "\n".join(dict.fromkeys(extras))))


def _master_styles(package: SafeZip, part: str) -> bytes:
    """The page headers and footers of ``styles.xml`` (its master pages),
    without the number formats and other style text around them."""
    from lxml import etree

    master = _root(package, part).find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}master-styles")
    return etree.tostring(master) if master is not None else b"<empty/>"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _root(package: SafeZip, name: str):
    from lxml import etree

    try:
        return etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise corrupt() from exc


def _resolve(base: str, location: str) -> str:
    location = (location or "").strip()
    return location.lstrip("/") if location.startswith("/") else posixpath.normpath(posixpath.join(base, location))


def read_ofd(data: bytes, result, context: ReadContext) -> None:
    """Pages in the order of each document's ``Pages`` list, then the
    document info (title, author, keywords…), then every other XML part
    (annotations, templates, signatures' visible text) so nothing in the
    package goes unread."""
    with SafeZip(data, context) as package:
        seen = {"OFD.xml"}
        root = _root(package, "OFD.xml")
        info = [f"{_local(el.tag)}: {el.text.strip()}" for el in root.iter() if _local(el.tag) != "DocRoot" and el.text and el.text.strip()]
        number = 0
        for doc_root in (el.text.strip() for el in root.iter() if _local(el.tag) == "DocRoot" and el.text):
            document_name = _resolve("", doc_root)
            if document_name not in package.names:
                continue
            seen.add(document_name)
            base = posixpath.dirname(document_name)
            for page in (el for el in _root(package, document_name).iter() if _local(el.tag) == "Page"):
                part = _resolve(base, page.get("BaseLoc", ""))
                if part not in package.names:
                    continue
                seen.add(part)
                number += 1
                text = "\n".join(el.text or "" for el in _root(package, part).iter() if _local(el.tag) == "TextCode")
                result.pages.append((_("Page %(page)d") % {"page": number}, text))
        if not number:
            raise corrupt()
        if info:
            result.pages.append((_("Document properties"), "\n".join(info)))
        other = []
        for name in sorted(package.names):
            if name.lower().endswith(".xml") and name not in seen:
                other += [el.text.strip() for el in _root(package, name).iter() if isinstance(el.tag, str) and el.text and el.text.strip()]
        if other:
            result.pages.append((_("Annotations, templates and other parts"), "\n".join(other)))
