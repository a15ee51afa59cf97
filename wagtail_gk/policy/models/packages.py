"""Policy packages (政策包) and subscriptions (政策直通车).

An editor builds a :class:`PolicyPackage` for a target group (tags and
hand-picked policies). A :class:`PolicySubscription` is an enterprise or a
resident who wants new matching policies pushed to them by email or through
the host's SMS/WeChat gateway (a webhook). Each push is a
:class:`PolicyDelivery`: at most one per subscription and policy, retried on
failure, and visible to staff.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import PolicyAudienceTag, PolicyDocumentPage


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PolicyPackage(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True, allow_unicode=False)
    description = models.TextField(_("说明"), blank=True)
    target_tags = models.ManyToManyField(
        PolicyAudienceTag,
        verbose_name=_("面向对象标签"),
        blank=True,
        related_name="packages",
        help_text=_("带有其中任一标签的已发布政策自动进入本政策包。"),
    )
    policies = models.ManyToManyField(
        PolicyDocumentPage, verbose_name=_("精选政策"), blank=True, related_name="packages"
    )
    is_public = models.BooleanField(_("在订阅页展示"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("政策包")
        verbose_name_plural = _("政策包")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def live_policies(self):
        """Live policies in the package: hand-picked ones and every policy
        that carries one of the target tags; in-force ones first."""
        chosen = models.Q(pk__in=self.policies.values("pk"))
        tag_ids = list(self.target_tags.values_list("pk", flat=True))
        if tag_ids:
            chosen |= models.Q(audience_tags__in=tag_ids)
        return (
            PolicyDocumentPage.objects.live()
            .filter(chosen)
            .distinct()
            .select_related("publishing_agency")
            .order_by("-release_date", "-first_published_at")
        )


class PolicySubscription(models.Model):
    name = models.CharField(_("称呼或单位名称"), max_length=100)
    email = models.EmailField(_("电子邮箱"), blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True, help_text=_("通过本站短信/微信网关推送。"))
    tags = models.ManyToManyField(PolicyAudienceTag, verbose_name=_("关注标签"), blank=True, related_name="subscriptions")
    package = models.ForeignKey(
        PolicyPackage,
        verbose_name=_("订阅的政策包"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("订阅时间"), default=timezone.now)
    unsubscribed_at = models.DateTimeField(_("退订时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("政策订阅")
        verbose_name_plural = _("政策订阅")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def masked_contact(self) -> str:
        """Contact for people without the right to see personal data."""
        parts = []
        if self.email:
            local, _sep, domain = self.email.partition("@")
            parts.append(f"{local[:1]}***@{domain}")
        if self.phone:
            parts.append(f"{self.phone[:3]}****{self.phone[-4:]}")
        return " / ".join(parts)


class PolicyDelivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("电子邮件")
        WEBHOOK = "webhook", _("短信/微信网关")

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        RETRYING = "retrying", _("等待重试")
        FAILED = "failed", _("发送失败")
        CANCELLED = "cancelled", _("已取消")

    subscription = models.ForeignKey(PolicySubscription, verbose_name=_("订阅"), on_delete=models.CASCADE, related_name="deliveries")
    policy = models.ForeignKey(PolicyDocumentPage, verbose_name=_("政策"), on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "policy", "channel"], name="wagtail_gk_policy_delivery_once"),
        ]

    def __str__(self):
        return f"{self.subscription} · {self.policy}"
