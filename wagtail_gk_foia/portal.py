"""What disclosure requests put in the portal's columns and in the
政府信息公开指南 (wagtail_gk.portal, wagtail_gk.guide)."""

from django.utils.translation import gettext as _

from wagtail_gk.portal import GuideContribution, PortalEntry, PortalSection, page_entries

PAGE = "wagtail_gk_foia.DisclosureRequestPage"


def _intake_pages(site):
    from .models import DisclosureRequestPage

    return DisclosureRequestPage.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")


def portal_entries(site):
    entries = page_entries(
        PAGE, site, PortalSection.OPENNESS, description=_("Request government information that is not published"), order=40
    )
    for page in _intake_pages(site):
        url = page.get_url()
        entries.append(
            PortalEntry(PortalSection.SERVICES, _("Request government information online"), url,
                        _("Fill in the form, attach your identity document and get a tracking number"), order=10,
                        kind=_("Disclosure on request"))
        )
        entries.append(
            PortalEntry(PortalSection.SERVICES, _("Track a disclosure request"), url + "status/",
                        _("See the progress of your request with its tracking number and query code"), order=11,
                        kind=_("Disclosure on request"))
        )
    return entries


def guide_contribution(site):
    from .models import FoiaOfficeSettings

    office = FoiaOfficeSettings.load()
    page = _intake_pages(site).first()
    return GuideContribution(
        order=10,
        office={
            "office_name": office.office_name,
            "address": office.address,
            "phone": office.phone,
            "office_hours": office.office_hours,
        },
        request_steps=(
            _("Fill in the request form online, or send it by letter or fax, or hand it in at the office; attach a copy of "
              "your identity document (an organisation: its registration certificate) and describe the information you seek."),
            _("The office registers the request and gives you a tracking number and a query code, with which you can follow it online."),
            _("If the request is unclear, the office asks you once, within 7 working days, to complete it."),
            _("The office replies within 20 working days of receiving the request; with the approval of the head of the office "
              "the time limit may be extended once by at most 20 working days, and you are told so."),
        ) if page is not None else (),
        request_url=page.get_url() if page is not None else "",
        request_link_text=_("Request government information online"),
    )
