from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeAppConfig(AppConfig):
    name = "example_site.home"
    label = "home"
    verbose_name = _("Example site")
    default_auto_field = "django.db.models.BigAutoField"
