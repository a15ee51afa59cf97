"""Policy-library procedures used by views, tasks and templates."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wagtail_gk.models import Validity


def short_url(page, request=None) -> str:
    """The page's stable short URL (for QR codes), absolute, on the site's
    public base URL (:func:`wagtail_gk.links.short_link_url`)."""
    from wagtail_gk.links import short_link_url

    return short_link_url(page, request=request)


def poster_entry(page, request=None):
    """A :class:`~wagtail_gk.posters.PosterEntry` for a policy, interpretation or topic page."""
    from wagtail_gk.posters import PosterEntry

    from .models import PolicyDocumentPage, PolicyInterpretationPage

    page = page.specific
    lines, note = [], ""
    if isinstance(page, PolicyDocumentPage):
        if page.document_number:
            lines.append(_("Document number: %(number)s") % {"number": page.document_number})
        if page.publishing_agency_id:
            lines.append(_("Issuing authority: %(agency)s") % {"agency": page.publishing_agency.name})
        if page.effective_release_date:
            lines.append(_("Publication date: %(date)s") % {"date": page.effective_release_date.isoformat()})
        if page.validity != Validity.VALID:
            note = _("Status: %(status)s") % {"status": page.get_validity_display().removeprefix("已")}
    elif isinstance(page, PolicyInterpretationPage):
        lines.append(_("Policy interpretation"))
        lines.append(_("Interpreted policy: %(title)s") % {"title": page.policy.title})
        if page.policy.validity != Validity.VALID:
            note = _("Status of the interpreted policy: %(status)s") % {"status": page.policy.get_validity_display().removeprefix("已")}
    else:
        lines.append(_("Policy topic"))
    return PosterEntry(title=page.title, lines=lines, url=short_url(page, request), note=note)


def scan_counts(page, days: int = 30) -> list[tuple]:
    """(day, count) for the last *days* days of the page's short link, oldest first."""
    import datetime

    from django.utils import timezone

    from wagtail_gk.models import ShortLinkScan

    today = timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    counts = dict(
        ShortLinkScan.objects.filter(link__page=page, day__gte=start).values_list("day", "count")
    )
    return [(start + datetime.timedelta(days=i), counts.get(start + datetime.timedelta(days=i), 0)) for i in range(days)]
