"""Registration only: the policy library's checker, viewsets, admin URLs,
menu items, page buttons, role permissions, demo loader, the library page's
search results and the 政务词典 of the shared segmenter."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from wagtail_gk.demo import DemoLoader

from . import roles
from .checkers import InterpretationReadyChecker
from .demo import load_policy_demo
from .menu import ShortLinkMenuItem
from .models import SegmentationTerm
from .search import library_context
from .viewsets import PolicyLibraryViewSetGroup


@hooks.register("register_gk_checker")
def interpretation_ready_checker():
    return InterpretationReadyChecker()


@hooks.register("register_admin_viewset")
def register_policy_viewsets():
    return PolicyLibraryViewSetGroup()


@hooks.register("register_admin_urls")
def register_policy_admin_urls():
    from . import admin_urls

    return [path("gk-policy/", include((admin_urls.urlpatterns, "wagtail_gk_policy_admin"), namespace="wagtail_gk_policy_admin"))]


@hooks.register("register_gk_policy_menu_item")
def poster_sheet_menu_item():
    return ShortLinkMenuItem(_("QR code poster wall"), reverse("wagtail_gk_policy_admin:sheet"), icon_name="doc-full", order=900)


@hooks.register("register_gk_policy_menu_item")
def scan_report_menu_item():
    return ShortLinkMenuItem(_("Scan statistics"), reverse("wagtail_gk_policy_admin:scans"), icon_name="view", order=910)


def _qr_button(page, priority):
    from .views.admin import QR_PAGE_TYPES

    if not issubclass(page.specific_class or type(page), QR_PAGE_TYPES):
        return []
    return [
        Button(
            _("QR code and posters"),
            reverse("wagtail_gk_policy_admin:qr", args=[page.pk]),
            icon_name="link",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def page_header_qr_button(page, user, view_name, next_url=None):
    return _qr_button(page, 40)


@hooks.register("register_page_listing_more_buttons")
def page_listing_qr_button(page, user, next_url=None):
    return _qr_button(page, 45)


hooks.register("register_gk_role_permissions", roles.role_permissions)


@hooks.register("register_gk_periodic_task")
def policy_notification_retries():
    from .tasks import deliver_due_notifications

    return deliver_due_notifications


@hooks.register("register_gk_report_contribution")
def policy_report_contribution():
    from .report_figures import policy_report_figures

    return policy_report_figures


@hooks.register("register_gk_demo_loader")
def policy_demo_loader():
    return DemoLoader(order=10, load=load_policy_demo)


@hooks.register("register_gk_portal_entries")
def policy_portal_entries(site):
    from .portal import portal_entries

    return portal_entries(site)


@hooks.register("gk_policy_library_context")
def library_search_results(page, request):
    return library_context(page, request)


@hooks.register("register_gk_segmentation_terms")
def policy_dictionary_terms():
    """The editable 政务词典 as (word, weight) pairs for the shared segmenter."""
    return SegmentationTerm.objects.values_list("word", "weight")
