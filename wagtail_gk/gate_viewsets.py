"""Admin screens of the publication gate: the shared sensitive-word library
(a snippet viewset, so it gets search, filters and bulk actions) and the
"发布审查" menu that groups it with the ledger and the re-scan report."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models.gate import SensitiveTerm


class SensitiveTermIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("wagtail_gk.add_sensitiveterm"):
            buttons.append(HeaderButton(_("导入"), url=reverse("wagtail_gk_gate:terms_import"), icon_name="upload"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        for fmt, label in (("txt", _("导出 TXT")), ("csv", _("导出 CSV")), ("xlsx", _("导出 XLSX"))):
            buttons.append(Button(label, url=reverse("wagtail_gk_gate:terms_export", args=[fmt]), icon_name="download"))
        if self.request.user.has_perm("wagtail_gk.add_sensitiveterm"):
            buttons.append(Button(_("从上级词库同步"), url=reverse("wagtail_gk_gate:terms_sync"), icon_name="resubmit"))
        return buttons


class SensitiveTermViewSet(SnippetViewSet):
    model = SensitiveTerm
    icon = "warning"
    menu_label = _("敏感词库")
    url_prefix = "gk-gate/terms"
    add_to_admin_menu = False
    index_view_class = SensitiveTermIndexView
    list_display = ["term", "category", "severity", "source", "active", "updated_at"]
    list_filter = ["category", "severity", "source", "active"]
    search_fields = ["term", "category", "exemptions", "note"]
    list_per_page = 50
    ordering = ["category", "term"]
    form_fields = ["term", "category", "severity", "exemptions", "active", "note"]
