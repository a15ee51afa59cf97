"""Admin screens of ``wagtail_gk`` as Wagtail viewsets.

Wagtail's own ``ModelViewSet`` is used rather than wagtail-modeladmin: these
models need the panels API (inline days per calendar year), per-viewset
permission policies and Wagtail 8's listing filters, which modeladmin does not
offer without workarounds.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Agency, CalendarYear, TopicCategory


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = _("工作日历")
    add_to_admin_menu = False
    list_display = ["year", "source", "updated_at"]
    search_fields = ["year", "source"]
    form_fields = ["year", "source"]
    inspect_view_enabled = True


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "group"
    menu_label = _("机构")
    list_display = ["name", "level", "code", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "code"]
    form_fields = ["name", "short_name", "level", "code", "parent"]


class TopicCategoryViewSet(ModelViewSet):
    model = TopicCategory
    icon = "tag"
    menu_label = _("主题分类")
    list_display = ["name", "parent", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "parent", "sort_order"]


class GovernmentOpennessViewSetGroup(ViewSetGroup):
    menu_label = _("政务公开设置")
    menu_icon = "cogs"
    menu_order = 800
    items = (CalendarYearViewSet("gk_calendar"), AgencyViewSet("gk_agencies"), TopicCategoryViewSet("gk_topics"))
