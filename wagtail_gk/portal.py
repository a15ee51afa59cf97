"""The portal registry: what the installed apps put in a site's columns.

A government portal has a standard set of columns (首页, 政务公开, 政务服务,
互动交流, 走进本县; under 政务公开 the 政府信息公开专栏). The host site owns the
column pages; the feature apps fill them without knowing one another, through
two hooks:

``register_gk_portal_entries``
    ``fn(site)`` returns :class:`PortalEntry` items: a link into one of the
    :class:`PortalSection` columns (the policy library under 政务公开 and
    法定主动公开内容, the disclosure request form under 政务服务 …). An app
    that is not installed contributes nothing, and a column the host shows
    only when it has something in it disappears.

``register_gk_openness_guide``
    ``fn(site)`` returns a :class:`GuideContribution` (or ``None``): the
    procedure of 依申请公开 with the link to the request form, and the office
    details the app already holds, for the generated 政府信息公开指南
    (:mod:`wagtail_gk.guide`).

Example::

    @hooks.register("register_gk_portal_entries")
    def portal_entries(site):
        return page_entries("wagtail_gk_foia.DisclosureRequestPage", site, PortalSection.SERVICES,
                            description=_("Submit a request online"))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


class PortalSection(models.TextChoices):
    OPENNESS = "openness", _("Government openness")
    PROACTIVE = "proactive", _("Information disclosed proactively by law")
    SERVICES = "services", _("Government services")
    INTERACTION = "interaction", _("Interaction")
    ABOUT = "about", _("About the county")


@dataclass(frozen=True)
class PortalEntry:
    section: str  # a PortalSection value
    title: str
    url: str
    description: str = ""
    order: int = 100  # lower first
    kind: str = ""  # the app's name for the entry, e.g. its page type


@dataclass(frozen=True)
class GuideContribution:
    """What an app adds to the 政府信息公开指南."""

    order: int = 100
    # Office details the app holds (keys: office_name, address, office_hours,
    # phone, fax, email, postcode); used where the site's openness office
    # settings leave a field blank.
    office: dict = field(default_factory=dict)
    # 依申请公开: the steps in order, the form's address and its link text.
    request_steps: tuple = ()
    request_url: str = ""
    request_link_text: str = ""


def page_entries(label, site, section, description="", order=100, limit=None, kind=""):
    """Entries for the live pages of model *label* (``"app_label.ModelName"``)
    on *site*, in tree order; none when the model's app is not installed."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return []
    pages = model.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    if limit:
        pages = pages[:limit]
    return [
        PortalEntry(
            section=section,
            title=page.title,
            url=page.get_url(),
            description=str(description),
            order=order,
            kind=kind or str(model._meta.verbose_name),
        )
        for page in pages
    ]


def portal_entries(site, section=None) -> list[PortalEntry]:
    """Every installed app's entries for *site* (of one *section* if given), in order."""
    if site is None:
        return []
    entries = []
    for fn in hooks.get_hooks("register_gk_portal_entries"):
        for entry in fn(site) or ():
            if section is None or entry.section == section:
                entries.append(entry)
    return sorted(entries, key=lambda entry: (entry.order, entry.title))


def guide_contributions(site) -> list[GuideContribution]:
    contributions = [fn(site) for fn in hooks.get_hooks("register_gk_openness_guide")]
    return sorted((c for c in contributions if c is not None), key=lambda c: c.order)
