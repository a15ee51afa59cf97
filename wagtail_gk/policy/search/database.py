"""The database search backend: no service needed, SQLite or PostgreSQL.

Rows of :class:`~wagtail_gk.policy.models.PolicySearchEntry` hold the
jieba-segmented words of each live policy. On PostgreSQL they are matched
through the generated, GIN-indexed ``search_vector`` column (``simple``
configuration: the words are already split) and ranked with ``ts_rank``
(title weighted above body); on SQLite through the FTS5 table
``wagtail_gk_policy_fts`` and ranked with ``bm25``. Facets are ``GROUP BY``
counts over the matching rows; highlighting is done in Python on the page
of hits only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
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
FILTER_FIELDS = {
    "agency": "agency_id",
    "year": "year",
    "topic": "topic_root_id",
    "subtopic": "topic_id",
    "kind": "document_kind",
    "validity": "validity",
}
BULK_SIZE = 500


def fts5_query(tokens: list[str]) -> str:
    """An FTS5 MATCH expression requiring every word; each word is quoted so
    that FTS5 operators in user input mean nothing."""
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


class DatabaseSearchBackend(PolicySearchBackend):
    name = "database"
    verbose_name = _("数据库")

    # -- querying ---------------------------------------------------------

    def _matching(self, request: SearchRequest):
        queryset = PolicySearchEntry.objects.all()
        for key, value in request.filters.items():
            queryset = queryset.filter(**{FILTER_FIELDS[key]: value})
        if not request.tokens:
            return queryset, False
        if connection.vendor == "postgresql":
            words = " ".join(request.tokens)
            queryset = queryset.extra(  # noqa: S610 - parameters are bound
                where=["search_vector @@ plainto_tsquery('simple', %s)"], params=[words]
            ).annotate(score=RawSQL("ts_rank(search_vector, plainto_tsquery('simple', %s))", [words]))
        else:
            match = fts5_query(request.tokens)
            queryset = queryset.extra(where=[SQLITE_MATCH], params=[match])  # noqa: S610 - parameters are bound
        return queryset, True

    @staticmethod
    def _sqlite_ranked_ids(request: SearchRequest) -> list[tuple[int, float]]:
        """(entry id, score) of one page of hits by relevance, on SQLite."""
        sql = [SQLITE_RANKED]
        params: list = [fts5_query(request.tokens)]
        for key, value in request.filters.items():
            sql.append(f"AND e.{FILTER_FIELDS[key]} = %s")  # column names come from FILTER_FIELDS only
            params.append(value)
        sql.append("ORDER BY score DESC, e.release_date IS NULL, e.release_date DESC, e.id DESC LIMIT %s OFFSET %s")
        params += [request.page_size, request.offset]
        with connection.cursor() as cursor:
            cursor.execute(" ".join(sql), params)
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def search(self, request: SearchRequest) -> RawResults:
        queryset, ranked = self._matching(request)
        if connection.vendor == "sqlite" and ranked:
            # One pass over the matching rows instead of a count and six GROUP BYs,
            # each of which would run the FTS5 MATCH again.
            total, facets = self._facets_in_one_pass(queryset, request)
        elif connection.vendor == "postgresql":
            total, facets = self._facets_postgres(queryset, request)
        else:
            total = queryset.count()
            facets = self._facets_grouped(queryset, request) if total else {}
        hits = []
        if total and request.offset < total:
            if ranked and request.sort == "relevance" and connection.vendor != "postgresql":
                ranked_ids = self._sqlite_ranked_ids(request)
                entries = PolicySearchEntry.objects.defer("title_tokens", "body_tokens").in_bulk([pk for pk, _s in ranked_ids])
                page = []
                for pk, score in ranked_ids:
                    entry = entries[pk]
                    entry.score = score
                    page.append(entry)
            else:
                if ranked and request.sort == "relevance":
                    ordered = queryset.order_by("-score", F("release_date").desc(nulls_last=True), "-id")
                else:
                    ordered = queryset.order_by(F("release_date").desc(nulls_last=True), "-id")
                page = ordered.defer("title_tokens", "body_tokens")[request.offset : request.offset + request.page_size]
            for entry in page:
                hits.append(
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
                )
        return RawResults(total=total, hits=hits, facets=facets)

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

    def _facets_postgres(self, queryset, request: SearchRequest) -> tuple[int, dict]:
        """The total and every facet count in one query: the matching rows are
        read once and unpivoted into (facet, value) pairs, instead of a count and
        six GROUP BYs that would each evaluate the full-text match again."""
        keys = self._facet_keys(request)
        inner, params = queryset.order_by().values_list(*[f for _k, f in keys]).query.sql_with_params()
        pairs = ", ".join(f"('{key}', s.{field}::text)" for key, field in keys)  # names from FILTER_FIELDS only
        sql = (
            f"SELECT f.k, f.v, COUNT(*) FROM ({inner}) s CROSS JOIN LATERAL (VALUES ('_total', ''), {pairs}) AS f(k, v) "  # noqa: S608
            "WHERE f.v IS NOT NULL AND (f.v <> '' OR f.k = '_total') GROUP BY f.k, f.v"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = next((n for key, _v, n in rows if key == "_total"), 0)
        if not total:
            return 0, {}
        facets = {key: [] for key, _f in keys}
        for key, value, n in rows:
            if key != "_total":
                facets[key].append((int(value) if key in ("agency", "year", "topic", "subtopic") else value, n))
        for key in facets:
            facets[key].sort(key=lambda item: (-item[1], item[0]))
        return total, facets

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
