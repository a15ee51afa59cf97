"""The annual report as a page: generated as a draft from the year's figures,
edited by the office (the text sections), published through the publication
gate like any page, with DOCX and XLSX downloads in the official layout::

    <page>/        the report
    <page>/docx/   the report as DOCX
    <page>/xlsx/   the report as XLSX

The figures are a snapshot taken when the draft is generated (or refreshed),
so that a published report does not change when a request is closed later.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from wagtail_gk.models.sections import SectionPageMixin

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AnnualReportPage(SectionPageMixin, RoutablePageMixin, Page):
    """Created where section pages may be (see ``wagtail_gk.models.sections``),
    normally by generating it from the report screen."""

    agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Agency"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The report covers this agency and every agency under it."),
    )
    year = models.PositiveSmallIntegerField(_("Report year"), validators=[MinValueValidator(2008)])
    overview = models.TextField(
        _("I. General situation"), blank=True, help_text=_("Separate paragraphs with a blank line. Generated drafts start with the year's figures.")
    )
    problems = models.TextField(_("V. Main problems and improvements"), blank=True)
    other_matters = models.TextField(_("VI. Other matters to report"), blank=True)
    figures = models.JSONField(_("Figures"), default=dict, blank=True, editable=False)
    figures_generated_at = models.DateTimeField(_("Figures generated at"), null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("agency"), FieldPanel("year")]),
        MultiFieldPanel([FieldPanel("overview"), FieldPanel("problems"), FieldPanel("other_matters")], heading=_("Text sections")),
    ]
    subpage_types = []
    template = "wagtail_gk_foia/annual_report_page.html"

    class Meta:
        verbose_name = _("Annual report on government information disclosure")
        verbose_name_plural = _("Annual reports on government information disclosure")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="gk_foia_annual_report_page_unique")]

    def texts(self) -> dict:
        return {"overview": self.overview, "problems": self.problems, "other": self.other_matters}

    def report(self) -> dict:
        """The whole report: the snapshot of the figures and this page's texts."""
        from ..report import assemble_report, build_figures

        figures = self.figures or build_figures(self.year, self.agency)
        return assemble_report(figures, self.texts(), self.title)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        report = self.report()
        context["report"] = report
        context["overview_paragraphs"] = _paragraphs(self.overview)
        context["problems_paragraphs"] = _paragraphs(self.problems)
        context["other_paragraphs"] = _paragraphs(self.other_matters)
        from ..report import _table2_rows, _table4_rows, table3_html_rows

        context["table2_rows"] = _table2_rows(report["table2"])
        context["table3_body"] = table3_html_rows(report["table3"])
        context["table4_rows"] = _table4_rows(report["table4"])[0]
        return context

    @path("")
    def report_view(self, request):
        return self.render(request)

    @path("docx/")
    def docx(self, request):
        from ..report import report_docx

        response = HttpResponse(report_docx(self.report()), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="annual-report-{self.year}.docx"'
        return response

    @path("xlsx/")
    def xlsx(self, request):
        from ..report import report_xlsx

        response = HttpResponse(report_xlsx(self.report()), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="annual-report-{self.year}.xlsx"'
        return response


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]
