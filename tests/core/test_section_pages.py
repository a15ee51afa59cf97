"""A polite guest: the suite's section page types are offered only at a site
root and under its top-level columns, unless the host widens it."""

import pytest
from django.urls import reverse

from wagtail_gk.models.sections import is_section_parent

pytestmark = pytest.mark.django_db


def offered(client, parent) -> str:
    return client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk])).content.decode()


def test_offered_at_the_root_and_top_level_columns_only(admin_client_zh, home_page):
    from example_site.home.models import ColumnPage

    openness = ColumnPage.objects.child_of(home_page).get(slug="zwgk")
    notices = ColumnPage.objects.child_of(openness).get(slug="tzgg")
    assert is_section_parent(home_page) and is_section_parent(openness)
    assert not is_section_parent(notices)
    add_foia = reverse("wagtailadmin_pages:add", args=["wagtail_gk_foia", "disclosurerequestpage", notices.pk])
    assert add_foia not in offered(admin_client_zh, notices)
    assert reverse("wagtailadmin_pages:add", args=["wagtail_gk_foia", "disclosurerequestpage", openness.pk]) in offered(
        admin_client_zh, openness
    )


def test_the_host_can_widen_it(admin_client_zh, home_page, settings):
    from example_site.home.models import ColumnPage

    notices = ColumnPage.objects.get(slug="tzgg")
    settings.GK_SECTION_PARENT_PAGE_TYPES = ["home.ColumnPage"]
    assert is_section_parent(notices)
    add_foia = reverse("wagtailadmin_pages:add", args=["wagtail_gk_foia", "disclosurerequestpage", notices.pk])
    assert add_foia in offered(admin_client_zh, notices)
