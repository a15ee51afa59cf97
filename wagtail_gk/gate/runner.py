"""The publication gate: which checkers run, and running them on content.

:func:`get_checkers` gathers the checkers registered through the
``register_gk_checker`` hook (the built-in ones are registered the same way);
:func:`run_checks` extracts the text of a page, snippet or revision and runs
them all, returning a :class:`GateReport`. A finding a reviewer has
dismissed for that object is reported apart and no longer blocks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail import hooks

from ..conf import gk_setting
from .checkers.base import Checker, Finding, Severity, TextSource
from .extraction import Extraction, extract_object

logger = logging.getLogger(__name__)

UNREADABLE_CODE = "unreadable_attachment"
OCR_PENDING_CODE = "ocr_pending"


def get_checkers() -> list[Checker]:
    """Every registered checker, in hook order, minus ``GK_GATE_DISABLED_CHECKERS``."""
    disabled = set(gk_setting("GK_GATE_DISABLED_CHECKERS"))
    checkers = []
    for hook in hooks.get_hooks("register_gk_checker"):
        checker = hook()
        if checker is not None and checker.code not in disabled:
            checkers.append(checker)
    return checkers


def finding_fingerprint(finding: Finding | dict) -> str:
    """Stable identity of one finding on one object, used by dismissals."""
    import hashlib

    data = finding.as_dict() if isinstance(finding, Finding) else finding
    key = "\x1f".join(str(data.get(name, "")) for name in ("checker", "code", "location", "excerpt"))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class GateReport:
    """What the gate found on one object."""

    findings: list[Finding] = field(default_factory=list)  # standing findings
    dismissed: list[Finding] = field(default_factory=list)  # dismissed by a reviewer

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocks]

    @property
    def blocks(self) -> bool:
        return any(f.blocks for f in self.findings)

    @property
    def decision(self) -> str:
        from ..models.ledger import LedgerDecision

        if self.blocks:
            return LedgerDecision.BLOCKED
        return LedgerDecision.WARNED if self.findings else LedgerDecision.PASSED

    def as_dicts(self) -> list[dict]:
        return [dict(f.as_dict(), fingerprint=finding_fingerprint(f)) for f in self.findings]

    def summary(self) -> str:
        """One line for a message to the person publishing."""
        parts = [_("%(location)s：%(message)s") % {"location": f.location or "-", "message": f.message} for f in self.blocking[:3]]
        more = len(self.blocking) - len(parts)
        text = "；".join(parts)
        if more > 0:
            text += _("; %(count)d more problem(s)") % {"count": more}
        return text


def _unreadable_findings(extraction: Extraction) -> list[Finding]:
    severity = Severity(gk_setting("GK_GATE_UNREADABLE_SEVERITY"))
    return [
        Finding(
            code=UNREADABLE_CODE,
            severity=severity,
            message=_("Attachment not checked: %(reason)s") % {"reason": reason},
            location=location,
            checker="attachments",
        )
        for location, reason in extraction.unreadable
    ]


def _ocr_pending_findings(extraction: Extraction) -> list[Finding]:
    """An attachment whose OCR runs in the background blocks until its text
    is known: it has not been checked yet (docs/gate.md, "Attachment formats")."""
    return [
        Finding(
            code=OCR_PENDING_CODE,
            severity=Severity.BLOCK,
            message=_("Text recognition (OCR) of this attachment is still running; check again in a few minutes."),
            location=location,
            checker="attachments",
        )
        for location in extraction.ocr_pending
    ]


def run_checkers(obj, sources: list[TextSource], checkers: Iterable[Checker] | None = None) -> list[Finding]:
    """Run *checkers* (default: all) on *sources*. A checker that fails
    gives a finding (severity ``GK_GATE_CHECKER_ERROR_SEVERITY``) instead of
    letting content through unchecked or crashing the publish."""
    findings: list[Finding] = []
    for checker in get_checkers() if checkers is None else checkers:
        try:
            for finding in checker.check(obj, sources) or ():
                if not finding.checker:
                    finding = Finding(**{**finding.__dict__, "checker": checker.code})
                findings.append(finding)
        except Exception:
            logger.exception("Checker %s failed", checker.code)
            findings.append(
                Finding(
                    code="checker_error",
                    severity=Severity(gk_setting("GK_GATE_CHECKER_ERROR_SEVERITY")),
                    message=_("The check “%(name)s” failed, so the content was not fully checked; contact the administrator") % {"name": checker.verbose_name or checker.code},
                    checker=checker.code,
                )
            )
    return findings


def _as_object(obj):
    from wagtail.models import Revision

    if isinstance(obj, Revision):
        return obj.as_object()
    return obj


def dismissed_fingerprints(obj) -> set[str]:
    from ..models.gate import FindingDismissal

    if obj is None or getattr(obj, "pk", None) is None:
        return set()
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    base = getattr(obj, "get_base_content_type", None)
    types = {content_type.pk}
    if base is not None:
        types.add(base().pk)
    return set(
        FindingDismissal.objects.filter(content_type_id__in=types, object_id=str(obj.pk)).values_list("fingerprint", flat=True)
    )


def run_checks(obj, sources: Iterable[TextSource] | None = None, *, include_documents: bool | None = None) -> GateReport:
    """Check *obj* — a page, snippet, or a :class:`~wagtail.models.Revision`
    (its draft is checked, not the live row). Pass *sources* to check given
    text instead of extracting it from *obj* (which may then be ``None``)."""
    obj = _as_object(obj)
    findings: list[Finding] = []
    if sources is None:
        extraction = extract_object(obj, include_documents=include_documents)
        sources = extraction.sources
        findings.extend(_unreadable_findings(extraction))
        findings.extend(_ocr_pending_findings(extraction))
    findings.extend(run_checkers(obj, list(sources)))
    dismissed = dismissed_fingerprints(obj)
    report = GateReport()
    for finding in findings:
        (report.dismissed if finding_fingerprint(finding) in dismissed else report.findings).append(finding)
    return report


def run_workflow_check(task_state, user=None) -> GateReport:
    """The automated workflow step: check the submitted revision, keep the
    findings on the task state, record the decision, then approve or reject
    without updating the workflow twice (see docs/gate-wagtail.md, "The
    automated workflow step")."""
    from .ledger import record_decision

    revision = task_state.revision
    report = run_checks(revision)
    task_state.findings = report.as_dicts()
    task_state.blocking_count = len(report.blocking)
    task_state.warning_count = len(report.warnings)
    task_state.save(update_fields=["findings", "blocking_count", "warning_count"])
    obj = revision.as_object()
    record_decision(obj, "gate.workflow", user=user, decision=report.decision, findings=report.findings, revision=revision)
    if report.blocks:
        task_state.reject(user=None, update=False, comment=report.summary())
    else:
        comment = _("Automated check passed, with %(count)d warning(s) for the reviewer") % {"count": len(report.warnings)} if report.warnings else _("Automated check passed")
        task_state.approve(user=None, update=False, comment=comment)
    return report
