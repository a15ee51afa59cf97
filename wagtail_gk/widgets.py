"""Form widgets whose values a browser's native pickers accept.

An ``<input type="date">`` only takes ``YYYY-MM-DD`` (and ``datetime-local``
only ``YYYY-MM-DDTHH:MM``), whatever the page's language. Django's own
``DateInput`` renders the active locale's first input format instead — for
zh-hans ``2026/12/04`` — which the browser discards, leaving the field empty.
These widgets always render the ISO form; Django's date and datetime fields
accept it in every locale.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` with its value as ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or ISO_DATE)


class IsoDateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` with its value as ``YYYY-MM-DDTHH:MM``."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or ISO_DATETIME)
