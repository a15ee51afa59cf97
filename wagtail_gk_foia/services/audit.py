"""The record of every step: the request's timeline and the review ledger,
and the log of who saw an applicant's personal data."""

from __future__ import annotations

from ..models import PersonalDataAccess, RequestEvent


def record_event(req, action, user, label, *, from_status=None, to_status=None, detail="", effective_on=None, public=True):
    from wagtail_gk.gate.ledger import record_decision

    entry = record_decision(
        req,
        f"foia.{action}",
        user=user,
        decision=str(to_status if to_status is not None else req.status),
        reason=(label + ("\n" + detail if detail else ""))[:2000],
    )
    return RequestEvent.objects.create(
        request=req,
        actor=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        label=str(label)[:200],
        from_status=from_status if from_status is not None else req.status,
        to_status=to_status if to_status is not None else req.status,
        detail=detail,
        effective_on=effective_on,
        ledger_entry_id=getattr(entry, "pk", None),
        public=public,
    )



def log_personal_data_access(req, *, user, what: str, ip_address: str | None = None) -> None:
    PersonalDataAccess.objects.create(request=req, user=user, what=what[:50], ip_address=ip_address or None)
