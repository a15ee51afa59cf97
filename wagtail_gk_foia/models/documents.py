"""Standard documents (规范文书): the office's editable templates, the
documents issued from them, and the per-year document number sequence."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


class DocumentKind(models.TextChoices):
    REGISTRATION_FORM = "registration_form", _("政府信息公开申请登记表")
    RECEIPT = "receipt", _("政府信息公开申请接收回执")
    CORRECTION = "correction", _("政府信息公开申请补正告知书")
    REASONS = "reasons", _("政府信息公开申请说明理由告知书")
    EXTENSION = "extension", _("延期答复告知书")
    DELAYED_REPLY = "delayed_reply", _("延迟答复告知书")
    THIRD_PARTY_CONSULTATION = "third_party_consultation", _("征求意见书（第三方）")
    CONSULTATION_CONFIRMATION = "consultation_confirmation", _("征求意见确认函")
    APPLICANT_CONSULTATION_NOTICE = "applicant_consultation_notice", _("征求意见告知书（申请人）")
    THIRD_PARTY_DISCLOSURE_NOTICE = "third_party_disclosure_notice", _("依申请公开告知书（第三方）")
    CO_PRODUCER_CONSULTATION = "co_producer_consultation", _("征求意见书（共同制作机关）")
    ASSISTANCE_LETTER = "assistance_letter", _("协办函")
    FEE_NOTICE = "fee_notice", _("收费通知书")
    REPLY_DISCLOSED = "reply_disclosed", _("予以公开告知书")
    REPLY_ALREADY_PUBLISHED = "reply_already_published", _("已主动公开告知书")
    REPLY_PARTIAL = "reply_partial", _("部分公开告知书")
    REPLY_WITHHELD = "reply_withheld", _("不予公开告知书")
    REPLY_NOT_EXIST = "reply_not_exist", _("信息不存在告知书")
    REPLY_NOT_RESPONSIBLE = "reply_not_responsible", _("非本机关负责公开告知书")
    REPLY_NEEDS_CREATION = "reply_needs_creation", _("需另行制作信息告知书")
    REPLY_STILL_UNCLEAR = "reply_still_unclear", _("补正后申请内容仍不明确告知书")
    REPLY_NOT_A_REQUEST = "reply_not_a_request", _("不作为政府信息公开申请处理告知书")
    REPLY_REPEAT = "reply_repeat", _("重复申请告知书")
    REPLY_PUBLICATION = "reply_publication", _("公开出版物获取途径告知书")
    REPLY_NOT_HANDLED = "reply_not_handled", _("不予处理告知书")
    REPLY_CONFIRMATION = "reply_confirmation", _("不予确认或重新出具告知书")
    REPLY_SPECIAL_LAW = "reply_special_law", _("按特别规定办理告知书")
    ABANDONED_NOTICE = "abandoned_notice", _("视为放弃申请告知书")
    UNPAID_NOTICE = "unpaid_notice", _("逾期未缴费终止处理告知书")
    WITHDRAWAL_CONFIRMATION = "withdrawal_confirmation", _("撤回申请确认书")


# Reply documents suited to each outcome leaf; the first is the default.
OUTCOME_DOCUMENTS = {
    "1": [DocumentKind.REPLY_DISCLOSED, DocumentKind.REPLY_ALREADY_PUBLISHED],
    "2": [DocumentKind.REPLY_PARTIAL],
    **{f"3.{i}": [DocumentKind.REPLY_WITHHELD] for i in range(1, 9)},
    "4.1": [DocumentKind.REPLY_NOT_EXIST, DocumentKind.REPLY_NOT_RESPONSIBLE],
    "4.2": [DocumentKind.REPLY_NEEDS_CREATION],
    "4.3": [DocumentKind.REPLY_STILL_UNCLEAR],
    "5.1": [DocumentKind.REPLY_NOT_A_REQUEST],
    "5.2": [DocumentKind.REPLY_REPEAT],
    "5.3": [DocumentKind.REPLY_PUBLICATION],
    "5.4": [DocumentKind.REPLY_NOT_HANDLED],
    "5.5": [DocumentKind.REPLY_CONFIRMATION],
    "6.1": [DocumentKind.ABANDONED_NOTICE],
    "6.2": [DocumentKind.UNPAID_NOTICE],
    "6.3": [DocumentKind.REPLY_SPECIAL_LAW, DocumentKind.WITHDRAWAL_CONFIRMATION],
}

# Documents addressed to someone other than the applicant (not on the status page).
INTERNAL_KINDS = frozenset(
    {
        DocumentKind.REGISTRATION_FORM,
        DocumentKind.THIRD_PARTY_CONSULTATION,
        DocumentKind.CONSULTATION_CONFIRMATION,
        DocumentKind.THIRD_PARTY_DISCLOSURE_NOTICE,
        DocumentKind.CO_PRODUCER_CONSULTATION,
        DocumentKind.ASSISTANCE_LETTER,
    }
)


def validate_template_syntax(value):
    from ..documents import compile_body

    try:
        compile_body(value)
    except Exception as exc:  # TemplateSyntaxError and friends
        raise ValidationError(_("模板语法错误：%(error)s") % {"error": exc}) from exc


class DocumentTemplate(models.Model):
    """The wording of one kind of standard document, editable by the office.

    ``body`` is text with placeholders in Django template syntax, e.g.
    ``{{ applicant }}``, ``{{ received_on }}``, ``{% for part in withheld_parts %}``;
    ``docs/foia.md`` lists every placeholder. Paragraphs are separated by a blank line.
    """

    kind = models.CharField(_("文书种类"), max_length=40, choices=DocumentKind.choices, unique=True)
    title = models.CharField(_("文书标题"), max_length=100)
    addressee = models.CharField(
        _("抬头"), max_length=200, blank=True, help_text=_("如“{{ applicant }}：”，留空则不加抬头。")
    )
    body = models.TextField(_("正文"), validators=[validate_template_syntax])
    numbered = models.BooleanField(_("编文号"), default=True)
    show_remedy = models.BooleanField(_("附救济途径"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["kind"]

    def __str__(self):
        return self.title or self.get_kind_display()


class DocumentNumberSequence(models.Model):
    """Last serial used for a document number prefix in a year; never goes back."""

    prefix = models.CharField(max_length=60)
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="gk_foia_docnumber_unique")]

    def __str__(self):
        return f"{self.prefix}〔{self.year}〕{self.last_serial}"


def issued_document_path(instance, filename):
    return f"documents/{instance.request_id}/{uuid.uuid4().hex[:8]}-{filename}"


class IssuedDocument(models.Model):
    """A document produced for a request, kept as DOCX and PDF with its number."""

    request = models.ForeignKey("wagtail_gk_foia.DisclosureRequest", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书种类"), max_length=40, choices=DocumentKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    number = models.CharField(_("文号"), max_length=100, blank=True)
    number_prefix = models.CharField(max_length=60, blank=True)
    number_year = models.PositiveIntegerField(null=True, blank=True)
    number_serial = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("文书内容"))
    docx = models.FileField(storage=private_storage, upload_to=issued_document_path, max_length=300)
    pdf = models.FileField(storage=private_storage, upload_to=issued_document_path, max_length=300)
    issued_on = models.DateField(_("落款日期"))
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("已出具文书")
        verbose_name_plural = _("已出具文书")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_prefix", "number_year", "number_serial"],
                condition=models.Q(number_serial__isnull=False),
                name="gk_foia_document_number_unique",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.number}".strip()

    @property
    def for_applicant(self) -> bool:
        return self.kind not in INTERNAL_KINDS
