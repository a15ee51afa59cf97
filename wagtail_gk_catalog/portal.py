"""What the standard catalog puts in the portal's columns (wagtail_gk.portal)."""

from django.utils.translation import gettext as _

from wagtail_gk.portal import PortalSection, page_entries

INDEX = "wagtail_gk_catalog.CatalogIndexPage"


def portal_entries(site):
    description = _("What the county and its townships must disclose, item by item, with the published content")
    return page_entries(INDEX, site, PortalSection.OPENNESS, description=description, order=30) + page_entries(
        INDEX, site, PortalSection.PROACTIVE, description=description, order=10
    )
