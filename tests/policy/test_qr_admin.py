"""QR codes and posters from the admin: stable short URLs, SVG/PNG that
decode to them, posters and wall sheets, and the scan report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_gk.models import ShortLink, ShortLinkScan
from wagtail_gk.policy.models import PolicyTopicPage

from .qr_decode import (
    decode_pdf_images,
    decode_pdf_rendered,
    decode_png,
    decode_svg,
    pdf_text,
    set_public_base_url,
)


@pytest.fixture
def policy(make_policy):
    return make_policy("永宁县集体土地征收补偿安置办法", number="永政发〔2024〕21号", released="2024-06-01")


def test_short_url_is_stable_and_png_svg_decode_to_it(admin_client_zh, policy, settings):
    settings.GK_PUBLIC_BASE_URL = "https://www.yn.gov.cn"
    code = ShortLink.objects.for_page(policy).code
    url = f"https://www.yn.gov.cn/q/{code}/"
    png = admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr_download", args=[policy.pk, "png"]))
    assert png["Content-Type"] == "image/png" and f"qr-{code}.png" in png["Content-Disposition"]
    assert decode_png(png.content) == [url]
    svg = admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr_download", args=[policy.pk, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    from xml.etree import ElementTree

    assert ElementTree.fromstring(svg.content).tag.endswith("svg")  # noqa: S314 - our own output
    # Asking again gives the same code: printed posters keep working.
    assert ShortLink.objects.for_page(policy).code == code
    assert ShortLink.objects.filter(page=policy).count() == 1


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_single_poster_from_admin(admin_client_zh, policy, paper, settings):
    settings.GK_PUBLIC_BASE_URL = "https://www.yn.gov.cn"
    response = admin_client_zh.get(reverse("wagtail_gk_policy_admin:poster", args=[policy.pk]), {"paper": paper})
    assert response["Content-Type"] == "application/pdf"
    code = ShortLink.objects.for_page(policy).code
    assert decode_pdf_images(response.content) == [[f"https://www.yn.gov.cn/q/{code}/"]]
    text = pdf_text(response.content).replace("\n", "")
    for expected in ("征收补偿安置办法", "永政发〔2024〕21号", "2024-06-01"):
        assert expected in text


def test_bad_paper_and_draft_page_give_a_message_not_an_error(admin_client_zh, policy, make_policy):
    assert admin_client_zh.get(reverse("wagtail_gk_policy_admin:poster", args=[policy.pk]), {"paper": "B5"}).status_code == 302
    draft = make_policy("草稿", publish=False)
    assert admin_client_zh.get(reverse("wagtail_gk_policy_admin:poster", args=[draft.pk])).status_code == 302
    assert admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr_download", args=[policy.pk, "gif"])).status_code == 404
    assert admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr", args=[policy.get_parent().get_parent().pk])).status_code == 404


def test_wall_sheet_of_a_topic_skips_repealed(admin_client_zh, library, make_policy, settings):
    from .conftest import topic

    settings.GK_PUBLIC_BASE_URL = "https://www.yn.gov.cn"
    valid = [make_policy(f"征地政策{i}", topic_names=("城乡建设、环境保护", "征地补偿")) for i in range(3)]
    make_policy("已废止征地政策", topic_names=("城乡建设、环境保护", "征地补偿"), validity="repealed")
    page = library.add_child(instance=PolicyTopicPage(title="征地补偿", topic=topic("城乡建设、环境保护", "征地补偿")))
    response = admin_client_zh.post(reverse("wagtail_gk_policy_admin:sheet"), {"topic": page.pk, "paper": "A4", "per_page": 4, "limit": 100})
    assert response["Content-Type"] == "application/pdf"
    codes = decode_pdf_images(response.content)[0]
    assert sorted(codes) == sorted(f"https://www.yn.gov.cn/q/{ShortLink.objects.for_page(p).code}/" for p in valid)
    both = admin_client_zh.post(reverse("wagtail_gk_policy_admin:sheet"), {"topic": page.pk, "package": "", "paper": "A4", "per_page": 4, "limit": 0})
    assert both.status_code == 200  # invalid form shown again


def test_qr_overview_and_scan_report_show_counts(admin_client_zh, policy):
    link = ShortLink.objects.for_page(policy)
    ShortLinkScan.objects.create(link=link, day=timezone.localdate(), count=7)
    overview = admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr", args=[policy.pk])).content.decode()
    assert link.code in overview and "<svg" in overview and "7" in overview
    report = admin_client_zh.get(reverse("wagtail_gk_policy_admin:scans")).content.decode()
    assert policy.title in report and "7" in report


def test_every_policy_qr_decodes_to_the_sites_public_base_url(admin_client_zh, policy, settings):
    """PNG, SVG, A4/A3 posters and the wall sheet carry the public base URL
    set for the policy's site, not the admin's host or GK_PUBLIC_BASE_URL."""
    settings.GK_PUBLIC_BASE_URL = "https://fallback.example.cn"
    base = set_public_base_url(policy.get_site(), "https://www.yongning.gov.cn")
    expected = f"{base}/q/{ShortLink.objects.for_page(policy).code}/"
    png = admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr_download", args=[policy.pk, "png"]))
    assert decode_png(png.content) == [expected]
    svg = admin_client_zh.get(reverse("wagtail_gk_policy_admin:qr_download", args=[policy.pk, "svg"]))
    assert decode_svg(svg.content) == [expected]
    for paper in ("A4", "A3"):
        poster = admin_client_zh.get(reverse("wagtail_gk_policy_admin:poster", args=[policy.pk]), {"paper": paper})
        assert decode_pdf_rendered(poster.content) == [[expected]], paper
        assert expected in pdf_text(poster.content).replace("\n", "")
    sheet = admin_client_zh.post(reverse("wagtail_gk_policy_admin:sheet"), {"topic": "", "package": "", "paper": "A4", "per_page": 4, "limit": 10})
    assert sheet["Content-Type"] == "application/pdf"
    assert decode_pdf_rendered(sheet.content) == [[expected]]


def test_qr_screen_shows_the_url_it_encodes(admin_client_zh, policy, settings):
    import re

    settings.GK_PUBLIC_BASE_URL = ""
    url = reverse("wagtail_gk_policy_admin:qr", args=[policy.pk])
    # The demo site is localhost: the screen says a phone cannot open it.
    html = admin_client_zh.get(url).content.decode()
    shown = re.search(r'data-qr-url>([^<]+)<', html).group(1)
    svg = re.search(r'<svg width="[\d.]+mm".*?</svg>', html, re.S).group(0)
    assert decode_svg(svg) == [shown] and shown.startswith("http://localhost/q/")
    assert 'role="alert"' in html
    base = set_public_base_url(policy.get_site(), "https://www.yongning.gov.cn")
    html = admin_client_zh.get(url).content.decode()
    shown = re.search(r'data-qr-url>([^<]+)<', html).group(1)
    assert shown == f"{base}/q/{ShortLink.objects.for_page(policy).code}/"
    assert decode_svg(re.search(r'<svg width="[\d.]+mm".*?</svg>', html, re.S).group(0)) == [shown]
    assert 'role="alert"' not in html
    assert "二维码内容" in html
