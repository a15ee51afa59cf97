"""Matching published policies to subscribers and delivering notifications.

Matching rule (documented in ``docs/policy.md``): a policy in force matches
a subscription when the policy is in the subscription's package (hand-picked
or through the package's tags), or when they share a tag other than a
region; region tags narrow instead — if both sides name regions, one must be
common.

Channels: email to the subscriber's address; the host's SMS/WeChat gateway
(``GK_POLICY_NOTIFY_WEBHOOK_URL``) for a subscriber's phone number. Each
delivery is created once (a unique constraint guards against a second
publish) and retried with exponential back-off.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail_gk.links import page_public_url, public_url

from .conf import policy_setting
from .models import (
    PolicyAudienceTag,
    PolicyDelivery,
    PolicyDocumentPage,
    PolicyPackage,
    PolicySubscription,
)

logger = logging.getLogger("wagtail_gk.policy.notifications")


def absolute_url(path: str, page=None) -> str:
    """*path* on the public base URL of *page*'s site (the default site without one)."""
    return public_url(path, page=page)


def _tag_match(policy_tags: dict[str, set[int]], subscription_tags: dict[str, set[int]]) -> bool:
    region = PolicyAudienceTag.Kind.REGION
    policy_regions, subscriber_regions = policy_tags.get(region, set()), subscription_tags.get(region, set())
    if policy_regions and subscriber_regions and not policy_regions & subscriber_regions:
        return False
    policy_other = set().union(*(ids for kind, ids in policy_tags.items() if kind != region))
    subscriber_other = set().union(*(ids for kind, ids in subscription_tags.items() if kind != region))
    if policy_other & subscriber_other:
        return True
    # Only regions named on both sides (e.g. "杨和镇" and nothing else): a match.
    return bool(policy_regions & subscriber_regions) and not policy_other and not subscriber_other


def _tags_by_kind(tags) -> dict[str, set[int]]:
    grouped: dict[str, set[int]] = {}
    for tag_id, kind in tags:
        grouped.setdefault(kind, set()).add(tag_id)
    return grouped


def subscription_matches(subscription: PolicySubscription, policy: PolicyDocumentPage) -> bool:
    if policy.is_repealed:
        return False
    if subscription.package_id and subscription.package.live_policies().filter(pk=policy.pk).exists():
        return True
    return _tag_match(
        _tags_by_kind(policy.audience_tags.values_list("pk", "kind")),
        _tags_by_kind(subscription.tags.values_list("pk", "kind")),
    )


def matching_subscriptions(policy: PolicyDocumentPage) -> list[PolicySubscription]:
    tag_ids = list(policy.audience_tags.values_list("pk", flat=True))
    package_ids = list(
        PolicyPackage.objects.filter(Q(policies=policy) | Q(target_tags__in=tag_ids)).values_list("pk", flat=True)
    )
    candidates = (
        PolicySubscription.objects.filter(is_active=True)
        .filter(Q(tags__in=tag_ids) | Q(package_id__in=package_ids))
        .distinct()
        .select_related("package")
    )
    return [s for s in candidates if subscription_matches(s, policy)]


def policies_for_subscription(subscription: PolicySubscription):
    """Live policies in force that match *subscription*, newest first (its package page)."""
    tag_ids = list(subscription.tags.values_list("pk", flat=True))
    chosen = Q(audience_tags__in=tag_ids)
    if subscription.package_id:
        # A pk subquery: the package's queryset is distinct and ordered, which cannot be OR-ed in.
        chosen |= Q(pk__in=subscription.package.live_policies().order_by().values("pk"))
    candidates = PolicyDocumentPage.objects.live().filter(chosen).distinct().select_related("publishing_agency")
    matched = [p for p in candidates if subscription_matches(subscription, p)]
    return sorted(matched, key=lambda p: p.effective_release_date or datetime.date.min, reverse=True)


def create_deliveries(page_id: int) -> list[PolicyDelivery]:
    """One delivery per channel for each matching subscription that has not
    had this policy yet."""
    policy = PolicyDocumentPage.objects.live().filter(pk=page_id).first()
    if policy is None or policy.is_repealed:
        return []
    webhook = bool(policy_setting("GK_POLICY_NOTIFY_WEBHOOK_URL"))
    created = []
    for subscription in matching_subscriptions(policy):
        channels = []
        if subscription.email:
            channels.append(PolicyDelivery.Channel.EMAIL)
        if subscription.phone and webhook:
            channels.append(PolicyDelivery.Channel.WEBHOOK)
        for channel in channels:
            try:
                with transaction.atomic():
                    created.append(PolicyDelivery.objects.create(subscription=subscription, policy=policy, channel=channel))
            except IntegrityError:
                continue  # already notified about this policy
    return created


def notification_context(delivery: PolicyDelivery) -> dict:
    subscription, policy = delivery.subscription, delivery.policy
    return {
        "subscription": subscription,
        "policy": policy,
        "policy_url": page_public_url(policy),
        "package_url": absolute_url(reverse("wagtail_gk_policy:subscription", args=[subscription.token]), page=policy),
        "unsubscribe_url": absolute_url(reverse("wagtail_gk_policy:unsubscribe", args=[subscription.token]), page=policy),
    }


def _send_email(delivery: PolicyDelivery) -> None:
    context = notification_context(delivery)
    subject = render_to_string("wagtail_gk_policy/emails/new_policy_subject.txt", context).strip()
    body = render_to_string("wagtail_gk_policy/emails/new_policy.txt", context)
    sender = policy_setting("GK_POLICY_NOTIFY_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL
    send_mail(subject, body, sender, [delivery.subscription.email], fail_silently=False)


def webhook_payload(delivery: PolicyDelivery) -> dict:
    context = notification_context(delivery)
    policy = delivery.policy
    return {
        "event": "policy.published",
        "delivery_id": delivery.pk,
        "recipient": {"name": delivery.subscription.name, "phone": delivery.subscription.phone},
        "policy": {
            "id": policy.pk,
            "title": policy.title,
            "document_number": policy.document_number,
            "agency": policy.publishing_agency.name if policy.publishing_agency_id else "",
            "release_date": policy.effective_release_date.isoformat() if policy.effective_release_date else None,
            "url": context["policy_url"],
        },
        "package_url": context["package_url"],
        "unsubscribe_url": context["unsubscribe_url"],
    }


def _post_webhook(delivery: PolicyDelivery) -> None:
    url = policy_setting("GK_POLICY_NOTIFY_WEBHOOK_URL")
    if not url.startswith(("http://", "https://")):
        raise ValueError("GK_POLICY_NOTIFY_WEBHOOK_URL must be an http(s) URL")
    body = json.dumps(webhook_payload(delivery), ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8"}
    secret = policy_setting("GK_POLICY_NOTIFY_WEBHOOK_SECRET")
    if secret:
        headers["X-GK-Signature"] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked above
    with urllib.request.urlopen(request, timeout=policy_setting("GK_POLICY_NOTIFY_WEBHOOK_TIMEOUT")) as response:  # noqa: S310
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(url, response.status, "unexpected status", response.headers, None)


def attempt_delivery(delivery_id: int) -> tuple[str, float | None]:
    """Send delivery *delivery_id* once. Returns its new status and, when it
    should be retried, the seconds to wait."""
    with transaction.atomic():
        delivery = (
            PolicyDelivery.objects.select_for_update()
            .select_related("subscription", "policy")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (PolicyDelivery.Status.SENT, PolicyDelivery.Status.CANCELLED):
            return (delivery.status if delivery else "missing"), None
        if not delivery.subscription.is_active:
            delivery.status = PolicyDelivery.Status.CANCELLED
            delivery.save(update_fields=["status"])
            return delivery.status, None
        delivery.attempts += 1
        try:
            if delivery.channel == PolicyDelivery.Channel.EMAIL:
                _send_email(delivery)
            else:
                _post_webhook(delivery)
        except Exception as exc:  # noqa: BLE001 - any failure of the channel is recorded and retried
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if delivery.attempts >= policy_setting("GK_POLICY_NOTIFY_MAX_ATTEMPTS"):
                delivery.status = PolicyDelivery.Status.FAILED
                delivery.next_attempt_at = None
                retry_in = None
            else:
                delivery.status = PolicyDelivery.Status.RETRYING
                retry_in = policy_setting("GK_POLICY_NOTIFY_RETRY_SECONDS") * 2 ** (delivery.attempts - 1)
                delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=retry_in)
            logger.warning("Policy notification %s failed (attempt %d): %s", delivery.pk, delivery.attempts, delivery.last_error)
        else:
            delivery.status = PolicyDelivery.Status.SENT
            delivery.sent_at = timezone.now()
            delivery.next_attempt_at = None
            retry_in = None
        delivery.save(update_fields=["attempts", "status", "last_error", "next_attempt_at", "sent_at"])
        return delivery.status, retry_in


def due_deliveries():
    """Deliveries waiting for a retry whose time has come (for ``gk_policy_deliver``)."""
    now = timezone.now()
    # Pending ones are normally sent by their task within seconds; pick up
    # only those a lost task left behind.
    stale = now - datetime.timedelta(minutes=10)
    return PolicyDelivery.objects.filter(
        Q(status=PolicyDelivery.Status.PENDING, created_at__lte=stale)
        | Q(status=PolicyDelivery.Status.RETRYING, next_attempt_at__lte=now)
    )
