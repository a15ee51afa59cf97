"""Public catalog pages (per government, per item, county index), filing a
page under an item in the editor, and the demo's pages and links."""

import datetime
import io

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.form_data import article_form_data
from wagtail_gk_catalog import services
from wagtail_gk_catalog.models import CatalogFiling, CatalogIndexPage, StandardCatalogPage

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def public_pages(demo, agencies, county_catalog, township_catalog):
    index = demo.openness_index.add_child(instance=CatalogIndexPage(title="标准目录", slug="bzml", agency=agencies["county"]))
    county = index.add_child(instance=StandardCatalogPage(title=county_catalog.name, slug="county", catalog=county_catalog))
    township = index.add_child(instance=StandardCatalogPage(title=township_catalog.name, slug="township", catalog=township_catalog))
    return index, county, township


def test_catalog_page_by_domain(client, public_pages, county_catalog, file_page):
    _index, page, _township = public_pages
    approval = county_catalog.items.get(level2="审批")
    file_page(approval, D(2026, 9, 1), published_on=D(2026, 9, 10), title="九月低保审批名单")
    file_page(approval, D(2026, 9, 1), title="未发布的草稿")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    # The first domain in catalog order is shown, with links to the others.
    assert "财政预决算领域" in html and "?domain=social-assistance" in html and "一般公共预算" in html
    html = client.get(page.url + "?domain=social-assistance").content.decode()
    assert "社会救助领域" in html and "审批对象名单及相关信息" in html
    assert "■政府网站" in html and "□两微一端" in html and "信息形成或者变更之日起20个工作日内" in html
    assert 'data-label="公开时限"' in html  # the cards of the phone layout
    assert "wagtail_gk_catalog/catalog.css" in html
    item_url = page.url + page.reverse_subpage("item_view", args=[approval.pk])
    assert f'href="{item_url}">1 条' in html  # only the live page counts
    item_html = client.get(item_url).content.decode()
    assert "九月低保审批名单" in item_html and "未发布的草稿" not in item_html
    assert "县级民政部门" in item_html


def test_item_page_of_another_catalog_or_removed_item_is_404(client, public_pages, township_catalog, county_catalog):
    _index, page, _township = public_pages
    other = township_catalog.items.first()
    assert client.get(page.url + page.reverse_subpage("item_view", args=[other.pk])).status_code == 404
    removed = county_catalog.items.get(level2="一般公共预算")
    services.remove_local_item(removed, reason="不涉及")
    assert client.get(page.url + page.reverse_subpage("item_view", args=[removed.pk])).status_code == 404
    assert "一般公共预算" not in client.get(page.url + "?domain=budget").content.decode()


def test_index_lists_county_and_township_catalogs(client, public_pages, county_catalog, township_catalog, file_page):
    index, county, township = public_pages
    file_page(county_catalog.items.get(level2="审批"), D(2026, 9, 1), published_on=D(2026, 9, 3))
    html = client.get(index.url).content.decode()
    assert county_catalog.name in html and township_catalog.name in html
    assert f'href="{county.url}"' in html and f'href="{township.url}"' in html
    assert "33.3%" in html  # 1 of the county's 3 items has published content
    assert html.index(county_catalog.name) < html.index(township_catalog.name)


def test_catalog_page_query_count_is_independent_of_size(client, public_pages, county_catalog, domains, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _index, page, _township = public_pages
    url = page.url + "?domain=social-assistance"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(15):
        services.create_item(county_catalog, domain=domains["social-assistance"], level1=f"新增{n}",
                             time_limit="实时公开", subject="县级民政部门", required_channels=["website"], layer="county")
    with CaptureQueriesContext(connection) as large:
        assert "新增14" in client.get(url).content.decode()
    assert len(large) == len(small)


def _article_form_data(page, filings, action="action-publish"):
    forms = [{k: v for k, v in f.items() if k != "channels"} for f in filings]
    data = article_form_data(
        page.title, page.slug, "第三季度审批名单。", action=action, like=page, formsets={"gk_catalog_filings": forms}
    )
    for i, filing in enumerate(filings):
        # A multiple-choice value is posted as one key with several values.
        data[f"gk_catalog_filings-{i}-channels"] = filing.get("channels", [])
    return data


def test_editor_files_a_page_under_an_item(client, users, demo, county_catalog, public_pages):
    from example_site.home.models import ArticlePage

    _index, catalog_page, _township = public_pages
    item = county_catalog.items.get(level2="审批")
    page = demo.openness_index.add_child(instance=ArticlePage(title="第三季度低保审批名单", slug="q3", live=False))
    page.save_revision()
    client.force_login(users["admin"])
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(edit).content.decode()
    assert "标准目录归集" in html and reverse("wagtail_gk_catalog_item_chooser:choose") in html
    # The chooser offers items of local catalogs only.
    chooser = client.get(reverse("wagtail_gk_catalog_item_chooser:choose")).json()["html"]
    assert "审批" in chooser and "测试标准指引" not in chooser
    # An item whose time limit runs from an event needs the event date.
    response = client.post(edit, _article_form_data(page, [{"item": item.pk, "event_date": "", "channels": []}]))
    assert response.status_code == 200 and "请填写信息形成日期" in response.content.decode()
    assert not CatalogFiling.objects.filter(page=page).exists()
    response = client.post(
        edit, _article_form_data(page, [{"item": item.pk, "event_date": "2026-11-02", "channels": ["notice_board"]}])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    filing = CatalogFiling.objects.get(page=page)
    page.refresh_from_db()
    assert page.live
    assert filing.published_on is not None and filing.due_on is not None
    assert filing.channels == ["website", "notice_board"]
    item_url = catalog_page.url + catalog_page.reverse_subpage("item_view", args=[item.pk])
    assert "第三季度低保审批名单" in client.get(item_url).content.decode()
    # Unpublishing takes it off the item's page and out of the coverage.
    page.unpublish()
    filing.refresh_from_db()
    assert filing.published_on is None
    assert "第三季度低保审批名单" not in client.get(item_url).content.decode()


@pytest.mark.slow
def test_demo_loads_every_dashboard_state_and_links_the_public_pages(client, db):
    from django.core.management import call_command

    from wagtail_gk_catalog.compliance import compliance_by_domain, total_row
    from wagtail_gk_catalog.models import Catalog, CatalogKind

    call_command("gk_demo", stdout=io.StringIO())
    guide = Catalog.objects.get(kind=CatalogKind.GUIDE)
    domains = set(guide.items.values_list("domain__name", flat=True))
    assert {"社会救助", "涉农补贴", "财政预决算", "征地补偿", "保障性住房", "农村危房改造"} <= domains
    assert guide.revisions.count() == 2
    county = Catalog.objects.get(kind=CatalogKind.LOCAL, agency__level="county")
    township = Catalog.objects.get(kind=CatalogKind.LOCAL, agency__level="township")
    for catalog in (county, township):
        kinds = set(catalog.adjustments.values_list("kind", flat=True))
        assert {"added", "changed"} <= kinds
    assert services.plan_guide_merge(county).conflicts  # revision 2 waits with a conflict
    rows = compliance_by_domain(county)
    total = total_row(rows)
    assert total.covered and total.never_published and total.late_items and total.due_soon and total.channel_gaps
    # The public pages exist, render, and the site links to them.
    index = CatalogIndexPage.objects.live().get()
    home = client.get("/").content.decode()
    openness = Page.objects.get(pk=index.get_parent().pk)
    assert f'href="{openness.url}"' in home
    column = client.get(openness.url).content.decode()
    assert f'href="{index.url}"' in column
    html = client.get(index.url).content.decode()
    for page in StandardCatalogPage.objects.live():
        assert f'href="{page.url}"' in html
        assert client.get(page.url).status_code == 200
