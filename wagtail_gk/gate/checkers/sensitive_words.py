"""Sensitive words of the shared library, matched with Aho–Corasick.

The matcher (ahocorasick-rs, a Rust automaton: one pass over the text for
all terms) is built once per process from the active terms and kept with the
library version it was built from. Before each check the process reads the
version row (one indexed query); when another process changed the library
the matcher is rebuilt, so every web worker and task worker agree.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick_rs
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Checker, Finding, Severity, TextSource, excerpt_around, mask_match


@dataclass(frozen=True)
class TermEntry:
    term: str
    category: str
    severity: str
    exemptions: tuple[str, ...]


@dataclass(frozen=True)
class TermMatch:
    entry: TermEntry
    start: int
    end: int


class TermMatcher:
    """All-terms matcher over one immutable list of :class:`TermEntry`."""

    def __init__(self, entries: Sequence[TermEntry]):
        self.entries = [entry for entry in entries if entry.term]
        self.fold_case = any(entry.term != entry.term.lower() or entry.term.isascii() for entry in self.entries)
        patterns = [entry.term.lower() if self.fold_case else entry.term for entry in self.entries]
        self._automaton = ahocorasick_rs.AhoCorasick(patterns) if patterns else None

    def __len__(self):
        return len(self.entries)

    def find(self, text: str) -> list[TermMatch]:
        """Every occurrence of every term (overlapping ones too, so a term
        inside a longer term is still seen), minus those inside an exemption."""
        if self._automaton is None or not text:
            return []
        haystack, folded = text, False
        if self.fold_case:
            lowered = text.lower()
            if len(lowered) == len(text):  # offsets must stay those of the original text
                haystack, folded = lowered, True
        matches = []
        for index, start, end in self._automaton.find_matches_as_indexes(haystack, overlapping=True):
            entry = self.entries[index]
            if entry.exemptions and _inside_exemption(haystack, start, entry, fold=folded):
                continue
            matches.append(TermMatch(entry, start, end))
        return matches


def _inside_exemption(text: str, start: int, entry: TermEntry, *, fold: bool) -> bool:
    """Whether the match of *entry* at *start* lies inside one of its exemption phrases."""
    term = entry.term.lower() if fold else entry.term
    for phrase in entry.exemptions:
        phrase_cmp = phrase.lower() if fold else phrase
        offset = phrase_cmp.find(term)
        while offset != -1:
            phrase_start = start - offset
            if phrase_start >= 0 and text[phrase_start : phrase_start + len(phrase_cmp)] == phrase_cmp:
                return True
            offset = phrase_cmp.find(term, offset + 1)
    return False


_lock = threading.Lock()
_cached: tuple[int, TermMatcher] | None = None


def library_version() -> int:
    from wagtail_gk.models.gate import SensitiveLibraryState

    version = SensitiveLibraryState.objects.filter(pk=1).values_list("version", flat=True).first()
    return version or 0


def load_entries() -> list[TermEntry]:
    from wagtail_gk.models.gate import SensitiveTerm

    rows = SensitiveTerm.objects.filter(active=True).values_list("term", "category", "severity", "exemptions")
    return [
        TermEntry(term, category, severity, tuple(line.strip() for line in exemptions.splitlines() if line.strip()))
        for term, category, severity, exemptions in rows.iterator(chunk_size=5000)
    ]


def get_matcher() -> TermMatcher:
    """The process's matcher, rebuilt when the library version moved."""
    global _cached
    version = library_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, TermMatcher(load_entries()))
        return _cached[1]


def forget_matcher() -> None:
    """Drop this process's matcher (the next check rebuilds it)."""
    global _cached
    _cached = None


class SensitiveWordChecker(Checker):
    code = "sensitive_word"
    verbose_name = gettext_lazy("敏感词")

    def __init__(self, matcher: TermMatcher | None = None):
        self._matcher = matcher  # a fixed matcher for benchmarks and tests; else the library's

    def check(self, obj, sources: Iterable[TextSource]) -> list[Finding]:
        matcher = self._matcher or get_matcher()
        findings = []
        for source in sources:
            for match in matcher.find(source.text):
                entry = match.entry
                matched = source.text[match.start : match.end]
                findings.append(
                    Finding(
                        code=self.code,
                        severity=Severity(entry.severity),
                        message=_("含有敏感词（%(category)s），请修改或删除") % {"category": entry.category or _("未分类")},
                        location=source.location,
                        excerpt=excerpt_around(source.text, match.start, match.end, mask_match(matched)),
                        checker=self.code,
                    )
                )
        return findings
