"""Documents gated where they are served.

A document's file is published the moment it is stored: ``/documents/<id>/…``
serves whatever the file holds, whichever page links it. So the gate checks
documents at both ends (see docs/gate.md, "Documents where they are served"):

- the admin document form (:class:`GatedDocumentForm`, set as
  ``WAGTAILDOCS_DOCUMENT_FORM_BASE``) checks an uploaded or replacing file and
  refuses one with blocking findings, naming them;
- Wagtail's ``before_serve_document`` hook (:func:`refuse_blocked_document`)
  refuses to serve a document whose current file has blocking standing
  findings, however the file was written (``Document.objects.create``,
  ``document.file.save()``, a script).

Standing findings are kept per file content (:class:`DocumentCheck`, keyed by
the SHA-1 of the bytes, the hash Wagtail itself uses) and redone when the
sensitive-word library changes or a finding is dismissed. The hash is taken
from the file, never from ``Document.file_hash``, which a direct
``file.save()`` leaves pointing at the old file.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from ..conf import gk_setting
from .checkers.base import Finding, Severity, TextSource
from .runner import GateReport, dismissed_fingerprints, finding_fingerprint, run_checkers

logger = logging.getLogger(__name__)

HASH_CACHE_SECONDS = 24 * 3600


def documents_gated() -> bool:
    """Documents are checked when ``GK_GATE_CHECK_DOCUMENTS`` is on (the same
    setting that checks the documents a page links)."""
    return bool(gk_setting("GK_GATE_CHECK_DOCUMENTS"))


# --- the file's content hash ---------------------------------------------------


def _stat_key(document) -> str:
    """A cache key naming the stored file by name, size and modification time,
    or ``""`` when the storage cannot tell them cheaply."""
    storage = document.file.storage
    name = document.file.name
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name).timestamp()
    except (NotImplementedError, OSError, AttributeError, ValueError):
        return ""
    return f"gk_gate_dochash:{name}:{size}:{modified}"


def current_file_hash(document) -> str | None:
    """SHA-1 of the bytes *document*'s file holds now, or ``None`` when the
    file is missing. Hashing a local file costs about as much as serving it;
    the result is cached under the file's name, size and modification time."""
    from wagtail.utils.file import hash_filelike

    if not document.file:
        return None
    key = _stat_key(document)
    if key:
        cached = cache.get(key)
        if cached:
            return cached
    try:
        with document.file.storage.open(document.file.name, "rb") as handle:
            digest = hash_filelike(handle)
    except (OSError, ValueError):
        return None
    if key:
        cache.set(key, digest, HASH_CACHE_SECONDS)
    return digest


# --- checking the text of a document ---------------------------------------------


@dataclass
class _Titled:
    """Stands in for a document not yet saved (an upload in the admin form)."""

    title: str


def _attachment_findings(extraction, *, pending: bool) -> list[Finding]:
    """The runner's findings for a file it could not read, and (with
    *pending*) for one whose text recognition still runs in the background,
    exactly as a page that links the file gets them."""
    from . import runner

    findings = runner._unreadable_findings(extraction)
    if pending:
        findings += runner._ocr_pending_findings(extraction)
    return findings


def listable_findings(check) -> list[dict]:
    """The blocking findings of *check* that belong in the re-scan report:
    all but "text recognition still running", which clears by itself."""
    from .runner import OCR_PENDING_CODE

    return [f for f in check.findings if f.get("severity") == Severity.BLOCK and f.get("code") != OCR_PENDING_CODE]


def _report(document, title: str, file_text, *, pending: bool = True) -> GateReport:
    """Run the checkers on the title and text of one file; a finding a
    reviewer dismissed for *document* is reported apart."""
    from .extraction import Extraction, add_document_text

    extraction = Extraction()
    if title:
        extraction.sources.append(TextSource(_("Document title"), title))
    add_document_text(extraction, _Titled(title), file_text)
    findings = _attachment_findings(extraction, pending=pending) + run_checkers(document, extraction.sources)
    dismissed = dismissed_fingerprints(document) if document is not None else set()
    report = GateReport()
    for finding in findings:
        (report.dismissed if finding_fingerprint(finding) in dismissed else report.findings).append(finding)
    return report


def check_document(document, content_hash: str | None = None) -> GateReport:
    """The gate's report on *document*'s current file (and title). The text is
    read through the attachment reader, cached by *content_hash*."""
    from .extraction import read_documents

    reading = copy.copy(document)
    # The reader caches text by ``file_hash``; give it the hash of the bytes
    # actually stored, so a stale field cannot stand in for a new file.
    reading.file_hash = content_hash if content_hash is not None else (current_file_hash(document) or "")
    file_text = read_documents([reading])[0]
    return _report(document, document.title, file_text)


def check_upload(upload, title: str, document=None) -> GateReport:
    """The gate's report on an uploaded file (a Django ``UploadedFile``) before
    it is stored; *document* is the document whose file it replaces, if any
    (its dismissals apply)."""
    from .documents import extract_file_text

    limit = gk_setting("GK_GATE_MAX_DOCUMENT_BYTES")
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    file_text = extract_file_text(upload.name, data)
    # Text recognition that did not finish in time does not refuse the upload:
    # serving the stored file waits for it (see check_document).
    return _report(document, title, file_text, pending=False)


def finding_lines(report: GateReport) -> list[str]:
    """One line per blocking finding, for a form error or a message."""
    return [
        _("%(location)s: %(message)s %(excerpt)s") % {"location": f.location or "-", "message": f.message, "excerpt": f.excerpt}
        for f in report.blocking
    ]


# --- standing findings -------------------------------------------------------------


def standing_check(document, *, save: bool = True):
    """``(check, fresh)``: the :class:`~wagtail_gk.models.DocumentCheck` of
    *document*'s current file — the stored one when it was made under the
    current library version, else a new check (stored unless *save* is
    false). *fresh* is true when the check was just made. ``(None, False)``
    when the file is missing."""
    from ..models.gate import DocumentCheck
    from .checkers.sensitive_words import library_version

    content_hash = current_file_hash(document)
    if content_hash is None:
        return None, False
    version = library_version()
    stored = DocumentCheck.objects.filter(document=document, file_hash=content_hash).first()
    if stored is not None and stored.library_version == version:
        return stored, False
    report = check_document(document, content_hash)
    values = {"library_version": version, "blocking": report.blocks, "findings": report.as_dicts()}
    if not save or _ocr_pending(report):
        # A check made while text recognition runs is not a standing one: the
        # background task may already have finished (and dropped the stored
        # checks) before this row would be written; the next request checks again.
        return DocumentCheck(document=document, file_hash=content_hash, **values), True
    try:
        with transaction.atomic():
            check, _created = DocumentCheck.objects.update_or_create(document=document, file_hash=content_hash, defaults=values)
    except IntegrityError:  # another request stored the same check first
        check = DocumentCheck.objects.get(document=document, file_hash=content_hash)
    return check, True


def _ocr_pending(report: GateReport) -> bool:
    from .runner import OCR_PENDING_CODE

    return any(f.code == OCR_PENDING_CODE for f in report.findings)


def forget_checks(document) -> None:
    """Drop *document*'s stored checks (after a dismissal), so the next
    serve or re-scan checks it again."""
    from ..models.gate import DocumentCheck

    DocumentCheck.objects.filter(document=document).delete()


def linked_live_pages(document) -> list:
    """Live pages that link *document*, from Wagtail's reference index (rich
    text links, document choosers and foreign keys)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type).values_list("object_id", flat=True)
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()]).order_by("title"))


# --- serving -----------------------------------------------------------------------


def refuse_blocked_document(document, request) -> HttpResponse | None:
    """``before_serve_document``: a 403 with a plain explanation (never the
    file) when the document's current file has blocking standing findings.
    A newly found block is listed in the re-scan report."""
    if not documents_gated():
        return None
    check, fresh = standing_check(document)
    if check is None or not check.blocking:
        return None
    if fresh:
        from .rescan import record_finding

        record_finding(document, listable_findings(check), version=check.library_version)
    logger.info("Serving of document %s refused by the gate (file %s)", document.pk, check.file_hash[:12])
    response = HttpResponse(
        _("This document cannot be provided: the content check found problems in it that must be dealt with first."),
        content_type="text/plain; charset=utf-8",
        status=403,
    )
    add_never_cache_headers(response)
    return response


# --- the admin document form -----------------------------------------------------


class GatedDocumentFormMixin:
    """Checks a new or replacing file in the admin document form (single
    upload, multiple upload, chooser upload, edit). A file with blocking
    findings is refused with the findings as errors of the file field, so
    nothing is stored and the old file keeps being served."""

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if not upload or "file" not in self.changed_data or self.has_error("file") or not documents_gated():
            return cleaned_data
        title = cleaned_data.get("title") or self.instance.title or upload.name
        report = check_upload(upload, title, self.instance if self.instance.pk else None)
        if report.blocks:
            errors = [
                ValidationError(
                    _("This file cannot be stored: the content check found %(count)d problem(s) that must be dealt with first.")
                    % {"count": len(report.blocking)},
                    code="gk_gate_blocked",
                )
            ]
            errors += [ValidationError(line, code="gk_gate_finding") for line in finding_lines(report)]
            self.add_error("file", errors)
            self._gk_file_refused = True
        return cleaned_data

    def _post_clean(self):
        # A refused file leaves the instance without one, and Wagtail's
        # Document.clean() would then add a misleading "extension not allowed"
        # error. The form is invalid anyway; the model is validated once a
        # file passes.
        if getattr(self, "_gk_file_refused", False):
            return
        super()._post_clean()


class GatedDocumentForm(GatedDocumentFormMixin, BaseDocumentForm):
    """Wagtail's document form with the gate's check; point
    ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` at ``"wagtail_gk.gate.document_guard.GatedDocumentForm"``
    (or mix :class:`GatedDocumentFormMixin` into your own base form)."""
