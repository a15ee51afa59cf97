"""The one search interface of the policy library, shared by every backend.

A backend receives a validated :class:`SearchRequest` (query words already
segmented, filters already checked) and returns a :class:`RawResults`:
hits with their display fields and highlighted HTML, the total, and facet
counts as ``{facet_key: [(value, count), …]}``. Labelling facets, paging
notices and the fallback when a backend is down are done once, in
:mod:`wagtail_gk.policy.search`.

To write a backend, subclass :class:`PolicySearchBackend` and implement
``search``, ``index``, ``delete`` and ``rebuild``; name it in
``GK_POLICY_SEARCH_BACKEND = {"BACKEND": "dotted.path", "OPTIONS": {…}}``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field


@dataclass
class SearchRequest:
    text: str = ""  # the query as the reader typed it (after trimming)
    tokens: list[str] = field(default_factory=list)  # segmented words; empty means "browse"
    filters: dict[str, object] = field(default_factory=dict)  # facet key → one value (int or str)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class PolicyIndexDocument:
    """What a backend indexes about one live policy."""

    page_id: int
    title: str
    url: str
    document_number: str
    summary: str
    body: str
    keywords: str  # 主题词 and the names of its 主题分类: searchable, not displayed
    agency_id: int | None
    agency_name: str
    release_date: datetime.date | None
    topic_id: int | None
    topic_root_id: int | None
    document_kind: str
    validity: str
    validity_changed_on: datetime.date | None
    has_interpretation: bool

    @property
    def year(self) -> int | None:
        return self.release_date.year if self.release_date else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["year"] = self.year
        for key in ("release_date", "validity_changed_on"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class PolicyHit:
    page_id: int
    title: str
    url: str
    document_number: str
    agency_name: str
    release_date: datetime.date | None
    document_kind: str
    validity: str
    validity_changed_on: datetime.date | None
    has_interpretation: bool
    title_html: str = ""  # highlighted, safe HTML
    snippet_html: str = ""  # highlighted, safe HTML
    score: float = 0.0


@dataclass
class RawResults:
    total: int
    hits: list[PolicyHit]
    facets: dict[str, list[tuple[object, int]]]


class BackendUnavailable(Exception):
    """The backend's service cannot be reached; the caller may fall back."""


class PolicySearchBackend:
    name = ""
    verbose_name = ""

    def __init__(self, options: dict | None = None):
        self.options = dict(options or {})

    def search(self, request: SearchRequest) -> RawResults:
        raise NotImplementedError

    def index(self, documents: Iterable[PolicyIndexDocument]) -> int:
        """Add or replace *documents*; returns how many were written."""
        raise NotImplementedError

    def delete(self, page_ids: Iterable[int]) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[PolicyIndexDocument]) -> int:
        """Replace the whole index with *documents*, without a moment where
        searches see an empty or half-built index."""
        raise NotImplementedError

    def check(self) -> list[str]:
        """Problems with the configuration, for ``manage.py check``."""
        return []
