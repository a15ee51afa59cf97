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
        label=_("Required channels (■)"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    optional_channels = forms.MultipleChoiceField(
        label=_("Optional channels (□)"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    adjustment_reason = forms.CharField(
        label=_("Reason for adjustment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when an item of a local catalog is added or adjusted to local circumstances; recorded in the local adjustment log."),
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
            self.add_error("optional_channels", _("A channel cannot be both required and optional: %(channels)s") % {"channels": labels})
        catalog = cleaned.get("catalog") or (self.instance.catalog if self.instance.catalog_id else None)
        if catalog and catalog.kind == CatalogKind.LOCAL and self.has_changed() and not cleaned.get("adjustment_reason", "").strip():
            self.add_error("adjustment_reason", _("Additions and adjustments to a local catalog need a reason for adjustment."))
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
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueRevisionForm(forms.Form):
    note = forms.CharField(label=_("Revision notes"), widget=forms.Textarea(attrs={"rows": 3}))


class DeriveCatalogForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Government compiling the catalog"), queryset=Agency.objects.none())
    name = forms.CharField(label=_("Catalog name"), required=False, help_text=_("Leave empty to use “×× standard openness catalog”."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = (
            agencies_in_scope(user)
            .filter(level__in=[AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP, AgencyLevel.CITY])
            .exclude(gk_catalogs__kind=CatalogKind.LOCAL)
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX file"),
        help_text=_("With the columns of published county catalogs: No., first-level item, second-level item, (third-level item), disclosure content (elements), basis for disclosure, disclosure deadline, responsible body, disclosure channels and media, audience, disclosure form, disclosure level."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    reason = forms.CharField(
        label=_("Reason for adjustment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("When importing into a local catalog, added or adjusted items are recorded in the adjustment log with this reason."),
    )

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog

    def clean(self):
        cleaned = super().clean()
        if self.catalog.kind == CatalogKind.LOCAL and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Importing into a local catalog needs a reason for adjustment."))
        return cleaned


class MergeForm(forms.Form):
    """One choice per conflict of a :class:`services.MergePlan`."""

    def __init__(self, *args, plan: services.MergePlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for change in plan.conflicts:
            self.fields[change.ident] = forms.ChoiceField(
                label=change.label,
                choices=[("guide", _("Use revised guide")), ("local", _("Keep local content"))],
                widget=forms.RadioSelect,
            )

    def conflict_fields(self):
        return [(change, self[change.ident]) for change in self.plan.conflicts]
