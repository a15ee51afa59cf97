"""Filing a page under a catalog item (归入目录事项).

A page with openness metadata names the item(s) it publishes in an inline of
the page editor (:data:`wagtail_gk_catalog.panels.catalog_filing_panel`). The filing records the event the
time limit runs from (信息形成日期) and the extra channels the information went
out through; its due date and publication date are kept on the row so the
compliance dashboard aggregates in the database.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..fields import ChannelListField
from ..time_limits import TimeLimitRule
from .items import Channel


class CatalogFilingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_on__isnull=False)

    def late(self, today):
        """Published after the due date, or still unpublished past it."""
        return self.filter(
            models.Q(published_on__gt=models.F("due_on"))
            | models.Q(published_on__isnull=True, due_on__lt=today)
        )


class CatalogFiling(Orderable):
    page = ParentalKey("wagtailcore.Page", related_name="gk_catalog_filings", on_delete=models.CASCADE)
    item = models.ForeignKey(
        "wagtail_gk_catalog.CatalogItem",
        verbose_name=_("Catalog item"),
        related_name="filings",
        on_delete=models.CASCADE,
    )
    event_date = models.DateField(
        _("Information creation date"),
        null=True,
        blank=True,
        help_text=_("The day the information was created or changed; the disclosure deadline is counted from this day."),
    )
    channels = ChannelListField(
        _("Also disclosed through"),
        help_text=_("This page is published on the government website; also tick every other channel the information goes out through (such as a village notice board)."),
    )
    due_on = models.DateField(_("Due date"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("Disclosure date"), null=True, blank=True, editable=False)
    last_reminded_on = models.DateField(_("Last reminded on"), null=True, blank=True, editable=False)

    objects = CatalogFilingQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("item"), FieldPanel("event_date")]),
        FieldPanel("channels"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Catalog filing")
        verbose_name_plural = _("Catalog filing")
        indexes = [
            # Covers the per-item compliance aggregate (index-only scan on PostgreSQL).
            models.Index(fields=["item", "published_on", "due_on"], name="gk_catalog_filing_pub_idx"),
            models.Index(fields=["due_on"], name="gk_catalog_filing_due_idx"),
        ]

    def __str__(self):
        return f"{self.page_id} → {self.item_id}"

    def clean(self):
        super().clean()
        if not self.item_id:
            return
        item = self.item
        if item.catalog.is_guide:
            raise ValidationError({"item": _("Choose an item of a local catalog: content cannot be filed directly under an item of a standard guide.")})
        if item.removed:
            raise ValidationError({"item": _("This item has been removed from the local catalog.")})
        rule = TimeLimitRule.from_item(item)
        if rule.computes_due_date and not self.event_date:
            raise ValidationError(
                {"event_date": _("The disclosure deadline of item “%(item)s” is “%(limit)s”: enter the information creation date.")
                 % {"item": item, "limit": item.time_limit_display}}
            )

    def compute_due_on(self):
        """The publication deadline; provisional (暂定) where it reaches a year whose
        holiday schedule is not imported yet, and recomputed on import."""
        if not self.event_date:
            return None
        return TimeLimitRule.from_item(self.item).due_date(self.event_date, provisional=True)

    def save(self, *args, **kwargs):
        self.due_on = self.compute_due_on()
        channels = list(self.channels or [])
        if Channel.WEBSITE not in channels:
            channels.insert(0, Channel.WEBSITE)  # a filed page is itself published on the website
        self.channels = channels
        page = self.page
        if page.live and page.first_published_at:
            self.published_on = timezone.localdate(page.first_published_at)
        else:
            self.published_on = None
        super().save(*args, **kwargs)

