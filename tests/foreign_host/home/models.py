"""The host's own page types: a StreamField body; one of them, the notice, has
the openness metadata as docs/install.md, step 5, puts it on."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from wagtail_gk.models import OpennessMetadataMixin


class HostHomePage(Page):
    intro = RichTextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]


class NewsPage(Page):
    body = StreamField(
        [("heading", blocks.CharBlock()), ("paragraph", blocks.RichTextBlock()), ("image", ImageBlock())],
        blank=True,
    )
    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["host_home.HostHomePage"]


class NoticePage(OpennessMetadataMixin, Page):
    body = RichTextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = Page.settings_panels + [OpennessMetadataMixin.openness_metadata_panel]
    parent_page_types = ["host_home.HostHomePage"]
