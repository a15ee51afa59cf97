"""Public pages of the policy library: search, subscription, package pages."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import SubscriptionForm
from ..models import PolicyAudienceTag, PolicyLibraryIndexPage, PolicyPackage, PolicySubscription
from ..notifications import policies_for_subscription
from ..search import run_search_from_request


def search(request):
    """The library's search page (also reached from the site header)."""
    library = PolicyLibraryIndexPage.objects.live().first()
    return render(
        request,
        "wagtail_gk_policy/search.html",
        {"results": run_search_from_request(request), "library": library},
    )


@require_http_methods(["GET", "POST"])
def subscribe(request):
    initial = {}
    if request.GET.get("package"):
        initial["package"] = PolicyPackage.objects.filter(slug=request.GET["package"], is_public=True).first()
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            subscription = form.save()
        messages.success(request, _("You are subscribed. Bookmark this page to view your policy package or unsubscribe at any time."))
        return redirect("wagtail_gk_policy:subscription", token=subscription.token)
    tags_by_kind = {}
    for tag in PolicyAudienceTag.objects.all():
        tags_by_kind.setdefault(tag.get_kind_display(), []).append(tag)
    return render(request, "wagtail_gk_policy/subscribe.html", {"form": form, "tags_by_kind": tags_by_kind})


def subscription(request, token):
    """The subscriber's own package page, reached from every notification."""
    item = get_object_or_404(PolicySubscription.objects.select_related("package"), token=token)
    return render(
        request,
        "wagtail_gk_policy/subscription.html",
        {"subscription": item, "policies": policies_for_subscription(item) if item.is_active else []},
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    item = get_object_or_404(PolicySubscription, token=token)
    if request.method == "POST":
        if item.is_active:
            with transaction.atomic():
                item.is_active = False
                item.unsubscribed_at = timezone.now()
                item.save(update_fields=["is_active", "unsubscribed_at"])
                item.deliveries.filter(status__in=["pending", "retrying"]).update(status="cancelled")
        messages.success(request, _("You have unsubscribed and will receive no more policy alerts."))
        return redirect("wagtail_gk_policy:subscription", token=item.token)
    return render(request, "wagtail_gk_policy/unsubscribe.html", {"subscription": item})


def package(request, slug):
    item = get_object_or_404(PolicyPackage, slug=slug, is_public=True)
    return render(request, "wagtail_gk_policy/package.html", {"package": item, "policies": item.live_policies()})
