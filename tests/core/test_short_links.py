import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from example_site.home.models import ArticlePage
from wagtail_gk.models import ShortLink, ShortLinkScan
from wagtail_gk.qr import qr_png, qr_svg

zxingcpp = pytest.importorskip("zxingcpp")


def decode_png(data: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert results, "no QR code found in the image"
    return results[0].text


def test_qr_png_decodes_to_the_url():
    assert decode_png(qr_png("https://www.example.gov.cn/q/abc234/")) == "https://www.example.gov.cn/q/abc234/"


def test_qr_svg_is_an_svg_document():
    svg = qr_svg("https://www.example.gov.cn/q/abc234/")
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:200]
    assert "<path" in svg


@pytest.mark.django_db
def test_short_link_is_stable_counts_scans_and_redirects(client, demo, django_capture_on_commit_callbacks):
    page = ArticlePage.objects.live().first()
    link = ShortLink.objects.for_page(page)
    assert ShortLink.objects.for_page(page) == link
    assert len(link.code) == 6 and not set(link.code) & set("01loI")

    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(reverse("wagtail_gk:short_link", args=[link.code]))
        assert response.status_code == 302
        assert response["Location"] == page.url
    scan = ShortLinkScan.objects.get(link=link, day=timezone.localdate())
    assert scan.count == 3

    # The image encodes the site's public base URL (here its root URL), not the request's host.
    png = client.get(reverse("wagtail_gk:short_link_qr_png", args=[link.code]))
    assert decode_png(png.content) == demo.site.root_url + reverse("wagtail_gk:short_link", args=[link.code])


@pytest.mark.django_db
def test_short_link_to_unpublished_page_is_not_found(client, demo):
    page = ArticlePage.objects.live().first()
    link = ShortLink.objects.for_page(page)
    page.unpublish()
    assert client.get(reverse("wagtail_gk:short_link", args=[link.code])).status_code == 404
    assert client.get(reverse("wagtail_gk:short_link", args=["zzzzzz"])).status_code == 404
