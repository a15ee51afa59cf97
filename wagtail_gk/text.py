"""Joining words into running text the active language's way."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def enumeration(items: Iterable) -> str:
    """*items* as one list in running text: "a, b, c" in English, "甲、乙、丙" in Chinese."""
    # A context of its own: Django's plain ", " is translated "，", but a Chinese
    # list of names is separated by the enumeration comma.
    return pgettext("separator between the items of a list", ", ").join(str(item) for item in items)
