from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageAppConfig(AppConfig):
    name = "wagtail_gk_village"
    label = "wagtail_gk_village"
    verbose_name = _("Village affairs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (registers checks and receivers)

        signal_handlers.connect()
