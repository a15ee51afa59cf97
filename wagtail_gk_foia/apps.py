from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _recompute_after_calendar_import(sender, year, **kwargs):
    from .tasks import recompute_deadlines_for_year

    recompute_deadlines_for_year.enqueue(year)


def _ensure_document_templates(sender, using="default", **kwargs):
    from .documents import ensure_templates

    ensure_templates()


class FoiaAppConfig(AppConfig):
    name = "wagtail_gk_foia"
    label = "wagtail_gk_foia"
    verbose_name = _("Disclosure on request")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .routing import connect_signals

        connect_signals()  # page, site and restriction changes rebuild the intake routes

        # Provisional dates (暂定) are recomputed when their year's holidays are imported.
        from wagtail_gk.signals import calendar_year_imported

        calendar_year_imported.connect(_recompute_after_calendar_import, dispatch_uid="gk_foia_recompute_dates")

        # The shipped document templates appear in the admin right after migrate.
        post_migrate.connect(_ensure_document_templates, sender=self, dispatch_uid="gk_foia_templates")
