"""Admin UI of letters: Wagtail's ``ModelViewSet`` with the inbox (due and
overdue first), the workspace of each letter and the 3-month alarm."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .conf import kind_choices
from .deadlines import alarm_cutoff, due_state
from .models import OPEN_STATUSES, FaqEntry, Letter, LetterStatus
from .views import admin as admin_views


class DueFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        today = timezone.localdate()
        if value == "overdue":
            return qs.filter(status__in=OPEN_STATUSES, reply_due_on__lt=today)
        if value == "open":
            return qs.filter(status__in=OPEN_STATUSES)
        if value == "alarm":
            return qs.filter(status__in=OPEN_STATUSES, kind="consultation", received_on__lte=alarm_cutoff(today))
        if value == "replied":
            return qs.filter(status=LetterStatus.REPLIED)
        return qs


class KindFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["choices"] = kind_choices  # read when the form is built


class LetterFilterSet(WagtailFilterSet):
    due = DueFilter(
        label=_("Deadline"),
        choices=[("overdue", _("Overdue")), ("open", _("Open letters")), ("alarm", _("Unanswered enquiries over 3 months")), ("replied", _("Replied"))],
        empty_label=_("All"),
    )
    kind = KindFilter(label=_("Kind"), empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LetterStatus.choices, empty_label=_("All"))
    received_year = django_filters.NumberFilter(label=_("Year received"), field_name="received_on", lookup_expr="year")

    class Meta:
        model = Letter
        fields = ["due", "kind", "status", "agency", "received_year"]


class DueColumn(Column):
    cell_template_name = "wagtail_gk_interaction/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(state=due_state(instance), due=instance.reply_due_on, status=instance.get_status_display())
        return context


class LetterIndexView(IndexView):
    def get_base_queryset(self):
        return admin_views.due_first(super().get_base_queryset().select_related("agency"))

    def order_queryset(self, queryset):
        if self.ordering in (None, "", "reply_due_on") and not self.request.GET.get("ordering"):
            return queryset  # due and overdue first (due_first)
        return super().order_queryset(queryset)

    def get_edit_url(self, instance):
        return reverse(f"{admin_views.URL_NAMESPACE}:edit", args=[instance.pk])

    def get_inspect_url(self, instance):
        return self.get_edit_url(instance)

    def get_delete_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_add_url(self):
        return None

    def get_header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = [HeaderButton(_("Unanswered enquiries over 3 months"), url=reverse(f"{admin_views.URL_NAMESPACE}:alarm"), icon_name="warning")]
        if self.request.user.has_perm("wagtail_gk_interaction.view_interaction_stats"):
            buttons.append(HeaderButton(_("Letter statistics"), url=reverse(f"{admin_views.URL_NAMESPACE}:statistics"), icon_name="table"))
        return buttons


class LetterViewSet(ModelViewSet):
    model = Letter
    icon = "mail"
    menu_label = _("Letters")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = LetterIndexView
    filterset_class = LetterFilterSet
    search_fields = ["tracking_number", "subject", "body"]
    search_backend_name = None
    list_per_page = 50
    form_fields = []
    list_display = [
        "tracking_number",
        "subject",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("received_on", label=_("Date received"), sort_key="received_on"),
        DueColumn("reply_due_on", label=_("Reply due date / status"), sort_key="reply_due_on"),
        Column("agency", label=_("Handling agency"), accessor="agency"),
    ]
    ordering = "reply_due_on"

    def get_urlpatterns(self):
        v = admin_views
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", v.workspace, name="edit"),
            path("<int:pk>/step/<slug:name>/", v.step, name="step"),
            path("<int:pk>/note/", v.note, name="note"),
            path("alarm/", v.alarm, name="alarm"),
            path("statistics/", v.statistics, name="statistics"),
            path("statistics.xlsx", v.statistics_xlsx, name="statistics_xlsx"),
        ]

    @property
    def url_finder_class(self):
        from wagtail.admin.admin_url_finder import ModelAdminURLFinder

        return type("_LetterURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("edit")})


class FaqViewSet(ModelViewSet):
    model = FaqEntry
    icon = "help"
    menu_label = _("Frequently asked questions")
    menu_order = 261
    add_to_admin_menu = True
    form_fields = ["question", "answer", "kind", "live", "sort_order"]
    list_display = ["question", Column("kind", label=_("Kind")), "live", "updated_at"]
    search_fields = ["question", "answer"]
    search_backend_name = None
    copy_view_enabled = False
