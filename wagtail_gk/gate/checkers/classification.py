"""Classification markers (密级标志) that must never reach a public page.

Context rules keep ordinary prose from blocking: "保守国家秘密", "商业秘密",
"保密工作" name secrets without being a marked document. What blocks is the
form a marked document takes:

- a level followed by the star: ``机密★``, ``秘密★1年``, ``绝密 ★ 长期``;
- a labelled level: ``密级：机密``;
- a line that is only a marker, as printed at the head of a document:
  ``绝密``, ``内部资料``, ``内部资料 注意保密``.

Restricted-circulation words in prose (``内部资料``, ``注意保密``,
``不得外传``…) and a bare ``绝密``/``机密`` inside a sentence give a warning
for the reviewer to judge.

The rules run on the normalised text (:mod:`wagtail_gk.gate.normalise`), so
``機密★``, ``机\u200b密★`` and ``祕密★`` are markers too; excerpts show the
text as written.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Checker, Finding, Severity, TextSource, excerpt_around

LEVELS = "绝密|机密|秘密"
RESTRICTED = "内部资料|内部文件|内部材料|内部使用|内部传阅|注意保密|严禁外传|不得外传|不得翻印|仅供内部参考|仅限内部"
STAR_MARKER = re.compile(rf"({LEVELS})\s*[★☆*＊]\s*(?:\d+\s*年|长期)?")
LABELLED_MARKER = re.compile(rf"密\s*级\s*[:：]?\s*({LEVELS}|内部)")
MARKER_LINE = re.compile(rf"^[\s【\[（(]*(?:(?:{LEVELS}|{RESTRICTED})[\s，,、】\])）]*)+$", re.MULTILINE)
RESTRICTED_WORD = re.compile(RESTRICTED)
BARE_HIGH_LEVEL = re.compile(r"绝密|机密")
# Phrases in which 机密/绝密 name a kind of secret rather than mark this text.
PROSE_EXEMPTIONS = ("商业机密", "国家机密", "军事机密", "技术机密", "机密性", "机密级", "绝密级", "泄露机密", "保守机密")


class ClassificationMarkerChecker(Checker):
    code = "classification_marker"
    verbose_name = gettext_lazy("Classification markings")

    def check_text(self, source: TextSource) -> list[Finding]:
        from wagtail_gk.conf import gk_setting

        original = source.text
        normalised = source.normalised
        text = normalised.text
        context = gk_setting("GK_GATE_EXCERPT_CONTEXT")
        spans: list[tuple[int, int]] = []
        findings: list[Finding] = []

        def add(severity: Severity, code: str, message: str, start: int, end: int):
            if any(start < s_end and s_start < end for s_start, s_end in spans):
                return
            spans.append((start, end))
            original_start, original_end = normalised.original_span(start, end)
            shown = original[original_start:original_end].strip()
            findings.append(
                Finding(code, severity, message, source.location, excerpt_around(original, original_start, original_end, shown, context), self.code)
            )

        block_message = _("Contains a classification marking; classified content must not be published. If it was marked by mistake, a reviewer should dismiss this finding")
        for m in STAR_MARKER.finditer(text):
            add(Severity.BLOCK, "classification_marker", block_message, *m.span())
        for m in LABELLED_MARKER.finditer(text):
            add(Severity.BLOCK, "classification_marker", block_message, *m.span())
        for m in MARKER_LINE.finditer(text):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            add(Severity.BLOCK, "classification_marker", _("Contains an “internal material / classification level” header marking; make sure the document may be made public"), start, m.end())
        for m in RESTRICTED_WORD.finditer(text):
            add(Severity.WARN, "restricted_circulation", _("Contains restricted-circulation wording such as “%(word)s”; make sure it may be made public") % {"word": m.group()}, *m.span())
        for m in BARE_HIGH_LEVEL.finditer(text):
            window = text[max(0, m.start() - 3) : m.end() + 3]
            if any(phrase in window for phrase in PROSE_EXEMPTIONS):
                continue
            add(Severity.WARN, "classification_word", _("Contains the word “%(word)s”; make sure this is not classified content") % {"word": m.group()}, *m.span())
        return findings
