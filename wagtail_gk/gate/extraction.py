"""Turning a page or snippet (the submitted draft) into the text the checkers read.

Every text field (the slug too: it is in the public URL), every StreamField
block (:mod:`wagtail_gk.gate.streamfield`), rich text without its markup
and the text of its link targets and ``alt``/``title`` attributes
(:mod:`wagtail_gk.gate.markup`), inline child objects, and the documents
attached to the object or linked from its rich text become
:class:`~wagtail_gk.gate.checkers.TextSource` items whose ``location`` tells the
editor where to look (``正文 › 第3块“正文”``, ``附件《方案.pdf》第2页``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField

from ..conf import gk_setting
from .checkers.base import TextSource
from .documents import FileText, extract_file_text
from .markup import linked_document_ids, rich_text_to_plain, url_text
from .streamfield import add_markup, walk_block

__all__ = ["Extraction", "extract_object", "extract_file", "linked_document_ids", "read_documents", "rich_text_to_plain"]

# Fields that hold identifiers or copies rather than content people wrote.
# (The slug is checked: it is part of the public URL; url_path only repeats
# the slugs of the page and its ancestors.)
SKIPPED_FIELDS = {"path", "url_path", "draft_title", "translation_key", "live_revision", "latest_revision"}


@dataclass
class Extraction:
    sources: list[TextSource] = field(default_factory=list)
    documents: list = field(default_factory=list)  # Document instances, in order, no duplicates
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (location, reason)
    ocr_pending: list[str] = field(default_factory=list)  # locations whose OCR runs in the background

    def add_text(self, location: str, text: str) -> None:
        if text and text.strip():
            self.sources.append(TextSource(location, text))

    def add_document(self, document) -> None:
        if document is not None and all(d.pk != document.pk for d in self.documents):
            self.documents.append(document)


def extract_object(obj, *, include_documents: bool | None = None) -> Extraction:
    """All the text of *obj* (a page or snippet instance, normally the draft
    from ``revision.as_object()``) and of its documents."""
    if include_documents is None:
        include_documents = gk_setting("GK_GATE_CHECK_DOCUMENTS")
    extraction = Extraction()
    linked_ids: list[int] = []
    _walk_instance(obj, "", extraction, linked_ids, depth=0)
    if linked_ids:
        by_id = get_document_model().objects.in_bulk(linked_ids)
        for doc_id in linked_ids:
            extraction.add_document(by_id.get(doc_id))
    if include_documents:
        for document, file_text in zip(extraction.documents, read_documents(extraction.documents), strict=True):
            add_document_text(extraction, document, file_text)
    return extraction


def read_documents(documents: list) -> list[FileText]:
    """The text of each document, in order, cached by content hash so a page
    checked again (workflow step, publish) does not re-parse its files.

    Files not in the cache are read several at once, because the PDF reader
    runs as its own process and the editor waits for the slowest file. Only
    file reading and parsing happen in the worker threads; the cache (which
    may be database-backed) is used from the calling thread.
    """
    results: list[FileText | None] = [_cached_text(document) for document in documents]
    missing = [index for index, result in enumerate(results) if result is None]
    workers = min(len(missing), gk_setting("GK_GATE_EXTRACTION_WORKERS"))
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gk-gate-read") as pool:
            fresh = list(pool.map(_read_uncached, [documents[index] for index in missing]))
    else:
        fresh = [_read_uncached(documents[index]) for index in missing]
    for index, file_text in zip(missing, fresh, strict=True):
        results[index] = file_text
        if file_text.ocr_pending:
            # Not cached: the background task caches the full text under the
            # same key, and the next check (or findings panel reload) uses it.
            from .tasks import queue_ocr

            queue_ocr(documents[index])
            continue
        key = _cache_key(documents[index])
        if key:
            store_text(key, file_text)
    return results


def store_text(key: str, file_text: FileText) -> None:
    cache.set(key, {"pages": file_text.pages, "unreadable": file_text.unreadable}, 24 * 3600)


def _label(model_field) -> str:
    return str(getattr(model_field, "verbose_name", "") or model_field.name)


def _walk_instance(obj, prefix: str, extraction: Extraction, linked_ids: list[int], depth: int) -> None:
    document_model = get_document_model()
    for model_field in obj._meta.concrete_fields:
        if model_field.name in SKIPPED_FIELDS or model_field.auto_created or model_field.choices:
            continue
        location = prefix + _label(model_field)
        if isinstance(model_field, StreamField):
            walk_block(model_field.stream_block, getattr(obj, model_field.name), location, extraction, linked_ids)
        elif isinstance(model_field, RichTextField):
            add_markup(extraction, location, getattr(obj, model_field.name) or "", linked_ids)
        elif isinstance(model_field, models.URLField):
            extraction.add_text(location, url_text(getattr(obj, model_field.name) or ""))
        elif isinstance(model_field, models.CharField | models.TextField):
            extraction.add_text(location, getattr(obj, model_field.name) or "")
        elif isinstance(model_field, models.ForeignKey) and issubclass(model_field.related_model, document_model):
            extraction.add_document(getattr(obj, model_field.name))
    if depth > 1:
        return
    try:
        from modelcluster.models import get_all_child_relations
    except ImportError:  # pragma: no cover — modelcluster ships with Wagtail
        return
    for relation in get_all_child_relations(obj):
        children = getattr(obj, relation.get_accessor_name()).all()
        label = str(relation.related_model._meta.verbose_name)
        for index, child in enumerate(children, start=1):
            _walk_instance(child, f"{prefix}{label}[{index}] › ", extraction, linked_ids, depth + 1)


def document_location(name: str, page_label: str = "") -> str:
    if page_label:
        return _("Attachment “%(name)s” › %(page)s") % {"name": name, "page": page_label}
    return _("Attachment “%(name)s”") % {"name": name}


def _document_name(document) -> str:
    return document.filename if hasattr(document, "filename") else str(document)


def _cache_key(document) -> str:
    # "v3": the readers now see document properties, link targets, comments,
    # formulas, PDF annotations and form fields, more formats and OCR text;
    # texts cached by an earlier reader must not stand in for it.
    file_hash = getattr(document, "file_hash", "") or ""
    return f"gk_gate_doctext:v3:{file_hash}:{gk_setting('GK_GATE_MAX_DOCUMENT_BYTES')}" if file_hash else ""


def _cached_text(document) -> FileText | None:
    key = _cache_key(document)
    cached = cache.get(key) if key else None
    if cached is None:
        return None
    return FileText(name=_document_name(document), pages=cached["pages"], unreadable=cached["unreadable"])


def _read_uncached(document, *, background: bool = False) -> FileText:
    """Read the file of *document*; in the background (*background*) OCR has
    no time budget, otherwise ``GK_GATE_OCR_SYNC_SECONDS`` unless the file's
    OCR is already queued, in which case none is attempted here."""
    name = _document_name(document)
    size = getattr(document, "file_size", None)
    limit = gk_setting("GK_GATE_MAX_DOCUMENT_BYTES")
    if size and size > limit:
        return _too_large(name, size, limit)
    try:
        with document.open_file() as handle:
            data = handle.read(limit + 1)
    except OSError:
        return FileText(name=name, unreadable=_("The attachment file cannot be found, so it could not be checked"))
    if background:
        return extract_file_text(name, data, ocr_budget=None)
    from .tasks import ocr_queued

    if ocr_queued(document):
        return extract_file_text(name, data, ocr_budget=0)
    return extract_file_text(name, data)


def _too_large(name: str, size: int, limit: int) -> FileText:
    return FileText(
        name=name,
        unreadable=_("The file is too large (%(size)s MB; the limit is %(limit)s MB), so it was not checked")
        % {"size": round(size / 1048576, 1), "limit": round(limit / 1048576, 1)},
    )


def add_document_text(extraction: Extraction, document, file_text: FileText) -> None:
    title = getattr(document, "title", "") or file_text.name
    if file_text.unreadable:
        extraction.unreadable.append((document_location(title), file_text.unreadable))
    if file_text.ocr_pending:
        extraction.ocr_pending.append(document_location(title))
    for page_label, text in file_text.pages:
        extraction.add_text(document_location(title, page_label), text)


def extract_file(name: str, data: bytes) -> Extraction:
    """Text of a single uploaded or local file (``manage.py gk_check``)."""
    extraction = Extraction()
    file_text = extract_file_text(name, data)
    if file_text.unreadable:
        extraction.unreadable.append((name, file_text.unreadable))
    for page_label, text in file_text.pages:
        extraction.add_text(f"{name} {page_label}".strip(), text)
    return extraction
