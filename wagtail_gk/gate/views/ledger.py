"""The review ledger report (审查记录台账): filters and XLSX/CSV export."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy

from ...models.ledger import LedgerEntry
from ..ledger import action_label, action_labels, decision_label, decision_labels


def _finding_type_choices():
    from ..runner import get_checkers

    choices = {
        "sensitive_word": _("Sensitive term"),
        "id_number": _("ID card number"),
        "id_number_old": _("15-digit ID number"),
        "bank_card": _("Bank card number"),
        "mobile": _("Mobile number"),
        "classification_marker": _("Classification level marking"),
        "restricted_circulation": _("Restricted-circulation wording"),
        "classification_word": _("Classified wording"),
        "unreadable_attachment": _("Attachment not checked"),
        "checker_error": _("Check failed"),
    }
    for checker in get_checkers():
        choices.setdefault(checker.code, checker.verbose_name)
    return sorted(choices.items(), key=lambda item: str(item[1]))


class LedgerFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    user = django_filters.ModelChoiceFilter(label=_("Acting user"), queryset=lambda request: _users_in_ledger())
    decision = django_filters.ChoiceFilter(label=_("Conclusion"), choices=lambda: [(k, str(v)) for k, v in decision_labels().items()])
    action = django_filters.ChoiceFilter(label=_("Stage"), choices=lambda: sorted((k, str(v)) for k, v in action_labels().items()))
    finding_type = django_filters.ChoiceFilter(label=_("Finding type"), choices=_finding_type_choices, method="filter_finding_type")
    site_id = django_filters.ChoiceFilter(label=_("Site"), choices=lambda: [(s.pk, s.site_name or s.hostname) for s in Site.objects.all()])
    object_repr = django_filters.CharFilter(label=_("Object"), lookup_expr="icontains")

    class Meta:
        model = LedgerEntry
        fields = []

    def filter_finding_type(self, queryset, name, value):
        return queryset.filter(finding_codes__regex=rf"(^|,){value}(,|$)")


def _users_in_ledger():
    User = get_user_model()
    return User.objects.filter(pk__in=LedgerEntry.objects.exclude(user_id=None).values("user_id")).order_by(User.USERNAME_FIELD)


def findings_text(findings: list) -> str:
    """Findings as an inspector reads them: one per line, where — what (excerpt)."""
    lines = []
    for finding in findings or ():
        line = f"{finding.get('location') or '-'}：{finding.get('message', '')}"
        if finding.get("excerpt"):
            line += f"（{finding['excerpt']}）"
        if finding.get("severity") == "block":
            line = "[拦截] " + line
        lines.append(line)
    return "\n".join(lines)


class LedgerReportView(ReportView):
    page_title = _("Review ledger")
    header_icon = "list-ul"
    results_template_name = "wagtail_gk/gate/ledger_report_results.html"
    filterset_class = LedgerFilterSet
    index_url_name = "wagtail_gk_gate:ledger"
    index_results_url_name = "wagtail_gk_gate:ledger_results"
    # Action names checked against the model's permissions (view_ledgerentry);
    # a ``None`` policy would let every admin user in.
    permission_policy = ModelPermissionPolicy(LedgerEntry)
    any_permission_required = ["view"]

    list_export = [
        "sequence",
        "created_at",
        "site_name",
        "content_type",
        "object_repr",
        "object_id",
        "revision_id",
        "action",
        "decision",
        "username",
        "findings",
        "reason",
        "entry_hash",
    ]
    export_headings = {
        "sequence": _("No."),
        "created_at": _("Time"),
        "site_name": _("Site"),
        "content_type": _("Object type"),
        "object_repr": _("Object"),
        "object_id": _("Object ID"),
        "revision_id": _("Revision number"),
        "action": _("Stage"),
        "decision": _("Conclusion"),
        "username": _("Acting user"),
        "findings": _("Findings (location: description)"),
        "reason": _("Reason/comment"),
        "entry_hash": _("Verification hash"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = self.custom_field_preprocess.copy()
        for name, fn in {
            "action": action_label,
            "decision": decision_label,
            "findings": findings_text,
            "content_type": lambda ct: str(ct.model_class()._meta.verbose_name) if ct and ct.model_class() else "",
            "created_at": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S"),
        }.items():
            self.custom_field_preprocess[name] = {self.FORMAT_CSV: fn, self.FORMAT_XLSX: fn}

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") and not request.user.has_perm("wagtail_gk.export_ledgerentry"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return LedgerEntry.objects.select_related("content_type").order_by("-sequence")

    def get_filename(self):
        return f"review-ledger-{datetime.date.today().isoformat()}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        for entry in context["object_list"]:
            entry.action_display = action_label(entry.action)
            entry.decision_display = decision_label(entry.decision)
        context["can_export"] = self.request.user.has_perm("wagtail_gk.export_ledgerentry")
        return context
