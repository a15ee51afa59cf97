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
        label=_("关注标签"),
    )
    package = forms.ModelChoiceField(
        queryset=PolicyPackage.objects.filter(is_public=True),
        required=False,
        label=_("政策包"),
        empty_label=_("（不订阅政策包）"),
    )
    consent = forms.BooleanField(
        label=_("我同意本站仅为推送政策使用以上联系方式，并可随时退订。"), required=True
    )

    class Meta:
        model = PolicySubscription
        fields = ["name", "email", "phone", "package", "tags"]

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data.get("phone") or "")
        if phone and not MOBILE.match(phone):
            raise ValidationError(_("请输入11位手机号码。"))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise ValidationError(_("请至少填写电子邮箱或手机号码中的一项。"))
        if not cleaned.get("tags") and not cleaned.get("package"):
            raise ValidationError(_("请至少选择一个关注标签或一个政策包。"))
        return cleaned


class PosterSheetForm(forms.Form):
    """Admin: a wall sheet of QR posters for a topic, a package or the whole library."""

    SOURCE_ALL = "all"
    topic = forms.ModelChoiceField(
        queryset=PolicyTopicPage.objects.all(), required=False, label=_("政策专题"), empty_label=_("（不限）")
    )
    package = forms.ModelChoiceField(
        queryset=PolicyPackage.objects.all(), required=False, label=_("政策包"), empty_label=_("（不限）")
    )
    include_repealed = forms.BooleanField(required=False, label=_("包括已废止、已失效的政策"))
    paper = forms.ChoiceField(choices=[("A4", "A4"), ("A3", "A3")], initial="A4", label=_("纸张"))
    per_page = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in (1, 4, 6, 9, 12, 16, 20, 24)], coerce=int, initial=12, label=_("每页数量")
    )
    limit = forms.IntegerField(min_value=1, max_value=500, initial=100, label=_("最多条数"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topic") and cleaned.get("package"):
            raise ValidationError(_("政策专题与政策包只能选择一个。"))
        return cleaned
