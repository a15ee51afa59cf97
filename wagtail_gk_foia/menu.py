"""Menu items of disclosure requests, each shown only to the users it serves."""

from wagtail.admin.menu import MenuItem


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_gk_foia.view_foia_report")


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_gk_foia.view_disclosurerequest")
