"""The policy library's search entry point.

:func:`parse_request` validates what a reader sent (query, facet values,
sort, page) and turns it into a :class:`SearchRequest` plus notices for the
reader; :func:`run_search` runs it on the configured backend, falls back to
the database backend (with a warning in the log) when the configured one is
unreachable, and labels facets for display. Views and templates only use
:class:`SearchResults`.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ..conf import policy_setting
from .base import (
    FACET_KEYS,
    SORTS,
    BackendUnavailable,
    PolicyHit,
    PolicySearchBackend,
    SearchRequest,
)

logger = logging.getLogger("wagtail_gk.policy.search")

__all__ = [
    "BackendUnavailable",
    "PolicySearchBackend",
    "SearchRequest",
    "SearchResults",
    "get_backend",
    "parse_request",
    "run_search",
    "run_search_from_request",
]


def facet_labels() -> dict[str, str]:
    return {
        "agency": _("Issuing authority"),
        "year": _("Year"),
        "topic": _("Subject category"),
        "subtopic": _("Subject subcategory"),
        "kind": _("Document type"),
        "validity": _("Validity"),
    }


def get_backend(config: dict | None = None) -> PolicySearchBackend:
    """The backend named by ``GK_POLICY_SEARCH_BACKEND`` (or *config*)."""
    config = config or policy_setting("GK_POLICY_SEARCH_BACKEND")
    backend_class = import_string(config["BACKEND"])
    return backend_class(config.get("OPTIONS") or {})


def database_backend() -> PolicySearchBackend:
    from .database import DatabaseSearchBackend

    return DatabaseSearchBackend()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # query string that toggles this value


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[PolicyHit] = field(default_factory=list)
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    backend: str = ""
    searched: bool = True  # False when the query had nothing searchable

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.request.page_size))

    @property
    def page(self) -> int:
        return self.request.page

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    def page_url(self, page: int) -> str:
        return "?" + urlencode(query_params(self.request, page=page))

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page - 1)

    @property
    def next_url(self) -> str:
        return self.page_url(self.page + 1)

    def sort_url(self, sort: str) -> str:
        return "?" + urlencode(query_params(self.request, sort=sort, page=1))

    @property
    def relevance_url(self) -> str:
        return self.sort_url("relevance")

    @property
    def date_url(self) -> str:
        return self.sort_url("date")

    @property
    def active_filters(self) -> list[dict]:
        labels = facet_labels()
        out = []
        for facet in self.facets:
            for value in facet.values:
                if value.selected:
                    out.append({"label": labels[facet.key], "value": value.label, "url": value.url})
        return out


def query_params(request: SearchRequest, **changes) -> list[tuple[str, str]]:
    values = {"q": request.text, **{k: str(v) for k, v in request.filters.items()}}
    if request.sort != "relevance":
        values["sort"] = request.sort
    values["page"] = str(request.page)
    for key, value in changes.items():
        values[key] = str(value) if value is not None else None
    if values.get("page") == "1":
        values.pop("page")
    return [(k, v) for k, v in values.items() if v]


def _valid_filter(key: str, raw: str):
    """The filter value in its stored type, or None when it cannot exist."""
    from wagtail_gk.models import Validity

    from ..models import DocumentKind

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


def parse_request(params, page_size: int | None = None) -> tuple[SearchRequest, list[str], bool]:
    """Validate reader input (a QueryDict or dict). Returns the request, the
    notices to show, and whether the query had searchable words (a query of
    punctuation only has none)."""
    from ..segmentation import query_tokens

    notices: list[str] = []
    labels = facet_labels()
    text = " ".join(str(params.get("q", "") or "").split())
    max_length = policy_setting("GK_POLICY_SEARCH_MAX_QUERY_LENGTH")
    if len(text) > max_length:
        text = text[:max_length]
        notices.append(_("The search text is too long; only its first %(n)d characters are searched.") % {"n": max_length})
    tokens = query_tokens(text)
    searchable = bool(tokens) or not text
    if text and not tokens:
        notices.append(_("The search text has nothing that can be searched; try other words."))

    filters = {}
    for key in FACET_KEYS:
        raw = params.get(key)
        if raw in (None, ""):
            continue
        value = _valid_filter(key, str(raw))
        if value is None:
            notices.append(_("The value of the filter “%(facet)s” is not valid and was ignored.") % {"facet": labels[key]})
        else:
            filters[key] = value
    if "subtopic" in filters and "topic" not in filters:
        filters.pop("subtopic")

    sort = params.get("sort") or ("relevance" if tokens else "date")
    if sort not in SORTS:
        notices.append(_("The sort order is not valid; results are sorted by relevance."))
        sort = "relevance"

    raw_page = str(params.get("page", "1") or "1")
    max_page = policy_setting("GK_POLICY_SEARCH_MAX_PAGE")
    if raw_page.isdigit() and 1 <= int(raw_page) <= max_page:
        page = int(raw_page)
    else:
        page = 1
        notices.append(_("The page number is not valid; page 1 is shown."))
    request = SearchRequest(
        text=text,
        tokens=tokens,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size or policy_setting("GK_POLICY_SEARCH_PAGE_SIZE"),
    )
    return request, notices, searchable


def _label_facets(request: SearchRequest, raw_facets: dict) -> list[Facet]:
    from wagtail_gk.models import Agency, TopicCategory, Validity

    from ..models import DocumentKind

    labels = facet_labels()
    agency_ids = [v for v, _n in raw_facets.get("agency", [])]
    topic_ids = [v for key in ("topic", "subtopic") for v, _n in raw_facets.get(key, [])]
    agency_names = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    topic_names = dict(TopicCategory.objects.filter(pk__in=topic_ids).values_list("pk", "name"))
    kind_names = dict(DocumentKind.choices)
    validity_names = dict(Validity.choices)
    namers = {
        "agency": lambda v: agency_names.get(v, str(v)),
        "year": lambda v: _("%(year)s") % {"year": v},
        "topic": lambda v: topic_names.get(v, str(v)),
        "subtopic": lambda v: topic_names.get(v, str(v)),
        "kind": lambda v: str(kind_names.get(v, v)),
        "validity": lambda v: str(validity_names.get(v, v)),
    }
    facets = []
    for key in FACET_KEYS:
        if key not in raw_facets:
            continue
        values = []
        rows = raw_facets[key]
        if key == "year":
            rows = sorted(rows, key=lambda row: -int(row[0]))
        for value, count in rows:
            selected = request.filters.get(key) == value
            change = {key: None if selected else value, "page": 1}
            if key == "topic":
                change["subtopic"] = None
            values.append(
                FacetValue(
                    value=str(value),
                    label=namers[key](value),
                    count=count,
                    selected=selected,
                    url="?" + urlencode(query_params(request, **change)),
                )
            )
        facets.append(Facet(key=key, label=labels[key], values=values))
    return facets


def run_search(request: SearchRequest, *, notices=None, searchable: bool = True, backend=None) -> SearchResults:
    """Search with the configured backend, falling back to the database backend
    when it is unreachable."""
    notices = list(notices or [])
    if not searchable:
        return SearchResults(request=request, notices=notices, searched=False)
    backend = backend or get_backend()
    try:
        raw = backend.search(request)
    except BackendUnavailable as exc:
        if backend.name == "database":
            raise
        logger.warning("Policy search backend %s unavailable, using the database backend: %s", backend.name, exc)
        backend = database_backend()
        raw = backend.search(request)
    if raw.total and request.offset >= raw.total:
        notices.append(
            _("There are no results on page %(page)d: %(total)d results on %(pages)d pages.")
            % {"page": request.page, "total": raw.total, "pages": math.ceil(raw.total / request.page_size)}
        )
    return SearchResults(
        request=request,
        hits=raw.hits,
        total=raw.total,
        facets=_label_facets(request, raw.facets),
        notices=notices,
        backend=backend.name,
    )


def run_search_from_request(http_request) -> SearchResults:
    request, notices, searchable = parse_request(http_request.GET)
    return run_search(request, notices=notices, searchable=searchable)
