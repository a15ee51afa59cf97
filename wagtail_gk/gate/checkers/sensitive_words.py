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

from ..normalise import NormalisedText, normalise, normalise_term
from .base import Checker, Finding, Severity, TextSource, excerpt_around


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
    """All-terms matcher over one immutable list of :class:`TermEntry`.

    Terms, exemption phrases and the text are compared in their normalised
    form (:mod:`wagtail_gk.gate.normalise`: width, case, traditional and
    variant characters, invisible characters), so ``ＡＢＣ赌``, ``abc赌`` and
    ``ABC\u200b赌`` are one term; match offsets are those of the text as
    written.
    """

    def __init__(self, entries: Sequence[TermEntry]):
        normalised = []
        for entry in entries:
            term = normalise_term(entry.term)
            if term:
                exemptions = tuple(normalise_term(phrase) for phrase in entry.exemptions)
                normalised.append((term, exemptions, entry))
        self.entries = [entry for _term, _exemptions, entry in normalised]
        self._terms = [term for term, _exemptions, _entry in normalised]
        self._exemptions = [exemptions for _term, exemptions, _entry in normalised]
        self._any_exemptions = any(self._exemptions)
        self._automaton = ahocorasick_rs.AhoCorasick(self._terms) if self._terms else None

    def __len__(self):
        return len(self.entries)

    def find(self, text: str | NormalisedText) -> list[TermMatch]:
        """Every occurrence of every term (overlapping ones too, so a term
        inside a longer term is still seen), minus those inside an exemption;
        offsets are those of the original text."""
        entries = self.entries
        return [TermMatch(entries[index], start, end) for index, start, end in self.spans(text)]

    def spans(self, text: str | NormalisedText) -> list[tuple[int, int, int]]:
        """What :meth:`find` finds, as ``(index into entries, start, end)``
        tuples (no object per match: a long text can have thousands)."""
        if self._automaton is None or not text:
            return []
        folded = text if isinstance(text, NormalisedText) else normalise(text)
        haystack = folded.text
        found = self._automaton.find_matches_as_indexes(haystack, overlapping=True)
        if self._any_exemptions:
            exemptions, terms = self._exemptions, self._terms
            found = [match for match in found if not (exemptions[match[0]] and _inside_exemption(haystack, match[1], terms[match[0]], exemptions[match[0]]))]
        if not folded.identity_offsets:
            span = folded.original_span
            found = [(index, *span(start, end)) for index, start, end in found]
        return found


def _inside_exemption(text: str, start: int, term: str, phrases: tuple[str, ...]) -> bool:
    """Whether the match of *term* at *start* of *text* lies inside one of
    the exemption *phrases* (all normalised)."""
    for phrase in phrases:
        offset = phrase.find(term)
        while offset != -1:
            phrase_start = start - offset
            if phrase_start >= 0 and text.startswith(phrase, phrase_start):
                return True
            offset = phrase.find(term, offset + 1)
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
    verbose_name = gettext_lazy("Sensitive term")

    def __init__(self, matcher: TermMatcher | None = None):
        self._matcher = matcher  # a fixed matcher for benchmarks and tests; else the library's

    def check(self, obj, sources: Iterable[TextSource]) -> list[Finding]:
        """One finding per match. What does not depend on the match (the
        message of each category, the excerpt width, the severities) is
        worked out once per check, not once per finding: a long text with
        hundreds of matches must cost little more than the scan itself."""
        from wagtail_gk.conf import gk_setting

        matcher = self._matcher or get_matcher()
        context = gk_setting("GK_GATE_EXCERPT_CONTEXT")
        entries = matcher.entries
        messages: dict[str, str] = {}
        severities = {str(severity): severity for severity in Severity}
        per_entry: dict[int, tuple[Severity, str]] = {}  # entry index → (severity, message)
        code = self.code
        findings = []
        append = findings.append
        many = Finding.many
        for source in sources:
            text, location = source.text, source.location
            for index, start, end in matcher.spans(source.normalised):
                known = per_entry.get(index)
                if known is None:
                    entry = entries[index]
                    message = messages.get(entry.category)
                    if message is None:
                        message = messages[entry.category] = _("Contains a sensitive term (%(category)s); change or remove it") % {"category": entry.category or _("Uncategorized")}
                    known = per_entry[index] = (severities[entry.severity], message)
                masked = text[start] + "*" * (end - start - 1) if end - start > 1 else "*"  # mask_match(matched)
                append(many(code, known[0], known[1], location, excerpt_around(text, start, end, masked, context), code))
        return findings
