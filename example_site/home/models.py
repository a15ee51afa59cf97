"""Page types of the example county government site.

``ArticlePage`` shows how a host site adopts ``OpennessMetadataMixin``: its
own fields and StreamField body, plus the openness metadata tab.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from wagtail_gk.models import OpennessMetadataMixin
from wagtail_gk.portal import PortalSection, portal_entries

# The host decides which apps meet on its pages: filing under catalog items
# only when the catalog app is installed.
DISCLOSURE_PANELS = [OpennessMetadataMixin.openness_metadata_panel]
if apps.is_installed("wagtail_gk_catalog"):
    from wagtail_gk_catalog.panels import catalog_filing_panel

    DISCLOSURE_PANELS.append(catalog_filing_panel)

# Entry pages of the suite's apps shown as service tiles on the home page; a
# host site that leaves an app out simply has no page of that type.
SERVICE_PAGE_TYPES = [
    ("wagtail_gk_policy.PolicyLibraryIndexPage", _("Policy documents and interpretations, scan to read"), 1),
    ("wagtail_gk_catalog.CatalogIndexPage", _("Standard catalog of government openness items at county and township level"), 1),
    ("wagtail_gk_foia.DisclosureRequestPage", _("Submit a request online and track its progress"), 1),
    ("wagtail_gk_interaction.MailboxPage", _("Write to the county: questions, complaints, suggestions and requests for help, answered in public"), 2),
    # One tile per township: each lists its villages' notices.
    ("wagtail_gk_village.TownshipPage", _("Notices of each village's finances, minimum living allowances, subsidies and more"), 6),
]


def service_pages(root):
    """Live pages of each service type under *root*, in the order above."""
    from django.apps import apps

    pages = []
    for label, description, limit in SERVICE_PAGE_TYPES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for page in model.objects.live().descendant_of(root).order_by("path")[:limit]:
            pages.append({"page": page, "description": description})
    return pages


class HomePage(Page):
    intro = RichTextField(_("Lead paragraph"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("Home")
        verbose_name_plural = _("Home")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        columns = []
        for column in self.get_children().live().public().in_menu().specific():
            if isinstance(column, ColumnPage) and column.portal_visible(request):
                links = column.portal_links(request)[:8]
                if len(links) < 8:
                    # A column of articles (走进本县): its newest ones.
                    articles = ArticlePage.objects.live().public().child_of(column).order_by("-first_published_at")
                    links += [{"title": a.title, "url": a.get_url(request)} for a in articles[: 8 - len(links)]]
                columns.append({"page": column, "links": links})
        context["columns"] = columns
        context["services"] = service_pages(self)
        context["latest"] = ArticlePage.objects.live().public().descendant_of(self).order_by("-first_published_at")[:8]
        return context


class ColumnPage(Page):
    """A column (栏目): its sub-columns and the entries the installed apps
    contribute to its portal section (``wagtail_gk.portal``) as tiles, then
    the articles under it, newest first. A column with a portal section and
    nothing to show is left out of the navigation."""

    intro = RichTextField(_("Section description"), blank=True)
    portal_section = models.CharField(
        _("Portal column"),
        max_length=20,
        blank=True,
        choices=PortalSection.choices,
        help_text=_("The standard portal column this page is; the installed apps add their pages to it."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("portal_section")]

    class Meta:
        verbose_name = _("Section page")
        verbose_name_plural = _("Section page")

    def portal_links(self, request=None):
        """[{"title", "url", "description"}]: the live sub-pages that are not
        articles, then the apps' entries for this column's section (each URL once)."""
        links, seen = [], set()
        for child in self.get_children().live().public().not_type(ArticlePage).specific():
            url = child.get_url(request)
            seen.add(url)
            links.append({"title": child.title, "url": url, "description": getattr(child, "search_description", "")})
        if self.portal_section:
            for entry in portal_entries(self.get_site(), self.portal_section):
                if entry.url not in seen:
                    seen.add(entry.url)
                    links.append({"title": entry.title, "url": entry.url, "description": entry.description})
        return links

    def portal_visible(self, request=None) -> bool:
        """Shown in the navigation: always, unless it is a portal column with
        no live page under it and no entry from an installed app."""
        if not self.portal_section:
            return True
        return self.get_children().live().public().exists() or bool(portal_entries(self.get_site(), self.portal_section))

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().child_of(self).order_by("-first_published_at")
        context["links"] = self.portal_links(request)
        context["children"] = Paginator(articles, 20).get_page(request.GET.get("page"))
        return context


class ArticleBody(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Subheading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Body"))
    image = ImageBlock(label=_("Picture"))
    document = DocumentChooserBlock(label=_("Attachment"))
    table = blocks.ListBlock(
        blocks.StructBlock([("cells", blocks.ListBlock(blocks.CharBlock(required=False), label=_("Cells")))]),
        label=_("Simple table"),
    )


class ArticlePage(OpennessMetadataMixin, Page):
    """A government information item (通知公告、工作动态…)."""

    summary = models.TextField(_("Abstract"), blank=True)
    body = StreamField(ArticleBody(), verbose_name=_("Body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(DISCLOSURE_PANELS, heading=_("Disclosure metadata")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Article page")
        verbose_name_plural = _("Article page")
