"""A disclosure request (政府信息公开申请) and what hangs off it.

The request row holds the application of 第29条, the state of the procedure
and the dates that drive the deadlines. Everything that happens to it is a
:class:`RequestEvent` (and a ledger entry); the procedure itself lives in
:mod:`wagtail_gk_foia.services`, never in views.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .choices import (
    ApplicantType,
    Channel,
    ConsultationKind,
    ConsultationResult,
    DeliveryChannel,
    DeliveryForm,
    FeeMethod,
    IdType,
    Outcome,
    Status,
)


def identity_proof_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"identity/{uuid.uuid4().hex}.{ext}"


def attachment_path(instance, filename):
    return f"attachments/{uuid.uuid4().hex}/{filename}"


class DisclosureRequestQuerySet(models.QuerySet):
    def open(self):
        from .choices import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        from .choices import CLOSED_STATUSES

        return self.filter(status__in=CLOSED_STATUSES)


class DisclosureRequest(models.Model):
    # --- identity of the request -------------------------------------------------
    tracking_number = models.CharField(_("受理编号"), max_length=32, unique=True)
    query_code_hash = models.CharField(_("查询码摘要"), max_length=64, editable=False)
    agency = models.ForeignKey(
        "wagtail_gk.Agency", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    channel = models.CharField(_("申请渠道"), max_length=24, choices=Channel.choices, default=Channel.ONLINE)
    external_reference = models.CharField(
        _("来件编号"), max_length=64, blank=True, help_text=_("挂号信单号、传真号等，便于核对。")
    )
    received_on = models.DateField(_("收到申请之日"), help_text=_("按第三十一条确定。"))
    receipt_date_basis = models.CharField(_("收到日期的确定方式"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # --- applicant (personal data: officers only) -------------------------------
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("姓名/名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码/统一社会信用代码"), max_length=40)
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    identity_proof = models.FileField(
        _("身份证明"), storage=private_storage, upload_to=identity_proof_path, blank=True, max_length=200
    )
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False)

    # --- what is asked for --------------------------------------------------------
    information_title = models.CharField(_("所需信息名称"), max_length=200)
    document_reference = models.CharField(_("文号"), max_length=100, blank=True)
    description = models.TextField(_("所需信息的特征性描述"))
    delivery_form = models.CharField(_("获取信息的方式"), max_length=16, choices=DeliveryForm.choices)
    delivery_channel = models.CharField(_("获取信息的途径"), max_length=16, choices=DeliveryChannel.choices)
    pieces = models.PositiveSmallIntegerField(_("申请件数"), default=1)
    accessible_version = models.BooleanField(_("通过无障碍版提交"), default=False)

    # --- procedure ----------------------------------------------------------------
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.REGISTERED, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_disclosure_requests",
    )
    clock_started_on = models.DateField(_("答复期限起算日"), help_text=_("收到申请或收到补正申请之日。"))
    correction_requested_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_items = models.TextField(_("需补正事项"), blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_period_days = models.PositiveSmallIntegerField(
        _("Correction period (working days)"), null=True, blank=True,
        help_text=_("Kept so that the correction deadline can be recomputed when a holiday schedule is imported."),
    )
    corrected_on = models.DateField(_("收到补正之日"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_approved_by = models.CharField(_("延期批准人"), max_length=100, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    reasonable_due_on = models.DateField(
        _("第三十五条确定的答复期限"), null=True, blank=True, help_text=_("申请理由合理但无法按期答复时确定的延迟答复期限。")
    )
    reply_due_on = models.DateField(_("应答复日期"), null=True, blank=True, db_index=True)
    due_explanation = models.JSONField(_("期限计算说明"), default=list, blank=True)

    fee_method = models.CharField(_("收费方式"), max_length=8, choices=FeeMethod.choices, blank=True)
    fee_quantity = models.PositiveIntegerField(_("计费数量"), default=0)
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2, default=0)
    fee_explanation = models.JSONField(_("收费计算说明"), default=list, blank=True)
    fee_notice_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_due_on = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    outcome = models.CharField(_("办理结果"), max_length=4, choices=Outcome.choices, blank=True, db_index=True)
    outcome_reasons = models.TextField(_("答复理由与依据"), blank=True)
    published_where = models.CharField(_("已公开的获取途径"), max_length=300, blank=True)
    responsible_agency = models.CharField(_("负责公开的行政机关及联系方式"), max_length=300, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    objects = DisclosureRequestQuerySet.as_manager()

    # Wagtail's reference index would add a task and four queries to every
    # registration and state change, for links (agency, officers) that the
    # workspace shows itself; the agency's PROTECT keeps it from being deleted.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-pk"]
        permissions = [
            ("view_applicant_data", _("查看申请人个人信息")),
            ("approve_extension", _("登记延期答复的批准")),
            ("view_foia_report", _("查看依申请公开年度报表")),
        ]
        indexes = [models.Index(fields=["applicant_key", "received_on"], name="gk_foia_applicant_month")]

    def __str__(self):
        return f"{self.tracking_number} {self.information_title}"

    @property
    def reply_due_is_provisional(self) -> bool:
        """The reply date reaches a year whose holiday schedule is not imported yet (暂定)."""
        from wagtail_gk import workdays

        return self.is_open and workdays.is_provisional(self.reply_due_on)

    @property
    def is_open(self) -> bool:
        from .choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES

    @property
    def is_read_only(self) -> bool:
        return self.status == Status.ARCHIVED

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    @property
    def masked_applicant(self) -> str:
        """The applicant's name with all but the first character hidden, for lists."""
        name = self.applicant_name or ""
        return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


class TrackingSequence(models.Model):
    """Last serial of tracking numbers handed out in a year; serials never repeat."""

    year = models.PositiveIntegerField(unique=True)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("受理编号序列")
        verbose_name_plural = _("受理编号序列")

    def __str__(self):
        return f"{self.year}: {self.last_serial}"


class UsedFormToken(models.Model):
    """A public form's one-time token, stored with the request it created so a
    second submission of the same form is refused (double submit, replay)."""

    nonce = models.CharField(max_length=32, unique=True)
    request = models.ForeignKey(DisclosureRequest, null=True, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.nonce


class RequestEvent(models.Model):
    """One step of the procedure, shown as the request's timeline."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=40)
    label = models.CharField(_("说明"), max_length=200)
    from_status = models.CharField(_("原状态"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Status.choices, blank=True)
    detail = models.TextField(_("详情"), blank=True)
    ledger_entry_id = models.BigIntegerField(null=True, blank=True)
    public = models.BooleanField(_("申请人可见"), default=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.label}"


class Consultation(models.Model):
    """A consultation of a third party or another agency; its time is not counted (第33条)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("征求意见类型"), max_length=16, choices=ConsultationKind.choices)
    party = models.CharField(_("被征求意见方"), max_length=200)
    sent_on = models.DateField(_("发出日期"))
    answer_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    answered_on = models.DateField(_("结束日期"), null=True, blank=True)
    result = models.CharField(_("意见"), max_length=12, choices=ConsultationResult.choices, blank=True)
    opinion = models.TextField(_("意见内容"), blank=True)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.party} ({self.sent_on})"


class ClockPause(models.Model):
    """A period in which the reply clock does not run (consultation, fee notice)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(_("原因"), max_length=100)
    started_on = models.DateField(_("开始"))
    ended_on = models.DateField(_("结束"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self):
        return f"{self.reason} {self.started_on}–{self.ended_on or ''}"


class RequestNote(models.Model):
    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("备注"))

    class Meta:
        verbose_name = _("办理备注")
        verbose_name_plural = _("办理备注")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class RequestAttachment(models.Model):
    """A file of the information provided to the applicant, or incoming material."""

    class Kind(models.TextChoices):
        PROVIDED = "provided", _("提供的政府信息")
        INCOMING = "incoming", _("申请材料/补正材料")
        OPINION = "opinion", _("征求意见回复")
        OTHER = "other", _("其他")

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.PROVIDED)
    title = models.CharField(_("名称"), max_length=200)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=attachment_path, max_length=300)
    pages = models.PositiveIntegerField(_("页数"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class WithheldPart(models.Model):
    """Part of the requested information withheld in a partial disclosure (第37条)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="withheld_parts")
    description = models.CharField(_("不予公开的内容"), max_length=300)
    ground = models.CharField(
        _("不予公开的情形"),
        max_length=4,
        choices=[(o.value, o.label) for o in Outcome if o.value.startswith("3.")],
    )
    reason = models.TextField(_("理由与依据"))

    class Meta:
        verbose_name = _("不予公开部分")
        verbose_name_plural = _("不予公开部分")
        ordering = ["pk"]

    def __str__(self):
        return self.description


class PersonalDataAccess(models.Model):
    """Every time an officer sees an applicant's personal data (个人信息查看记录)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="personal_data_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=50)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = _("个人信息查看记录")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.request_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """A reminder already sent, so the daily task never sends the same one twice."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=24)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "due_on"], name="gk_foia_reminder_once"),
        ]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.due_on}"
