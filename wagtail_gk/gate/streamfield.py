"""The text of a StreamField, block by block (docs/gate.md, "What the checkers see").

:func:`walk_block` knows every block Wagtail ships — core field blocks,
struct, list and stream blocks at any depth, images (``ImageBlock`` with its
alt text, ``ImageChooserBlock``), documents (their titles, and the document
itself for the attachment reader), snippets, pages, embeds, ``TableBlock``
and ``TypedTableBlock`` — and reads any other block through its
``get_searchable_content`` or, failing that, its value as text. A block it
cannot read is skipped with a log line rather than failing the publish;
``tests/gate/test_blocks.py`` enumerates Wagtail's block classes, so a block
type added by an upgrade shows up there.
"""

from __future__ import annotations

import datetime
import decimal
import logging
from collections.abc import Mapping

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.rich_text import RichText

from .markup import attribute_text, linked_document_ids, rich_text_to_plain, url_text

logger = logging.getLogger(__name__)

# Values that cannot carry words or numbers worth checking.
SILENT_VALUES = (bool, datetime.date, datetime.time, datetime.datetime)


def add_markup(extraction, location: str, source: str, linked_ids: list[int]) -> None:
    """Visible text of rich text or HTML *source*, then the text of its
    public attributes (link targets, ``alt``, ``title``) as its own item."""
    extraction.add_text(location, rich_text_to_plain(source))
    extraction.add_text(_("%(location)s › link targets and attributes") % {"location": location}, attribute_text(source))
    linked_ids.extend(linked_document_ids(source))


def _sub(location: str, label: str) -> str:
    return f"{location} › {label}"


def walk_block(block, value, location: str, extraction, linked_ids: list[int]) -> None:
    """Add the text of *value* (of *block*) to *extraction*; never raises
    for an unexpected value shape."""
    try:
        _walk(block, value, location, extraction, linked_ids)
    except Exception:  # noqa: BLE001 — one odd block must not fail a publish; its text is then read as a whole
        logger.exception("Could not walk block %s at %s", type(block).__name__, location)
        _fallback(block, value, location, extraction)


def _walk(block, value, location: str, extraction, linked_ids: list[int]) -> None:  # noqa: C901 — one branch per block family
    from wagtail.contrib.table_block.blocks import TableBlock
    from wagtail.contrib.typed_table_block.blocks import BaseTypedTableBlock
    from wagtail.documents.models import AbstractDocument
    from wagtail.embeds.blocks import EmbedBlock
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock
    from wagtail.snippets.blocks import SnippetChooserBlock

    if value is None or isinstance(value, SILENT_VALUES) or isinstance(block, blocks.StaticBlock):
        return
    if isinstance(block, ImageBlock | ImageChooserBlock):
        _image(value, location, extraction)
    elif isinstance(block, blocks.BaseStreamBlock):
        for index, child in enumerate(value, start=1):
            child_location = _("%(location)s › block %(index)d “%(label)s”") % {
                "location": location,
                "index": index,
                "label": child.block.label or child.block_type,
            }
            walk_block(child.block, child.value, child_location, extraction, linked_ids)
    elif isinstance(block, blocks.BaseStructBlock) and isinstance(value, Mapping):
        for name, child_block in block.child_blocks.items():
            walk_block(child_block, value.get(name), _sub(location, str(child_block.label or name)), extraction, linked_ids)
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value, start=1):
            walk_block(block.child_block, item, _("%(location)s › item %(index)d") % {"location": location, "index": index}, extraction, linked_ids)
    elif isinstance(block, BaseTypedTableBlock):
        _typed_table(value, location, extraction, linked_ids)
    elif isinstance(block, TableBlock):
        _table(value, location, extraction)
    elif isinstance(block, blocks.ChooserBlock) and isinstance(value, AbstractDocument):
        extraction.add_document(value)
        extraction.add_text(_sub(location, _("document title")), getattr(value, "title", "") or "")
    elif isinstance(block, blocks.PageChooserBlock):
        extraction.add_text(_sub(location, _("page title")), getattr(value, "title", "") or "")
    elif isinstance(block, SnippetChooserBlock):
        extraction.add_text(location, str(value))
    elif isinstance(block, EmbedBlock):
        extraction.add_text(location, url_text(getattr(value, "url", "") or str(value)))
    elif isinstance(block, BaseChoiceBlock):
        extraction.add_text(location, "\n".join(_choice_labels(block, value)))
    elif isinstance(value, RichText):
        add_markup(extraction, location, value.source, linked_ids)
    elif isinstance(block, blocks.RawHTMLBlock):
        add_markup(extraction, location, str(value), linked_ids)
    elif isinstance(block, blocks.URLBlock):
        extraction.add_text(location, url_text(str(value)))
    elif isinstance(value, str):
        extraction.add_text(location, value)
    elif isinstance(value, int | float | decimal.Decimal):
        extraction.add_text(location, str(value))  # an IntegerBlock can hold an ID number
    else:
        _fallback(block, value, location, extraction)


def _fallback(block, value, location: str, extraction) -> None:
    """A block this module does not know: its searchable content (what
    Wagtail's own search indexes of it), else its value as text."""
    try:
        content = block.get_searchable_content(value)
    except Exception:  # noqa: BLE001 — custom blocks may not implement it for every value
        content = []
    texts = [str(item) for item in content or () if item]
    if not texts and isinstance(value, str | int | float | decimal.Decimal):
        texts = [str(value)]
    if not texts and type(value).__str__ is not object.__str__ and not isinstance(value, Mapping | list | tuple):
        texts = [str(value)]
    for text in texts:
        extraction.add_text(location, rich_text_to_plain(text) if "<" in text else text)


def _choice_labels(block, value) -> list[str]:
    """What the page shows of a ``ChoiceBlock`` or ``MultipleChoiceBlock``:
    the labels of the chosen values (option groups too)."""
    labels: dict[str, str] = {}
    for key, label in block.field.choices:
        if isinstance(label, list | tuple):
            labels.update((str(k), str(v)) for k, v in label)
        else:
            labels[str(key)] = str(label)
    chosen = value if isinstance(value, list | tuple) else [value]
    return [labels.get(str(item), str(item)) for item in chosen]


def _image(image, location: str, extraction) -> None:
    """An image's alternative text (``ImageBlock``'s own, for the place it
    is used) and its title (Wagtail's default alt text)."""
    contextual = getattr(image, "contextual_alt_text", None)
    if contextual:
        extraction.add_text(_sub(location, _("alt text")), contextual)
    default_alt = getattr(image, "default_alt_text", None) or ""
    title = getattr(image, "title", "") or ""
    extraction.add_text(_sub(location, _("image title")), title)
    if default_alt and default_alt != title and default_alt != contextual:
        extraction.add_text(_sub(location, _("alt text")), default_alt)


def _table(value, location: str, extraction) -> None:
    """A ``TableBlock`` value: ``{"data": [[cell, …], …], "table_caption": …}``."""
    if not isinstance(value, Mapping):
        extraction.add_text(location, str(value))
        return
    extraction.add_text(_sub(location, _("caption")), str(value.get("table_caption") or ""))
    for row_number, row in enumerate(value.get("data") or (), start=1):
        cells = [rich_text_to_plain(str(cell)) for cell in row or () if cell not in (None, "")]
        extraction.add_text(_sub(location, _("row %(row)d") % {"row": row_number}), "\t".join(cells))


def _typed_table(table, location: str, extraction, linked_ids: list[int]) -> None:
    """A ``TypedTableBlock`` value (a ``TypedTable``): caption, column
    headings, then each cell through its own column block."""
    extraction.add_text(_sub(location, _("caption")), getattr(table, "caption", "") or "")
    columns = list(getattr(table, "columns", ()) or ())
    extraction.add_text(_sub(location, _("column headings")), "\t".join(str(c.get("heading") or "") for c in columns))
    for row_number, row in enumerate(getattr(table, "row_data", ()) or (), start=1):
        for column_number, (column, cell) in enumerate(zip(columns, row.get("values") or (), strict=False), start=1):
            where = _sub(location, _("row %(row)d, column %(column)d") % {"row": row_number, "column": column_number})
            walk_block(column["block"], cell, where, extraction, linked_ids)
