from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyLibraryAppConfig(AppConfig):
    name = "wagtail_gk.policy"
    label = "wagtail_gk_policy"
    verbose_name = _("Policy library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .signal_handlers import connect

        connect()
