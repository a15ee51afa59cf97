"""The 同步解读 rule as a publication-gate checker.

A policy marked "需要同步解读" may go live only if an interpretation of it
is live already, or is approved and scheduled to go live no later than
``GK_POLICY_INTERPRETATION_WORKING_DAYS`` working days after the policy.
Registered through ``register_gk_checker`` in ``wagtail_hooks.py``, so the
editor sees a blocking finding in the gate's report.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail_gk.dates import long_date
from wagtail_gk.gate.checkers import Checker, Finding, Severity, TextSource
from wagtail_gk.workdays import add_working_days

from .conf import policy_setting

CODE = "policy_interpretation"


class InterpretationReadyChecker(Checker):
    code = CODE
    verbose_name = _("Accompanying interpretation")

    def check(self, obj, sources: Iterable[TextSource]) -> list[Finding]:
        from .models import PolicyDocumentPage, PolicyInterpretationPage

        if not isinstance(obj, PolicyDocumentPage) or not obj.needs_interpretation or obj.is_repealed:
            return []
        interpretations = list(PolicyInterpretationPage.objects.filter(policy_id=obj.pk)) if obj.pk else []
        if not interpretations:
            return [
                self._block(
                    "missing",
                    gettext("This policy needs an accompanying interpretation, but no policy interpretation is linked to it yet. Create a “Policy interpretation” page in the policy library and choose this policy."),
                )
            ]
        if any(interpretation.live for interpretation in interpretations):
            return []

        days = policy_setting("GK_POLICY_INTERPRETATION_WORKING_DAYS")
        now = timezone.now()
        publish_day = timezone.localdate(obj.go_live_at) if obj.go_live_at and obj.go_live_at > now else timezone.localdate()
        # Provisional (weekends only) where the year's schedule is missing: a
        # missing calendar must not stop a policy from being published.
        deadline = add_working_days(publish_day, days, provisional=True) if days else publish_day

        problems = []
        for interpretation in interpretations:
            scheduled = interpretation.scheduled_revision
            if scheduled is not None:
                go_live = timezone.localdate(scheduled.approved_go_live_at)
                if go_live <= deadline:
                    return []
                problems.append(
                    ngettext(
                        "The policy interpretation “%(title)s” is scheduled for %(date)s, after the deadline for an accompanying interpretation, %(deadline)s (within %(days)d working day of publication).",
                        "The policy interpretation “%(title)s” is scheduled for %(date)s, after the deadline for an accompanying interpretation, %(deadline)s (within %(days)d working days of publication).",
                        days,
                    )
                    % {"title": interpretation.title, "date": long_date(go_live), "deadline": long_date(deadline), "days": days}
                )
            elif interpretation.workflow_in_progress:
                problems.append(
                    gettext("The policy interpretation “%(title)s” is still in review; this policy can be published only once the interpretation is approved and published or scheduled.")
                    % {"title": interpretation.title}
                )
            else:
                problems.append(
                    ngettext(
                        "The policy interpretation “%(title)s” has not been approved yet; submit it for review, and publish it together with this policy or within %(days)d working day.",
                        "The policy interpretation “%(title)s” has not been approved yet; submit it for review, and publish it together with this policy or within %(days)d working days.",
                        days,
                    )
                    % {"title": interpretation.title, "days": days}
                )
        return [self._block("not_ready", message) for message in problems]

    def _block(self, suffix: str, message: str) -> Finding:
        return Finding(
            code=f"{CODE}_{suffix}",
            severity=Severity.BLOCK,
            message=message,
            location=gettext("Policy interpretation"),
            checker=CODE,
        )
