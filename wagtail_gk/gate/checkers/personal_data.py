"""Personal data that must not be published unmasked (DOMAIN.md §5).

- 18-digit 身份证号 (GB 11643): a known province code, a real birth date and
  a correct ISO 7064 MOD 11-2 check character;
- 15-digit first-generation numbers: province code and a real 19YY date;
- mobile numbers: 11 digits starting 1[3-9] (also written 138-1234-5678);
- bank card numbers: 16–19 digits passing the Luhn check, starting with 62
  (UnionPay) or next to a word such as 卡号/账号/银行.

The checker reads the normalised text (full-width digits are digits,
zero-width characters are gone) and joins digit groups that a number is
often split into: ``640102 19850612 1234``, ``640102-1985-0612-1234``,
``640102.19850612.1234``, or a line break where ``<br>`` was. A window of
groups counts only when its separators are all the same; an 18-digit
number may be grouped any way (its province code, date and check character
rarely fit by chance), the others only as they are usually written.

A number is only matched as a whole group: digits inside a longer run of
digits (an order number, a long serial) never match, and numbers already
masked (``640102********1234``, ``138****5678``) are not digit groups. A
letter right before a number does not hide it (``ID640102…``).
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_gk.conf import gk_setting

from .base import Checker, Finding, Severity, TextSource, excerpt_around, mask_match

# Province-level codes of GB/T 2260 (first two digits of a region code), plus
# 71 台湾, 81 香港, 82 澳门 and 83 (residence permits of Taiwan residents).
PROVINCE_CODES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"]
)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

# Separators a number is written with: spaces (also U+3000), line breaks,
# hyphens and dashes, dots, middle dots; at most three in a row.
SEPARATOR = r"[ \t\r\n\u00a0\u3000\-\u2010-\u2015\u2212.\u00b7\u30fb]{1,3}"
SEPARATOR_CHARS = dict.fromkeys(map(ord, " \t\r\n\u00a0\u3000-\u2010\u2011\u2012\u2013\u2014\u2015\u2212.\u00b7\u30fb"))
DIGIT_RUN = re.compile(rf"[0-9]+(?:{SEPARATOR}[0-9]+)*x?")
DIGIT_GROUP = re.compile(r"[0-9]+x?")
MOBILE_GROUPS = {(11,), (3, 4, 4), (3, 8), (7, 4)}
ID15_GROUPS = {(15,), (6, 6, 3), (6, 9)}
MOBILE_START = re.compile(r"1[3-9]")
CARD_WORDS = re.compile(r"(卡号|账号|帐号|银行|账户|帐户|储蓄卡|信用卡|社保卡|一卡通)")


def id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= datetime.date.today()


def is_valid_id18(number: str) -> bool:
    if len(number) != 18 or number[:2] not in PROVINCE_CODES or not number[:17].isdigit():
        return False
    if not _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return id_check_char(number[:17]) == number[17].upper()


def is_valid_id15(number: str) -> bool:
    if len(number) != 15 or not number.isdigit() or number[:2] not in PROVINCE_CODES:
        return False
    return _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card_grouping(lengths: tuple[int, ...]) -> bool:
    return len(lengths) == 1 or (all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 4)


def number_windows(text: str):
    """``(start, end, digits, group lengths)`` of every window of digit
    groups in *text* (normalised) whose separators are all alike, as long as
    it has at most 19 digits; the window starts and ends on whole groups."""
    for run in DIGIT_RUN.finditer(text):
        if run.end() - run.start() < 11 or len(run.group().translate(SEPARATOR_CHARS)) < 11:
            continue  # fewer than 11 digits: no number this checker knows (most runs: dates, amounts)
        groups = [m.span() for m in DIGIT_GROUP.finditer(text, run.start(), run.end())]
        for first in range(len(groups)):
            digits = ""
            separator = None
            for last in range(first, len(groups)):
                if last > first:
                    between = text[groups[last - 1][1] : groups[last][0]]
                    if separator is None:
                        separator = between
                    elif between != separator:
                        break
                start, end = groups[last]
                digits += text[start:end]
                if len(digits) > 19:
                    break
                if len(digits) >= 11:
                    lengths = tuple(e - s for s, e in groups[first : last + 1])
                    yield groups[first][0], end, digits, lengths


class PersonalDataChecker(Checker):
    code = "personal_data"
    verbose_name = gettext_lazy("Personal data")

    def check_text(self, source: TextSource) -> list[Finding]:
        text = source.text
        normalised = source.normalised
        folded = normalised.text
        found: list[Finding] = []
        taken: list[tuple[int, int]] = []
        messages = {
            "id_number": _("Contains an unmasked ID number; mask the middle 8 digits (e.g. 640102********1234)"),
            "id_number_old": _("Contains an unmasked 15-digit ID number; mask the middle digits, including the date of birth"),
            "bank_card": _("Contains an unmasked bank card number; keep only the last 4 digits"),
            "mobile": _("Contains a mobile number; unless it is a public enquiry number, mask the middle 4 digits"),
        }
        severities = gk_setting("GK_GATE_PERSONAL_DATA_SEVERITY")
        context = gk_setting("GK_GATE_EXCERPT_CONTEXT")

        def add(kind: str, message: str, start: int, end: int, masked: str):
            taken.append((start, end))
            original_start, original_end = normalised.original_span(start, end)
            found.append(
                Finding(
                    code=kind,
                    severity=Severity(severities.get(kind, "block")),
                    message=message,
                    location=source.location,
                    excerpt=excerpt_around(text, original_start, original_end, masked, context),
                    checker=self.code,
                )
            )

        def overlaps(start: int, end: int) -> bool:
            return any(start < t_end and t_start < end for t_start, t_end in taken)

        ids, old_ids, cards, mobiles = [], [], [], []
        for window in number_windows(folded):
            start, end, digits, lengths = window
            count = len(digits)
            if count == 18 and is_valid_id18(digits):
                ids.append(window)
            elif count == 15 and lengths in ID15_GROUPS and is_valid_id15(digits):
                old_ids.append(window)
            elif 16 <= count <= 19 and digits.isdigit() and _card_grouping(lengths) and luhn_valid(digits):
                if digits.startswith("62") or CARD_WORDS.search(folded, max(0, start - 20), start):
                    cards.append(window)
            elif count == 11 and lengths in MOBILE_GROUPS and MOBILE_START.match(digits):
                mobiles.append(window)
        for start, end, digits, _lengths in ids:
            if not overlaps(start, end):
                add("id_number", messages["id_number"], start, end, mask_match(digits.upper(), 6, 4))
        for start, end, digits, _lengths in old_ids:
            if not overlaps(start, end):
                add("id_number_old", messages["id_number_old"], start, end, mask_match(digits, 6, 3))
        for start, end, digits, _lengths in cards:
            if not overlaps(start, end):
                add("bank_card", messages["bank_card"], start, end, mask_match(digits, 4, 4))
        for start, end, digits, _lengths in mobiles:
            if not overlaps(start, end):
                add("mobile", messages["mobile"], start, end, mask_match(digits, 3, 4))
        return found
