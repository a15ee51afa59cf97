"""Registration only: the admin viewsets, ledger labels, role permissions and demo loader of ``wagtail_gk_foia``."""

from wagtail import hooks

from wagtail_gk.demo import DemoLoader

from . import roles
from .viewsets import FoiaViewSetGroup


@hooks.register("register_admin_viewset")
def register_foia_viewsets():
    return FoiaViewSetGroup()


@hooks.register("register_gk_ledger_actions")
def foia_ledger_actions():
    from .step_labels import ledger_action_labels

    return ledger_action_labels()


@hooks.register("register_gk_ledger_decisions")
def foia_ledger_decisions():
    from .step_labels import ledger_decision_labels

    return ledger_decision_labels()


hooks.register("register_gk_role_permissions", roles.role_permissions)


@hooks.register("register_gk_demo_loader")
def foia_demo_loader():
    from .demo import load_foia_demo

    return DemoLoader(order=40, load=load_foia_demo)


@hooks.register("register_gk_periodic_task")
def foia_deadline_reminders():
    from .tasks import send_deadline_reminders

    return send_deadline_reminders


@hooks.register("register_gk_portal_entries")
def foia_portal_entries(site):
    from .portal import portal_entries

    return portal_entries(site)


@hooks.register("register_gk_openness_guide")
def foia_openness_guide(site):
    from .portal import guide_contribution

    return guide_contribution(site)
