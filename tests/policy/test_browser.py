"""A citizen searches the policy library in headless Chromium, narrows by a
facet, and opens a policy."""

import pytest

from wagtail_gk.policy.search.database import DatabaseSearchBackend
from wagtail_gk.policy.search.documents import live_documents

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def library_online(transactional_db, corpus):
    DatabaseSearchBackend().rebuild(live_documents())
    return corpus


def test_search_facet_and_open_policy(browser, library, library_online):
    page = browser(width=390, height=844)  # a phone
    page.goto(library.url)
    page.fill("#gkp-q", "征地补偿")
    page.click("form.gkp-search-form button[type=submit]")
    page.wait_for_selector(".gkp-hit")
    assert page.locator(".gkp-hit").count() == 2
    assert page.locator(".gkp-hit mark").first.inner_text() == "征地补偿"
    assert page.locator(".gkp-hit--repealed .gkp-badge").inner_text() == "已废止"

    validity = page.locator("details.gkp-facet", has_text="有效性")
    validity.locator("a", has_text="有效").first.click()
    page.wait_for_url("**validity=valid**")
    assert page.locator(".gkp-hit").count() == 1
    assert "有效性：有效" in page.locator(".gkp-active").inner_text()

    page.click(".gkp-hit-title")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == library_online["land"].title
    assert "永政发〔2024〕21号" in page.locator(".gkp-metadata").inner_text()
