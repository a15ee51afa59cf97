"""Keep each filing's publication date in step with its page.

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


def connect():
    page_published.connect(_page_published, dispatch_uid="wagtail_gk_catalog_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="wagtail_gk_catalog_page_unpublished")
