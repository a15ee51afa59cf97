"""The contract between the publication gate and the checkers it runs.

A checker is registered through the ``register_gk_checker`` hook; the hook
function returns a :class:`Checker` instance::

    @hooks.register("register_gk_checker")
    def policy_needs_interpretation():
        return InterpretationReadyChecker()

The gate extracts the text of the object being published (every field,
StreamField block, rich text without markup, attached documents) into
:class:`TextSource` items and calls :meth:`Checker.check` with the object (the
submitted draft, not the live row) and those sources. A checker returns
:class:`Finding` objects; any finding of severity ``block`` stops publication.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass


class Severity(enum.StrEnum):
    BLOCK = "block"
    WARN = "warn"


@dataclass(frozen=True)
class TextSource:
    """A piece of text and where it came from, e.g. ``("body[2].paragraph", "…")``
    or ``("附件《实施方案.pdf》第3页", "…")``."""

    location: str
    text: str

    @functools.cached_property
    def normalised(self):
        """The text folded for matching (:func:`wagtail_gk.gate.normalise.normalise`),
        computed once and shared by every checker; map a match back with its
        ``original_span``."""
        from wagtail_gk.gate.normalise import normalise

        return normalise(self.text)


@dataclass(frozen=True)
class Finding:
    code: str  # stable machine code, e.g. "sensitive_word", "id_number"
    severity: Severity
    message: str  # for the editor, in the active language
    location: str = ""  # field or block path, or document name and page
    excerpt: str = ""  # context around the match, with the match itself masked
    checker: str = ""  # code of the checker that produced it

    @classmethod
    def many(cls, code: str, severity: Severity, message: str, location: str, excerpt: str, checker: str) -> Finding:
        """The same as ``Finding(...)`` with every field given, at a third of
        the cost: a frozen dataclass sets each field through
        ``object.__setattr__``, which a text with thousands of matches pays
        thousands of times (docs/gate.md, "Speed")."""
        finding = object.__new__(cls)
        finding.__dict__.update(code=code, severity=severity, message=message, location=location, excerpt=excerpt, checker=checker)
        return finding

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.BLOCK

    @property
    def fingerprint(self) -> str:
        """Stable identity of this finding on its object (used by dismissals)."""
        from wagtail_gk.gate.runner import finding_fingerprint

        return finding_fingerprint(self)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


class Checker:
    """Base class of a content checker.

    ``code`` names the checker in findings, the ledger and dismissals;
    ``verbose_name`` is shown to people. Subclasses implement :meth:`check`,
    or, when each text is judged on its own, just :meth:`check_text`.
    """

    code: str = ""
    verbose_name: str = ""

    def check(self, obj, sources: Iterable[TextSource]) -> Iterable[Finding]:
        """Return the findings for *obj* whose text is *sources*. *obj* may be
        ``None`` when text is checked on its own (``manage.py gk_check``).
        By default, the findings of :meth:`check_text` for each source."""
        findings: list[Finding] = []
        for source in sources:
            findings.extend(self.check_text(source))
        return findings

    def check_text(self, source: TextSource) -> Iterable[Finding]:
        """The findings of one text, for checkers that judge each text alone."""
        raise NotImplementedError


def mask_match(match: str, keep_start: int = 1, keep_end: int = 0) -> str:
    """``match`` with all but the first *keep_start* and last *keep_end*
    characters replaced by ``*`` — what a finding's excerpt shows of it."""
    if len(match) <= keep_start + keep_end:
        return "*" * len(match)
    return match[:keep_start] + "*" * (len(match) - keep_start - keep_end) + match[len(match) - keep_end :]


def excerpt_around(text: str, start: int, end: int, masked: str, context: int | None = None) -> str:
    """The text around ``text[start:end]`` with that match replaced by *masked*,
    on one line, with ``…`` where it was cut."""
    if context is None:
        from wagtail_gk.conf import gk_setting

        context = gk_setting("GK_GATE_EXCERPT_CONTEXT")
    head = "…" + text[start - context : start] if start > context else text[:start]
    tail = text[end : end + context]
    if end + context < len(text):
        tail += "…"
    excerpt = head + "【" + masked + "】" + tail
    return " ".join(excerpt.split())
