"""Page types of the example county government site.

``ArticlePage`` shows how a host site adopts ``OpennessMetadataMixin``: its
own fields and StreamField body, plus the openness metadata tab.
"""

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
from wagtail_gk_catalog.panels import catalog_filing_panel

# Entry pages of the suite's apps shown as service tiles on the home page; a
# host site that leaves an app out simply has no page of that type.
SERVICE_PAGE_TYPES = [
    ("wagtail_gk_policy.PolicyLibraryIndexPage", _("政策文件、政策解读，扫码查阅"), 1),
    ("wagtail_gk_catalog.CatalogIndexPage", _("县乡两级政务公开事项标准目录"), 1),
    ("wagtail_gk_foia.DisclosureRequestPage", _("在线提交申请，查询办理进度"), 1),
    # One tile per township: each lists its villages' notices.
    ("wagtail_gk_village.TownshipPage", _("各村财务、低保、补贴等公示"), 6),
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
    intro = RichTextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = self.get_children().live().in_menu()
        context["services"] = service_pages(self)
        context["latest"] = ArticlePage.objects.live().descendant_of(self).order_by("-first_published_at")[:8]
        return context


class ColumnPage(Page):
    """A column (栏目) that lists the pages under it, newest first."""

    intro = RichTextField(_("栏目说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("栏目页")
        verbose_name_plural = _("栏目页")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().order_by("-first_published_at")
        context["children"] = Paginator(children, 20).get_page(request.GET.get("page"))
        return context


class ArticleBody(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("小标题"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("正文"))
    image = ImageBlock(label=_("图片"))
    document = DocumentChooserBlock(label=_("附件"))
    table = blocks.ListBlock(
        blocks.StructBlock([("cells", blocks.ListBlock(blocks.CharBlock(required=False), label=_("单元格")))]),
        label=_("简单表格"),
    )


class ArticlePage(OpennessMetadataMixin, Page):
    """A government information item (通知公告、工作动态…)."""

    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(ArticleBody(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList([OpennessMetadataMixin.openness_metadata_panel, catalog_filing_panel], heading=_("公开属性")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("信息发布页")
        verbose_name_plural = _("信息发布页")
