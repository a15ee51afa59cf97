"""The re-scan report: live pages that show new blocking findings after the
sensitive-word library grew. Nothing here unpublishes a page."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from ...models.gate import RescanFinding


class RescanFilterSet(WagtailFilterSet):
    resolved = django_filters.BooleanFilter(label=_("已处理"))

    class Meta:
        model = RescanFinding
        fields = []


class RescanReportView(ReportView):
    page_title = _("已发布内容复查")
    header_icon = "warning"
    results_template_name = "wagtail_gk/gate/rescan_results.html"
    filterset_class = RescanFilterSet
    index_url_name = "wagtail_gk_gate:rescan"
    index_results_url_name = "wagtail_gk_gate:rescan_results"
    permission_policy = ModelPermissionPolicy(RescanFinding)
    any_permission_required = ["view", "change"]
    list_export = []

    def get_queryset(self):
        return RescanFinding.objects.select_related("page").order_by("resolved", "-found_at")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_resolve"] = self.request.user.has_perm("wagtail_gk.change_rescanfinding")
        return context
