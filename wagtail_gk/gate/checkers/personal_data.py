"""Personal data that must not be published unmasked (DOMAIN.md §5).

- 18-digit 身份证号 (GB 11643): a known province code, a real birth date and
  a correct ISO 7064 MOD 11-2 check character;
- 15-digit first-generation numbers: province code and a real 19YY date;
- mobile numbers: 11 digits starting 1[3-9] (also written 138-1234-5678);
- bank card numbers: 16–19 digits passing the Luhn check, starting with 62
  (UnionPay) or next to a word such as 卡号/账号/银行.

A number is only matched as a whole: digits inside a longer run of digits
(an order number, a long serial) never match, and numbers already masked
(``640102********1234``, ``138****5678``) contain no such run.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

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

ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{15})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(1[3-9]\d(?:[- ]?)\d{4}(?:[- ]?)\d{4})(?![0-9])")
CARD = re.compile(r"(?<![0-9])(\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9])")
# Every number above is a run of at least 11 digits, spaces, hyphens and X:
# the patterns only run on such runs, not across whole documents of prose.
CANDIDATE_RUN = re.compile(r"\d[\d \-Xx]{10,}")
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


def in_runs(pattern: re.Pattern, text: str, runs: list[tuple[int, int]]):
    """Matches of *pattern* inside the candidate runs, in order; the pattern
    still sees the character on each side of a run for its boundary checks."""
    for start, end in runs:
        yield from pattern.finditer(text, start, min(len(text), end + 1))


class PersonalDataChecker(Checker):
    code = "personal_data"
    verbose_name = gettext_lazy("个人信息")

    def _severity(self, kind: str) -> Severity:
        return Severity(gk_setting("GK_GATE_PERSONAL_DATA_SEVERITY").get(kind, "block"))

    def check(self, obj, sources: Iterable[TextSource]) -> list[Finding]:
        findings = []
        for source in sources:
            findings.extend(self.check_text(source))
        return findings

    def check_text(self, source: TextSource) -> list[Finding]:
        text = source.text
        found: list[Finding] = []
        taken: list[tuple[int, int]] = []

        def add(kind: str, code: str, message: str, start: int, end: int, masked: str):
            taken.append((start, end))
            found.append(
                Finding(
                    code=code,
                    severity=self._severity(kind),
                    message=message,
                    location=source.location,
                    excerpt=excerpt_around(text, start, end, masked),
                    checker=self.code,
                )
            )

        def overlaps(start: int, end: int) -> bool:
            return any(start < t_end and t_start < end for t_start, t_end in taken)

        runs = [m.span() for m in CANDIDATE_RUN.finditer(text)]
        for m in in_runs(ID18, text, runs):
            if is_valid_id18(m.group(1)):
                add("id_number", "id_number", _("含有未脱敏的身份证号码，请隐去中间8位（如 640102********1234）"), *m.span(1), mask_match(m.group(1), 6, 4))
        for m in in_runs(ID15, text, runs):
            if not overlaps(*m.span(1)) and is_valid_id15(m.group(1)):
                add("id_number_old", "id_number_old", _("含有未脱敏的15位身份证号码，请隐去出生日期等中间数字"), *m.span(1), mask_match(m.group(1), 6, 3))
        for m in in_runs(CARD, text, runs):
            digits = m.group(1).replace(" ", "")
            if overlaps(*m.span(1)) or not luhn_valid(digits):
                continue
            near = text[max(0, m.start(1) - 20) : m.start(1)]
            if digits.startswith("62") or CARD_WORDS.search(near):
                add("bank_card", "bank_card", _("含有未脱敏的银行卡号，请只保留后4位"), *m.span(1), mask_match(digits, 4, 4))
        for m in in_runs(MOBILE, text, runs):
            if not overlaps(*m.span(1)):
                digits = re.sub(r"[- ]", "", m.group(1))
                add("mobile", "mobile", _("含有手机号码，除公开的办事咨询电话外请隐去中间4位"), *m.span(1), mask_match(digits, 3, 4))
        return found
