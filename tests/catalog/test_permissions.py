"""Who sees and maintains which catalog: roles say what, agency memberships say where."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail_gk.models import AgencyMembership
from wagtail_gk_catalog.permissions import can_edit_catalog, editable_catalogs, visible_catalogs

pytestmark = pytest.mark.django_db


@pytest.fixture
def township_officer(users, agencies):
    user = get_user_model().objects.create_user("township_officer", password="x")
    user.groups.add(*users["officer"].groups.all())
    AgencyMembership.objects.create(user=user, agency=agencies["township_a"])
    return user


def test_county_officer_maintains_county_and_township_catalogs(users, guide, county_catalog, township_catalog):
    officer = users["officer"]
    assert set(editable_catalogs(officer)) == {county_catalog, township_catalog}
    assert not can_edit_catalog(officer, guide)  # the region maintains its guide
    assert guide in visible_catalogs(officer)


def test_township_officer_maintains_only_the_township(township_officer, guide, county_catalog, township_catalog):
    assert set(editable_catalogs(township_officer)) == {township_catalog}
    assert set(visible_catalogs(township_officer)) == {guide, township_catalog}


def test_editor_views_but_does_not_maintain(users, county_catalog):
    assert county_catalog in visible_catalogs(users["editor"])
    assert not editable_catalogs(users["editor"]).exists()
    assert not visible_catalogs(users["village_member"]).exists()


def test_admin_views_enforce_scope(client, users, township_officer, county_catalog, township_catalog):
    client.force_login(township_officer)
    assert client.get(reverse("wagtail_gk_catalog_admin:catalog", args=[township_catalog.pk])).status_code == 200
    assert client.get(reverse("wagtail_gk_catalog_admin:catalog", args=[county_catalog.pk])).status_code == 404
    assert client.get(reverse("wagtail_gk_catalog_admin:import", args=[township_catalog.pk])).status_code == 200
    assert client.get(reverse("wagtail_gk_catalog_admin:compliance_catalog", args=[county_catalog.pk])).status_code == 404
    item = county_catalog.items.first()
    assert client.get(reverse("wagtail_gk_catalog_items:edit", args=[item.pk])).status_code == 404
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert client.post(reverse("wagtail_gk_catalog_admin:item_remove", args=[item.pk]), {"reason": "x"}).status_code in (302, 403)
    assert not county_catalog.items.filter(removed=True).exists()
    overview = client.get(reverse("wagtail_gk_catalog_admin:compliance")).content.decode()
    assert township_catalog.name in overview and county_catalog.name not in overview

    client.force_login(users["editor"])
    assert client.get(reverse("wagtail_gk_catalog_admin:catalog", args=[county_catalog.pk])).status_code == 200
    assert client.get(reverse("wagtail_gk_catalog_admin:import", args=[county_catalog.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtail_gk_catalog_admin:merge", args=[county_catalog.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtail_gk_catalog_items:edit", args=[item.pk])).status_code in (302, 403, 404)

    client.force_login(users["village_member"])
    assert client.get(reverse("wagtail_gk_catalog_admin:compliance")).status_code in (302, 403)


def test_item_chooser_offers_only_catalogs_in_scope(client, township_officer, county_catalog, township_catalog):
    client.force_login(township_officer)
    html = client.get(reverse("wagtail_gk_catalog_item_chooser:choose")).json()["html"]
    assert township_catalog.name in html and county_catalog.name not in html


def test_compliance_menu_item_follows_the_role(client, users):
    client.force_login(users["officer"])
    assert reverse("wagtail_gk_catalog_admin:compliance") in client.get(reverse("wagtailadmin_home")).content.decode()
