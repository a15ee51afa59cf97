"""What the policy library puts in the portal's columns (wagtail_gk.portal)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail_gk.portal import PortalEntry, PortalSection, page_entries

LIBRARY = "wagtail_gk_policy.PolicyLibraryIndexPage"


def portal_entries(site):
    description = _("Policy documents and their interpretations, searchable by issuing agency, year and subject")
    entries = page_entries(LIBRARY, site, PortalSection.OPENNESS, description=description, order=20)
    entries += page_entries(LIBRARY, site, PortalSection.PROACTIVE, description=description, order=20)
    if entries:
        entries.append(
            PortalEntry(
                section=PortalSection.INTERACTION,
                title=_("Policy alerts"),
                url=reverse("wagtail_gk_policy:subscribe"),
                description=_("Subscribe to the policies that concern you and be told when they are published"),
                order=20,
                kind=_("Policy alerts"),
            )
        )
    return entries
