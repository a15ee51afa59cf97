"""Forms of the public intake, the status page and the officer workspace."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import validators
from .models import (
    ApplicantType,
    Channel,
    ConsultationKind,
    ConsultationResult,
    DeliveryChannel,
    DeliveryForm,
    DocumentTemplate,
    FeeMethod,
    IdType,
    RequestAttachment,
)
from .models.choices import ORGANISATION_TYPES, RECEIPT_DATE_RULES, REFUSAL_OUTCOMES, REPLY_OUTCOMES

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class ApplicantFieldsMixin(forms.Form):
    """The application of 第29条, shared by the public form and officer registration."""

    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"),
        choices=[("natural", _("自然人（公民）")), ("organisation", _("法人或者其他组织"))],
        widget=forms.RadioSelect,
        initial="natural",
    )
    organisation_type = forms.ChoiceField(
        label=_("组织类别"),
        choices=[("", _("（法人或其他组织请选择）"))] + [(t.value, t.label) for t in ORGANISATION_TYPES],
        required=False,
    )
    applicant_name = forms.CharField(label=_("姓名／名称"), max_length=100)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT_ID, required=False)
    id_number = forms.CharField(
        label=_("证件号码／统一社会信用代码"), max_length=40, help_text=_("自然人填写证件号码，组织填写18位统一社会信用代码。")
    )
    legal_representative = forms.CharField(label=_("法定代表人或负责人"), max_length=50, required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("邮政编码"), regex=r"^\d{6}$", required=False, error_messages={"invalid": _("邮政编码应为6位数字。")}
    )
    information_title = forms.CharField(label=_("所需信息名称"), max_length=200)
    document_reference = forms.CharField(label=_("文号"), max_length=100, required=False)
    description = forms.CharField(
        label=_("所需信息的特征性描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("如信息的制作机关、时间、内容要点等，便于查找。"),
    )
    delivery_form = forms.ChoiceField(label=_("获取信息的方式"), choices=DeliveryForm.choices, widget=forms.RadioSelect)
    delivery_channel = forms.ChoiceField(label=_("获取信息的途径"), choices=DeliveryChannel.choices, widget=forms.RadioSelect)

    def clean_phone(self):
        return validators.validate_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        number = (data.get("id_number") or "").strip().upper()
        if kind == "organisation":
            if not data.get("organisation_type"):
                self.add_error("organisation_type", _("请选择组织类别。"))
            if number and not validators.credit_code_is_valid(number):
                self.add_error("id_number", _("统一社会信用代码不正确（应为18位，校验位须正确）。"))
            if not data.get("contact_person"):
                self.add_error("contact_person", _("法人或者其他组织请填写联系人。"))
            data["applicant_type"] = data.get("organisation_type") or ""
            data["id_type"] = ""
        elif kind == "natural":
            data["applicant_type"] = ApplicantType.NATURAL_PERSON
            if not data.get("id_type"):
                self.add_error("id_type", _("请选择证件类型。"))
            elif data["id_type"] == IdType.RESIDENT_ID and number and not validators.resident_id_is_valid(number):
                self.add_error("id_number", _("居民身份证号码不正确（应为18位，校验位须正确）。"))
        data["id_number"] = number
        channel = data.get("delivery_channel")
        if channel == DeliveryChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件获取的，请填写电子邮箱。"))
        if channel == DeliveryChannel.POST and not data.get("address"):
            self.add_error("address", _("选择邮寄获取的，请填写通信地址。"))
        if data.get("delivery_form") == DeliveryForm.INSPECTION and channel not in (DeliveryChannel.ON_SITE, None):
            self.add_error("delivery_channel", _("查阅、抄录只能现场进行，请选择“现场查阅”。"))
        return data

    def application_data(self) -> dict:
        data = self.cleaned_data
        keys = [
            "applicant_type", "applicant_name", "id_type", "id_number", "legal_representative", "contact_person",
            "phone", "email", "address", "postcode", "information_title", "document_reference", "description",
            "delivery_form", "delivery_channel",
        ]
        return {k: (data.get(k) or "") for k in keys}


class IdentityProofField(forms.FileField):
    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            validators.sniff_upload(uploaded)
        return uploaded


class PublicApplicationForm(ApplicantFieldsMixin):
    identity_proof = IdentityProofField(
        label=_("身份证明"),
        help_text=_("身份证件或营业执照等的扫描件或照片，PDF、JPG 或 PNG 格式。"),
        error_messages={"required": _("请上传身份证明。")},
    )
    declaration = forms.BooleanField(
        label=_("本人（本单位）承诺所填信息真实有效。"), error_messages={"required": _("请确认承诺后提交。")}
    )
    captcha_answer = forms.CharField(label=_("验证问题"), max_length=4, required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)


class StatusLookupForm(forms.Form):
    tracking_number = forms.CharField(label=_("受理编号"), max_length=32)
    query_code = forms.CharField(label=_("查询码"), max_length=20, widget=forms.PasswordInput(render_value=False))


class RegistrationForm(ApplicantFieldsMixin):
    """Officers register applications that came in person, by post or fax (第31条)."""

    channel = forms.ChoiceField(
        label=_("申请渠道"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        help_text=" ".join(f"{c.label}：{RECEIPT_DATE_RULES[c]}" for c in Channel if c != Channel.ONLINE),
    )
    received_on = forms.DateField(
        label=_("收到申请之日"), widget=DATE_INPUT, error_messages={"invalid": _("日期格式不正确，应为 YYYY-MM-DD。")}
    )
    external_reference = forms.CharField(label=_("来件编号（挂号信单号、传真号等）"), max_length=64, required=False)
    agency = forms.ModelChoiceField(label=_("受理机关"), queryset=None)
    pieces = forms.IntegerField(label=_("申请件数"), min_value=1, max_value=500, initial=1)
    identity_proof = IdentityProofField(label=_("身份证明（扫描件）"), required=False)
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None, required=False)

    def __init__(self, *args, officers=None, **kwargs):
        from wagtail_gk.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.all()
        self.fields["assignee"].queryset = officers
        self.fields["address"].required = False

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("收到申请之日不能晚于今天（第三十一条按实际收到或确认之日确定）。"))
        return day


# --- workspace action forms ------------------------------------------------------


class _DayForm(forms.Form):
    on = forms.DateField(
        label=_("日期"), widget=DATE_INPUT, error_messages={"invalid": _("日期格式不正确，应为 YYYY-MM-DD。")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class RequestCorrectionForm(_DayForm):
    items = forms.CharField(label=_("需补正的事项"), widget=forms.Textarea(attrs={"rows": 3}))
    period_days = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=60, required=False)


class NoteDayForm(_DayForm):
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class StartConsultationForm(_DayForm):
    kind = forms.ChoiceField(label=_("类型"), choices=ConsultationKind.choices)
    party = forms.CharField(label=_("被征求意见方"), max_length=200)


class EndConsultationForm(_DayForm):
    consultation = forms.TypedChoiceField(label=_("征求意见"), coerce=int, choices=())
    result = forms.ChoiceField(label=_("意见"), choices=ConsultationResult.choices)
    opinion = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_obj is not None:
            self.fields["consultation"].choices = [
                (c.pk, f"{c.party}（{c.get_kind_display()}）") for c in request_obj.consultations.filter(answered_on__isnull=True)
            ]


class ExtensionForm(_DayForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=20, initial=20)
    approved_by = forms.CharField(label=_("批准人（公开工作机构负责人）"), max_length=100)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class AcceptReasonsForm(NoteDayForm):
    reasonable_due_on = forms.DateField(label=_("确定的答复期限"), widget=DATE_INPUT)


class FeeNoticeForm(_DayForm):
    method = forms.ChoiceField(label=_("收费方式"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(label=_("件数或页数"), min_value=1)


class ReplyForm(_DayForm):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=[("", "---------")] + [(o.value, o.label) for o in REPLY_OUTCOMES])
    reasons = forms.CharField(label=_("理由与依据"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    published_where = forms.CharField(label=_("获取方式、途径（已公开或提供方式）"), max_length=300, required=False)
    responsible_agency = forms.CharField(label=_("负责公开的机关及联系方式"), max_length=300, required=False)
    withheld = forms.CharField(
        label=_("不予公开的部分（部分公开时填写）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一项：内容｜情形编号｜理由，情形编号如 3.4（保护第三方合法权益）。"),
    )

    def clean_withheld(self):
        parts = []
        grounds = {o.value for o in REFUSAL_OUTCOMES}
        for lineno, line in enumerate((self.cleaned_data.get("withheld") or "").splitlines(), start=1):
            if not line.strip():
                continue
            cells = [c.strip() for c in line.replace("|", "｜").split("｜")]
            if len(cells) != 3 or cells[1] not in grounds:
                raise forms.ValidationError(
                    _("第 %(n)d 行格式不正确：应为“内容｜情形编号（3.1–3.8）｜理由”。") % {"n": lineno}
                )
            parts.append(tuple(cells))
        return parts


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None, required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class NoteForm(forms.Form):
    text = forms.CharField(label=_("备注"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=RequestAttachment.Kind.choices)
    title = forms.CharField(label=_("名称"), max_length=200, required=False)
    file = IdentityProofField(label=_("文件（PDF、JPG、PNG）"))
    pages = forms.IntegerField(label=_("页数"), min_value=0, required=False)


class IssueDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("文书"), choices=())
    note = forms.CharField(label=_("补充说明（填入模板的 {{ note }}）"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "title", "addressee", "body", "numbered", "show_remedy"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
