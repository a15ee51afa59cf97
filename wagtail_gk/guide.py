"""Builds the 政府信息公开指南 (条例 第十二条) of a site from what it already
knows; see :class:`wagtail_gk.models.OpennessGuidePage`.

Sources, in the order the guide presents them:

1. *Classification and arrangement* (分类、编排体系): the site's columns (the
   in-menu pages under the root, two levels), the entries the installed apps
   put in 政务公开 and 法定主动公开内容 (:mod:`wagtail_gk.portal`), the top-level
   subject categories (主题分类) and the 索引号 pattern with an example.
2. *How to obtain it* (获取方式): the channels of proactive disclosure
   (:class:`~wagtail_gk.models.OpennessOfficeSettings`) and the procedure of
   disclosure on request, from the app that handles requests (with the link
   to its form), or a general procedure when none is installed.
3. *The office* (工作机构): name, address, postcode, office hours, telephone,
   fax, e-mail and the site's address, from the openness office settings,
   filled in from the apps' own settings where a field is blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .portal import PortalSection, guide_contributions, portal_entries

OFFICE_FIELDS = ("office_name", "address", "postcode", "office_hours", "phone", "fax", "email")


@dataclass
class Guide:
    office: list = field(default_factory=list)  # [(label, value)], blank values left out
    office_name: str = ""
    organ_name: str = ""  # whose information: the site's sponsoring agency, else the office
    columns: list = field(default_factory=list)  # [(page, [(child, [(grandchild, [])])])]
    openness_entries: list = field(default_factory=list)
    proactive_entries: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    index_example: str = ""
    channels: list = field(default_factory=list)
    request_steps: list = field(default_factory=list)
    request_url: str = ""
    request_link_text: str = ""
    updated_on: object = None


def office_details(site) -> dict:
    """{field: value} of the openness office: the site's settings, blanks
    filled from what the apps hold, the office name last from the site's
    sponsoring agency."""
    from .models import GovernmentSiteSettings, OpennessOfficeSettings

    settings = OpennessOfficeSettings.for_site(site)
    details = {name: getattr(settings, name) for name in OFFICE_FIELDS}
    for contribution in guide_contributions(site):
        for name, value in contribution.office.items():
            if name in details and not details[name] and value:
                details[name] = value
    if not details["office_name"]:
        host = GovernmentSiteSettings.for_site(site).host_agency
        details["office_name"] = host.name if host else ""
    return details


def _menu_tree(page, depth):
    """[(page, [its subtree])] of the live, public, in-menu pages under *page*, *depth* levels."""
    if depth == 0:
        return []
    tree = []
    for child in page.get_children().live().public().in_menu().specific():
        visible = getattr(child, "portal_visible", None)
        if visible is None or visible():
            tree.append((child, _menu_tree(child, depth - 1)))
    return tree


def _tree_urls(tree) -> set:
    urls = set()
    for page, subtree in tree:
        urls.add(page.get_url())
        urls |= _tree_urls(subtree)
    return urls


def _unique(entries, seen: set) -> list:
    """The entries whose address is not in *seen* yet (adding theirs)."""
    kept = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            kept.append(entry)
    return kept


def _columns(site):
    # 首页 › 政务公开 › 政府信息公开专栏 › its sub-columns: three levels under the root.
    return _menu_tree(site.root_page, 3)


def _index_example(site) -> str:
    from .conf import gk_setting
    from .index_numbers import format_index_number
    from .models import GovernmentSiteSettings

    host = GovernmentSiteSettings.for_site(site).host_agency
    code = host.code if host and host.code else gk_setting("GK_DEFAULT_AGENCY_CODE")
    return format_index_number(code, timezone.localdate().year, 1)


def build_guide(site, request=None, guide_page=None) -> Guide:
    from .models import OpennessOfficeSettings, TopicCategory

    details = office_details(site)
    labels = {
        "office_name": _("Office"),
        "address": _("Office address"),
        "postcode": _("Postcode"),
        "office_hours": _("Office hours"),
        "phone": _("Telephone"),
        "fax": _("Fax"),
        "email": _("E-mail address"),
    }
    office = [(labels[name], details[name]) for name in OFFICE_FIELDS if details[name]]
    site_url = request.build_absolute_uri("/") if request is not None else site.root_url
    if site_url:
        office.append((_("Website"), site_url))

    from .models import GovernmentSiteSettings

    host = GovernmentSiteSettings.for_site(site).host_agency
    columns = _columns(site)
    # Each address once: what the column tree lists is not repeated as an entry.
    seen = _tree_urls(columns)
    guide = Guide(
        office=office,
        office_name=details["office_name"],
        organ_name=host.name if host else details["office_name"],
        columns=columns,
        proactive_entries=_unique(portal_entries(site, PortalSection.PROACTIVE), seen),
        openness_entries=_unique(portal_entries(site, PortalSection.OPENNESS), seen),
        topics=list(TopicCategory.objects.filter(parent__isnull=True).values_list("name", flat=True)),
        index_example=_index_example(site),
        channels=OpennessOfficeSettings.for_site(site).channels(),
    )
    for contribution in guide_contributions(site):
        if contribution.request_steps:
            guide.request_steps = [str(step) for step in contribution.request_steps]
            guide.request_url = contribution.request_url
            guide.request_link_text = str(contribution.request_link_text)
            break
    else:
        guide.request_steps = [
            _("Apply to the openness office in writing (by letter, fax or e-mail) or, if writing is difficult, orally; "
              "give your name and identity document, your contact details and a description of the information you seek."),
            _("The office answers on the spot if it can; otherwise within 20 working days of receiving the request, "
              "extendable once by at most 20 working days with the approval of its head."),
        ]
    if guide_page is not None and guide_page.last_published_at:
        guide.updated_on = timezone.localdate(guide_page.last_published_at)
    return guide
