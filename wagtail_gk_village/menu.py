"""Menu items of village affairs, each shown only to the users it serves."""

from wagtail.admin.menu import MenuItem

from . import access


class VillageEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(access.member_village_ids(request.user) or access.supervised_village_ids(request.user))


class TownshipMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(access.reviewed_township_ids(request.user))
