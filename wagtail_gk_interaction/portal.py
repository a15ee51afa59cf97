"""What public interaction puts in the portal's 互动交流 column (wagtail_gk.portal):
each live mailbox, its published replies and its status look-up."""

from django.utils.translation import gettext as _

from wagtail_gk.portal import PortalEntry, PortalSection

from .models import MailboxPage


def portal_entries(site):
    entries = []
    pages = MailboxPage.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    for order, page in enumerate(pages):
        url = page.get_url()
        if not url:
            continue
        kind = str(MailboxPage._meta.verbose_name)
        entries.append(PortalEntry(PortalSection.INTERACTION, page.title, url, _("Write a letter and get a tracking number"),
                                   order=10 + 3 * order, kind=kind))
        entries.append(PortalEntry(PortalSection.INTERACTION, _("%(mailbox)s: published replies") % {"mailbox": page.title},
                                   url + "replies/", _("Letters and their replies, with filters by kind, agency and year"),
                                   order=11 + 3 * order, kind=kind))
    if entries:
        first = pages.first()
        entries.append(PortalEntry(PortalSection.INTERACTION, _("Track a letter"), first.get_url() + "status/",
                                   _("See the progress of your letter with its tracking number and query code"), order=9, kind=kind))
    return entries
