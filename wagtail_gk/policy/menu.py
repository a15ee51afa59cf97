"""Menu items of the policy library, each shown only to the users it serves."""

from wagtail.admin.menu import MenuItem


class ShortLinkMenuItem(MenuItem):
    """Shown only to users who may see the QR short links (not to a host's plain editors)."""

    def is_shown(self, request):
        from .views.admin import SHORT_LINK_PERMISSION

        return request.user.has_perm(SHORT_LINK_PERMISSION)
