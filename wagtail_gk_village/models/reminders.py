"""Reminders sent to villages about notices that are due or late."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleReminder(models.Model):
    """One reminder to one village about one category and period; at most one a
    day, so the task can run as often as a site likes."""

    village = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("村"), on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("wagtail_gk_village.NoticeCategory", verbose_name=_("公开类别"), on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(_("期间"), max_length=16)
    status = models.CharField(_("状态"), max_length=16)
    due_on = models.DateField(_("应公开日期"), null=True)
    sent_on = models.DateField(_("提醒日期"))
    recipients = models.PositiveSmallIntegerField(_("收件人数"), default=0)

    class Meta:
        verbose_name = _("公开提醒")
        verbose_name_plural = _("公开提醒")
        ordering = ["-sent_on", "village"]
        constraints = [
            models.UniqueConstraint(fields=["village", "category", "period_key", "sent_on"], name="gk_village_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.village_id}/{self.category_id}/{self.period_key}@{self.sent_on}"
