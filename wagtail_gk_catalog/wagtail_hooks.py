"""Registration only: viewsets, admin URLs, role permissions and the demo loader."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from wagtail_gk.demo import DemoLoader

from . import admin_urls, roles
from .demo import load_catalog_demo
from .menu import ComplianceMenuItem
from .viewsets import CatalogViewSetGroup, catalog_item_chooser_viewset


@hooks.register("register_gk_demo_loader")
def catalog_demo():
    return DemoLoader(order=20, load=load_catalog_demo)


hooks.register("register_gk_role_permissions", roles.role_permissions)


@hooks.register("register_admin_viewset")
def register_catalog_viewsets():
    return [CatalogViewSetGroup(), catalog_item_chooser_viewset]


@hooks.register("register_admin_urls")
def register_catalog_admin_urls():
    return [path("gk-catalog/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_compliance_menu_item():
    return ComplianceMenuItem(
        _("Disclosure compliance dashboard"),
        reverse("wagtail_gk_catalog_admin:compliance"),
        icon_name="tasks",
        order=320,
        name="gk-catalog-compliance",
    )


@hooks.register("register_gk_periodic_task")
def catalog_compliance_reminders():
    from .tasks import send_compliance_reminders

    return send_compliance_reminders


@hooks.register("register_gk_portal_entries")
def catalog_portal_entries(site):
    from .portal import portal_entries

    return portal_entries(site)
