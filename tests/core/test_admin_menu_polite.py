"""A polite guest: a host's plain editor (Wagtail's own "Editors" group, none
of the suite's roles) sees none of the suite's menus or dashboard panels."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

pytestmark = pytest.mark.django_db
WAGTAIL_MENUS = {"explorer", "images", "documents", "reports", "help", "snippets", "settings"}


def menu_names(user) -> set[str]:
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_plain_wagtail_editor_sees_only_wagtails_menus(client, demo):
    user = get_user_model().objects.create_user("host-editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    assert menu_names(user) <= WAGTAIL_MENUS
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gk-calendar-reminder" not in html  # dashboard panels are for the suite's roles


def test_officer_sees_the_disclosure_menu(demo):
    assert menu_names(demo.users["officer"]) - WAGTAIL_MENUS
