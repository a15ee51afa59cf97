"""Registration only: admin URLs, menus, viewsets, checkers and demo data of ``wagtail_gk_village``."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import access, admin_urls, roles
from .checkers import VillageTableChecker
from .menu import TownshipMenuItem, VillageEditorMenuItem
from .viewsets import VillageSettingsViewSetGroup


@hooks.register("register_admin_urls")
def register_village_admin_urls():
    return [path("gk-village/", include(admin_urls, namespace="wagtail_gk_village_admin"))]


@hooks.register("register_admin_menu_item")
def village_editor_menu_item():
    return VillageEditorMenuItem(_("Village affairs"), reverse("wagtail_gk_village_admin:home"), name="gk-village-editor", icon_name="doc-full", order=50)


@hooks.register("register_admin_menu_item")
def township_menu_item():
    return TownshipMenuItem(_("Village affairs progress"), reverse("wagtail_gk_village_admin:township_index"), name="gk-village-township", icon_name="date", order=260)


@hooks.register("construct_main_menu")
def village_members_see_only_their_editor(request, menu_items):
    if access.is_village_only_user(request.user):
        menu_items[:] = [item for item in menu_items if item.name == "gk-village-editor"]


@hooks.register("construct_homepage_panels")
def village_members_home_panel(request, panels):
    from .views.panels import VillageEditorPanel

    if access.is_village_only_user(request.user):
        panels[:] = [VillageEditorPanel()]


@hooks.register("construct_homepage_summary_items")
def village_members_no_summary(request, summary_items):
    if access.is_village_only_user(request.user):
        summary_items[:] = []


@hooks.register("construct_settings_menu")
def village_members_no_settings(request, menu_items):
    if access.is_village_only_user(request.user):
        menu_items[:] = []


@hooks.register("construct_reports_menu")
def village_members_no_reports(request, menu_items):
    if access.is_village_only_user(request.user):
        menu_items[:] = []


@hooks.register("after_edit_page")
def township_reviewer_lands_on_review_queue(request, page):
    from .views.township import after_workflow_action

    return after_workflow_action(request, page)


@hooks.register("register_admin_viewset")
def register_village_settings():
    return VillageSettingsViewSetGroup()


@hooks.register("register_gk_checker")
def village_table_checker():
    return VillageTableChecker()


hooks.register("register_gk_role_permissions", roles.role_permissions)


@hooks.register("register_gk_periodic_task")
def village_schedule_reminders():
    from .tasks import send_schedule_reminders

    return send_schedule_reminders


@hooks.register("register_gk_demo_loader")
def village_demo():
    from wagtail_gk.demo import DemoLoader

    from .demo import load_village_demo

    return DemoLoader(order=50, load=load_village_demo)


@hooks.register("register_gk_portal_entries")
def village_portal_entries(site):
    from .portal import portal_entries

    return portal_entries(site)
