"""Personal data masked in anything public: the writer's name, and ID, bank
card and mobile numbers in the letter's text, found with the publication
gate's own number rules (:mod:`wagtail_gk.gate.checkers.personal_data`) and
masked as its findings suggest (``640102********1234``, ``138****5678``)."""

from __future__ import annotations

from wagtail_gk.gate.checkers.base import TextSource, mask_match
from wagtail_gk.gate.checkers.personal_data import (
    ID15_GROUPS,
    MOBILE_GROUPS,
    MOBILE_START,
    is_valid_id15,
    is_valid_id18,
    luhn_valid,
    number_windows,
)


def mask_text(text: str) -> str:
    """*text* with the numbers the gate calls personal data masked."""
    text = text or ""
    normalised = TextSource("", text).normalised  # as the gate reads it: full-width digits, case folded
    spans = []
    for start, end, digits, lengths in number_windows(normalised.text):
        count = len(digits)
        if count == 18 and is_valid_id18(digits):
            masked = mask_match(digits.upper(), 6, 4)
        elif count == 15 and lengths in ID15_GROUPS and is_valid_id15(digits):
            masked = mask_match(digits, 6, 3)
        elif 16 <= count <= 19 and digits.isdigit() and luhn_valid(digits):
            masked = mask_match(digits, 4, 4)
        elif count == 11 and lengths in MOBILE_GROUPS and MOBILE_START.match(digits):
            masked = mask_match(digits, 3, 4)
        else:
            continue
        start, end = normalised.original_span(start, end)
        if any(start < e and s < end for s, e, _m in spans):
            continue
        spans.append((start, end, masked))
    for start, end, masked in sorted(spans, reverse=True):
        text = text[:start] + masked + text[end:]
    return text


def mask_name(name: str) -> str:
    """"张建国" → "张**": only the family name is shown."""
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""
