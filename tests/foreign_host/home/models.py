"""The host's own page types: no openness metadata mixin, a StreamField body."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


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
