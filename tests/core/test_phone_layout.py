"""On a 360 × 740 phone, no public page of the demo scrolls sideways: wide
tables (village finance notices, lists, catalogs, metadata) scroll inside
their own container, which shows a cue, and the page itself keeps its width.

The demo is built in the test; the pages visited are one or two of every live
page type, the routes pages serve below their URL (share page, catalog item,
intake, receipt, status), and the policy library's public views."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.requires_apps("wagtail_gk_catalog", "wagtail_gk_foia", "wagtail_gk_village"),
]

WIDTH, HEIGHT = 360, 740

#: Offending elements: wider than the window and not inside a scroll container.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const scrolls = el => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scrolls(el)) offenders.push(describe(el) + ' (right ' + Math.round(box.right) + ')');
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 6)};
}"""

#: Tables wider than their container: each must scroll in a container with a visible cue.
TABLE_CUE_JS = """() => Array.from(document.querySelectorAll('table')).filter(t => t.offsetParent !== null).map(t => {
  const box = t.closest('.gk-table-scroll');
  const figure = t.closest('.gk-table');
  const hint = figure && figure.querySelector('.gk-table-hint');
  const overflowing = box ? box.scrollWidth > box.clientWidth + 1 : t.getBoundingClientRect().right > window.innerWidth + 1;
  return {table: (t.className || 'table'), wrapped: !!box, overflowing,
          cue: !!(hint && hint.offsetParent !== null && hint.innerText.trim())};
})"""


def _public_urls():
    from django.apps import apps
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    urls: list[str] = []

    def add(url):
        if url and url not in urls:
            urls.append(url)

    by_type: dict[type, list] = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        by_type.setdefault(type(page), []).append(page)
    for pages in by_type.values():
        for page in pages[:2]:
            add(page.relative_url(site))

    VillageNoticePage = apps.get_model("wagtail_gk_village", "VillageNoticePage")
    notices = VillageNoticePage.objects.live().order_by("path")
    for notice in (notices.exclude(finance_rows=[]).first(), notices.exclude(beneficiary_rows=[]).first()):
        assert notice is not None, "the demo has a finance notice and a list notice"
        add(notice.relative_url(site))
        add(notice.relative_url(site) + "share/")
    GovernmentListPage = apps.get_model("wagtail_gk_village", "GovernmentListPage")
    for page in GovernmentListPage.objects.live().exclude(beneficiary_rows=[])[:1]:
        add(page.relative_url(site))

    StandardCatalogPage = apps.get_model("wagtail_gk_catalog", "StandardCatalogPage")
    for page in StandardCatalogPage.objects.live().order_by("path")[:2]:
        item = page.catalog.items.active().first()
        if item is not None:
            add(page.item_url(item))

    DisclosureRequestPage = apps.get_model("wagtail_gk_foia", "DisclosureRequestPage")
    intake = DisclosureRequestPage.objects.live().first()
    add(intake.relative_url(site) + "easy/")
    add(intake.relative_url(site) + "status/")

    from django.urls import reverse

    PolicyPackage = apps.get_model("wagtail_gk_policy", "PolicyPackage")
    add(reverse("wagtail_gk_policy:search") + "?q=预算")
    add(reverse("wagtail_gk_policy:search") + "?q=补贴")
    add(reverse("wagtail_gk_policy:subscribe"))
    for package in PolicyPackage.objects.filter(is_public=True)[:1]:
        add(reverse("wagtail_gk_policy:package", args=[package.slug]))
    return urls, intake


def _file_a_request(page, intake_url, tmp_path):
    """The applicant's receipt and status pages: file a request on the phone."""
    from tests.foia.conftest import file_request_in_browser

    return file_request_in_browser(page, intake_url, tmp_path)


def _check(page, url, problems):
    result = page.evaluate(OVERFLOW_JS)
    if result["scrollWidth"] > result["width"] or result["offenders"]:
        problems.append(f"{url}: scrollWidth {result['scrollWidth']} > {result['width']}: {', '.join(result['offenders'])}")
    for table in page.evaluate(TABLE_CUE_JS):
        if table["overflowing"] and not (table["wrapped"] and table["cue"]):
            problems.append(f"{url}: table.{table['table']} is wider than the screen without a scroll container and cue")


def test_no_public_page_scrolls_sideways_on_a_phone(browser, tmp_path):
    call_command("gk_demo", stdout=io.StringIO())
    urls, intake = _public_urls()
    assert len(urls) > 15, urls
    page = browser(width=WIDTH, height=HEIGHT, is_mobile=True, has_touch=True)
    problems: list[str] = []
    wide_tables = 0
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        _check(page, url, problems)
        wide_tables += sum(1 for t in page.evaluate(TABLE_CUE_JS) if t["overflowing"])
        if os.environ.get("GK_SCREENSHOT_DIR"):  # e.g. docs/screenshots: one phone picture per page
            name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"
            if page.locator(".gk-table").count():
                page.locator(".gk-table").first.scroll_into_view_if_needed()
            page.screenshot(path=os.path.join(os.environ["GK_SCREENSHOT_DIR"], f"phone-{name}.png"))

    tracking, code = _file_a_request(page, intake.url, tmp_path)
    _check(page, "receipt", problems)
    page.goto(intake.url + "status/")
    page.get_by_label("受理编号").fill(tracking)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.locator(".gk-foia-status").wait_for()
    _check(page, "status result", problems)

    assert not problems, "Pages that scroll sideways at 360 px:\n" + "\n".join(problems)
    # The finance tables really are wider than a phone: the scroll containers were exercised.
    assert wide_tables >= 1
