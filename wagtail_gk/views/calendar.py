"""Admin view importing a year's holiday schedule (preview, then confirm)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from ..calendar_import import ScheduleError, read_schedule, replace_year
from ..models import CalendarYear


class ScheduleImportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=1990, max_value=2100, required=False,
        help_text=_("Leave empty to take the year from the notice's title."),
    )
    source = forms.CharField(label=_("Basis"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Holiday schedule"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paste the State Council's notice exactly as published (title, document number, items, signature and date), or CSV rows: date,kind (放假/上班),name."
        ),
    )
    upload = forms.FileField(label=_("Or upload a text/CSV file"), required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        text = cleaned.get("text") or ""
        if upload:
            if upload.size > 256 * 1024:
                raise forms.ValidationError(_("The file is too large: a holiday schedule should be no more than 256 KB."))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
            cleaned["text"] = text
        if not text.strip():
            raise forms.ValidationError(_("Paste the holiday schedule or upload a file."))
        if "year" in self.errors:
            return cleaned
        try:
            schedule = read_schedule(text, cleaned.get("year"))
        except ScheduleError as exc:
            raise forms.ValidationError(exc.errors) from None
        cleaned["schedule"] = schedule
        cleaned["year"] = schedule.year
        cleaned["source"] = cleaned.get("source") or schedule.source
        return cleaned


class ScheduleImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """First submit shows what was read; the second (confirmed) replaces the year."""

    model = CalendarYear
    # Explicit: Wagtail 7.4 checks nothing when a view names only its model.
    permission_policy = ModelPermissionPolicy(CalendarYear)
    permission_required = "change"

    form_class = ScheduleImportForm
    template_name = "wagtail_gk/admin/calendar_import.html"
    page_title = _("Import holiday schedule")
    header_icon = "date"
    index_url_name = None

    def form_valid(self, form):
        schedule = form.cleaned_data["schedule"]
        days = schedule.days
        if not form.cleaned_data.get("confirmed"):
            data = form.data.copy()
            data["confirmed"] = "1"
            data["text"] = form.cleaned_data["text"]
            data["year"] = str(schedule.year)
            data["source"] = form.cleaned_data["source"]
            return self.render_to_response(
                self.get_context_data(form=ScheduleImportForm(data), preview=days, schedule=schedule)
            )
        year = schedule.year
        replace_year(year, days, form.cleaned_data.get("source", ""))
        messages.success(self.request, _("Imported the holiday schedule for %(year)d (%(count)d days).") % {"year": year, "count": len(days)})
        return redirect(self.index_url_name)
