"""A form post refused for want of its CSRF token gets a page in the active
language that says what happened and leads back to the form, not Django's
developer page (``lang="en"``, "403 Forbidden", "DEBUG=True")."""

import pytest
from django.test import Client

from wagtail_gk_foia.models import DisclosureRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake_page(demo):
    from wagtail_gk_foia.models import DisclosureRequestPage

    return demo.home.add_child(instance=DisclosureRequestPage(title="依申请公开", slug="ysqgk", agency=demo.agencies["county"]))


def refused(url, language, **headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"applicant_name": "陈申请", "email": "chen@example.cn"}, HTTP_ACCEPT_LANGUAGE=language, **headers)
    assert response.status_code == 403
    return response.content.decode()


@pytest.mark.parametrize("url", ["intake", "/policy/subscribe/"])
def test_refused_post_gets_a_chinese_page_back_to_the_form(intake_page, url):
    url = intake_page.url if url == "intake" else url
    html = refused(url, "zh-hans", HTTP_REFERER=f"http://testserver{url}")
    assert '<html lang="zh-hans">' in html
    assert "您的表单未被接收" in html
    assert "Cookie" in html
    assert f'href="http://testserver{url}"' in html
    assert "Forbidden" not in html and "DEBUG" not in html
    assert "<!-- CSRF: CSRF cookie not set. -->" in html  # Django's reason, for whoever reads the source
    assert not DisclosureRequest.objects.exists()


def test_refused_post_in_english_when_the_browser_asks_for_it(intake_page):
    html = refused(intake_page.url, "en", HTTP_REFERER=f"http://testserver{intake_page.url}")
    assert '<html lang="en">' in html
    assert "Your form was not received" in html
    assert "Back to the form" in html
    assert "DEBUG" not in html


@pytest.mark.parametrize("referer", ["", "https://elsewhere.example/ysqgk/", "javascript:alert(1)"])
def test_no_link_to_another_origin(intake_page, referer):
    html = refused(intake_page.url, "zh-hans", **({"HTTP_REFERER": referer} if referer else {}))
    if referer:
        assert referer not in html
    assert 'href="/"' in html and "返回首页" in html


def test_debug_shows_djangos_page(intake_page, settings):
    settings.DEBUG = True
    html = refused(intake_page.url, "en")
    assert "CSRF verification failed" in html
