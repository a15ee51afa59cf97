"""Admin views: QR codes, posters and scan counts of policy-library pages,
and retrying a failed notification. Mounted under ``register_admin_urls``
(namespace ``wagtail_gk_policy_admin``), so the admin's login applies."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import permission_required
from wagtail.models import Page

from wagtail_gk.links import is_loopback
from wagtail_gk.models import ShortLink
from wagtail_gk.posters import render_poster_pdf
from wagtail_gk.qr import qr_png, qr_svg

from ..forms import PosterSheetForm
from ..models import (
    PolicyDelivery,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    PolicyTopicPage,
)
from ..services import poster_entry, scan_counts, short_url
from ..tasks import deliver_notification

QR_PAGE_TYPES = (PolicyDocumentPage, PolicyInterpretationPage, PolicyTopicPage)


def _library_page(request, page_id) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, QR_PAGE_TYPES):
        raise Http404
    # QR codes point at public pages; any admin user (the admin URLs require
    # access_admin) may print them, as a service-centre clerk would.
    return page


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def qr_overview(request, page_id):
    page = _library_page(request, page_id)
    url = short_url(page, request)
    days = scan_counts(page, 30)
    site = page.get_site()
    return TemplateResponse(
        request,
        "wagtail_gk_policy/admin/qr.html",
        {
            "page": page,
            "short_url": url,
            "qr_svg": qr_svg(url),
            "url_is_loopback": is_loopback(url),
            "site_settings_url": reverse("wagtailsettings:edit", args=["wagtail_gk", "governmentsitesettings", site.pk]) if site else "",
            "days": days,
            "total_30": sum(count for _day, count in days),
            "total_all": ShortLink.objects.filter(page=page).aggregate(n=Sum("scans__count"))["n"] or 0,
            "header_title": _("QR code and posters: %(title)s") % {"title": page.title},
        },
    )


def qr_download(request, page_id, fmt):
    page = _library_page(request, page_id)
    url = short_url(page, request)
    code = ShortLink.objects.for_page(page).code
    if fmt not in ("svg", "png"):
        raise Http404
    if fmt == "svg":
        return _download(qr_svg(url), "image/svg+xml", f"qr-{code}.svg")
    size = request.GET.get("size", "10")
    box_size = int(size) if size.isdigit() and 2 <= int(size) <= 40 else 10
    return _download(qr_png(url, box_size=box_size), "image/png", f"qr-{code}.png")


def poster(request, page_id):
    page = _library_page(request, page_id)
    if not page.live:
        messages.error(request, _("The page is not published yet, so scanning its QR code would not open it; posters cannot be printed."))
        return redirect("wagtail_gk_policy_admin:qr", page_id=page.pk)
    paper = request.GET.get("paper", "A4")
    if paper not in ("A4", "A3"):
        messages.error(request, _("The paper must be A4 or A3."))
        return redirect("wagtail_gk_policy_admin:qr", page_id=page.pk)
    pdf = render_poster_pdf([poster_entry(page, request)], paper=paper)
    code = ShortLink.objects.for_page(page).code
    return _download(pdf, "application/pdf", f"poster-{code}-{paper}.pdf")


#: Who may print poster sheets and read scan counts (the QR short links' view permission).
SHORT_LINK_PERMISSION = "wagtail_gk.view_shortlink"


@require_http_methods(["GET", "POST"])
@permission_required(SHORT_LINK_PERMISSION)
def poster_sheet(request):
    """A sheet of many posters for a service-centre wall."""
    form = PosterSheetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["topic"]:
            pages = data["topic"].collected_policies()
        elif data["package"]:
            pages = list(data["package"].live_policies())
        else:
            pages = list(PolicyDocumentPage.objects.live().select_related("publishing_agency").order_by("-release_date", "-first_published_at"))
        if not data["include_repealed"]:
            pages = [p for p in pages if not p.is_repealed]
        pages = pages[: data["limit"]]
        if not pages:
            messages.error(request, _("No published policies match."))
        else:
            pdf = render_poster_pdf([poster_entry(p, request) for p in pages], paper=data["paper"], per_page=data["per_page"])
            stamp = timezone.localdate().isoformat()
            return _download(pdf, "application/pdf", f"policy-posters-{stamp}-{data['paper']}.pdf")
    return TemplateResponse(request, "wagtail_gk_policy/admin/sheet.html", {"form": form, "header_title": _("Print a QR code poster wall")})


@permission_required(SHORT_LINK_PERMISSION)
def scan_report(request):
    """Scan counts per code: last 30 days and all time, busiest first."""
    since = timezone.localdate() - timezone.timedelta(days=29)
    links = (
        ShortLink.objects.filter(
            Q(page__content_type__model__in=[m._meta.model_name for m in QR_PAGE_TYPES], page__content_type__app_label="wagtail_gk_policy")
        )
        .select_related("page")
        .annotate(total=Sum("scans__count"), recent=Sum("scans__count", filter=Q(scans__day__gte=since)))
        .order_by("-recent", "-total", "code")
    )
    rows = Paginator(links, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "wagtail_gk_policy/admin/scans.html", {"rows": rows, "since": since, "header_title": _("Scan statistics")})


@require_http_methods(["GET", "POST"])
def retry_delivery(request, delivery_id):
    if not request.user.has_perm("wagtail_gk_policy.change_policydelivery"):
        raise PermissionDenied
    delivery = get_object_or_404(PolicyDelivery.objects.select_related("subscription", "policy"), pk=delivery_id)
    if request.method == "POST":
        if delivery.status in (PolicyDelivery.Status.FAILED, PolicyDelivery.Status.RETRYING, PolicyDelivery.Status.PENDING):
            PolicyDelivery.objects.filter(pk=delivery.pk).update(status=PolicyDelivery.Status.PENDING, attempts=0, next_attempt_at=None)
            deliver_notification.enqueue(delivery.pk)
            messages.success(request, _("Resent."))
        else:
            messages.error(request, _("This delivery does not need a retry."))
        return redirect(reverse("wagtail_gk_policy_deliveries:index"))
    return TemplateResponse(request, "wagtail_gk_policy/admin/retry.html", {"delivery": delivery, "header_title": _("Retry delivery")})


@require_http_methods(["GET", "POST"])
def rebuild_index(request):
    """Rebuild the search index, e.g. after the 政务词典 changed."""
    from ..tasks import rebuild_policy_index

    if not request.user.has_perm("wagtail_gk_policy.change_segmentationterm"):
        raise PermissionDenied
    if request.method == "POST":
        rebuild_policy_index.enqueue()
        messages.success(request, _("Rebuilding the policy search index has started."))
        return redirect(reverse("wagtail_gk_policy_dictionary:index"))
    return TemplateResponse(request, "wagtail_gk_policy/admin/rebuild.html", {"header_title": _("Rebuild search index")})
