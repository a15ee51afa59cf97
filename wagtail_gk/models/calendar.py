"""The working-day calendar: public holidays and make-up working days (调休) per year.

The State Council publishes next year's schedule in October or November. A
year is *known* once its schedule has been imported or shipped
(:attr:`CalendarYear.schedule_complete`), even if it has no make-up days; a bare
row, or one whose days are still being typed in, is not. Outside the known years
working-day arithmetic raises :class:`wagtail_gk.workdays.CalendarYearUnknown`,
or counts weekends only where the caller asks for a provisional date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class CalendarYear(ClusterableModel):
    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(
        _("依据"),
        max_length=200,
        blank=True,
        help_text=_("如：国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）"),
    )
    schedule_complete = models.BooleanField(
        _("Schedule complete"),
        default=False,
        help_text=_(
            "Tick once every holiday and make-up day of the State Council's notice for this year is entered. "
            "Until then the year is unknown: deadlines that reach it are provisional (weekends only)."
        ),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldPanel("year"),
        FieldPanel("source"),
        FieldPanel("schedule_complete"),
        InlinePanel("days", heading=_("节假日与调休上班日"), label=_("日期")),
    ]

    class Meta:
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.year and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("年份应在1990年至2100年之间。")})

    @property
    def is_known(self) -> bool:
        return self.schedule_complete


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class CalendarDay(models.Model):
    calendar_year = ParentalKey(CalendarYear, related_name="days", on_delete=models.CASCADE)
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("如：春节、国庆节调休上班"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("节假日或调休日")
        verbose_name_plural = _("节假日与调休日")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.date and self.calendar_year_id and self.date.year != self.calendar_year.year:
            raise ValidationError({"date": _("日期不在该年度内。")})


class CalendarReminderSent(models.Model):
    """A reminder e-mail about a missing schedule, so that it goes out once a week, not every run."""

    year = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["year", "sent_on"], name="gk_calendar_reminder_year")]

    def __str__(self):
        return f"{self.year} {self.sent_on}"
