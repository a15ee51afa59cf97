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
        verbose_name=_("目录事项"),
        related_name="filings",
        on_delete=models.CASCADE,
    )
    event_date = models.DateField(
        _("信息形成日期"),
        null=True,
        blank=True,
        help_text=_("信息形成或者变更之日，公开时限从这一天起算。"),
    )
    channels = ChannelListField(
        _("同时公开渠道"),
        help_text=_("本页面发布于政府网站；信息还通过哪些渠道公开（如村公示栏），请一并勾选。"),
    )
    due_on = models.DateField(_("应公开日期"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("公开日期"), null=True, blank=True, editable=False)
    last_reminded_on = models.DateField(_("最近提醒日期"), null=True, blank=True, editable=False)

    objects = CatalogFilingQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("item"), FieldPanel("event_date")]),
        FieldPanel("channels"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("目录归集")
        verbose_name_plural = _("目录归集")
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
        from ..time_limits import TimeLimitRule

        item = self.item
        if item.catalog.is_guide:
            raise ValidationError({"item": _("请选择本级目录中的事项，标准指引中的事项不能直接归集内容。")})
        if item.removed:
            raise ValidationError({"item": _("该事项已从本级目录删除。")})
        rule = TimeLimitRule.from_item(item)
        if rule.computes_due_date and not self.event_date:
            raise ValidationError(
                {"event_date": _("事项“%(item)s”的公开时限为“%(limit)s”，请填写信息形成日期。")
                 % {"item": item, "limit": item.time_limit_display}}
            )

    def compute_due_on(self):
        """The publication deadline; provisional (暂定) where it reaches a year whose
        holiday schedule is not imported yet, and recomputed on import."""
        from ..time_limits import TimeLimitRule

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

