"""Menu items of letters, each shown only to the users it serves."""

from wagtail.admin.menu import MenuItem


class AlarmMenuItem(MenuItem):
    """The 3-month alarm of unanswered enquiries, for those who handle letters."""

    def is_shown(self, request):
        return request.user.has_perm("wagtail_gk_interaction.view_letter")
