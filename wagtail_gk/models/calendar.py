"""The working-day calendar: public holidays and make-up working days (调休) per year.

The State Council publishes next year's schedule in October or November. A
year is *known* once its schedule has been imported or shipped
(:attr:`CalendarYear.schedule_complete`), even if it has no make-up days; a bare
row, or one whose days are still being typed in, is not. Outside the known years
working-day arithmetic raises :class:`wagtail_gk.workdays.CalendarYearUnknown`,
or counts weekends only where the caller asks for a provisional date.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class CalendarYear(ClusterableModel):
    year = models.PositiveSmallIntegerField(_("Year"), unique=True)
    source = models.CharField(
        _("Basis"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）"),
    )
    schedule_complete = models.BooleanField(
        _("Schedule complete"),
        default=False,
        help_text=_(
            "Tick once every holiday and make-up day of the State Council's notice for this year is entered. "
            "Until then the year is unknown: deadlines that reach it are provisional (weekends only)."
        ),
    )
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    panels = [
        FieldPanel("year"),
        FieldPanel("source"),
        FieldPanel("schedule_complete"),
        InlinePanel("days", heading=_("Holidays and make-up working days"), label=_("Date")),
    ]

    class Meta:
        verbose_name = _("Calendar year")
        verbose_name_plural = _("Working-day calendar")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def clean(self):
        if self.year and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("The year must be between 1990 and 2100.")})

    @property
    def is_known(self) -> bool:
        return self.schedule_complete


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Make-up working day")


class CalendarDay(models.Model):
    calendar_year = ParentalKey(CalendarYear, related_name="days", on_delete=models.CASCADE)
    date = models.DateField(_("Date"), unique=True)
    kind = models.CharField(_("Kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("Name"), max_length=50, blank=True, help_text=_("e.g. Spring Festival, National Day make-up working day"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("Holiday or make-up day")
        verbose_name_plural = _("Holidays and make-up days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"

    def clean(self):
        if self.date and self.calendar_year_id and self.date.year != self.calendar_year.year:
            raise ValidationError({"date": _("The date is not in this year.")})


class CalendarReminderSent(models.Model):
    """A reminder e-mail about a missing schedule, so that it goes out once a week, not every run."""

    year = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["year", "sent_on"], name="gk_calendar_reminder_year")]

    def __str__(self):
        return f"{self.year} {self.sent_on}"
