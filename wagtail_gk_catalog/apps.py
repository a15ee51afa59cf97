from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogAppConfig(AppConfig):
    name = "wagtail_gk_catalog"
    label = "wagtail_gk_catalog"
    verbose_name = _("Standard openness catalog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (registers checks and receivers)

        signal_handlers.connect()

        from wagtail_gk.alignment import register_alignment_provider

        from .alignment import CatalogItemProvider

        register_alignment_provider(CatalogItemProvider())
