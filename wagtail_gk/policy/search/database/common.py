"""What the two database backends share: the hit records, reading entries
back by id, running SQL, and indexing (rows of
:class:`~wagtail_gk.policy.models.PolicySearchEntry`, kept in step with the
vendor's full-text table by triggers)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from wagtail_gk.search.segmentation import segment_for_index

from ...models import PolicySearchEntry
from ..base import PolicyHit, PolicyIndexDocument, PolicySearchBackend, RawResults, SearchRequest
from ..fields import facet_keys
from ..highlight import highlight, snippet

BULK_SIZE = 500


class BaseDatabaseSearchBackend(PolicySearchBackend):
    """The database backend's shared half; a vendor subclass implements
    :meth:`search_page` (total, facet counts and the page of entries)."""

    name = "database"
    verbose_name = _("Database")

    def search_page(self, request: SearchRequest) -> tuple[int, dict, list[PolicySearchEntry]]:
        raise NotImplementedError

    def search(self, request: SearchRequest) -> RawResults:
        total, facets, page = self.search_page(request)
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

    def _fetch(self, sql: str, params: list) -> list[tuple[int, float]]:
        """(entry id, score) rows of *sql*, on either database."""
        return [(row[0], float(row[1])) for row in self._rows(sql, params)]

    @staticmethod
    def _rows(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def _facet_keys(request: SearchRequest):
        return facet_keys(request.filters)

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
