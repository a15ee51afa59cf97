"""Forms of the simplified village editor (村务公开手机编辑器)."""

from __future__ import annotations

import datetime
import os

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_gk.widgets import IsoDateInput

from .conf import village_setting
from .imports import import_beneficiary_list, import_finance_statement
from .models import BeneficiaryListType, NoticeCategory
from .periods import FREQUENCY_PERIOD_KIND, PeriodKind, make_period
from .tables import TableError


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleMixin:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MultipleImageField(_MultipleMixin, forms.ImageField):
    pass


class MultipleFileField(_MultipleMixin, forms.FileField):
    pass


FINANCE = "finance"


def table_kind_choices():
    choices = [("", gettext_lazy("No spreadsheet")), (FINANCE, gettext_lazy("Income and expense statement"))]
    choices += [(f"list:{lt.pk}", lt.name) for lt in BeneficiaryListType.objects.all()]
    return choices


class VillageNoticeForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Notice category"), queryset=NoticeCategory.objects.filter(active=True), empty_label=None
    )
    period_kind = forms.ChoiceField(label=gettext_lazy("Period covered"), choices=PeriodKind.choices, widget=forms.RadioSelect)
    period_month = forms.CharField(
        label=gettext_lazy("Month"), required=False, widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"})
    )
    period_quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"), required=False, coerce=int, empty_value=None,
        choices=[("1", gettext_lazy("Q1")), ("2", gettext_lazy("Q2")), ("3", gettext_lazy("Q3")), ("4", gettext_lazy("Q4"))],
    )
    period_year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100)
    period_date = forms.DateField(label=gettext_lazy("Date of the matter"), required=False, widget=IsoDateInput())
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=200, help_text=gettext_lazy("Optional; generated if left empty, e.g. “Hongxing Village financial disclosure, March 2026”."))
    body = forms.CharField(label=gettext_lazy("Disclosure content"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    photos = MultipleImageField(label=gettext_lazy("On-site photo"), widget=MultipleFileInput(attrs={"accept": "image/*"}))
    board_photos = MultipleImageField(
        label=gettext_lazy("Photos of the paper notice board"), widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"})
    )
    attachments = MultipleFileField(label=gettext_lazy("Attachments (PDF, Word, images)"))
    table_kind = forms.ChoiceField(label=gettext_lazy("Spreadsheet type"), required=False)
    spreadsheet = forms.FileField(
        label=gettext_lazy("Upload spreadsheet (.xlsx)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )
    clear_finance = forms.BooleanField(label=gettext_lazy("Delete the uploaded income and expenses"), required=False)
    clear_list = forms.BooleanField(label=gettext_lazy("Delete the uploaded list"), required=False)

    def __init__(self, *args, notice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.fields["table_kind"].choices = table_kind_choices()
        self.finance_rows = None
        self.beneficiary_rows = None
        self.list_type = None
        if not self.is_bound and notice is None:
            today = timezone.localdate()
            last_month = today.replace(day=1) - datetime.timedelta(days=1)
            self.initial.setdefault("period_kind", PeriodKind.MONTH)
            self.initial.setdefault("period_month", last_month.strftime("%Y-%m"))
            self.initial.setdefault("period_year", today.year)
            self.initial.setdefault("period_quarter", (today.month - 1) // 3 + 1)

    @classmethod
    def initial_for(cls, notice) -> dict:
        initial = {
            "category": notice.category_id,
            "period_kind": notice.period_kind,
            "period_year": notice.period_year,
            "period_date": notice.period_date,
            "title": notice.title,
            "body": notice.body,
        }
        if notice.period_kind == PeriodKind.MONTH and notice.period_year and notice.period_number:
            initial["period_month"] = f"{notice.period_year}-{notice.period_number:02d}"
        if notice.period_kind == PeriodKind.QUARTER:
            initial["period_quarter"] = notice.period_number
        return initial

    def _check_sizes(self, uploads, limit, field):
        for upload in uploads:
            if upload.size > limit:
                self.add_error(field, _("The file “%(name)s” is larger than %(mb)d MB.") % {"name": upload.name, "mb": limit // (1024 * 1024)})

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        year, number, day = data.get("period_year"), None, data.get("period_date")
        if kind == PeriodKind.MONTH:
            text = (data.get("period_month") or "").strip()
            try:
                parsed = datetime.date.fromisoformat(text + "-01")
                year, number = parsed.year, parsed.month
            except ValueError:
                self.add_error("period_month", _("Choose a month, e.g. 2026-03."))
                return data
        elif kind == PeriodKind.QUARTER:
            number = data.get("period_quarter")
        if kind:
            try:
                period = make_period(kind, year, number, day)
            except ValueError as exc:
                self.add_error("period_kind", str(exc))
            else:
                data["period"] = period
                data["period_year"], data["period_number"] = period.year, period.number
                if period.start > timezone.localdate():
                    self.add_error("period_kind", _("The period covered has not started yet; check the year and month."))
        category = data.get("category")
        if category and kind and category.frequency in FREQUENCY_PERIOD_KIND:
            expected = FREQUENCY_PERIOD_KIND[category.frequency]
            if expected == PeriodKind.DATE and kind != PeriodKind.DATE:
                self.add_error("period_kind", _("“%(category)s” is for major matters: choose the date of the matter.") % {"category": category})
        self._check_sizes(data.get("photos", []) + data.get("board_photos", []), village_setting("GK_VILLAGE_PHOTO_MAX_BYTES"), "photos")
        allowed = {ext.lower() for ext in village_setting("GK_VILLAGE_ATTACHMENT_EXTENSIONS")}
        for upload in data.get("attachments", []):
            ext = os.path.splitext(upload.name)[1].lstrip(".").lower()
            if ext not in allowed:
                self.add_error("attachments", _("The attachment “%(name)s” is in an unsupported format; you can upload: %(exts)s.") % {"name": upload.name, "exts": "、".join(sorted(allowed))})
        self._clean_spreadsheet(data, category)
        if not (data.get("body") or "").strip() and not self._has_content(data):
            self.add_error("body", _("Enter the disclosure content, or upload a spreadsheet, photos or attachments."))
        return data

    def _has_content(self, data) -> bool:
        existing = self.notice is not None and (
            self.notice.finance_rows or self.notice.beneficiary_rows or self.notice.photos.exists() or self.notice.attachments.exists()
        )
        return bool(existing or data.get("spreadsheet") or data.get("photos") or data.get("board_photos") or data.get("attachments"))

    def _clean_spreadsheet(self, data, category):
        upload = data.get("spreadsheet")
        table_kind = data.get("table_kind") or ""
        if not upload:
            return
        if not table_kind:
            self.add_error("table_kind", _("Choose whether the upload is an income and expense statement or which kind of list it is."))
            return
        try:
            if table_kind == FINANCE:
                self.finance_rows = import_finance_statement(upload)
            else:
                list_type = BeneficiaryListType.objects.prefetch_related("columns").get(pk=int(table_kind.split(":", 1)[1]))
                if category and list_type.category_id != category.pk:
                    self.add_error("table_kind", _("“%(list)s” belongs to the “%(category)s” category; choose another category or list type.") % {"list": list_type, "category": list_type.category})
                    return
                self.beneficiary_rows = import_beneficiary_list(upload, list_type)
                self.list_type = list_type
        except TableError as exc:
            for message in exc.messages():
                self.add_error("spreadsheet", message)
        except (BeneficiaryListType.DoesNotExist, ValueError, IndexError):
            self.add_error("table_kind", _("Choose a valid spreadsheet type."))


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", gettext_lazy("Confirm as correct")), ("reject", gettext_lazy("Send back for changes"))], widget=forms.RadioSelect)
    comment = forms.CharField(label=gettext_lazy("Opinions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
