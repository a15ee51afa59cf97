"""The database search backend: no service needed, SQLite or PostgreSQL.

Rows of :class:`~wagtail_gk.policy.models.PolicySearchEntry` hold the
jieba-segmented words of each live policy. Highlighting is done in Python on
the page of hits only.

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

SQLite matches through the FTS5 table ``wagtail_gk_policy_fts``, ranks with
``bm25`` (title weighted 8, body 1) and counts facets in one pass in Python.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from ..models import PolicySearchEntry
from ..segmentation import segment_for_index
from .base import PolicyHit, PolicyIndexDocument, PolicySearchBackend, RawResults, SearchRequest
from .highlight import highlight, snippet

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
# Facet/filter columns, the same in the search table and in PG_MATCH.
FILTER_FIELDS = {
    "agency": "agency_id",
    "year": "year",
    "topic": "topic_root_id",
    "subtopic": "topic_id",
    "kind": "document_kind",
    "validity": "validity",
}
BULK_SIZE = 500

PG_MATCH = "wagtail_gk_policy_match"
PG_QUERY = "plainto_tsquery('simple', %s)"
PG_ORDER_DATE = "release_date DESC NULLS LAST, id DESC"
INT_FACETS = ("agency", "year", "topic", "subtopic")


def fts5_query(tokens: list[str]) -> str:
    """An FTS5 MATCH expression requiring every word; each word is quoted so
    that FTS5 operators in user input mean nothing."""
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


class DatabaseSearchBackend(PolicySearchBackend):
    name = "database"
    verbose_name = _("Database")

    # -- querying ---------------------------------------------------------

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

    def search(self, request: SearchRequest) -> RawResults:
        if connection.vendor == "postgresql":
            total, facets, page = self._search_postgres(request)
        else:
            total, facets, page = self._search_sqlite(request)
        hits = [
            PolicyHit(
                page_id=entry.page_id,
                title=entry.title,
                url=entry.url_path,
                document_number=entry.document_number,
                agency_name=entry.agency_name,
                release_date=entry.release_date,
                document_kind=entry.document_kind,
                validity=entry.validity,
                validity_changed_on=entry.validity_changed_on,
                has_interpretation=entry.has_interpretation,
                title_html=highlight(entry.title, request.tokens),
                snippet_html=snippet(entry.summary or entry.body, request.tokens),
                score=float(getattr(entry, "score", 0.0) or 0.0),
            )
            for entry in page
        ]
        return RawResults(total=total, hits=hits, facets=facets)

    @staticmethod
    def _entries(ranked_ids: list[tuple[int, float]]) -> list[PolicySearchEntry]:
        """The entries of *ranked_ids* ((id, score) pairs), in that order."""
        entries = PolicySearchEntry.objects.defer("title_tokens", "body_tokens").in_bulk([pk for pk, _s in ranked_ids])
        page = []
        for pk, score in ranked_ids:
            if pk in entries:  # unless deleted since the ids were read
                entry = entries[pk]
                entry.score = score
                page.append(entry)
        return page

    # -- SQLite -------------------------------------------------------------

    def _search_sqlite(self, request: SearchRequest) -> tuple[int, dict, list]:
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

    # -- PostgreSQL ---------------------------------------------------------

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

    def _search_postgres(self, request: SearchRequest) -> tuple[int, dict, list]:
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

    def _fetch(self, sql: str, params: list) -> list[tuple[int, float]]:
        """(entry id, score) rows of *sql*, on either database."""
        return [(row[0], float(row[1])) for row in self._rows(sql, params)]

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

    @staticmethod
    def _rows(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def _facet_keys(request: SearchRequest):
        return [(k, f) for k, f in FILTER_FIELDS.items() if k != "subtopic" or "topic" in request.filters]

    def _facets_grouped(self, queryset, request: SearchRequest) -> dict:
        facets = {}
        for key, field_name in self._facet_keys(request):
            rows = (
                queryset.order_by()
                .exclude(**{f"{field_name}__isnull": True})
                .exclude(**{field_name: ""} if field_name in ("document_kind", "validity") else {})
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

    # -- indexing ---------------------------------------------------------

    @staticmethod
    def _entry(document: PolicyIndexDocument) -> PolicySearchEntry:
        return PolicySearchEntry(
            page_id=document.page_id,
            title=document.title[:255],
            url_path=document.url[:255],
            document_number=document.document_number,
            summary=document.summary,
            body=document.body,
            title_tokens=segment_for_index(f"{document.title} {document.document_number}"),
            body_tokens=segment_for_index(f"{document.summary}\n{document.body}\n{document.keywords}\n{document.agency_name}"),
            agency_id=document.agency_id,
            agency_name=document.agency_name,
            year=document.year,
            release_date=document.release_date,
            topic_id=document.topic_id,
            topic_root_id=document.topic_root_id,
            document_kind=document.document_kind,
            validity=document.validity,
            validity_changed_on=document.validity_changed_on,
            has_interpretation=document.has_interpretation,
        )

    def index(self, documents: Iterable[PolicyIndexDocument]) -> int:
        written = 0
        batch: list[PolicySearchEntry] = []
        for document in documents:
            batch.append(self._entry(document))
            if len(batch) >= BULK_SIZE:
                written += self._write(batch)
                batch = []
        if batch:
            written += self._write(batch)
        return written

    @staticmethod
    def _write(entries: list[PolicySearchEntry]) -> int:
        # Delete then insert (rather than an upsert) so that the FTS5 triggers
        # and the generated tsvector see plain inserts on every database.
        with transaction.atomic():
            PolicySearchEntry.objects.filter(page_id__in=[e.page_id for e in entries]).delete()
            PolicySearchEntry.objects.bulk_create(entries)
        return len(entries)

    def delete(self, page_ids: Iterable[int]) -> None:
        PolicySearchEntry.objects.filter(page_id__in=list(page_ids)).delete()

    def rebuild(self, documents: Iterable[PolicyIndexDocument]) -> int:
        # One transaction: readers keep seeing the old rows until it commits.
        with transaction.atomic():
            PolicySearchEntry.objects.all().delete()
            return self.index(documents)


def page_count(total: int, page_size: int) -> int:
    return max(1, math.ceil(total / page_size))
