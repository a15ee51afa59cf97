"""Menu items of the standard catalog, each shown only to the users it serves."""

from wagtail.admin.menu import MenuItem


class ComplianceMenuItem(MenuItem):
    """Shown to users whose role may see compliance figures."""

    def is_shown(self, request):
        return request.user.has_perm("wagtail_gk_catalog.view_compliance")
