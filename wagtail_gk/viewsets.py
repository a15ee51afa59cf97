"""Admin screens of ``wagtail_gk`` as Wagtail viewsets.

Wagtail's own ``ModelViewSet`` is used rather than wagtail-modeladmin: these
models need the panels API (inline days per calendar year), per-viewset
permission policies and Wagtail 8's listing filters, which modeladmin does not
offer without workarounds.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from .models import Agency, AgencyMembership, CalendarYear, TopicCategory
from .views.calendar import ScheduleImportView


class CalendarYearIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return super().header_buttons + [
            HeaderButton(_("Import the State Council's notice"), url=reverse("gk_calendar:import"), icon_name="upload")
        ]


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_admin_menu = False
    list_display = ["year", "source", "updated_at"]
    search_fields = ["source"]
    index_view_class = CalendarYearIndexView
    # The model's panels give one screen per year with its days inline.

    def get_urlpatterns(self):
        import_view = ScheduleImportView.as_view(index_url_name=self.get_url_name("index"))
        return super().get_urlpatterns() + [path("import/", import_view, name="import")]


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agency")
    list_display = ["name", "level", "code", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "code"]
    form_fields = ["name", "short_name", "level", "code", "parent"]


class AgencyMembershipViewSet(ModelViewSet):
    model = AgencyMembership
    icon = "user"
    menu_label = _("Agency member")
    list_display = ["user", "agency"]
    list_filter = ["agency__level"]
    search_fields = ["user__username", "user__last_name", "user__first_name", "agency__name"]
    form_fields = ["user", "agency"]


class TopicCategoryViewSet(ModelViewSet):
    model = TopicCategory
    icon = "tag"
    menu_label = _("Subject category")
    list_display = ["name", "parent", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "parent", "sort_order"]


class GovernmentOpennessViewSetGroup(ViewSetGroup):
    menu_label = _("Openness settings")
    menu_icon = "cogs"
    menu_order = 800
    items = (
        CalendarYearViewSet("gk_calendar"),
        AgencyViewSet("gk_agencies"),
        AgencyMembershipViewSet("gk_memberships"),
        TopicCategoryViewSet("gk_topics"),
    )
