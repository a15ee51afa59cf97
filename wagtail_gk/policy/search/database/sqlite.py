"""The policy search on SQLite: an FTS5 table over the segmented words.

``wagtail_gk_policy_fts`` (migration 0002, external content, kept in step by
triggers) matches the words; relevance is ``bm25`` (title weighted 8, body
1), ties newest first. With words, facets are counted in one pass over the
matching rows in Python (each GROUP BY would run the MATCH again); without,
by one ``GROUP BY`` per facet.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, F

from ...models import PolicySearchEntry
from ..base import SearchRequest
from ..fields import FILTER_FIELDS, STRING_FACETS
from .common import BaseDatabaseSearchBackend

FTS_TABLE = "wagtail_gk_policy_fts"
ENTRY_TABLE = PolicySearchEntry._meta.db_table
# Table names are constants of this module; user input only ever travels as a bound parameter.
SQLITE_MATCH = f"{ENTRY_TABLE}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
# One FTS5 query joined to the entries ranks the page of hits; a correlated
# bm25() subquery per matching row re-ran the MATCH for every row (slow).
SQLITE_RANKED = (
    f"SELECT e.id, -bm25({FTS_TABLE}, 8.0, 1.0) AS score FROM {FTS_TABLE} "  # noqa: S608
    f"JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s"
)


def fts5_query(tokens: list[str]) -> str:
    """An FTS5 MATCH expression requiring every word; each word is quoted so
    that FTS5 operators in user input mean nothing."""
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


class SQLiteSearchBackend(BaseDatabaseSearchBackend):
    def _matching(self, request: SearchRequest):
        """The matching entries on SQLite, and whether words were matched."""
        queryset = PolicySearchEntry.objects.all()
        for key, value in request.filters.items():
            queryset = queryset.filter(**{FILTER_FIELDS[key]: value})
        if not request.tokens:
            return queryset, False
        match = fts5_query(request.tokens)
        return queryset.extra(where=[SQLITE_MATCH], params=[match]), True  # noqa: S610 - parameters are bound

    def _sqlite_ranked_ids(self, request: SearchRequest) -> list[tuple[int, float]]:
        """(entry id, score) of one page of hits by relevance, on SQLite."""
        sql = [SQLITE_RANKED]
        params: list = [fts5_query(request.tokens)]
        for key, value in request.filters.items():
            sql.append(f"AND e.{FILTER_FIELDS[key]} = %s")  # column names come from FILTER_FIELDS only
            params.append(value)
        sql.append("ORDER BY score DESC, e.release_date IS NULL, e.release_date DESC, e.id DESC LIMIT %s OFFSET %s")
        params += [request.page_size, request.offset]
        return self._fetch(" ".join(sql), params)

    def search_page(self, request: SearchRequest) -> tuple[int, dict, list]:
        queryset, ranked = self._matching(request)
        if ranked:
            # One pass over the matching rows instead of a count and six GROUP BYs,
            # each of which would run the FTS5 MATCH again.
            total, facets = self._facets_in_one_pass(queryset, request)
        else:
            total = queryset.count()
            facets = self._facets_grouped(queryset, request) if total else {}
        if not total or request.offset >= total:
            return total, facets, []
        if ranked and request.sort == "relevance":
            return total, facets, self._entries(self._sqlite_ranked_ids(request))
        ordered = queryset.order_by(F("release_date").desc(nulls_last=True), "-id")
        return total, facets, list(ordered.defer("title_tokens", "body_tokens")[request.offset : request.offset + request.page_size])

    def _facets_grouped(self, queryset, request: SearchRequest) -> dict:
        facets = {}
        for key, field_name in self._facet_keys(request):
            rows = (
                queryset.order_by()
                .exclude(**{f"{field_name}__isnull": True})
                .exclude(**{field_name: ""} if key in STRING_FACETS else {})
                .values_list(field_name)
                .annotate(n=Count("id"))
                .order_by("-n", field_name)
            )
            facets[key] = [(value, n) for value, n in rows]
        return facets

    def _facets_in_one_pass(self, queryset, request: SearchRequest) -> tuple[int, dict]:
        keys = self._facet_keys(request)
        counters = {key: Counter() for key, _f in keys}
        total = 0
        for row in queryset.order_by().values_list(*[f for _k, f in keys]).iterator(chunk_size=2000):
            total += 1
            for (key, _f), value in zip(keys, row, strict=True):
                if value is not None and value != "":
                    counters[key][value] += 1
        if not total:
            return 0, {}
        facets = {key: sorted(counter.items(), key=lambda item: (-item[1], item[0])) for key, counter in counters.items()}
        return total, facets
