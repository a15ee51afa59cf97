"""Reading what a reader sent to the policy search.

:class:`PolicySearchForm` turns the query string (query, facet values, sort,
page) into a :class:`~.base.SearchRequest`. Reader input is never an error
here: what cannot be used is dropped or replaced by its default, and a
notice says so, so the form is always valid and the page always renders.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from wagtail_gk.models import Validity
from wagtail_gk.search.segmentation import query_tokens

from ..conf import policy_setting
from ..models import DocumentKind
from .base import SearchRequest
from .fields import FACET_KEYS, SORTS


def facet_labels() -> dict[str, str]:
    return {
        "agency": _("Issuing authority"),
        "year": _("Year"),
        "topic": _("Subject category"),
        "subtopic": _("Subject subcategory"),
        "kind": _("Document type"),
        "validity": _("Validity"),
    }


class RawTextField(forms.Field):
    """Whatever was sent, as text; no validators (a NUL or an over-long value
    is handled by the form's ``clean`` with a notice, not refused)."""

    def to_python(self, value):
        return "" if value is None else str(value)


def valid_filter(key: str, raw: str):
    """The filter value in its stored type, or None when it cannot exist."""
    raw = raw.strip()
    if key in ("agency", "topic", "subtopic"):
        return int(raw) if raw.isdigit() and len(raw) < 10 else None
    if key == "year":
        return int(raw) if raw.isdigit() and 1949 <= int(raw) <= 2100 else None
    if key == "kind":
        return raw if raw in DocumentKind.values else None
    if key == "validity":
        return raw if raw in Validity.values else None
    return None


class PolicySearchForm(forms.Form):
    """The public search form. After ``is_valid()`` (always true):
    ``search_request``, ``notices`` (to show the reader) and ``searchable``
    (False when the query had no searchable words, e.g. punctuation only)."""

    q = RawTextField(required=False)
    agency = RawTextField(required=False)
    year = RawTextField(required=False)
    topic = RawTextField(required=False)
    subtopic = RawTextField(required=False)
    kind = RawTextField(required=False)
    validity = RawTextField(required=False)
    sort = RawTextField(required=False)
    page = RawTextField(required=False)

    def __init__(self, data=None, *, page_size: int | None = None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.page_size = page_size
        self.notices: list[str] = []
        self.searchable = True
        self.search_request: SearchRequest | None = None

    def clean(self):
        data = super().clean()
        notices = self.notices = []
        text = " ".join(data.get("q", "").split())
        max_length = policy_setting("GK_POLICY_SEARCH_MAX_QUERY_LENGTH")
        if len(text) > max_length:
            text = text[:max_length]
            notices.append(_("The search text is too long; only its first %(n)d characters are searched.") % {"n": max_length})
        tokens = query_tokens(text)
        self.searchable = bool(tokens) or not text
        if text and not tokens:
            notices.append(_("The search text has nothing that can be searched; try other words."))

        labels = facet_labels()
        filters = {}
        for key in FACET_KEYS:
            raw = data.get(key, "")
            if raw == "":
                continue
            value = valid_filter(key, raw)
            if value is None:
                notices.append(_("The value of the filter “%(facet)s” is not valid and was ignored.") % {"facet": labels[key]})
            else:
                filters[key] = value
        if "subtopic" in filters and "topic" not in filters:
            filters.pop("subtopic")

        sort = data.get("sort") or ("relevance" if tokens else "date")
        if sort not in SORTS:
            notices.append(_("The sort order is not valid; results are sorted by relevance."))
            sort = "relevance"

        raw_page = data.get("page") or "1"
        max_page = policy_setting("GK_POLICY_SEARCH_MAX_PAGE")
        if raw_page.isdigit() and 1 <= int(raw_page) <= max_page:
            page = int(raw_page)
        else:
            page = 1
            notices.append(_("The page number is not valid; page 1 is shown."))
        self.search_request = SearchRequest(
            text=text,
            tokens=tokens,
            filters=filters,
            sort=sort,
            page=page,
            page_size=self.page_size or policy_setting("GK_POLICY_SEARCH_PAGE_SIZE"),
        )
        return data


def parse_request(params, page_size: int | None = None) -> tuple[SearchRequest, list[str], bool]:
    """Validate reader input (a QueryDict or dict). Returns the request, the
    notices to show, and whether the query had searchable words."""
    form = PolicySearchForm(params, page_size=page_size)
    form.is_valid()
    return form.search_request, form.notices, form.searchable
