"""Keep each filing's publication date in step with its page, and its due
date in step with the working-day calendar.

The date is stored on the filing so the compliance dashboard aggregates one
table; the page's first publication is what counts as "published"."""

from django.utils import timezone
from wagtail.signals import page_published, page_unpublished


def _page_published(sender, instance, **kwargs):
    from .models import CatalogFiling

    if instance.first_published_at:
        CatalogFiling.objects.filter(page_id=instance.pk).update(
            published_on=timezone.localdate(instance.first_published_at)
        )


def _page_unpublished(sender, instance, **kwargs):
    from .models import CatalogFiling

    CatalogFiling.objects.filter(page_id=instance.pk).update(published_on=None)


def _calendar_year_imported(sender, year, **kwargs):
    """Recompute the deadlines that reached *year* while its schedule was missing (暂定)."""
    import datetime

    from .models import CatalogFiling

    for filing in CatalogFiling.objects.filter(due_on__gte=datetime.date(year, 1, 1)).select_related("item"):
        due_on = filing.compute_due_on()
        if due_on != filing.due_on:
            CatalogFiling.objects.filter(pk=filing.pk).update(due_on=due_on)


def connect():
    from wagtail_gk.signals import calendar_year_imported

    calendar_year_imported.connect(_calendar_year_imported, dispatch_uid="wagtail_gk_catalog_calendar_imported")
    page_published.connect(_page_published, dispatch_uid="wagtail_gk_catalog_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="wagtail_gk_catalog_page_unpublished")
