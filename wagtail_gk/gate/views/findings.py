"""What the gate finds on one page or snippet, and dismissing a finding.

Editors and reviewers reach this screen from the message at the top of the
page editor. A user with ``wagtail_gk.dismiss_finding`` may dismiss one
finding with a written reason; the dismissal is kept and recorded in the
review ledger, and the finding no longer blocks that object.
"""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from ...models.gate import AutomatedCheckTaskState, FindingDismissal
from ..dismissals import record_dismissal
from ..runner import finding_fingerprint, run_checks


class DismissFindingForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(
        label=gettext_lazy("Reason for dismissal"),
        min_length=4,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Say why this is not a problem, e.g. “A penalty decision lawfully discloses the party's details.” The reason is recorded in the review ledger."),
    )


def findings_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("wagtail_gk_gate:findings", args=[content_type.app_label, content_type.model, obj.pk])


def _get_object(app_label: str, model_name: str, pk: str):
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    if model is None:
        raise Http404
    try:
        obj = model._default_manager.get(pk=pk)
    except (model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return obj.specific if isinstance(obj, Page) else obj


def _can_see(user, obj) -> bool:
    if isinstance(obj, Page):
        perms = obj.permissions_for_user(user)
        return perms.can_edit() or perms.can_publish()
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") or user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def _latest(obj):
    revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    return revision, (revision if revision is not None else obj)


def object_findings(request, app_label: str, model_name: str, pk: str):
    obj = _get_object(app_label, model_name, pk)
    if not _can_see(request.user, obj):
        raise PermissionDenied
    revision, target = _latest(obj)
    report = run_checks(target)
    can_dismiss = request.user.has_perm("wagtail_gk.dismiss_finding")
    content_type = ContentType.objects.get_for_model(obj)
    rows = [
        {"finding": finding, "form": DismissFindingForm(initial={"fingerprint": finding_fingerprint(finding)}) if can_dismiss else None}
        for finding in report.findings
    ]
    dismissals = FindingDismissal.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("user").order_by("-created_at")
    last_automated = (
        AutomatedCheckTaskState.objects.filter(revision__object_id=str(obj.pk), revision__base_content_type=obj.get_base_content_type() if hasattr(obj, "get_base_content_type") else content_type)
        .order_by("-started_at")
        .first()
    )
    return TemplateResponse(
        request,
        "wagtail_gk/gate/findings.html",
        {
            "object": obj,
            "revision": revision,
            "report": report,
            "rows": rows,
            "dismissals": dismissals,
            "can_dismiss": can_dismiss,
            "last_automated": last_automated,
            "edit_url": AdminURLFinder(request.user).get_edit_url(obj),
            "dismiss_url": reverse("wagtail_gk_gate:dismiss_finding", args=[app_label, model_name, pk]),
            "page_title": _("Content check results"),
            "header_icon": "warning",
        },
    )


def dismiss_finding(request, app_label: str, model_name: str, pk: str):
    if request.method != "POST":
        return redirect("wagtail_gk_gate:findings", app_label, model_name, pk)
    if not request.user.has_perm("wagtail_gk.dismiss_finding"):
        raise PermissionDenied
    obj = _get_object(app_label, model_name, pk)
    if not _can_see(request.user, obj):
        raise PermissionDenied
    back = reverse("wagtail_gk_gate:findings", args=[app_label, model_name, pk])
    form = DismissFindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not dismissed: give a reason for dismissal (at least 4 characters)."))
        return redirect(back)
    revision, target = _latest(obj)
    report = run_checks(target)
    fingerprint = form.cleaned_data["fingerprint"]
    finding = next((f for f in report.findings if finding_fingerprint(f) == fingerprint), None)
    if finding is None:
        messages.error(request, _("This finding no longer exists or has already been dismissed; refresh the page and try again."))
        return redirect(back)
    try:
        record_dismissal(obj, finding, fingerprint, reason=form.cleaned_data["reason"], user=request.user, revision=revision)
    except IntegrityError:
        messages.error(request, _("This finding has already been dismissed."))
        return redirect(back)
    messages.success(request, _("Finding “%(message)s” dismissed; the reason was recorded in the review ledger.") % {"message": finding.message})
    return redirect(back)


def editor_findings_message(request, obj) -> None:
    """``before_edit_page`` / ``before_edit_snippet`` on GET: show the standing
    findings of the latest draft at the top of the editor, with a link to the
    full list."""
    if request.method != "GET":
        return None
    from ..guard import refusal_pending

    if refusal_pending(request):
        # The person has just been refused and told why: one message per refusal.
        return None
    obj = getattr(obj, "specific", obj)
    revision, target = _latest(obj)
    report = run_checks(target)
    if not report.findings:
        return None
    lines = "；".join(
        _("%(location)s：%(message)s %(excerpt)s") % {"location": f.location or "-", "message": f.message, "excerpt": f.excerpt}
        for f in (report.blocking + report.warnings)[:3]
    )
    more = len(report.findings) - 3
    if more > 0:
        lines += _("; %(count)d more") % {"count": more}
    buttons = [messages.button(findings_url(obj), _("See all problems"))]
    if report.blocks:
        messages.error(request, _("The content check found %(count)d problem(s) that must be dealt with before publishing: %(lines)s") % {"count": len(report.blocking), "lines": lines}, buttons=buttons)
    else:
        messages.warning(request, _("The content check has %(count)d warning(s) for the reviewer to note: %(lines)s") % {"count": len(report.warnings), "lines": lines}, buttons=buttons)
    return None
