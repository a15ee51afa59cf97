"""Registration only: viewsets, menu items, admin URLs and hooks of ``wagtail_gk``."""

from wagtail import hooks

from .viewsets import GovernmentOpennessViewSetGroup


@hooks.register("register_admin_viewset")
def register_openness_settings():
    return GovernmentOpennessViewSetGroup()

# The publication gate registers its checkers, screens and publish guards in its own module.
from .gate import wagtail_hooks as gate_hooks  # noqa: E402, F401
