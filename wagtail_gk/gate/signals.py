"""Signal receivers of the publication gate, connected from ``AppConfig.ready()``.

- Human workflow decisions (approve/reject on any task but the automated
  check, which records its own) and submissions go to the review ledger.
- Any change to the sensitive-word library moves its version, so every
  process rebuilds its matcher, and new terms start a re-scan of live pages.
- The gate's models send core's signals (``wagtail_gk.signals``) instead of
  importing the gate: the automated check task starts the runner, a term's
  ``clean()`` asks for the site-wide check, a committed library change drops
  the process's matcher.
- A write that would put page or snippet content live without a publish is
  checked before the row is written (``live_saves``).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import task_approved, task_rejected, workflow_submitted

from ..signals import automated_check_started, sensitive_library_changed, sensitive_term_validating


def _record_task_decision(instance, user, action: str, decision: str):
    from ..models.gate import AutomatedCheckTaskState
    from .ledger import record_decision

    if isinstance(instance, AutomatedCheckTaskState):
        return
    revision = instance.revision
    record_decision(
        revision.as_object(),
        action,
        user=user,
        decision=decision,
        findings=_findings_shown_to_reviewer(instance),
        reason=instance.comment or "",
        revision=revision,
    )


def _findings_shown_to_reviewer(task_state) -> list:
    """The warnings the automated step passed on to this reviewer."""
    from ..models.gate import AutomatedCheckTaskState

    earlier = (
        AutomatedCheckTaskState.objects.filter(workflow_state_id=task_state.workflow_state_id, revision_id=task_state.revision_id)
        .order_by("-started_at")
        .first()
    )
    return earlier.findings if earlier else []


def on_task_approved(sender, instance, user=None, **kwargs):
    from ..models.ledger import LedgerDecision

    _record_task_decision(instance, user, "workflow.approve", LedgerDecision.APPROVED)


def on_task_rejected(sender, instance, user=None, **kwargs):
    from ..models.ledger import LedgerDecision

    _record_task_decision(instance, user, "workflow.reject", LedgerDecision.REJECTED)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    from ..models.ledger import LedgerDecision
    from .ledger import record_decision

    obj = instance.content_object
    record_decision(
        obj,
        "workflow.submit",
        user=user,
        decision=LedgerDecision.RECORDED,
        reason=str(instance.workflow),
        revision=obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None,
    )


def on_term_saved(sender, instance, created=False, raw=False, **kwargs):
    """Move the library version; re-scan the live site when the save can
    newly block content: a new active term, or (a save of a loaded term) one
    activated or raised from warn to block. ``instance._loaded`` still holds
    the values as loaded: ``SensitiveTerm.save()`` updates it after saving."""
    from ..models.gate import SensitiveLibraryState
    from .term_library import raises_exposure

    SensitiveLibraryState.bump()
    raised = False
    if not raw:
        _term, was_active, was_severity = getattr(instance, "_loaded", (None, False, None))
        raised = raises_exposure(bool(was_active), was_severity or "", instance.active, instance.severity)
    if (created and instance.active) or raised:
        from .rescan import schedule_rescan

        schedule_rescan()


def on_term_deleted(sender, instance, **kwargs):
    from ..models.gate import SensitiveLibraryState

    SensitiveLibraryState.bump()


def on_automated_check_started(sender, task_state, user=None, **kwargs):
    from .runner import run_workflow_check

    run_workflow_check(task_state, user=user)
    return True


def on_term_validating(sender, term, exemptions, **kwargs) -> list[str]:
    """The term refused when found on most of the live site."""
    from .term_library import TermRow, broad_term_message, broad_terms

    return [broad_term_message(term, pages, live) for _row, pages, live in broad_terms([TermRow(0, term, exemptions=exemptions)])]


def on_library_changed(sender, **kwargs):
    from .checkers.sensitive_words import forget_matcher

    forget_matcher()


def connect():
    from ..models.gate import AutomatedCheckTask, SensitiveLibraryState, SensitiveTerm
    from . import live_saves

    live_saves.connect()

    task_approved.connect(on_task_approved, dispatch_uid="wagtail_gk_ledger_task_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="wagtail_gk_ledger_task_rejected")
    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="wagtail_gk_ledger_workflow_submitted")
    post_save.connect(on_term_saved, sender=SensitiveTerm, dispatch_uid="wagtail_gk_term_saved")
    post_delete.connect(on_term_deleted, sender=SensitiveTerm, dispatch_uid="wagtail_gk_term_deleted")
    automated_check_started.connect(on_automated_check_started, sender=AutomatedCheckTask, dispatch_uid="wagtail_gk_automated_check")
    sensitive_term_validating.connect(on_term_validating, sender=SensitiveTerm, dispatch_uid="wagtail_gk_term_validating")
    sensitive_library_changed.connect(on_library_changed, sender=SensitiveLibraryState, dispatch_uid="wagtail_gk_library_changed")
