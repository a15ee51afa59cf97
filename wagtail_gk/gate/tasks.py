"""Background work of the publication gate (django-tasks ``@task`` functions).

OCR of a scanned attachment takes seconds a page, more than a person should
wait on save or publish (``GK_GATE_OCR_SYNC_SECONDS``). Such a file is
queued here once; the task reads it without a time budget and caches its
text under the key the gate reads (:func:`~.extraction.read_documents`), so
the next check or findings-panel reload sees the result. Arguments are ids
only, so the task can run on an RQ worker; the cache must then be shared
between web and worker processes (Redis or database cache).
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django_tasks import task

logger = logging.getLogger("wagtail_gk.gate.tasks")
QUEUED_SECONDS = 3600  # a worker that died frees the file for a new attempt after this


def _queued_key(document) -> str:
    from .extraction import _cache_key

    key = _cache_key(document)
    return f"{key}:ocr_queued" if key else ""


def ocr_queued(document) -> bool:
    key = _queued_key(document)
    return bool(key) and cache.get(key) is not None


def queue_ocr(document) -> None:
    """Queue background OCR of *document* unless it is already queued."""
    key = _queued_key(document)
    if not key or not cache.add(key, 1, QUEUED_SECONDS):
        return
    try:
        read_document_text.enqueue(document.pk, getattr(document, "file_hash", "") or "")
    except Exception:  # noqa: BLE001 — no task backend: the finding keeps blocking, and says so in the log
        cache.delete(key)
        logger.exception("Could not queue OCR of document %s", document.pk)


@task()
def read_document_text(document_id: int, file_hash: str) -> None:
    """Read document *document_id* with no OCR budget and cache its text
    under *file_hash* (the hash the check that queued it used), then drop
    the document's stored serving checks so they are made again with it."""
    from wagtail.documents import get_document_model

    from .extraction import _cache_key, _read_uncached, store_text

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return
    document.file_hash = file_hash or document.file_hash
    key = _cache_key(document)
    try:
        file_text = _read_uncached(document, background=True)
        if key:
            store_text(key, file_text)
    finally:
        if key:
            cache.delete(f"{key}:ocr_queued")
    try:
        from .document_guard import forget_checks
    except ImportError:  # pragma: no cover — serving checks not installed
        return
    forget_checks(document)
