"""Highlighting of query words in titles and snippets, in plain Python.

Used by the database backend (neither SQLite FTS5 nor PostgreSQL highlights
segmented text well) and to tidy Elasticsearch fragments. Output is escaped
HTML with ``<mark>`` around each match.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def _spans(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    if not text or not tokens:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(tokens), key=len, reverse=True)), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _render(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, cursor = [], offset
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(MARK_OPEN + escape(text[start:end]) + MARK_CLOSE)
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def highlight(text: str, tokens: list[str]) -> SafeString:
    """*text* escaped, with every query word marked."""
    return mark_safe(_render(text, _spans(text, tokens)))  # noqa: S308 - built from escaped parts


def snippet(text: str, tokens: list[str], length: int = 120) -> SafeString:
    """About *length* characters of *text* around the densest run of matches,
    with the matches marked; the start of the text when nothing matches."""
    text = " ".join((text or "").split())
    spans = _spans(text, tokens)
    if len(text) <= length:
        return mark_safe(_render(text, spans))  # noqa: S308
    if not spans:
        return mark_safe(escape(text[:length]) + "…")  # noqa: S308
    best_start, best_count = spans[0][0], 0
    for i, (start, _end) in enumerate(spans):
        count = sum(1 for s, _e in spans[i:] if s < start + length)
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - length // 4)
    end = min(len(text), start + length)
    window = [(s, e) for s, e in spans if s >= start and e <= end]
    html = _render(text[:end], window, offset=start)
    return mark_safe(("…" if start > 0 else "") + html + ("…" if end < len(text) else ""))  # noqa: S308


def merge_adjacent_marks(fragment: str) -> str:
    """Elasticsearch's standard analyzer marks Chinese one character at a time
    ("<mark>预</mark><mark>算</mark>"); join runs into one mark."""
    return fragment.replace(MARK_CLOSE + MARK_OPEN, "")
