"""The re-scan report — live pages, snippets and documents that show blocking
findings when re-checked — and the findings of one document, where a
reviewer may dismiss them. Nothing here unpublishes anything."""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.permission_policies import ModelPermissionPolicy

from ...models.gate import FindingDismissal, RescanFinding, RescanKind
from .. import document_guard
from ..dismissals import record_dismissal
from ..rescan import pending_counts
from ..runner import finding_fingerprint
from .findings import DismissFindingForm


class RescanFilterSet(WagtailFilterSet):
    resolved = django_filters.BooleanFilter(label=gettext_lazy("Resolved"))
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=RescanKind.choices)

    class Meta:
        model = RescanFinding
        fields = []


class RescanReportView(ReportView):
    page_title = gettext_lazy("Live content re-scan")
    header_icon = "warning"
    results_template_name = "wagtail_gk/gate/rescan_results.html"
    filterset_class = RescanFilterSet
    index_url_name = "wagtail_gk_gate:rescan"
    index_results_url_name = "wagtail_gk_gate:rescan_results"
    permission_policy = ModelPermissionPolicy(RescanFinding)
    any_permission_required = ["view", "change"]
    list_export = []

    def get_queryset(self):
        return RescanFinding.objects.select_related("page", "content_type").order_by("resolved", "-found_at")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_resolve"] = self.request.user.has_perm("wagtail_gk.change_rescanfinding")
        context["rows"] = [report_row(row, self.request.user) for row in context["object_list"]]
        context["counts"] = pending_counts()
        return context


def report_row(row: RescanFinding, user) -> dict:
    """What the report shows of one row: the object's title and edit link,
    for a document also its findings page and the live pages that link it."""
    finder = AdminURLFinder(user)
    shown = {"row": row, "title": row.title, "edit_url": "", "findings_url": "", "linked_pages": [], "missing": False}
    if row.kind == RescanKind.PAGE or (row.page_id and not row.content_type_id):
        if row.page is None:
            shown["missing"] = True
            return shown
        shown["title"] = row.page.get_admin_display_title()
        shown["edit_url"] = reverse("wagtailadmin_pages:edit", args=[row.page_id])
        return shown
    model = row.content_type.model_class() if row.content_type_id else None
    obj = model._default_manager.filter(pk=row.object_id).first() if model is not None else None
    if obj is None:
        shown["missing"] = True
        return shown
    shown["title"] = str(getattr(obj, "title", "") or obj)
    shown["edit_url"] = finder.get_edit_url(obj) or ""
    if row.kind == RescanKind.DOCUMENT:
        shown["findings_url"] = reverse("wagtail_gk_gate:document_findings", args=[obj.pk])
        shown["linked_pages"] = [
            {"title": page.get_admin_display_title(), "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])}
            for page in document_guard.linked_live_pages(obj)
        ]
    return shown


def _can_see_document(user, document) -> bool:
    return any(
        user.has_perm(perm)
        for perm in ("wagtaildocs.change_document", "wagtail_gk.dismiss_finding", "wagtail_gk.view_rescanfinding")
    )


def document_findings(request, pk: int):
    """The standing findings of one document's current file; a user with
    ``wagtail_gk.dismiss_finding`` may dismiss one with a written reason (kept
    as a :class:`FindingDismissal` and in the ledger). The document's stored
    checks are then redone, so serving follows the decision at once."""
    document = get_object_or_404(get_document_model(), pk=pk)
    if not _can_see_document(request.user, document):
        raise PermissionDenied
    can_dismiss = request.user.has_perm("wagtail_gk.dismiss_finding")
    back = reverse("wagtail_gk_gate:document_findings", args=[pk])
    report = document_guard.check_document(document)
    if request.method == "POST":
        if not can_dismiss:
            raise PermissionDenied
        return _dismiss(request, document, report, back)
    content_type = ContentType.objects.get_for_model(document)
    rows = [
        {"finding": finding, "form": DismissFindingForm(initial={"fingerprint": finding_fingerprint(finding)}) if can_dismiss else None}
        for finding in report.findings
    ]
    dismissals = (
        FindingDismissal.objects.filter(content_type=content_type, object_id=str(document.pk)).select_related("user").order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "wagtail_gk/gate/findings.html",
        {
            "object": document,
            "revision": None,
            "report": report,
            "rows": rows,
            "dismissals": dismissals,
            "can_dismiss": can_dismiss,
            "last_automated": None,
            "edit_url": AdminURLFinder(request.user).get_edit_url(document),
            "dismiss_url": back,
            "page_title": _("Content check results"),
            "header_icon": "warning",
        },
    )


def _dismiss(request, document, report, back: str):
    form = DismissFindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not dismissed: give a reason for dismissal (at least 4 characters)."))
        return redirect(back)
    fingerprint = form.cleaned_data["fingerprint"]
    finding = next((f for f in report.findings if finding_fingerprint(f) == fingerprint), None)
    if finding is None:
        messages.error(request, _("This finding no longer exists or has already been dismissed; refresh the page and try again."))
        return redirect(back)
    try:
        with transaction.atomic():
            record_dismissal(document, finding, fingerprint, reason=form.cleaned_data["reason"], user=request.user)
            document_guard.forget_checks(document)
    except IntegrityError:
        messages.error(request, _("This finding has already been dismissed."))
        return redirect(back)
    messages.success(request, _("Finding “%(message)s” dismissed; the reason was recorded in the review ledger.") % {"message": finding.message})
    return redirect(back)
