"""Masking of personal data in beneficiary lists (名单脱敏).

Village boards must not show full ID numbers, bank accounts, phone numbers or
addresses (村民委员会组织法 practice; DOMAIN §3). The functions here are pure
and idempotent: masking an already masked value returns it unchanged, so rows
can be masked on import and again whenever a page is cleaned.
"""

from __future__ import annotations

import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# 18-character candidates not embedded in a longer run of digits.
_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MASK = "*"


def is_valid_id_number(value: str) -> bool:
    """True if *value* is an 18-character 身份证号 with a valid GB 11643 check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    month, day = int(value[10:12]), int(value[12:14])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17].upper()


def find_id_numbers(text: str) -> list[str]:
    """The unmasked, valid ID numbers in *text*."""
    return [m.group(1) for m in _ID_CANDIDATE.finditer(text or "") if is_valid_id_number(m.group(1))]


def mask_id_number(value: str) -> str:
    """``640102199001011234`` → ``640102********1234`` (the middle eight digits, the birth date)."""
    value = (value or "").strip()
    if not value or _MASK in value:
        return value
    if len(value) == 18:
        return value[:6] + _MASK * 8 + value[14:]
    if len(value) > 8:  # old 15-digit numbers and anything else: keep the region code and the last four
        return value[:6] + _MASK * (len(value) - 10) + value[-4:]
    return _MASK * len(value)


def mask_bank_account(value: str) -> str:
    """Keep the first four and last four digits: ``6222********0123``."""
    digits = re.sub(r"\s+", "", value or "")
    if not digits or _MASK in digits:
        return digits
    if len(digits) <= 8:
        return _MASK * len(digits)
    return digits[:4] + _MASK * (len(digits) - 8) + digits[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``; landlines keep their last four digits."""
    value = re.sub(r"\s+", "", value or "")
    if not value or _MASK in value:
        return value
    if len(value) == 11 and value.isdigit():
        return value[:3] + _MASK * 4 + value[7:]
    if len(value) <= 4:
        return _MASK * len(value)
    return _MASK * (len(value) - 4) + value[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` → ``张*丰``; two-character names keep the surname: ``李*``."""
    value = (value or "").strip()
    if len(value) < 2 or _MASK in value:
        return value
    if len(value) == 2:
        return value[0] + _MASK
    return value[0] + _MASK * (len(value) - 2) + value[-1]


MASKERS = {
    "id_number": mask_id_number,
    "bank_account": mask_bank_account,
    "phone": mask_phone,
    "name": mask_name,
}


def mask_value(kind: str, value: str) -> str:
    masker = MASKERS.get(kind)
    if masker is None:  # any other column: hide all but the first character
        value = str(value or "")
        return value[:1] + _MASK * max(len(value) - 1, 0)
    return masker(str(value or ""))
