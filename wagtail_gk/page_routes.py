"""Sub-page routes that live beside a page model, not inside it.

A page with :class:`RoutesModuleMixin` routes its sub-pages as Wagtail's
``RoutablePageMixin`` does (``route``, ``serve``, ``reverse_subpage``,
``{% routablepageurl %}``, previews), but its routes are a URLconf module the
page *names* in ``routes_module``: Django imports it when the page first
routes a request, as it imports ``ROOT_URLCONF``. So the model module imports
no view, and the views (which import the models at module level) form no
import cycle with it.

Each view in the module's ``urlpatterns`` takes ``(page, request, *args)``: it
is bound to the page like a method, as ``@path`` methods are.

    class DisclosureRequestPage(RoutesModuleMixin, Page):
        routes_module = "wagtail_gk_foia.routes"
"""

from __future__ import annotations

from django.urls import URLResolver
from django.urls.resolvers import RegexPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin


class RoutesModuleMixin(RoutablePageMixin):
    #: Dotted name of the URLconf module with the page's ``urlpatterns``.
    routes_module: str = ""

    @classmethod
    def get_subpage_urls(cls):
        """The routes module's patterns first, then any ``@path`` methods of
        the page (and ``RoutablePageMixin``'s default ``""`` route)."""
        own = super().get_subpage_urls()
        if not cls.routes_module:
            return own
        return (URLResolver(RegexPattern(r"^"), cls.routes_module), *own)
