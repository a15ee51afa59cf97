"""Re-checking what is already live: pages, publishable snippets, documents.

It runs when the sensitive-word library grows (:func:`schedule_rescan`, the
``rescan_live_pages`` task), from ``manage.py gk_rescan`` (the first re-scan
after installing into a site with live content), and one document at a time
when serving finds a newly blocked file. Nothing is unpublished
automatically: objects with blocking findings are listed
(:class:`~wagtail_gk.models.RescanFinding`) for a reviewer, who edits the
object, dismisses the finding or unpublishes it, and marks the row done.

The stable entry point is :func:`rescan_live_content`; see docs/gate.md,
"Re-checking live content".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from ..conf import gk_setting

KINDS = ("page", "snippet", "document")


def _enqueue_rescan():
    from ..tasks import rescan_live_pages

    rescan_live_pages.enqueue()


def schedule_rescan() -> None:
    """Enqueue one re-scan when the current transaction commits, however many
    terms it added (an import adds thousands). The pending callback itself is
    the marker, so a rolled-back transaction leaves nothing behind."""
    if not gk_setting("GK_GATE_RESCAN_ON_LIBRARY_CHANGE"):
        return
    if any(entry[1] is _enqueue_rescan for entry in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_rescan)


@dataclass
class RescanSummary:
    """What one re-scan did, per kind (``page``, ``snippet``, ``document``):
    objects checked, objects with blocking findings, and rows newly listed
    (with *dry_run*: that would be listed)."""

    dry_run: bool = False
    checked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    blocked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    listed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def listed_total(self) -> int:
        return sum(self.listed.values())


def _content_type(obj) -> ContentType:
    """Pages are named by Wagtail's base page type (as the report links them);
    other objects by their own model."""
    from wagtail.models import Page

    if isinstance(obj, Page):
        return ContentType.objects.get_for_model(Page)
    return ContentType.objects.get_for_model(obj, for_concrete_model=True)


def _kind(obj) -> str:
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    if isinstance(obj, Page):
        return "page"
    if isinstance(obj, get_document_model()):
        return "document"
    return "snippet"


def _already_listed(obj, findings: list[dict]) -> bool:
    from ..models.gate import RescanFinding

    fingerprints = sorted(f.get("fingerprint", "") for f in findings)
    rows = RescanFinding.objects.filter(content_type=_content_type(obj), object_id=str(obj.pk), resolved=False)
    return any(sorted(f.get("fingerprint", "") for f in row.findings) == fingerprints for row in rows)


def record_finding(obj, findings: list[dict], *, version: int | None = None) -> bool:
    """List *obj* (a page, snippet or document) with its blocking *findings*
    (dicts with fingerprints) in the re-scan report, unless an unresolved row
    with the same findings is there already. Returns whether a row was added."""
    from ..models.gate import RescanFinding
    from .checkers.sensitive_words import library_version

    if not findings or _already_listed(obj, findings):
        return False
    kind = _kind(obj)
    RescanFinding.objects.create(
        kind=kind,
        page=obj if kind == "page" else None,
        content_type=_content_type(obj),
        object_id=str(obj.pk),
        title=str(getattr(obj, "title", "") or obj)[:255],
        library_version=library_version() if version is None else version,
        findings=findings,
    )
    return True


def _blocking_dicts(report) -> list[dict]:
    """Blocking findings to list; "text recognition still running" clears by
    itself and is not listed (the next re-scan sees the text)."""
    from .runner import OCR_PENDING_CODE

    return [f for f in report.as_dicts() if f["severity"] == "block" and f["code"] != OCR_PENDING_CODE]


def publishable_snippet_models() -> list:
    """Registered snippet models that can be published (``DraftStateMixin``):
    the only snippets that go live, so the only ones the gate re-checks."""
    from wagtail.models import DraftStateMixin
    from wagtail.snippets.models import get_snippet_models

    return [model for model in get_snippet_models() if issubclass(model, DraftStateMixin)]


def _live_objects(kind: str, chunk_size: int):
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    if kind == "page":
        yield from Page.objects.live().specific().order_by("pk").iterator(chunk_size=chunk_size)
    elif kind == "snippet":
        for model in publishable_snippet_models():
            yield from model._default_manager.filter(live=True).order_by("pk").iterator(chunk_size=chunk_size)
    else:
        yield from get_document_model().objects.order_by("pk").iterator(chunk_size=chunk_size)


def _blocking_findings(kind: str, obj, *, dry_run: bool) -> list[dict]:
    """The blocking findings of the live *obj* — for pages and snippets the
    live row itself (what visitors see, even when it was written around the
    gate), for documents the current file's standing check."""
    from .document_guard import listable_findings, standing_check
    from .runner import run_checks

    if kind == "document":
        check, _fresh = standing_check(obj, save=not dry_run)
        if check is None or not check.blocking:
            return []
        return listable_findings(check)
    report = run_checks(obj)
    return _blocking_dicts(report) if report.blocks else []


def rescan_live_content(
    *,
    pages: bool = True,
    snippets: bool = True,
    documents: bool = True,
    dry_run: bool = False,
    chunk_size: int = 200,
    progress: Callable[[str, int], None] | None = None,
) -> RescanSummary:
    """Check every live page, live publishable snippet and document (each
    kind when asked) and list those with blocking findings that are not
    already listed unresolved with the same findings. Idempotent: a second
    run lists nothing new. With *dry_run* nothing is written (not even
    document checks). *progress* is called with ``(kind, checked so far)``
    after every *chunk_size* objects and once at the end of each kind.

    This is the entry point for every re-scan (library changes, term
    activation, ``manage.py gk_rescan``)."""
    from .checkers.sensitive_words import library_version

    version = library_version()
    summary = RescanSummary(dry_run=dry_run)
    wanted = {"page": pages, "snippet": snippets, "document": documents}
    for kind in KINDS:
        if not wanted[kind]:
            continue
        for obj in _live_objects(kind, chunk_size):
            summary.checked[kind] += 1
            findings = _blocking_findings(kind, obj, dry_run=dry_run)
            if findings:
                summary.blocked[kind] += 1
                if dry_run:
                    summary.listed[kind] += 0 if _already_listed(obj, findings) else 1
                elif record_finding(obj, findings, version=version):
                    summary.listed[kind] += 1
            if progress is not None and summary.checked[kind] % chunk_size == 0:
                progress(kind, summary.checked[kind])
        if progress is not None:
            progress(kind, summary.checked[kind])
    return summary


def rescan_live_pages() -> int:
    """The ``rescan_live_pages`` task's work (kept under its old name): re-check
    all live content; returns the number of rows newly listed."""
    return rescan_live_content().listed_total


def pending_counts() -> dict[str, int]:
    """Unresolved rows of the re-scan report per kind, plus ``"total"``: the
    figures the report screen and ``gk_rescan`` show."""
    from django.db.models import Count

    from ..models.gate import RescanFinding

    counts = dict.fromkeys(KINDS, 0)
    for row in RescanFinding.objects.filter(resolved=False).values("kind").annotate(n=Count("pk")):
        counts[row["kind"]] = row["n"]
    counts["total"] = sum(counts[kind] for kind in KINDS)
    return counts
