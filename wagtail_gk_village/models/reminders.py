"""Reminders sent to villages about notices that are due or late."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleReminder(models.Model):
    """One reminder to one village about one category and period; at most one a
    day, so the task can run as often as a site likes."""

    village = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("Village"), on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("wagtail_gk_village.NoticeCategory", verbose_name=_("Notice category"), on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(_("Period"), max_length=16)
    status = models.CharField(_("Status"), max_length=16)
    due_on = models.DateField(_("Due date"), null=True)
    sent_on = models.DateField(_("Reminder date"))
    recipients = models.PositiveSmallIntegerField(_("Number of recipients"), default=0)

    class Meta:
        verbose_name = _("Disclosure reminder")
        verbose_name_plural = _("Disclosure reminder")
        ordering = ["-sent_on", "village"]
        constraints = [
            models.UniqueConstraint(fields=["village", "category", "period_key", "sent_on"], name="gk_village_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.village_id}/{self.category_id}/{self.period_key}@{self.sent_on}"
