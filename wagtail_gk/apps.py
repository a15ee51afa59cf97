from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailGkAppConfig(AppConfig):
    name = "wagtail_gk"
    label = "wagtail_gk"
    verbose_name = _("Government openness")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (registers checks and receivers)
        from .search import checks as search_checks  # noqa: F401  (registers the search backend's check)

        signal_handlers.connect()

        # The gate's system checks register here, not from its wagtail_hooks
        # module: Wagtail 7.4 imports hooks modules only on first use, which
        # `manage.py check` and `gk_setup` never reach.
        from .gate import checks as gate_checks  # noqa: F401
        from .gate import compat, ledger_checks, signals  # noqa: F401  (ledger_checks registers system checks)

        signals.connect()
        compat.install()
