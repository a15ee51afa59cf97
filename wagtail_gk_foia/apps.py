from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiaAppConfig(AppConfig):
    name = "wagtail_gk_foia"
    label = "wagtail_gk_foia"
    verbose_name = _("依申请公开")
    default_auto_field = "django.db.models.BigAutoField"
