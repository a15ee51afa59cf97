"""The county portal: standard columns filled by the installed apps through
core's registry, the generated 政府信息公开指南, the whole-site search, and
titles, breadcrumbs and navigation that are the same on every public page."""

import os
import pathlib
import re
import subprocess
import sys

import pytest
from django.apps import apps
from wagtail import hooks

from wagtail_gk.portal import PortalEntry, PortalSection, portal_entries

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parents[2]


def nav(html: str) -> list[tuple[str, str]]:
    """(href, text) of the main navigation's links."""
    block = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def breadcrumb(html: str) -> str:
    match = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(0)).strip() if match else ""


@pytest.fixture
def portal(demo):
    from example_site.home.demo import build_portal

    return build_portal(demo.home, demo.openness_index)


@pytest.fixture
def intake(demo):
    """A live disclosure request page under 政务公开, as the FOIA demo makes."""
    from wagtail_gk_foia.models import DisclosureRequestPage

    page = demo.openness_index.add_child(
        instance=DisclosureRequestPage(title="依申请公开", slug="ysqgk", agency=demo.agencies["county"], show_in_menus=True)
    )
    page.save_revision().publish()
    return page


def test_every_nav_entry_answers_and_keeps_the_navigation(client, portal):
    html = client.get("/").content.decode()
    entries = nav(html)
    assert [text for _href, text in entries][:2] == ["首页", "政务公开"]
    for href, _text in entries:
        response = client.get(href)
        assert response.status_code == 200, href
        assert nav(response.content.decode()) == entries, href


def test_columns_without_content_are_hidden(client, portal):
    texts = [text for _href, text in nav(client.get("/").content.decode())]
    # The base demo has no page and no app entry in these yet.
    assert "走进本县" not in texts and "政务服务" not in texts


def test_an_app_entry_fills_a_column_and_shows_it(client, portal):
    def about_entries(site):
        return [PortalEntry(PortalSection.ABOUT, "Population and economy", "/zwgk/tzgg/", "facts", order=1)]

    with hooks.register_temporarily("register_gk_portal_entries", about_entries):
        html = client.get("/").content.decode()
        assert ("/zjbx/", "走进本县") in nav(html)
        column = client.get("/zjbx/").content.decode()
        assert 'href="/zwgk/tzgg/"' in column and "Population and economy" in column
    assert "走进本县" not in [text for _href, text in nav(client.get("/").content.decode())]


def test_openness_column_and_its_special_column(client, portal):
    html = client.get("/zwgk/").content.decode()
    assert 'href="/zwgk/xxgk/"' in html and "政府信息公开专栏" in html
    special = client.get("/zwgk/xxgk/").content.decode()
    # The four standard sub-columns, the guide first.
    positions = [special.index(f'href="/zwgk/xxgk/{slug}/"') for slug in ("gkzn", "gkzd", "fdzdgknr", "gknb")]
    assert positions == sorted(positions)
    for slug in ("gkzn", "gkzd", "fdzdgknr", "gknb"):
        assert client.get(f"/zwgk/xxgk/{slug}/").status_code == 200


@pytest.mark.requires_apps("wagtail_gk_foia")
def test_services_column_and_guide_with_the_request_app(client, portal, intake, settings):
    html = client.get("/").content.decode()
    assert ("/zwfw/", "政务服务") in nav(html)
    services = client.get("/zwfw/").content.decode()
    assert f'href="{intake.url}"' in services and f'href="{intake.url}status/"' in services
    assert client.get(f"{intake.url}status/").status_code == 200
    openness = client.get("/zwgk/").content.decode()
    assert openness.count(f'href="{intake.url}"') == 1  # a child page and an entry: listed once

    guide = client.get("/zwgk/xxgk/gkzn/").content.decode()
    assert f'href="{intake.url}"' in guide and "在线申请政府信息公开" in guide
    assert "跟踪办理进度" in guide or "受理编号" in guide


def test_guide_is_generated_from_the_office_settings(client, portal, demo):
    from wagtail_gk.models import OpennessOfficeSettings

    guide = client.get("/zwgk/xxgk/gkzn/").content.decode()
    for value in ("永宁县人民政府办公室", "县政府办公楼二楼", "750100", "9:00–12:00", "0951-8000000", "0951-8000001", "zwgk@example.gov.cn"):
        assert value in guide
    # 分类、编排体系: the columns, and the index number pattern with the host agency's code.
    assert 'href="/zwgk/xxgk/gkzd/"' in guide and "640121000/" in guide
    assert "政府公报" in guide  # a default channel of proactive disclosure

    office = OpennessOfficeSettings.for_site(demo.site)
    office.fax = ""
    office.phone = "0951-1234567"
    office.proactive_channels = "县融媒体中心\n村务公开栏"
    office.save()
    guide = client.get("/zwgk/xxgk/gkzn/").content.decode()
    details = re.search(r'<dl class="gk-guide-office">.*?</dl>', guide, re.S).group(0)
    assert "0951-1234567" in details and "0951-8000001" not in details and "传真" not in details
    assert "村务公开栏" in guide and "政府公报" not in guide


@pytest.mark.requires_apps("wagtail_gk_foia")
def test_guide_takes_blank_office_fields_from_the_request_settings(client, portal, demo):
    from wagtail_gk.models import OpennessOfficeSettings
    from wagtail_gk_foia.models import FoiaOfficeSettings

    OpennessOfficeSettings.objects.filter(site=demo.site).update(phone="", office_name="")
    foia = FoiaOfficeSettings.load()
    foia.phone = "0951-7777777"
    foia.office_name = "永宁县政务公开办公室"
    foia.save()
    guide = client.get("/zwgk/xxgk/gkzn/").content.decode()
    assert "0951-7777777" in guide and "永宁县政务公开办公室" in guide


def test_without_feature_apps_the_portal_stands_alone(client, portal):
    """Run with the feature apps uninstalled (``test_portal_without_feature_apps``):
    no column for them, a guide with the general request procedure, no link to a form."""
    if any(apps.is_installed(app) for app in ("wagtail_gk_foia", "wagtail_gk_catalog", "wagtail_gk_village")):
        pytest.skip("runs with the feature apps uninstalled")
    html = client.get("/").content.decode()
    texts = [text for _href, text in nav(html)]
    assert "政务服务" not in texts and "政务公开" in texts
    assert [entry.section for entry in portal_entries(portal["gkzn"].get_site())] == []  # no live policy library either
    guide = client.get("/zwgk/xxgk/gkzn/").content.decode()
    assert "在线申请政府信息公开" not in guide and "书面形式" in guide
    assert client.get("/zwgk/xxgk/fdzdgknr/").status_code == 200


@pytest.mark.slow
def test_portal_without_feature_apps():
    env = dict(os.environ, GK_DROP_APPS="wagtail_gk_catalog,wagtail_gk_foia,wagtail_gk_village")
    for name in ("DATABASE_URL", "REDIS_URL", "GK_TEST_DB_NAME", "GK_REQUIRE_SERVICES"):
        env.pop(name, None)
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ds=tests.isolated_settings", "-rs",
        "tests/core/test_portal.py", "-k", "not test_portal_without_feature_apps",
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    summary = result.stdout[-3000:] + result.stderr[-2000:]
    assert result.returncode == 0, summary
    assert "runs with the feature apps uninstalled" not in summary  # the check without them ran, not skipped
    assert "not installed: wagtail_gk_foia" in summary  # and the tests needing the request app were skipped


def test_site_search_finds_every_page_type(client, portal, demo):
    from example_site.home.models import ArticlePage

    article = demo.openness_index.get_children().get(slug="tzgg").add_child(
        instance=ArticlePage(title="Budget report of the county", slug="budget-report", summary="The general public budget")
    )
    article.save_revision().publish()
    response = client.get("/search/", {"q": "Budget"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{article.url}"' in html and "信息发布页" in html  # labelled with its page type
    assert nav(html) == nav(client.get("/").content.decode())
    # A column page found by its title: not only the policy library's documents.
    html = client.get("/search/", {"q": "政务公开"}).content.decode()
    assert 'href="/zwgk/"' in html
    nothing = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "没有与“zzzqqq”匹配的内容" in nothing
    # The header's box points here, the policy library's faceted search stays linked.
    assert 'action="/search/"' in client.get("/").content.decode()
    assert 'href="/policy/search/?q=Budget"' in client.get("/search/", {"q": "Budget"}).content.decode()


def test_titles_do_not_repeat_the_site_name(client, portal):
    assert title(client.get("/").content.decode()) == "永宁县人民政府"
    assert title(client.get("/zwgk/").content.decode()) == "政务公开 — 永宁县人民政府"
    assert title(client.get("/search/", {"q": "x"}).content.decode()) == "搜索：x — 永宁县人民政府"
    assert title(client.get("/policy/subscribe/").content.decode()).endswith(" — 永宁县人民政府")


def test_breadcrumbs_end_with_the_current_page(client, portal, demo):
    from example_site.home.models import ArticlePage

    article = ArticlePage.objects.live().first()
    crumbs = breadcrumb(client.get(article.url).content.decode())
    assert crumbs.startswith("首页 › 政务公开 › 通知公告 › ") and crumbs.endswith(article.title)
    assert breadcrumb(client.get("/zwgk/xxgk/gkzn/").content.decode()) == "首页 › 政务公开 › 政府信息公开专栏 › 政府信息公开指南"
    assert breadcrumb(client.get("/search/").content.decode()) == "首页 › 全站搜索"


def test_search_and_subscription_pages_keep_the_navigation(client, portal):
    expected = nav(client.get("/").content.decode())
    for url in ("/search/", "/policy/search/", "/policy/subscribe/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert nav(response.content.decode()) == expected, url


def test_favicon(client, portal):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
    svg = (ROOT / "example_site/static/favicon.svg").read_text()
    assert svg.startswith("<svg") and "</svg>" in svg


def test_site_search_finds_a_chinese_word_inside_a_longer_run(client, portal, demo):
    """The header search goes through the segmenting backend: 预算 is found
    inside 一般公共预算报告, which a whole-run tokenizer would miss."""
    from example_site.home.models import ArticlePage

    article = demo.openness_index.get_children().get(slug="tzgg").add_child(
        instance=ArticlePage(title="永宁县2025年一般公共预算报告", slug="budget-2025", summary="全县财政收支情况")
    )
    article.save_revision().publish()
    for query in ("预算", "公共预算", "财政收支"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert f'href="{article.url}"' in html, query
    assert f'href="{article.url}"' not in client.get("/search/", {"q": "低保"}).content.decode()
