"""Turning live policy pages into :class:`PolicyIndexDocument` records."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.html import strip_tags

from ..models import PolicyDocumentPage, PolicyInterpretationPage
from .base import PolicyIndexDocument


def stream_text(stream) -> str:
    """Plain text of a policy's StreamField body (headings and paragraphs)."""
    parts = []
    for block in stream or []:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(strip_tags(value.source if hasattr(value, "source") else str(value)))
        elif block.block_type == "heading":
            parts.append(str(value))
    return "\n".join(p.strip() for p in parts if p and p.strip())


def build_document(page, *, has_interpretation: bool | None = None) -> PolicyIndexDocument:
    """The index record of a (specific) :class:`PolicyDocumentPage`.
    *has_interpretation* is looked up when not given; :func:`live_documents`
    gives it (and the topic's parent) for a whole run in one query each."""
    topic = page.topic
    if has_interpretation is None:
        has_interpretation = PolicyInterpretationPage.objects.live().filter(policy_id=page.pk).exists()
    release = page.effective_release_date
    return PolicyIndexDocument(
        page_id=page.pk,
        title=page.title,
        url=page.get_url() or "",
        document_number=page.document_number,
        summary=page.summary,
        body=stream_text(page.body),
        keywords=" ".join(filter(None, [page.keywords, topic.parent.name if topic and topic.parent_id else "", topic.name if topic else ""])),
        agency_id=page.publishing_agency_id,
        agency_name=page.publishing_agency.name if page.publishing_agency_id else "",
        release_date=release,
        topic_id=topic.pk if topic else None,
        topic_root_id=(topic.parent_id or topic.pk) if topic else None,
        document_kind=page.document_kind,
        validity=page.validity,
        validity_changed_on=page.validity_changed_on,
        has_interpretation=has_interpretation,
    )


def live_documents(chunk_size: int = 500) -> Iterator[PolicyIndexDocument]:
    """Every live policy's record: the agency, the topic and its parent joined
    in, and which policies have a live interpretation read once, instead of
    two queries per policy."""
    pages = PolicyDocumentPage.objects.live().select_related("publishing_agency", "topic__parent").order_by("pk")
    interpreted = set(PolicyInterpretationPage.objects.live().values_list("policy_id", flat=True).distinct())
    for page in pages.iterator(chunk_size=chunk_size):
        yield build_document(page, has_interpretation=page.pk in interpreted)
