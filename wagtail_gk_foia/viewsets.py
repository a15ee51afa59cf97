"""Admin UI of disclosure requests, as Wagtail viewsets.

Wagtail's own ``ModelViewSet`` is used rather than wagtail-modeladmin (which
is in maintenance mode): the inbox needs Wagtail 8's listing filters
(django-filter), custom columns with highlighting, and a set of extra routes
(workspace, actions, downloads, archive) mounted under the viewset's URL
namespace so they inherit the admin's login checks; a viewset gives all of
this without modeladmin's compatibility layer. The index, filters and menu
come from the viewset; the workspace is a plain admin view (views/admin.py).
"""

import django_filters
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from wagtail_gk.admin_columns import YesNoColumn

from .conf import foia_setting
from .forms import DocumentTemplateForm
from .menu import ReportMenuItem, RequestsMenuItem
from .models import (
    AnnualReportFigures,
    ApplicantType,
    Channel,
    DisclosureRequest,
    DocumentTemplate,
    Outcome,
    RemedyCase,
    Status,
)
from .models.choices import OPEN_STATUSES
from .services.deadlines import due_state
from .views import admin as admin_views


class DueFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        today = timezone.localdate()
        running = qs.filter(status__in=[Status.REGISTERED, Status.AWAITING_REASONS])
        if value == "overdue":
            return running.filter(reply_due_on__lt=today)
        if value == "due_soon":
            from wagtail_gk import workdays

            limit = workdays.add_working_days(today, foia_setting("GK_FOIA_DUE_SOON_DAYS"), provisional=True)
            return running.filter(reply_due_on__gte=today, reply_due_on__lte=limit)
        if value == "open":
            return qs.filter(status__in=OPEN_STATUSES)
        if value == "closed":
            return qs.exclude(status__in=OPEN_STATUSES)
        return qs


class RequestFilterSet(WagtailFilterSet):
    due = DueFilter(
        label=_("Deadline"),
        choices=[("overdue", _("Overdue")), ("due_soon", _("Due soon")), ("open", _("In progress (all open)")), ("closed", _("Concluded"))],
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All"))
    applicant_type = django_filters.ChoiceFilter(label=_("Applicant type"), choices=ApplicantType.choices, empty_label=_("All"))
    channel = django_filters.ChoiceFilter(label=_("Submission channel"), choices=Channel.choices, empty_label=_("All"))
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))
    mine = django_filters.BooleanFilter(label=_("Only my cases"), method="filter_mine")
    received_year = django_filters.NumberFilter(label=_("Year received"), field_name="received_on", lookup_expr="year")

    class Meta:
        model = DisclosureRequest
        fields = ["due", "status", "applicant_type", "channel", "outcome", "assignee", "received_year"]

    def filter_mine(self, qs, name, value):
        if value:
            return qs.filter(assignee=self.request.user) if self.request else qs
        return qs


class DueColumn(Column):
    cell_template_name = "wagtail_gk_foia/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = due_state(instance)
        context["due"] = instance.reply_due_on
        context["status"] = instance.get_status_display()
        context["awaiting"] = instance.awaiting_confirmation
        return context


class RequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency", "assignee")

    def get_edit_url(self, instance):
        return reverse(f"{admin_views.URL_NAMESPACE}:edit", args=[instance.pk])

    def get_inspect_url(self, instance):
        return self.get_edit_url(instance)

    def get_delete_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = super().get_header_buttons()
        if self.request.user.has_perm("wagtail_gk_foia.view_foia_report"):
            buttons.append(HeaderButton(_("Annual report"), url=reverse(f"{admin_views.URL_NAMESPACE}:report"), icon_name="table"))
        return buttons


class DisclosureRequestViewSet(ModelViewSet):
    model = DisclosureRequest
    icon = "mail"
    menu_label = _("Request handling")
    menu_order = 100
    index_view_class = RequestIndexView
    filterset_class = RequestFilterSet
    search_fields = ["tracking_number", "information_title", "description", "external_reference"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    form_fields = []  # registration and handling use their own views
    list_display = [
        "tracking_number",
        "information_title",
        Column("applicant_type", label=_("Applicant type"), accessor="get_applicant_type_display"),
        Column("channel", label=_("Channel"), accessor="get_channel_display"),
        Column("received_on", label=_("Date received"), sort_key="received_on"),
        DueColumn("reply_due_on", label=_("Reply due date / status"), sort_key="reply_due_on"),
        Column("assignee", label=_("Case officer"), accessor="assignee"),
    ]
    ordering = ["-received_on", "-pk"]

    def get_urlpatterns(self):
        v = admin_views
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", v.register, name="add"),
            path("<int:pk>/", v.workspace, name="edit"),
            path("<int:pk>/action/<slug:name>/", v.perform_action, name="action"),
            path("<int:pk>/assign/", v.assign, name="assign"),
            path("<int:pk>/note/", v.add_note, name="note"),
            path("<int:pk>/attachment/", v.add_attachment, name="attachment"),
            path("<int:pk>/document/", v.issue_document, name="issue_document"),
            path("<int:pk>/identity/", v.identity_proof, name="identity_proof"),
            path("<int:pk>/archive.zip", v.archive_zip, name="archive_zip"),
            path("document/<int:doc_pk>/<slug:fmt>/", v.download_document, name="download_document"),
            path("attachment/<int:att_pk>/", v.download_attachment, name="download_attachment"),
            path("archive/<int:year>.zip", v.year_zip, name="year_zip"),
            path("report/", v.report, name="report"),
            path("frequent/", v.frequent_requests, name="frequent"),
        ]

    @property
    def url_finder_class(self):
        from wagtail.admin.admin_url_finder import ModelAdminURLFinder

        return type("_RequestURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("edit")})


class DocumentTemplateViewSet(ModelViewSet):
    model = DocumentTemplate
    icon = "doc-full"
    menu_label = _("Document template")
    menu_order = 200
    list_display = ["title", Column("kind", label=_("Document kind"), accessor="get_kind_display"), YesNoColumn("numbered", label=_("Assign a document number")),
                    YesNoColumn("show_remedy", label=_("Include remedies")), "updated_at"]
    search_fields = ["title", "body"]
    search_backend_name = None
    add_to_admin_menu = False

    def get_form_class(self, for_update=False):
        return DocumentTemplateForm


class AnnualReportFiguresViewSet(ModelViewSet):
    model = AnnualReportFigures
    icon = "table"
    menu_label = _("Annual report figures")
    menu_order = 300
    list_display = ["agency", "year", "licensing_decisions", "penalty_decisions", "coercion_decisions", "fee_amount", "updated_at"]
    list_filter = ["year"]
    form_fields = [
        "agency", "year", "rules_made", "rules_repealed", "rules_in_force", "normative_made", "normative_repealed", "normative_in_force",
        "licensing_decisions", "penalty_decisions", "coercion_decisions", "fee_amount",
    ]
    search_backend_name = None
    add_to_admin_menu = False

    def get_urlpatterns(self):
        from .views.report import import_figures_view

        return super().get_urlpatterns() + [path("import/", import_figures_view, name="import")]


class RemedyCaseViewSet(ModelViewSet):
    model = RemedyCase
    icon = "clipboard-list"
    menu_label = _("Reconsideration and litigation cases")
    menu_order = 310
    list_display = ["case_number", Column("kind", label=_("Kind"), accessor="get_kind_display"), "agency", "request", "filed_on",
                    Column("outcome", label=_("Result"), accessor="get_outcome_display"), "decided_on"]
    list_filter = ["kind", "outcome"]
    form_fields = ["request", "agency", "kind", "case_number", "filed_on", "outcome", "decided_on", "note"]
    search_fields = ["case_number", "note"]
    search_backend_name = None
    add_to_admin_menu = False


class FoiaViewSetGroup(ViewSetGroup):
    menu_label = _("Disclosure on request")
    menu_icon = "mail"
    menu_order = 250
    items = (
        DisclosureRequestViewSet(admin_views.URL_NAMESPACE),
        DocumentTemplateViewSet("wagtail_gk_foia_templates"),
        AnnualReportFiguresViewSet("wagtail_gk_foia_report_figures"),
        RemedyCaseViewSet("wagtail_gk_foia_remedy_cases"),
    )

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            ReportMenuItem(
                _("Annual report"), reverse_lazy(f"{admin_views.URL_NAMESPACE}:report"), icon_name="table", order=len(items) + 1
            )
        )
        items.append(
            RequestsMenuItem(
                _("Requested by several applicants"), reverse_lazy(f"{admin_views.URL_NAMESPACE}:frequent"),
                icon_name="list-ul", order=len(items) + 1,
            )
        )
        return items
