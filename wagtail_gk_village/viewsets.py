"""Admin screens for the data behind village affairs: categories and list types."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_gk.admin_columns import YesNoColumn

from .models import BeneficiaryListType, NoticeCategory


class NoticeCategoryViewSet(SnippetViewSet):
    model = NoticeCategory
    icon = "list-ul"
    menu_label = _("Notice category")
    list_display = ["name", "frequency", "due_working_days", YesNoColumn("active", label=_("Enabled")), "sort_order"]
    list_filter = ["frequency", "active"]
    search_fields = ["name", "code"]
    url_prefix = "gk-village-settings/categories"


class BeneficiaryListTypeViewSet(SnippetViewSet):
    model = BeneficiaryListType
    icon = "table"
    menu_label = _("List type")
    list_display = ["name", "category", "sort_order"]
    search_fields = ["name", "code"]
    url_prefix = "gk-village-settings/list-types"


class VillageSettingsViewSetGroup(ViewSetGroup):
    menu_label = _("Village affairs settings")
    menu_icon = "home"
    menu_order = 810
    items = (NoticeCategoryViewSet, BeneficiaryListTypeViewSet)
