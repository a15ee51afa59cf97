"""The text in rich text and HTML that reaches the public, visible or not.

Besides the words between the tags, a published page shows (or puts in its
links) the targets of links, the alternative text of images and the titles
of elements: an ID number in a link's query string or a marker in an
image's ``alt`` is as public as one in a paragraph. :func:`rich_text_to_plain`
gives the visible text, :func:`attribute_text` the text of those attributes
(URLs percent-decoded, so ``%E6%9C%BA%E5%AF%86`` is read as 机密).
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from django.utils.html import strip_tags

DOCUMENT_LINK = re.compile(r'<a[^>]*\blinktype="document"[^>]*>', re.IGNORECASE)
LINK_ID = re.compile(r'\bid="(\d+)"')
BLOCK_TAGS = re.compile(r"</?(p|div|br|li|h[1-6]|tr|td|th|blockquote)\b[^>]*>", re.IGNORECASE)
# Attributes whose value is shown or served: link targets, image and media
# sources, alternative text, tooltips, labels, form values.
PUBLIC_ATTRIBUTES = ("href", "src", "alt", "title", "aria-label", "value", "placeholder", "content", "data-url")
ATTRIBUTE = re.compile(
    r"""\s(?P<name>%s)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))""" % "|".join(re.escape(a) for a in PUBLIC_ATTRIBUTES),
    re.IGNORECASE,
)
TAG = re.compile(r"<[a-zA-Z][^>]*>")


def rich_text_to_plain(source: str) -> str:
    """Markup-free text of rich text HTML; block tags become line breaks so
    words of two paragraphs are not glued into a false match."""
    return html.unescape(strip_tags(BLOCK_TAGS.sub("\n", source or "")))


def url_text(url: str) -> str:
    """A URL as a reader of it sees it: entities and percent-escapes decoded."""
    return unquote(html.unescape(url or ""), errors="replace")


def attribute_text(source: str) -> str:
    """The values of the public attributes of every tag in *source*, one a
    line (URL-like values percent-decoded)."""
    if not source or "<" not in source:
        return ""
    values = []
    for tag in TAG.finditer(source):
        for match in ATTRIBUTE.finditer(tag.group()):
            value = match.group("double") if match.group("double") is not None else match.group("single") or match.group("bare") or ""
            value = url_text(value) if match.group("name").lower() in ("href", "src", "data-url") else html.unescape(value)
            if value.strip():
                values.append(value.strip())
    return "\n".join(values)


def linked_document_ids(source: str) -> list[int]:
    ids = []
    for tag in DOCUMENT_LINK.findall(source or ""):
        found = LINK_ID.search(tag)
        if found:
            ids.append(int(found.group(1)))
    return ids
