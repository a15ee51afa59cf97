"""The policy library's search, in layers.

- :mod:`.forms`: :class:`~.forms.PolicySearchForm` reads what a reader sent
  (query, facet values, sort, page) into a :class:`~.base.SearchRequest`
  plus notices for the reader;
- :mod:`.base`: the request, index document and hit records and the
  backend interface; :mod:`.fields`: the facet/field maps every backend uses;
- :mod:`.database` (one module per database vendor) and :mod:`.elasticsearch`:
  the backends;
- :mod:`.results`: labelled facets, paging and sorting links for display.

:func:`run_search` runs a request on the configured backend and falls back
to the database backend (with a warning in the log) when the configured one
is unreachable. Views and templates only use :class:`~.results.SearchResults`.
"""

from __future__ import annotations

import logging
import math

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ..conf import policy_setting
from .base import BackendUnavailable, PolicySearchBackend, SearchRequest
from .forms import PolicySearchForm, facet_labels, parse_request
from .results import Facet, FacetValue, SearchResults, label_facets, query_params

logger = logging.getLogger("wagtail_gk.policy.search")

__all__ = [
    "BackendUnavailable",
    "Facet",
    "FacetValue",
    "PolicySearchBackend",
    "PolicySearchForm",
    "SearchRequest",
    "SearchResults",
    "database_backend",
    "facet_labels",
    "get_backend",
    "parse_request",
    "query_params",
    "run_search",
    "run_search_from_request",
]


def get_backend(config: dict | None = None) -> PolicySearchBackend:
    """The backend named by ``GK_POLICY_SEARCH_BACKEND`` (or *config*)."""
    config = config or policy_setting("GK_POLICY_SEARCH_BACKEND")
    backend_class = import_string(config["BACKEND"])
    return backend_class(config.get("OPTIONS") or {})


def database_backend() -> PolicySearchBackend:
    from .database import DatabaseSearchBackend  # imports the models; loaded only when searching

    return DatabaseSearchBackend()


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
        facets=label_facets(request, raw.facets),
        notices=notices,
        backend=backend.name,
    )


def run_search_from_request(http_request) -> SearchResults:
    request, notices, searchable = parse_request(http_request.GET)
    return run_search(request, notices=notices, searchable=searchable)


def library_context(page, http_request) -> dict:
    """What the library page adds to its context: the search results."""
    return {"results": run_search_from_request(http_request)}
