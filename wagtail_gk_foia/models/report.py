"""What the annual report needs beyond the requests themselves.

- :class:`AnnualReportFigures`: the figures of table 二 an office enters (or
  imports) for one agency and one year: 行政许可, 行政处罚, 行政强制 decisions,
  行政事业性收费 in 万元, and 规章/规范性文件 counts when they are not taken from
  the policy library.
- :class:`RemedyCase`: one 行政复议 or 行政诉讼 about government information
  openness, recorded against a request or entered on its own; table 四 counts
  them by outcome.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualReportFigures(models.Model):
    agency = models.ForeignKey("wagtail_gk.Agency", verbose_name=_("Agency"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Report year"), validators=[MinValueValidator(2008)])

    rules_made = models.PositiveIntegerField(_("Government rules made this year"), null=True, blank=True)
    rules_repealed = models.PositiveIntegerField(_("Government rules repealed this year"), null=True, blank=True)
    rules_in_force = models.PositiveIntegerField(_("Government rules in force"), null=True, blank=True)
    normative_made = models.PositiveIntegerField(_("Normative documents made this year"), null=True, blank=True)
    normative_repealed = models.PositiveIntegerField(_("Normative documents repealed this year"), null=True, blank=True)
    normative_in_force = models.PositiveIntegerField(_("Normative documents in force"), null=True, blank=True)

    licensing_decisions = models.PositiveIntegerField(_("Administrative licensing decisions"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("Administrative penalty decisions"), default=0)
    coercion_decisions = models.PositiveIntegerField(_("Administrative coercion decisions"), default=0)
    fee_amount = models.DecimalField(
        _("Administrative fees collected (10,000 yuan)"),
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("An amount in units of 10,000 yuan (万元), not a count."),
    )
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Annual report figures")
        verbose_name_plural = _("Annual report figures")
        ordering = ["-year", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="gk_foia_report_figures_unique")]

    def __str__(self):
        return f"{self.agency} {self.year}"


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LITIGATION_DIRECT = "litigation_direct", _("Administrative litigation without prior reconsideration")
    LITIGATION_AFTER = "litigation_after", _("Administrative litigation after reconsideration")


class RemedyOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")


class RemedyCase(models.Model):
    """A 行政复议 or 行政诉讼 case. Table 四 of year Y counts a case filed by 31
    December of Y and not decided before 1 January of Y: under its outcome if
    it was decided in Y, as 尚未审结 otherwise."""

    agency = models.ForeignKey(
        "wagtail_gk.Agency", verbose_name=_("Respondent agency"), on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        help_text=_("Taken from the request when one is chosen."),
    )
    request = models.ForeignKey(
        "wagtail_gk_foia.DisclosureRequest",
        verbose_name=_("Disclosure request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="remedy_cases",
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=RemedyKind.choices)
    case_number = models.CharField(_("Case number"), max_length=80, blank=True)
    filed_on = models.DateField(_("Date filed"))
    outcome = models.CharField(
        _("Result"), max_length=12, choices=RemedyOutcome.choices, blank=True, help_text=_("Leave blank while the case is not concluded.")
    )
    decided_on = models.DateField(_("Date of decision or judgment"), null=True, blank=True)
    note = models.TextField(_("Note"), blank=True)

    class Meta:
        verbose_name = _("Reconsideration or litigation case")
        verbose_name_plural = _("Reconsideration and litigation cases")
        ordering = ["-filed_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"

    def save(self, *args, **kwargs):
        if self.request_id and not self.agency_id:
            self.agency_id = self.request.agency_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.request_id:
            self.agency_id = self.request.agency_id
        if not self.agency_id:
            errors["agency"] = _("Choose the respondent agency or the disclosure request.")
        if bool(self.outcome) != bool(self.decided_on):
            errors["decided_on" if self.outcome else "outcome"] = _("Enter both the result and the date of decision, or neither.")
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            errors["decided_on"] = _("The decision cannot be earlier than the filing.")
        if errors:
            raise ValidationError(errors)
