"""Menu items of the publication gate, each shown only to the users it serves."""

from wagtail.admin.menu import MenuItem, SubmenuMenuItem


class PermittedMenuItem(MenuItem):
    """A menu item shown only to users holding one of *permissions*."""

    def __init__(self, *args, permissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return any(request.user.has_perm(perm) for perm in self.permissions)


class GateSubmenuMenuItem(SubmenuMenuItem):
    """The "Publication review" menu, shown when any of its items is."""

    def is_shown(self, request):
        return bool(self.menu.menu_items_for_request(request))
