"""The admin dashboard panel a village member sees instead of Wagtail's."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component


class VillageEditorPanel(Component):
    name = "gk_village_editor"
    order = 10
    template_name = "wagtail_gk_village/editor/home_panel.html"

    def get_context_data(self, parent_context):
        from .. import services
        from .editor import _member_villages, home_context

        request = parent_context["request"]
        context = home_context(request, list(_member_villages(request)), list(services.awaiting_sign_off(request.user)))
        context["heading"] = _("Village affairs")
        return context
