"""Keep village committee members inside the simplified editor.

Hiding menus is not enough: a member who types ``/admin/pages/``,
``/admin/images/`` or a snippet's address would reach screens they have no
business in (and that may list other villages' files). This middleware turns
every admin URL other than the village editor, their account and the admin's
own plumbing (login, logout, icons, translations) into a redirect to the
editor for a page view, or a refusal for anything that would change data.
Staff, superusers and users who also hold a staff role are not affected.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import access

# Admin URLs a village-only member still needs.
ALLOWED_URL_NAMES = frozenset(
    {
        "wagtailadmin_home",  # shows them the village editor panel only
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_account",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_dismissibles",
    }
)
ALLOWED_NAMESPACES = frozenset({"wagtail_gk_village_admin"})
ALLOWED_NAME_PREFIXES = ("wagtailadmin_password_reset",)


def admin_prefix() -> str:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:  # the Wagtail admin is not mounted
        return ""


def is_allowed(resolver_match) -> bool:
    if resolver_match is None:
        return False
    if set(resolver_match.namespaces) & ALLOWED_NAMESPACES:
        return True
    name = resolver_match.url_name or ""
    return name in ALLOWED_URL_NAMES or name.startswith(ALLOWED_NAME_PREFIXES)


class VillageOnlyAdminMiddleware:
    """Place after ``AuthenticationMiddleware`` and ``MessageMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        prefix = admin_prefix()
        if not prefix or not request.path.startswith(prefix):
            return None
        user = getattr(request, "user", None)
        if user is None or not access.is_village_only_user(user) or is_allowed(request.resolver_match):
            return None
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(_("Village posters can only use the village affairs editor."))
        messages.warning(request, _("Village posters can only use the village affairs editor; you have been taken there."))
        return redirect("wagtail_gk_village_admin:home")
