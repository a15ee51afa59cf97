"""The public base URL (wagtail_gk.links): where it comes from, the public QR
images that carry it, and the system check against loopback addresses."""

import pytest
from django.core.checks import run_checks

from tests.policy.qr_decode import decode_png, decode_svg, set_public_base_url
from wagtail_gk.checks import check_public_base_url_setting, check_site_public_base_urls
from wagtail_gk.links import is_loopback, public_base_url, public_url, short_link_url, site_base_url
from wagtail_gk.models import GovernmentSiteSettings, ShortLink

pytestmark = pytest.mark.django_db


def test_site_setting_then_gk_setting_then_site_root(demo, settings):
    site = demo.site
    settings.GK_PUBLIC_BASE_URL = ""
    assert site_base_url(site) == site.root_url.rstrip("/")
    settings.GK_PUBLIC_BASE_URL = "https://all.example.gov.cn/"
    assert site_base_url(site) == "https://all.example.gov.cn"
    set_public_base_url(site, "https://www.yongning.gov.cn/")
    assert site_base_url(site) == "https://www.yongning.gov.cn"
    assert public_url("/q/abc/", page=demo.home) == "https://www.yongning.gov.cn/q/abc/"
    assert public_url("https://elsewhere.cn/x") == "https://elsewhere.cn/x"
    # A base with a path prefix (a portal served under /gk/) keeps it.
    set_public_base_url(site, "https://portal.example.cn/gk")
    assert public_url("/q/abc/", site=site) == "https://portal.example.cn/gk/q/abc/"


def test_request_host_only_when_there_is_no_site(demo, rf, settings, monkeypatch):
    from wagtail_gk import links

    settings.GK_PUBLIC_BASE_URL = ""
    request = rf.get("/", HTTP_HOST="testserver")
    set_public_base_url(demo.site, "https://www.yongning.gov.cn")
    assert public_base_url(request=request) == "https://www.yongning.gov.cn"
    monkeypatch.setattr(links, "_site_for", lambda **kwargs: None)  # a host without any Wagtail Site
    assert public_base_url(request=request) == "http://testserver"


def test_the_setting_form_refuses_a_query(demo):
    from django.core.exceptions import ValidationError

    row = GovernmentSiteSettings.for_site(demo.site)
    row.public_base_url = "https://www.yongning.gov.cn/?a=1"
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert "public_base_url" in caught.value.message_dict


@pytest.mark.parametrize(
    "url,loopback",
    [
        ("http://localhost", True),
        ("http://localhost:8000/", True),
        ("http://127.0.0.1:8000", True),
        ("http://127.8.9.10", True),
        ("http://[::1]:8000", True),
        ("http://demo.localhost", True),
        ("https://www.yongning.gov.cn", False),
        ("http://192.168.1.20:8000", False),  # reachable from the office's network
        ("http://10.0.0.5", False),
        ("", False),
    ],
)
def test_loopback_addresses(url, loopback):
    assert is_loopback(url) is loopback


def test_check_warns_in_production_about_a_loopback_site(demo, settings):
    settings.GK_PUBLIC_BASE_URL = ""
    settings.DEBUG = False
    assert is_loopback(demo.site.root_url)  # the demo site is localhost:80
    warnings = check_site_public_base_urls(None, databases=["default"])
    assert [w.id for w in warnings] == ["wagtail_gk.W010"]
    assert "localhost" in warnings[0].msg and "Public base URL" in warnings[0].hint
    # Registered and run like every database check (migrate, check --database).
    assert "wagtail_gk.W010" in {m.id for m in run_checks(databases=["default"])}
    set_public_base_url(demo.site, "https://www.yongning.gov.cn")
    assert check_site_public_base_urls(None, databases=["default"]) == []
    set_public_base_url(demo.site, "http://127.0.0.1:8000")
    assert [w.id for w in check_site_public_base_urls(None, databases=["default"])] == ["wagtail_gk.W010"]
    settings.DEBUG = True  # a developer's machine: loopback is what it is
    assert check_site_public_base_urls(None, databases=["default"]) == []


def test_check_of_the_global_setting(settings):
    settings.DEBUG = False
    settings.GK_PUBLIC_BASE_URL = "http://[::1]:8000"
    assert [w.id for w in check_public_base_url_setting(None)] == ["wagtail_gk.W010"]
    settings.GK_PUBLIC_BASE_URL = "https://www.yongning.gov.cn"
    assert check_public_base_url_setting(None) == []
    settings.DEBUG = True
    settings.GK_PUBLIC_BASE_URL = "http://localhost"
    assert check_public_base_url_setting(None) == []


def test_public_qr_images_carry_the_public_base_url(client, demo, settings):
    """The PNG and SVG behind /q/<code>/ encode the site's public address, not
    the host the request came in by."""
    settings.GK_PUBLIC_BASE_URL = ""
    base = set_public_base_url(demo.site, "https://www.yongning.gov.cn")
    link = ShortLink.objects.for_page(demo.home)
    expected = f"{base}/q/{link.code}/"
    assert short_link_url(demo.home) == expected
    png = client.get(f"/q/{link.code}/qr.png")
    assert png.status_code == 200 and decode_png(png.content) == [expected]
    svg = client.get(f"/q/{link.code}/qr.svg")
    assert svg.status_code == 200 and decode_svg(svg.content) == [expected]


def test_admin_sets_the_public_base_url_per_site(admin_client_zh, demo):
    url = f"/admin/settings/wagtail_gk/governmentsitesettings/{demo.site.pk}/"
    page = admin_client_zh.get(url)
    assert page.status_code == 200 and "公开访问地址" in page.content.decode()
    data = {"site_name": "永宁县人民政府", "public_base_url": "https://www.yongning.gov.cn/?x=1"}
    refused = admin_client_zh.post(url, data)
    assert refused.status_code == 200 and "不要包含 ? 或 #" in refused.content.decode()
    assert GovernmentSiteSettings.for_site(demo.site).public_base_url == ""
    data["public_base_url"] = "https://www.yongning.gov.cn/"
    assert admin_client_zh.post(url, data).status_code == 302
    assert GovernmentSiteSettings.for_site(demo.site).public_base_url == "https://www.yongning.gov.cn"
    assert short_link_url(demo.home).startswith("https://www.yongning.gov.cn/q/")
