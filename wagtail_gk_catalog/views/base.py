"""Shared pieces of the catalog's admin views."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Catalog
from ..permissions import can_edit_catalog, visible_catalogs


class CatalogAdminView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page about one catalog. ``permission`` is the model permission
    the user's role must grant; ``needs_edit`` also requires the catalog to be
    one the user maintains (their agency's or one below it)."""

    permission = "wagtail_gk_catalog.view_catalog"
    needs_edit = False
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        if "catalog_id" in kwargs:
            self.catalog = get_object_or_404(visible_catalogs(request.user), pk=kwargs["catalog_id"])
            if self.needs_edit and not can_edit_catalog(request.user, self.catalog):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        catalog = getattr(self, "catalog", None)
        return catalog.name if catalog else ""


def catalog_for_download(request, catalog_id, permission="wagtail_gk_catalog.view_catalog") -> Catalog:
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(visible_catalogs(request.user), pk=catalog_id)
