"""Admin forms of the catalog."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from wagtail_gk.models import Agency, AgencyLevel

from . import services
from .models import Catalog, CatalogKind, Channel
from .permissions import agencies_in_scope, editable_catalogs


class CatalogItemForm(WagtailAdminModelForm):
    """An item with its 公开渠道和载体 as two check-box lists (必选 ■ / 可选 □).
    In a local catalog every change needs an adjustment reason, which is
    recorded element by element (see :func:`services.record_local_changes`)."""

    required_channels = forms.MultipleChoiceField(
        label=_("必选渠道（■）"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    optional_channels = forms.MultipleChoiceField(
        label=_("可选渠道（□）"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    adjustment_reason = forms.CharField(
        label=_("调整理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("本级目录结合实际新增或调整事项时必填，记入本级调整记录。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._before = None
        if self.instance.pk:
            self._before = services.item_elements(self.instance)
            required, optional = self.instance.channel_sets()
            self.initial.setdefault("required_channels", required)
            self.initial.setdefault("optional_channels", optional)
            if "catalog" in self.fields:
                self.fields["catalog"].disabled = True
        elif "catalog" in self.fields and self.for_user is not None:
            self.fields["catalog"].queryset = editable_catalogs(self.for_user)

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("required_channels") or []) & set(cleaned.get("optional_channels") or [])
        if both:
            labels = "、".join(str(Channel(c).label) for c in both)
            self.add_error("optional_channels", _("同一渠道不能既是必选又是可选：%(channels)s") % {"channels": labels})
        catalog = cleaned.get("catalog") or (self.instance.catalog if self.instance.catalog_id else None)
        if catalog and catalog.kind == CatalogKind.LOCAL and self.has_changed() and not cleaned.get("adjustment_reason", "").strip():
            self.add_error("adjustment_reason", _("本级目录的新增或调整须填写调整理由。"))
        return cleaned

    def save(self, commit=True):
        item = super().save(commit=commit)
        if commit:
            services.set_item_channels(
                item, self.cleaned_data.get("required_channels") or [], self.cleaned_data.get("optional_channels") or []
            )
            self.record_adjustment(item)
        return item

    def record_adjustment(self, item):
        if item.catalog.kind != CatalogKind.LOCAL:
            return
        reason = self.cleaned_data.get("adjustment_reason", "").strip()
        user = self.for_user if getattr(self.for_user, "is_authenticated", False) else None
        if self._before is None:
            services.record_local_addition(item, reason=reason, user=user)
        else:
            services.record_local_changes(item, self._before, reason=reason, user=user)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueRevisionForm(forms.Form):
    note = forms.CharField(label=_("修订说明"), widget=forms.Textarea(attrs={"rows": 3}))


class DeriveCatalogForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("编制目录的政府"), queryset=Agency.objects.none())
    name = forms.CharField(label=_("目录名称"), required=False, help_text=_("留空则为“××政务公开事项标准目录”。"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = (
            agencies_in_scope(user)
            .filter(level__in=[AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP, AgencyLevel.CITY])
            .exclude(gk_catalogs__kind=CatalogKind.LOCAL)
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX 文件"),
        help_text=_("按已发布县级目录的列：序号、一级事项、二级事项、（三级事项）、公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体、公开对象、公开方式、公开层级。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    reason = forms.CharField(
        label=_("调整理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("导入本级目录时，新增或调整的事项按此理由记入调整记录。"),
    )

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog

    def clean(self):
        cleaned = super().clean()
        if self.catalog.kind == CatalogKind.LOCAL and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("导入本级目录须填写调整理由。"))
        return cleaned


class MergeForm(forms.Form):
    """One choice per conflict of a :class:`services.MergePlan`."""

    def __init__(self, *args, plan: services.MergePlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for change in plan.conflicts:
            self.fields[change.ident] = forms.ChoiceField(
                label=change.label,
                choices=[("guide", _("采用指引修订")), ("local", _("保留本级内容"))],
                widget=forms.RadioSelect,
            )

    def conflict_fields(self):
        return [(change, self[change.ident]) for change in self.plan.conflicts]
