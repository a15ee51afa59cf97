"""Shaping what a backend returned for display: labelled facets with the
links that toggle them, paging and sorting links, active filters.
Views and templates only use :class:`SearchResults`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from wagtail_gk.models import Agency, TopicCategory, Validity

from ..models import DocumentKind
from .base import PolicyHit, SearchRequest
from .fields import FACET_KEYS
from .forms import facet_labels


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


def label_facets(request: SearchRequest, raw_facets: dict) -> list[Facet]:
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
