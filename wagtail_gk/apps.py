from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailGkAppConfig(AppConfig):
    name = "wagtail_gk"
    label = "wagtail_gk"
    verbose_name = _("Government openness")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (registers checks and receivers)

        signal_handlers.connect()

        from .gate import compat, ledger_checks, signals  # noqa: F401  (ledger_checks registers system checks)

        signals.connect()
        compat.install()
