"""Dismissing a finding: the one write both dismissal screens (a page or
snippet's findings, a document's findings) make."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ..models.gate import FindingDismissal
from ..models.ledger import LedgerDecision
from .ledger import record_decision


def record_dismissal(obj, finding, fingerprint: str, *, reason: str, user, revision=None) -> FindingDismissal:
    """Record that *user* dismissed *finding* of *obj* for *reason*, and put
    the decision in the review ledger, in one transaction. Raises
    ``IntegrityError`` when the finding has been dismissed already."""
    with transaction.atomic():
        dismissal = FindingDismissal.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            fingerprint=fingerprint,
            checker=finding.checker,
            code=finding.code,
            location=finding.location[:255],
            excerpt=finding.excerpt[:255],
            message=finding.message,
            reason=reason,
            user=user,
        )
        record_decision(
            obj, "gate.dismiss", user=user, decision=LedgerDecision.DISMISSED, findings=[finding], reason=reason, revision=revision
        )
    return dismissal
