"""What village affairs put in the portal's columns (wagtail_gk.portal)."""

from django.utils.translation import gettext as _

from wagtail_gk.portal import PortalSection, page_entries


def portal_entries(site):
    return page_entries(
        "wagtail_gk_village.TownshipPage",
        site,
        PortalSection.OPENNESS,
        description=_("Each village's finances, minimum living allowances, subsidies and more"),
        order=50,
    )
