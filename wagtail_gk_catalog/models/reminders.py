"""A record of each compliance reminder: who was told about which filings, when."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogReminder(models.Model):
    """One reminder e-mail (or the attempt, when the agency had nobody to
    send it to) about filings due soon or late, so an office can show whom it
    told and when."""

    agency = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("Responsible body"), related_name="+", on_delete=models.CASCADE)
    sent_at = models.DateTimeField(_("Reminded at"), auto_now_add=True, db_index=True)
    reminder_date = models.DateField(_("Reminder date"))
    recipients = models.JSONField(_("Recipients"), default=list, blank=True)
    filings = models.ManyToManyField("wagtail_gk_catalog.CatalogFiling", verbose_name=_("Information reminded about"), related_name="reminders")
    due_soon_count = models.PositiveIntegerField(_("Due soon"), default=0)
    late_count = models.PositiveIntegerField(_("Overdue"), default=0)

    class Meta:
        verbose_name = _("Deadline reminder log")
        verbose_name_plural = _("Deadline reminder log")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.agency} {self.reminder_date}"

    @property
    def delivered(self) -> bool:
        return bool(self.recipients)

    def recipients_display(self) -> str:
        return "、".join(self.recipients) or str(_("No recipients (no member of the agency has an email address)"))

    recipients_display.short_description = _("Recipients")
