"""Chinese text for Wagtail's search backends: runs of Han characters are
split into words, everything else is left exactly as it was.

At index time a run becomes its words and the dictionary words inside them
(:func:`~wagtail_gk.search.segmentation.index_tokens`), separated by spaces,
so that the database's own tokenizer (PostgreSQL's parser, SQLite FTS5's
``unicode61``) sees each word as a token. At query time a run becomes its
words (precise cut), all of which must match. Text without Han characters is
not touched, so Latin text, digits and 文号 digits tokenize as before.
"""

from __future__ import annotations

import re

from .segmentation import current_segmenter, index_tokens, query_tokens

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B–F.
HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
# Not for a query: unpaired surrogates (cannot be encoded for the database),
# NUL and other control characters (PostgreSQL refuses NUL in a string), and
# the double quote (ends a quoted FTS5 term).
UNSAFE = re.compile('[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f"]')
# Words of one query at most; a longer query is cut (a 1,000-character paste
# would otherwise be hundreds of required words).
MAX_QUERY_WORDS = 32


def has_han(text: str) -> bool:
    return bool(HAN_RUN.search(text or ""))


_RUN_CACHE_SIZE = 20000
_run_cache: dict[str, str] = {}
_run_cache_owner: list = [None]


def _run_words(run: str) -> str:
    """The index words of one Han run, remembered while the segmenter (and so
    the dictionary) stays the same: runs repeat across a site's pages."""
    segmenter = current_segmenter()
    if _run_cache_owner[0] is not segmenter:
        _run_cache.clear()
        _run_cache_owner[0] = segmenter
    words = _run_cache.get(run)
    if words is None:
        words = " " + " ".join(index_tokens(run)) + " "
        if len(_run_cache) >= _RUN_CACHE_SIZE:
            _run_cache.clear()
        _run_cache[run] = words
    return words


def index_text(text: str) -> str:
    """*text* with each Han run replaced by its index words."""
    if not text or not HAN_RUN.search(text):
        return text
    return HAN_RUN.sub(lambda match: _run_words(match.group()), text)


def clean_query(text: str) -> str:
    return UNSAFE.sub(" ", text or "")


def query_words(term: str) -> list[str]:
    """The words of one whitespace-free query term: each Han run cut into
    words, the text between runs kept as it is."""
    words: list[str] = []
    position = 0
    for match in HAN_RUN.finditer(term):
        words += term[position : match.start()].split()
        words += query_tokens(match.group())
        position = match.end()
    words += term[position:].split()
    return words
