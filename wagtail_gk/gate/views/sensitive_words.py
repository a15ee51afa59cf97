"""Import, export and sync screens of the shared sensitive-word library."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from ...conf import gk_setting
from ...models.gate import SensitiveLibraryState, SensitiveTerm, TermSeverity
from ..term_library import (
    LibraryImportError,
    apply_rows,
    export_csv,
    export_txt,
    export_xlsx,
    import_file,
)


class TermImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("TXT (one term per line), CSV or XLSX (header: term, category, severity, exemptions, active, note)."),
    )
    default_category = forms.CharField(label=gettext_lazy("Default category"), required=False, max_length=50)
    default_severity = forms.ChoiceField(label=gettext_lazy("Default severity"), choices=TermSeverity.choices, initial=TermSeverity.BLOCK)


def _index_url():
    return reverse(SensitiveTerm.snippet_viewset.get_url_name("list"))


@permission_required("wagtail_gk.add_sensitiveterm", raise_exception=True)
def import_terms(request):
    errors: list[str] = []
    form = TermImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = gk_setting("GK_GATE_TERM_IMPORT_MAX_BYTES")
        if upload.size > limit:
            # refused before reading the upload into memory
            errors = [
                _("The file is %(size)s MB; a term list may be at most %(limit)s MB (GK_GATE_TERM_IMPORT_MAX_BYTES).")
                % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
            ]
        else:
            try:
                result = import_file(
                    upload.name,
                    upload.read(),
                    default_category=form.cleaned_data["default_category"],
                    default_severity=form.cleaned_data["default_severity"],
                )
            except LibraryImportError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("Import finished: %(summary)s") % {"summary": result.summary()})
                return redirect(_index_url())
    return TemplateResponse(
        request,
        "wagtail_gk/gate/terms_import.html",
        {
            "form": form,
            "errors": errors[:200],
            "more_errors": max(0, len(errors) - 200),
            "page_title": _("Import sensitive terms"),
            "header_title": _("Import sensitive terms"),
            "header_icon": "upload",
            "index_url": _index_url(),
            "max_megabytes": round(gk_setting("GK_GATE_TERM_IMPORT_MAX_BYTES") / 1048576, 1),
            "max_terms": gk_setting("GK_GATE_TERM_IMPORT_MAX_TERMS"),
            "min_length": gk_setting("GK_GATE_TERM_MIN_LENGTH"),
        },
        status=400 if errors else 200,
    )


@permission_required("wagtail_gk.view_sensitiveterm", raise_exception=True)
def export_terms(request, fmt: str):
    queryset = SensitiveTerm.objects.all()
    stamp = datetime.date.today().isoformat()
    if fmt == "txt":
        body, content_type = export_txt(queryset), "text/plain; charset=utf-8"
    elif fmt == "csv":
        body, content_type = export_csv(queryset), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body, content_type = export_xlsx(queryset), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise PermissionDenied
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="sensitive-terms-{stamp}.{fmt}"'
    return response


@permission_required("wagtail_gk.add_sensitiveterm", raise_exception=True)
def sync_terms(request):
    state = SensitiveLibraryState.current()
    if request.method == "POST":
        from ...tasks import sync_sensitive_terms

        sync_sensitive_terms.enqueue()
        state.refresh_from_db()
        messages.success(request, _("Sync started. %(message)s") % {"message": state.last_sync_message})
        return redirect("wagtail_gk_gate:terms_sync")
    return TemplateResponse(
        request,
        "wagtail_gk/gate/terms_sync.html",
        {"state": state, "url": gk_setting("GK_GATE_SYNC_URL"), "page_title": _("Sync the shared upstream term list"), "header_title": _("Sync the shared upstream term list"), "header_icon": "resubmit", "index_url": _index_url()},
    )


class BulkEditTermsForm(forms.Form):
    UNCHANGED = ""
    category = forms.CharField(label=gettext_lazy("Category"), required=False, max_length=50, help_text=gettext_lazy("Leave empty to keep unchanged"))
    severity = forms.ChoiceField(label=gettext_lazy("Severity"), required=False, choices=[("", gettext_lazy("No change"))] + list(TermSeverity.choices))
    active = forms.ChoiceField(
        label=gettext_lazy("Enabled"), required=False, choices=[("", gettext_lazy("No change")), ("1", gettext_lazy("Enabled")), ("0", gettext_lazy("Deactivated"))]
    )


class BulkEditTermsAction(SnippetBulkAction):
    """Set the category, severity or active flag of many terms at once."""

    display_name = gettext_lazy("Bulk edit")
    action_type = "gk_bulk_edit_terms"
    aria_label = gettext_lazy("Bulk edit the selected sensitive terms")
    template_name = "wagtail_gk/gate/terms_bulk_edit.html"
    action_priority = 20
    form_class = BulkEditTermsForm
    models = [SensitiveTerm]

    def check_perm(self, obj):
        return self.request.user.has_perm("wagtail_gk.change_sensitiveterm")

    def object_context(self, obj):
        return {"item": obj, "edit_url": AdminURLFinder(self.request.user).get_edit_url(obj)}

    def get_execution_context(self):
        return {"changes": self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, changes=None, **kwargs):
        from django.utils import timezone

        update = {}
        if changes.get("category"):
            update["category"] = changes["category"]
        if changes.get("severity"):
            update["severity"] = changes["severity"]
        if changes.get("active") in ("0", "1"):
            update["active"] = changes["active"] == "1"
        if update:
            rows = [_row_for(term, update) for term in objects]
            apply_rows(rows, source=objects[0].source if objects else "local")
            SensitiveTerm.objects.filter(pk__in=[t.pk for t in objects]).update(updated_at=timezone.now())
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("Changed %(count)d sensitive term(s)") % {"count": num_parent_objects}


def _row_for(term, update):
    from ..term_library import TermRow

    return TermRow(0, term.term, category=update.get("category"), severity=update.get("severity"), active=update.get("active"))


@require_POST
@permission_required("wagtail_gk.change_rescanfinding", raise_exception=True)
def resolve_rescan(request, pk: int):
    from ...models.gate import RescanFinding

    RescanFinding.objects.filter(pk=pk).update(resolved=True)
    messages.success(request, _("Marked as resolved."))
    return redirect("wagtail_gk_gate:rescan")
