"""Registration only: viewsets, menu items, admin URLs and hooks of ``wagtail_gk``."""

from wagtail import hooks

from .viewsets import GovernmentOpennessViewSetGroup


@hooks.register("register_admin_viewset")
def register_openness_settings():
    return GovernmentOpennessViewSetGroup()
