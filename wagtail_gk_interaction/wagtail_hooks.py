"""Registration only: the admin viewset, menu, ledger labels, role permissions and demo loader of ``wagtail_gk_interaction``."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from wagtail_gk.demo import DemoLoader

from . import roles
from .menu import AlarmMenuItem
from .views.admin import URL_NAMESPACE
from .viewsets import FaqViewSet, LetterViewSet


@hooks.register("register_admin_viewset")
def register_letter_viewset():
    return LetterViewSet(URL_NAMESPACE)


@hooks.register("register_admin_viewset")
def register_faq_viewset():
    return FaqViewSet("wagtail_gk_interaction_faq")


@hooks.register("register_reports_menu_item")
def register_alarm_menu_item():
    return AlarmMenuItem(_("Unanswered enquiries over 3 months"), reverse_lazy(f"{URL_NAMESPACE}:alarm"), icon_name="warning", order=900)


@hooks.register("register_gk_ledger_actions")
def interaction_ledger_actions():
    from .step_labels import ledger_action_labels

    return ledger_action_labels()


hooks.register("register_gk_role_permissions", roles.role_permissions)


@hooks.register("register_gk_portal_entries")
def interaction_portal_entries(site):
    from .portal import portal_entries

    return portal_entries(site)


@hooks.register("register_gk_demo_loader")
def interaction_demo_loader():
    from .demo import load_interaction_demo

    return DemoLoader(order=60, load=load_interaction_demo)


@hooks.register("register_gk_periodic_task")
def interaction_reminders():
    from .tasks import send_letter_reminders

    return send_letter_reminders
