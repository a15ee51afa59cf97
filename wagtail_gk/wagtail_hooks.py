"""Registration only: viewsets, menu items, admin URLs and hooks of ``wagtail_gk``."""

from wagtail import hooks

from .roles import core_role_permissions
from .viewsets import GovernmentOpennessViewSetGroup


@hooks.register("register_admin_viewset")
def register_openness_settings():
    return GovernmentOpennessViewSetGroup()


@hooks.register("construct_homepage_panels")
def calendar_reminder_panel(request, panels):
    from .calendar_reminders import (
        CALENDAR_PERMISSION,
        CalendarReminderPanel,
        missing_schedule_years,
    )

    if request.user.has_perm(CALENDAR_PERMISSION):
        years = missing_schedule_years()
        if years:
            panels.insert(0, CalendarReminderPanel(years))


hooks.register("register_gk_role_permissions", core_role_permissions)


@hooks.register("register_gk_periodic_task")
def calendar_import_reminder():
    from .tasks import remind_calendar_import

    return remind_calendar_import


# The publication gate registers its checkers, screens and publish guards in its own module.
from .gate import wagtail_hooks as gate_hooks  # noqa: E402, F401
