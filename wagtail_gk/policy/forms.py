"""Forms of the policy library's public pages and admin tools."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import PolicyAudienceTag, PolicyPackage, PolicySubscription, PolicyTopicPage

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class SubscriptionForm(forms.ModelForm):
    """Public subscription (政策直通车): tags and/or a package, and a contact."""

    tags = forms.ModelMultipleChoiceField(
        queryset=PolicyAudienceTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Tags followed"),
    )
    package = forms.ModelChoiceField(
        queryset=PolicyPackage.objects.filter(is_public=True),
        required=False,
        label=_("Policy package"),
        empty_label=_("(No policy package)"),
    )
    consent = forms.BooleanField(
        label=_("I agree that this site uses the contact details above only to send policy alerts, and that I can unsubscribe at any time."), required=True
    )

    class Meta:
        model = PolicySubscription
        fields = ["name", "email", "phone", "package", "tags"]

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data.get("phone") or "")
        if phone and not MOBILE.match(phone):
            raise ValidationError(_("Enter an 11-digit mobile number."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise ValidationError(_("Enter at least an email address or a mobile number."))
        if not cleaned.get("tags") and not cleaned.get("package"):
            raise ValidationError(_("Choose at least one tag to follow or one policy package."))
        return cleaned


class PosterSheetForm(forms.Form):
    """Admin: a wall sheet of QR posters for a topic, a package or the whole library."""

    SOURCE_ALL = "all"
    topic = forms.ModelChoiceField(
        queryset=PolicyTopicPage.objects.all(), required=False, label=_("Policy topic"), empty_label=_("(Any)")
    )
    package = forms.ModelChoiceField(
        queryset=PolicyPackage.objects.all(), required=False, label=_("Policy package"), empty_label=_("(Any)")
    )
    include_repealed = forms.BooleanField(required=False, label=_("Include repealed and expired policies"))
    paper = forms.ChoiceField(choices=[("A4", "A4"), ("A3", "A3")], initial="A4", label=_("Paper size"))
    per_page = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in (1, 4, 6, 9, 12, 16, 20, 24)], coerce=int, initial=12, label=_("Entries per page")
    )
    limit = forms.IntegerField(min_value=1, max_value=500, initial=100, label=_("Maximum number of entries"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topic") and cleaned.get("package"):
            raise ValidationError(_("Choose either a policy topic or a policy package, not both."))
        return cleaned
