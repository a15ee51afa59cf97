from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionAppConfig(AppConfig):
    name = "wagtail_gk_interaction"
    label = "wagtail_gk_interaction"
    verbose_name = _("Public interaction")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
