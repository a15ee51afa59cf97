"""A record of each compliance reminder: who was told about which filings, when."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogReminder(models.Model):
    """One reminder e-mail (or the attempt, when the agency had nobody to
    send it to) about filings due soon or late, so an office can show whom it
    told and when."""

    agency = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("公开主体"), related_name="+", on_delete=models.CASCADE)
    sent_at = models.DateTimeField(_("提醒时间"), auto_now_add=True, db_index=True)
    reminder_date = models.DateField(_("提醒日期"))
    recipients = models.JSONField(_("收件人"), default=list, blank=True)
    filings = models.ManyToManyField("wagtail_gk_catalog.CatalogFiling", verbose_name=_("提醒的信息"), related_name="reminders")
    due_soon_count = models.PositiveIntegerField(_("即将到期"), default=0)
    late_count = models.PositiveIntegerField(_("已超期"), default=0)

    class Meta:
        verbose_name = _("到期提醒记录")
        verbose_name_plural = _("到期提醒记录")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.agency} {self.reminder_date}"

    @property
    def delivered(self) -> bool:
        return bool(self.recipients)

    def recipients_display(self) -> str:
        return "、".join(self.recipients) or str(_("无收件人（机构成员均未填写电子邮箱）"))

    recipients_display.short_description = _("收件人")
