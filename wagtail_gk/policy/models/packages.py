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
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=60, unique=True, allow_unicode=False)
    description = models.TextField(_("Description"), blank=True)
    target_tags = models.ManyToManyField(
        PolicyAudienceTag,
        verbose_name=_("Target audience tags"),
        blank=True,
        related_name="packages",
        help_text=_("Published policies with any of these tags are added to this package automatically."),
    )
    policies = models.ManyToManyField(
        PolicyDocumentPage, verbose_name=_("Featured policies"), blank=True, related_name="packages"
    )
    is_public = models.BooleanField(_("Show on the subscription page"), default=True)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Policy package")
        verbose_name_plural = _("Policy package")
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
    name = models.CharField(_("Name or organization"), max_length=100)
    email = models.EmailField(_("Subscriber email"), blank=True)
    phone = models.CharField(_("Mobile number"), max_length=20, blank=True, help_text=_("Sent through the site's SMS/WeChat gateway."))
    tags = models.ManyToManyField(PolicyAudienceTag, verbose_name=_("Tags followed"), blank=True, related_name="subscriptions")
    package = models.ForeignKey(
        PolicyPackage,
        verbose_name=_("Subscribed policy package"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    is_active = models.BooleanField(_("In force"), default=True)
    created_at = models.DateTimeField(_("Subscribed at"), default=timezone.now)
    unsubscribed_at = models.DateTimeField(_("Unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Policy subscription")
        verbose_name_plural = _("Policy subscription")
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
        EMAIL = "email", _("Email")
        WEBHOOK = "webhook", _("SMS/WeChat gateway")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Waiting to retry")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    subscription = models.ForeignKey(PolicySubscription, verbose_name=_("Subscribe"), on_delete=models.CASCADE, related_name="deliveries")
    policy = models.ForeignKey(PolicyDocumentPage, verbose_name=_("Policy"), on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("Channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("Status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    last_error = models.TextField(_("Last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("Next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Delivery log")
        verbose_name_plural = _("Delivery log")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "policy", "channel"], name="wagtail_gk_policy_delivery_once"),
        ]

    def __str__(self):
        return f"{self.subscription} · {self.policy}"
