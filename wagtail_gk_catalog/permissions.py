"""Which catalogs a user sees and maintains.

Role groups say *what* a user may do (model permissions); the agency
memberships say *where*: a county's staff see and maintain the county's
catalog and its townships', a township's staff their own. Guides are the
region's published standard and visible to everyone who may view catalogs;
only the guide's own agency (or a superuser) maintains a guide.
"""

from __future__ import annotations

from django.db.models import Q

from wagtail_gk.models import Agency, agencies_of

from .models import Catalog, CatalogKind


def agencies_in_scope(user):
    """Agencies *user* works for, and every agency below them."""
    if user.is_superuser:
        return Agency.objects.all()
    ids = set()
    for agency in agencies_of(user):
        ids.update(Agency.objects.descendants_of(agency).values_list("pk", flat=True))
    return Agency.objects.filter(pk__in=ids)


def visible_catalogs(user):
    """Catalogs *user* may look at in the admin."""
    if not user.has_perm("wagtail_gk_catalog.view_catalog"):
        return Catalog.objects.none()
    if user.is_superuser:
        return Catalog.objects.all()
    return Catalog.objects.filter(Q(kind=CatalogKind.GUIDE) | Q(agency__in=agencies_in_scope(user)))


def editable_catalogs(user):
    """Catalogs whose items *user* may add, change or remove."""
    if not user.has_perm("wagtail_gk_catalog.change_catalogitem"):
        return Catalog.objects.none()
    if user.is_superuser:
        return Catalog.objects.all()
    return Catalog.objects.filter(agency__in=agencies_in_scope(user))


def can_edit_catalog(user, catalog) -> bool:
    return editable_catalogs(user).filter(pk=catalog.pk).exists()


def can_view_catalog(user, catalog) -> bool:
    return visible_catalogs(user).filter(pk=catalog.pk).exists()
