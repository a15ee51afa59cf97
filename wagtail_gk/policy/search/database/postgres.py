"""The policy search on PostgreSQL.

PostgreSQL searches the narrow table ``wagtail_gk_policy_match`` (migration
0003, kept in step by triggers): facet values, release date, and the words
of the title and of the whole policy as position-less ``tsvector`` (``simple``
configuration: the words are already split) with GIN indexes. A search is
two or three statements, then the page's entries by primary key:

- the total and every facet count in one pass over the matching rows
  (``GROUPING SETS``);
- the page of ids. Relevance is two tiers, each newest first: policies whose
  title holds every query word, then the rest. Each tier is a query bounded
  by the page asked for (title GIN index, or a walk down the date btree), so
  nothing is ranked or sorted beyond that page; the second tier is queried
  only when the first ends before the page does.
"""

from __future__ import annotations

import datetime

from ..base import SearchRequest
from ..fields import FILTER_FIELDS, INT_FACETS
from .common import BaseDatabaseSearchBackend

PG_MATCH = "wagtail_gk_policy_match"
PG_QUERY = "plainto_tsquery('simple', %s)"
PG_ORDER_DATE = "release_date DESC NULLS LAST, id DESC"


class PostgresSearchBackend(BaseDatabaseSearchBackend):
    @staticmethod
    def _pg_where(request: SearchRequest, words: bool = True) -> tuple[list[str], list]:
        clauses, params = [], []
        if words and request.tokens:
            clauses.append(f"search_vector @@ {PG_QUERY}")
            params.append(" ".join(request.tokens))
        for key, value in request.filters.items():
            if key == "year":
                # A range, so that the date btree serves "this year, newest first".
                clauses.append("release_date >= %s AND release_date < %s")
                params += [datetime.date(value, 1, 1), datetime.date(value + 1, 1, 1)]
            else:
                clauses.append(f"{FILTER_FIELDS[key]} = %s")  # column names come from FILTER_FIELDS only
                params.append(value)
        return clauses, params

    def search_page(self, request: SearchRequest) -> tuple[int, dict, list]:
        total, facets = self._facets_postgres(request)
        if not total or request.offset >= total:
            return total, facets, []
        if request.tokens and request.sort == "relevance":
            ranked_ids = self._pg_ranked_ids(request)
        else:
            clauses, params = self._pg_where(request)
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            sql = f"SELECT id, 0 FROM {PG_MATCH} {where} ORDER BY {PG_ORDER_DATE} LIMIT %s OFFSET %s"  # noqa: S608
            ranked_ids = self._fetch(sql, [*params, request.page_size, request.offset])
        return total, facets, self._entries(ranked_ids)

    def _pg_ranked_ids(self, request: SearchRequest) -> list[tuple[int, float]]:
        """One page of (id, score) by relevance: the policies whose title
        holds every query word (score 1), then the others (score 0), each
        tier newest first. Each query stops at the end of the page asked for
        (title GIN index, or a walk down the date btree), so a broad query
        neither ranks nor sorts every match; the second tier is only read
        when the first ends before the page does."""
        words = " ".join(request.tokens)
        clauses, params = self._pg_where(request, words=False)
        filters = "".join(f" AND {clause}" for clause in clauses)
        bound = request.offset + request.page_size
        title_tier = self._fetch(
            f"SELECT id, 1 FROM {PG_MATCH} WHERE title_vector @@ {PG_QUERY}{filters} "  # noqa: S608 - constant names
            f"ORDER BY {PG_ORDER_DATE} LIMIT %s",
            [words, *params, bound],
        )
        page = title_tier[request.offset :]
        if len(title_tier) < bound:
            rest = self._fetch(
                f"SELECT id, 0 FROM {PG_MATCH} WHERE search_vector @@ {PG_QUERY} "  # noqa: S608 - constant names
                f"AND NOT title_vector @@ {PG_QUERY}{filters} ORDER BY {PG_ORDER_DATE} LIMIT %s OFFSET %s",
                [words, words, *params, request.page_size - len(page), max(0, request.offset - len(title_tier))],
            )
            page += rest
        return page

    def _facets_postgres(self, request: SearchRequest) -> tuple[int, dict]:
        """The total and every facet count in one statement. With words or
        filters, the matching rows are read once and counted per facet with
        GROUPING SETS (instead of a count and six GROUP BYs, each evaluating
        the match again); over the whole library, each count is a GROUP BY
        on its column's btree (index-only scans)."""
        keys = [key for key, _f in self._facet_keys(request)]
        columns = [FILTER_FIELDS[key] for key in keys]
        clauses, params = self._pg_where(request)
        if clauses:
            # GROUPING() has one bit per column, the first column highest: 0 in
            # the set grouped by that column, all 1 in the total.
            sets = ", ".join(["()", *[f"({column})" for column in columns]])
            sql = (
                f"SELECT GROUPING({', '.join(columns)}), {', '.join(columns)}, COUNT(*) "  # noqa: S608 - names from FILTER_FIELDS
                f"FROM {PG_MATCH} WHERE {' AND '.join(clauses)} GROUP BY GROUPING SETS ({sets})"
            )
            bits = len(columns)
            rows = [
                (next((i for i in range(bits) if not mask & (1 << (bits - 1 - i))), -1), values, n)
                for mask, *values, n in self._rows(sql, params)
            ]
            rows = [(i, values[i] if i >= 0 else None, n) for i, values, n in rows]
        else:
            # Names from FILTER_FIELDS only; no parameters at all.
            parts = [f"SELECT -1, NULL, COUNT(*) FROM {PG_MATCH}"]  # noqa: S608
            parts += [
                f"SELECT {i}, {column}::text, COUNT(*) FROM {PG_MATCH} GROUP BY {column}"  # noqa: S608
                for i, column in enumerate(columns)
            ]
            rows = self._rows(" UNION ALL ".join(parts), [])
        total = 0
        facets = {key: [] for key in keys}
        for position, value, n in rows:
            if position < 0:
                total = n
            elif value is not None and value != "":
                key = keys[position]
                facets[key].append((int(value) if key in INT_FACETS else value, n))
        if not total:
            return 0, {}
        for key in facets:
            facets[key].sort(key=lambda item: (-item[1], item[0]))
        return total, facets
