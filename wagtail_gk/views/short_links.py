from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.cache import cache_control

from ..links import public_url
from ..models import ShortLink
from ..qr import qr_png, qr_svg
from ..tasks import enqueue_on_commit, record_short_link_scan


def follow_short_link(request, code):
    """Count the scan (per link per day, nothing about the person) and send
    the reader to the page."""
    link = get_object_or_404(ShortLink.objects.select_related("page"), code=code)
    page = link.page
    if not page.live:
        raise Http404
    enqueue_on_commit(record_short_link_scan, link.pk, timezone.localdate().isoformat())
    return redirect(page.url)


def _absolute_link(request, link):
    return public_url(link.get_absolute_url(), request=request, page=link.page)


@cache_control(max_age=86400)
def short_link_qr_svg(request, code):
    link = get_object_or_404(ShortLink, code=code)
    return HttpResponse(qr_svg(_absolute_link(request, link)), content_type="image/svg+xml")


@cache_control(max_age=86400)
def short_link_qr_png(request, code):
    link = get_object_or_404(ShortLink, code=code)
    return HttpResponse(qr_png(_absolute_link(request, link)), content_type="image/png")
