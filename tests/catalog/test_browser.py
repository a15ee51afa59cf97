"""In a real headless Chromium: an officer opens the compliance dashboard and
drills into a domain; a citizen reads the catalog on a phone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_gk_catalog.models import CatalogIndexPage, StandardCatalogPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_drills_from_dashboard_into_a_domain(browser, users, county_catalog, file_page):
    officer = users["officer"]
    officer.set_password("gk-test-2026")
    officer.save()
    # Continuous items need no event date, so the states do not depend on the calendar year.
    guide_item = county_catalog.items.get(level2="办事指南")
    file_page(guide_item, None, published_on=timezone.localdate() - datetime.timedelta(days=3), title="低保办事指南")

    page = browser()
    page.goto(reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill("officer")
    page.locator("input[name=password]").fill("gk-test-2026")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**" + reverse("wagtailadmin_home"))
    page.get_by_role("link", name="公开合规看板").first.click()
    page.wait_for_url("**" + reverse("wagtail_gk_catalog_admin:compliance"))
    assert "覆盖率" in page.content()
    row = page.locator("tr", has_text=county_catalog.name)
    assert "33.3%" in row.inner_text()  # 1 of 3 items has published content
    row.get_by_role("link", name=county_catalog.name).click()
    page.wait_for_url("**" + reverse("wagtail_gk_catalog_admin:compliance_catalog", args=[county_catalog.pk]))
    page.get_by_role("link", name="社会救助", exact=True).click()
    page.wait_for_url("**/domain/**")
    table = page.locator("table").first.inner_text()
    assert "办事指南" in table and "已公开" in table
    assert "审批" in table and "从未公开" in table


def test_citizen_reads_the_catalog_on_a_phone(browser, demo, agencies, county_catalog, township_catalog):
    index = demo.openness_index.add_child(instance=CatalogIndexPage(title="标准目录", slug="bzml", agency=agencies["county"]))
    index.add_child(instance=StandardCatalogPage(title=county_catalog.name, slug="county", catalog=county_catalog))
    page = browser(width=390, height=844)
    page.goto(index.url)
    page.get_by_role("link", name=county_catalog.name).click()
    page.get_by_role("link", name="社会救助").click()
    cell = page.locator("td[data-label='公开时限']").first
    assert cell.is_visible()
    # On a phone each item is a card: the label is printed before the value and nothing overflows.
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert "公开时限" in label
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
