"""Policy packages (政策包) and subscriptions (政策直通车): matching,
one notification per policy, unsubscribe links, the webhook channel,
retries visible to staff, and the periodic retry job."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from wagtail_gk.policy.models import (
    PolicyAudienceTag,
    PolicyDelivery,
    PolicyPackage,
    PolicySubscription,
)
from wagtail_gk.policy.notifications import attempt_delivery


@pytest.fixture
def tags(db):
    return {
        name: PolicyAudienceTag.objects.create(kind=kind, name=name)
        for kind, name in [("group", "低保户"), ("group", "农户"), ("industry", "养殖业"), ("region", "杨和镇"), ("region", "望洪镇")]
    }


@pytest.fixture
def subscribers(tags):
    dibao = PolicySubscription.objects.create(name="低保户李某", email="li@example.com")
    dibao.tags.set([tags["低保户"], tags["望洪镇"]])
    farmer = PolicySubscription.objects.create(name="养殖合作社", email="coop@example.com", phone="13800000000")
    farmer.tags.set([tags["养殖业"], tags["杨和镇"]])
    return dibao, farmer


def publish_tagged(make_policy, tag_list, django_capture_on_commit_callbacks, **kwargs):
    page = make_policy(kwargs.pop("title", "关于提高城乡低保标准的通知"), publish=False, **kwargs)
    page.audience_tags.set(tag_list)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_matching_subscribers_get_one_email_with_unsubscribe_link(make_policy, tags, subscribers, django_capture_on_commit_callbacks):
    dibao, farmer = subscribers
    page = publish_tagged(make_policy, [tags["低保户"], tags["望洪镇"]], django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["li@example.com"]]
    message = mail.outbox[0]
    assert page.title in message.subject + message.body
    assert f"/policy/subscriptions/{dibao.token}/unsubscribe/" in message.body
    assert PolicyDelivery.objects.get().status == PolicyDelivery.Status.SENT
    # A correction re-publishes: nobody hears twice.
    page.title += "（修正）"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(mail.outbox) == 1 and PolicyDelivery.objects.count() == 1


def test_region_narrows_and_repealed_policies_are_not_pushed(make_policy, tags, subscribers, django_capture_on_commit_callbacks):
    publish_tagged(make_policy, [tags["低保户"], tags["杨和镇"]], django_capture_on_commit_callbacks, title="杨和镇低保")
    assert mail.outbox == []  # 低保户 in 望洪镇 is not told about 杨和镇
    publish_tagged(make_policy, [tags["低保户"]], django_capture_on_commit_callbacks, title="废止", validity="repealed")
    assert mail.outbox == []


def test_package_subscription_and_pages(client, make_policy, tags, django_capture_on_commit_callbacks):
    package = PolicyPackage.objects.create(name="农户政策包", slug="nonghu")
    package.target_tags.set([tags["农户"]])
    response = client.post("/policy/subscribe/", {"name": "张三", "email": "zs@example.com", "package": package.pk, "consent": "on"})
    subscription = PolicySubscription.objects.get(name="张三")
    assert response.status_code == 302 and response["Location"].endswith(f"/policy/subscriptions/{subscription.token}/")
    page = publish_tagged(make_policy, [tags["农户"]], django_capture_on_commit_callbacks, title="耕地地力保护补贴")
    assert [m.to for m in mail.outbox] == [["zs@example.com"]]
    assert page.title in client.get(f"/policy/subscriptions/{subscription.token}/").content.decode()
    assert page.title in client.get("/policy/packages/nonghu/").content.decode()
    client.post(f"/policy/subscriptions/{subscription.token}/unsubscribe/")
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.unsubscribed_at
    publish_tagged(make_policy, [tags["农户"]], django_capture_on_commit_callbacks, title="另一项补贴")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "甲", "consent": "on", "tags": []}, "至少填写电子邮箱或手机号码"),
        ({"name": "甲", "email": "a@example.com", "consent": "on"}, "至少选择一个关注标签或一个政策包"),
        ({"name": "甲", "phone": "12345", "consent": "on"}, "11位手机号码"),
        ({"name": "甲", "email": "a@example.com"}, "class=\"error\""),  # no consent
    ],
)
def test_bad_subscription_is_refused_and_saves_nothing(client, tags, data, error):
    data = {**data, "tags": [tags["农户"].pk]} if "tags" not in data and "至少选择" not in error else data
    response = client.post("/policy/subscribe/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not PolicySubscription.objects.exists()


def test_webhook_is_signed_failures_retry_then_fail_visibly(make_policy, tags, subscribers, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.GK_POLICY_NOTIFY_WEBHOOK_URL = "https://gateway.example.invalid/hook"
    settings.GK_POLICY_NOTIFY_WEBHOOK_SECRET = "s3cret"
    settings.GK_POLICY_NOTIFY_MAX_ATTEMPTS = 2
    posted = []

    class Ok:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def fake_urlopen(request, timeout):
        posted.append(request)
        return Ok()

    monkeypatch.setattr("wagtail_gk.policy.notifications.urllib.request.urlopen", fake_urlopen)
    publish_tagged(make_policy, [tags["养殖业"], tags["杨和镇"]], django_capture_on_commit_callbacks, title="肉牛滩羊扶持政策")
    assert len(posted) == 1 and [m.to for m in mail.outbox] == [["coop@example.com"]]
    payload = json.loads(posted[0].data)
    assert payload["event"] == "policy.published" and payload["recipient"]["phone"] == "13800000000"
    import hashlib
    import hmac

    assert posted[0].headers["X-gk-signature"] == "sha256=" + hmac.new(b"s3cret", posted[0].data, hashlib.sha256).hexdigest()

    # Now the gateway is down: retry, then failed, with the error kept for staff.
    def down(request, timeout):
        raise OSError("connection refused")

    monkeypatch.setattr("wagtail_gk.policy.notifications.urllib.request.urlopen", down)
    webhook = PolicyDelivery.objects.get(channel="webhook")
    PolicyDelivery.objects.filter(pk=webhook.pk).update(status="pending", attempts=0)
    status, retry_in = attempt_delivery(webhook.pk)
    assert (status, retry_in) == ("retrying", 300)
    status, retry_in = attempt_delivery(webhook.pk)
    webhook.refresh_from_db()
    assert (status, retry_in, webhook.attempts) == ("failed", None, 2)
    assert "connection refused" in webhook.last_error


def test_periodic_job_is_registered_and_sends_due_retries(make_policy, tags, subscribers, django_capture_on_commit_callbacks, monkeypatch):
    from django.utils import timezone

    from wagtail_gk.periodic import periodic_tasks
    from wagtail_gk.policy.tasks import deliver_due_notifications

    assert "wagtail_gk.policy.tasks.deliver_due_notifications" in periodic_tasks()
    monkeypatch.setattr("wagtail_gk.policy.notifications.send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError("smtp down")))
    publish_tagged(make_policy, [tags["低保户"], tags["望洪镇"]], django_capture_on_commit_callbacks)
    delivery = PolicyDelivery.objects.get()
    assert delivery.status == "retrying" and delivery.attempts == 1
    monkeypatch.undo()
    PolicyDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert deliver_due_notifications.enqueue().return_value == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent" and len(mail.outbox) == 1


def test_staff_see_and_retry_failed_deliveries(admin_client_zh, make_policy, tags, subscribers, django_capture_on_commit_callbacks):
    page = make_policy("失败的推送")
    delivery = PolicyDelivery.objects.create(subscription=subscribers[0], policy=page, channel="email", status="failed", attempts=5, last_error="SMTP 550")
    listing = admin_client_zh.get(reverse("wagtailadmin_home")).status_code
    assert listing == 200
    response = admin_client_zh.post(reverse("wagtail_gk_policy_admin:retry_delivery", args=[delivery.pk]))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "sent" and [m.to for m in mail.outbox] == [["li@example.com"]]
