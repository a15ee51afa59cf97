"""The 政府信息公开指南 page: generated, not typed.

条例 第十二条 requires every administrative organ to publish a guide giving
the classification and arrangement of its information, how to obtain it, and
the name, address, office hours, telephone, fax and internet contact of its
openness office. The page holds no such text: :mod:`wagtail_gk.guide` builds
it on every request from the site's openness office settings, its column tree,
the subject categories, the 索引号 pattern and what the installed apps add
through ``register_gk_openness_guide`` (the request procedure of the
disclosure request app), so that it never goes stale when a phone number
changes.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class OpennessGuidePage(Page):
    intro = RichTextField(
        _("Introduction"), blank=True, help_text=_("Optional; shown above the generated guide.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        HelpPanel(
            content=_(
                "The guide itself is generated from Settings › Openness office, the site's columns and the installed apps; "
                "edit those and the guide follows."
            )
        ),
    ]
    subpage_types = []
    max_count_per_parent = 1
    template = "wagtail_gk/openness_guide_page.html"

    class Meta:
        verbose_name = _("Government information openness guide")
        verbose_name_plural = _("Government information openness guide")

    def get_context(self, request, *args, **kwargs):
        from ..guide import build_guide

        context = super().get_context(request, *args, **kwargs)
        context["guide"] = build_guide(self.get_site(), request=request, guide_page=self)
        return context
