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
        label=_("年份"), min_value=1990, max_value=2100, required=False,
        help_text=_("Leave empty to take the year from the notice's title."),
    )
    source = forms.CharField(label=_("依据"), max_length=200, required=False)
    text = forms.CharField(
        label=_("节假日安排"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paste the State Council's notice exactly as published (title, 文号, items, signature and date), "
            "or CSV rows: date,kind (放假/上班),name."
        ),
    )
    upload = forms.FileField(label=_("或上传文本/CSV文件"), required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        text = cleaned.get("text") or ""
        if upload:
            if upload.size > 256 * 1024:
                raise forms.ValidationError(_("文件过大：节假日安排不应超过256KB。"))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("文件不是UTF-8编码的文本。")) from None
            cleaned["text"] = text
        if not text.strip():
            raise forms.ValidationError(_("请粘贴节假日安排或上传文件。"))
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
    page_title = _("导入节假日安排")
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
        messages.success(self.request, _("已导入%(year)d年的节假日安排（%(count)d天）。") % {"year": year, "count": len(days)})
        return redirect(self.index_url_name)
