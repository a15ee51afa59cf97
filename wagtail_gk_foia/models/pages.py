"""The public intake page an editor places in the site (e.g. under 政务公开)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_gk.models.sections import SectionPageMixin
from wagtail_gk.page_routes import RoutesModuleMixin


class DisclosureRequestPage(SectionPageMixin, RoutesModuleMixin, Page):
    """依申请公开: the application form (and its plain large-text version,
    第43条), the receipt, and the status look-up, all under one page URL::

        <page>/            the form
        <page>/easy/       the accessible form
        <page>/receipt/    the receipt after submitting (+ receipt/pdf/: the receipt as PDF)
        <page>/status/     progress by tracking number + query code

    The routes and their views are in :mod:`wagtail_gk_foia.routes`.
    """

    intro = RichTextField(_("Notes for applicants"), blank=True)
    agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Receiving agency"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Requests submitted on this page are registered by this agency."),
    )
    help_text_accessible = RichTextField(
        _("Notes on the accessible version"),
        blank=True,
        help_text=_("Notes for applicants who have difficulty reading, seeing or hearing, e.g. that they can apply orally by phone or in person and staff will fill in the form for them."),
    )

    content_panels = Page.content_panels + [FieldPanel("agency"), FieldPanel("intro"), FieldPanel("help_text_accessible")]
    subpage_types = []
    template = "wagtail_gk_foia/intake_page.html"
    routes_module = "wagtail_gk_foia.routes"

    class Meta:
        verbose_name = _("Disclosure request page")
        verbose_name_plural = _("Disclosure request page")
