"""Text helpers: decoding uploaded text files, joining words into running text
the active language's way."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def enumeration(items: Iterable) -> str:
    """*items* as one list in running text: "a, b, c" in English, "甲、乙、丙" in Chinese."""
    # A context of its own: Django's plain ", " is translated "，", but a Chinese
    # list of names is separated by the enumeration comma.
    return pgettext("separator between the items of a list", ", ").join(str(item) for item in items)


def decode_text(data: bytes) -> str:
    """Decode an uploaded text file: UTF-8 (with or without BOM), UTF-16 with BOM,
    else GB18030 (a superset of GBK/GB2312, common in government offices)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
