"""Admin screens of the publication gate: the shared sensitive-word library
(a snippet viewset, so it gets search, filters and bulk actions) and the
"发布审查" menu that groups it with the ledger and the re-scan report."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..admin_columns import YesNoColumn
from ..models.gate import SensitiveTerm
from .menu import GateSubmenuMenuItem, PermittedMenuItem


class SensitiveTermIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("wagtail_gk.add_sensitiveterm"):
            buttons.append(HeaderButton(_("Import"), url=reverse("wagtail_gk_gate:terms_import"), icon_name="upload"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        for fmt, label in (("txt", _("Export TXT")), ("csv", _("Export CSV")), ("xlsx", _("Export XLSX"))):
            buttons.append(Button(label, url=reverse("wagtail_gk_gate:terms_export", args=[fmt]), icon_name="download"))
        if self.request.user.has_perm("wagtail_gk.add_sensitiveterm"):
            buttons.append(Button(_("Sync from the upstream list"), url=reverse("wagtail_gk_gate:terms_sync"), icon_name="resubmit"))
        return buttons


class SensitiveTermViewSet(SnippetViewSet):
    model = SensitiveTerm
    icon = "warning"
    menu_label = _("Sensitive-term list")
    url_prefix = "gk-gate/terms"
    add_to_admin_menu = False
    index_view_class = SensitiveTermIndexView
    list_display = ["term", "category", "severity", "source", YesNoColumn("active", label=_("Enabled")), "updated_at"]
    list_filter = ["category", "severity", "source", "active"]
    search_fields = ["term", "category", "exemptions", "note"]
    list_per_page = 50
    ordering = ["category", "term"]
    form_fields = ["term", "category", "severity", "exemptions", "active", "note"]


def gate_menu_item():
    """The "发布审查" menu: term library, review ledger, re-scan report."""
    term_list = SensitiveTerm.snippet_viewset.get_url_name("list")
    items = [
        PermittedMenuItem(
            _("Sensitive-term list"), reverse(term_list), name="gk-gate-terms", icon_name="warning", order=100,
            permissions=["wagtail_gk.view_sensitiveterm", "wagtail_gk.add_sensitiveterm", "wagtail_gk.change_sensitiveterm"],
        ),
        PermittedMenuItem(
            _("Review ledger"), reverse("wagtail_gk_gate:ledger"), name="gk-gate-ledger", icon_name="list-ul", order=200,
            permissions=["wagtail_gk.view_ledgerentry"],
        ),
        PermittedMenuItem(
            _("Live content re-scan"), reverse("wagtail_gk_gate:rescan"), name="gk-gate-rescan", icon_name="search", order=300,
            permissions=["wagtail_gk.view_rescanfinding", "wagtail_gk.change_rescanfinding"],
        ),
    ]
    return GateSubmenuMenuItem(_("Publication review"), Menu(items=items), name="gk-gate", icon_name="warning", order=750)
