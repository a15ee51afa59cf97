"""Re-checking what is already live when the sensitive-word library grows.

Nothing is unpublished automatically: pages with blocking findings are
listed (:class:`~wagtail_gk.models.RescanFinding`) for a reviewer, who edits
the page, dismisses the finding or unpublishes it, and marks the row done.
"""

from __future__ import annotations

from django.db import connection, transaction

from ..conf import gk_setting


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


def rescan_live_pages() -> int:
    """Check every live page; record those with blocking findings that are
    not already listed unresolved with the same findings. Returns the number
    of pages newly listed."""
    from wagtail.models import Page

    from ..models.gate import RescanFinding
    from .checkers.sensitive_words import library_version
    from .runner import run_checks

    version = library_version()
    listed = 0
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        revision = page.live_revision
        report = run_checks(revision if revision is not None else page)
        if not report.blocks:
            continue
        findings = [f for f in report.as_dicts() if f["severity"] == "block"]
        fingerprints = sorted(f["fingerprint"] for f in findings)
        already = any(
            sorted(f.get("fingerprint", "") for f in row.findings) == fingerprints
            for row in RescanFinding.objects.filter(page=page, resolved=False)
        )
        if not already:
            RescanFinding.objects.create(page=page, library_version=version, findings=findings)
            listed += 1
    return listed
