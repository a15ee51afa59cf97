"""Chinese word segmentation for every search of the suite (rjieba, i.e. jieba-rs).

Neither SQLite FTS5 nor PostgreSQL nor Elasticsearch's standard analyzer
splits Chinese into words, so text is segmented here, at index time
(:func:`index_tokens`: "财政预算公开" → 财政 预算 公开 财政预算 …)
and at query time (:func:`query_tokens`, precise mode), with the government
terms of ``data/gov_terms.txt`` and the words offered through the
``register_gk_segmentation_terms`` hook (the policy library offers its
editable 政务词典, :class:`~wagtail_gk.policy.models.SegmentationTerm`) as
user dictionary. The policy library's own backends and the Wagtail search
backend :mod:`wagtail_gk.search.backends.database` both use it.

The segmenter is built once per process and rebuilt when the dictionary
changes: saving a term bumps a version in the cache, which other processes
notice within ``RELOAD_CHECK_SECONDS``.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import rjieba
from django.core.cache import cache
from django.db import DatabaseError
from wagtail import hooks

logger = logging.getLogger("wagtail_gk.search.segmentation")

SHIPPED_TERMS = Path(__file__).parent / "data" / "gov_terms.txt"
VERSION_CACHE_KEY = "wagtail_gk_search:dictionary_version"
RELOAD_CHECK_SECONDS = 10
DEFAULT_WEIGHT = 50000
# Function words that carry no meaning for search; single characters only,
# so that "关于" or "通知" can still be searched for.
STOP_WORDS = frozenset("的了和与及等之其或于在对由将把被")

_lock = threading.Lock()
_state = {"segmenter": None, "version": None, "checked": 0.0}


def shipped_terms() -> list[str]:
    lines = SHIPPED_TERMS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _build():
    segmenter = rjieba.Jieba()
    for word in shipped_terms():
        segmenter.add_word(word, DEFAULT_WEIGHT, "n")
    # Each hook returns an iterable of (word, weight); weight None or 0 means the default.
    for terms in hooks.get_hooks("register_gk_segmentation_terms"):
        try:
            for word, weight in terms():
                segmenter.add_word(word, weight or DEFAULT_WEIGHT, "n")
        except DatabaseError:
            # The table does not exist yet (during migrations): shipped terms only.
            logger.debug("Dictionary table not readable; using the shipped terms only")
    return segmenter


def _segmenter():
    now = time.monotonic()
    if _state["segmenter"] is not None and now - _state["checked"] < RELOAD_CHECK_SECONDS:
        return _state["segmenter"]
    with _lock:
        version = cache.get(VERSION_CACHE_KEY, 0)
        if _state["segmenter"] is None or version != _state["version"]:
            _state["segmenter"] = _build()
            _state["version"] = version
        _state["checked"] = now
        return _state["segmenter"]


def current_segmenter():
    """The segmenter in use; a new object after the dictionary changed."""
    return _segmenter()


def dictionary_changed() -> None:
    """Call after a user dictionary changes: every process rebuilds its segmenter."""
    try:
        cache.incr(VERSION_CACHE_KEY)
    except ValueError:
        cache.set(VERSION_CACHE_KEY, 1, timeout=None)
    with _lock:
        _state["segmenter"] = None


def _keep(token: str) -> bool:
    token = token.strip()
    return bool(token) and token not in STOP_WORDS and any(ch.isalnum() for ch in token)


MAX_EXPANDED_LENGTH = 12


def index_tokens(text: str) -> list[str]:
    """Words of *text* for the index: each word of the precise cut, followed
    by every dictionary word inside it ("农村危房改造" → 农村 危房 改造
    危房改造 农村危房改造), so that a query for any of them matches. jieba's
    own search mode only adds sub-words of two and three characters."""
    if not text:
        return []
    segmenter = _segmenter()
    tokens = []
    for token in segmenter.cut(text):
        if not _keep(token):
            continue
        tokens.append(token.lower())
        length = len(token)
        if 2 < length <= MAX_EXPANDED_LENGTH and not token.isascii():
            for size in range(2, length):
                for start in range(0, length - size + 1):
                    part = token[start : start + size]
                    if segmenter.has_word(part) and _keep(part):
                        tokens.append(part.lower())
    return tokens


def query_tokens(text: str) -> list[str]:
    """Distinct words of a query (precise mode), in order."""
    seen: dict[str, None] = {}
    for token in _segmenter().cut(text or ""):
        if _keep(token):
            seen.setdefault(token.lower().strip(), None)
    return list(seen)


def segment_for_index(text: str) -> str:
    return " ".join(index_tokens(text))
