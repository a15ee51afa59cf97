"""The example site loads nothing from outside: no Gravatar avatars in the admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_shows_no_gravatar(client, users):
    user = users["editor"]
    user.email = "editor@example.cn"
    user.save()
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar.com" not in html


def test_the_check_above_would_see_a_gravatar(client, users, settings):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    user = users["editor"]
    user.email = "editor@example.cn"
    user.save()
    client.force_login(user)
    assert "gravatar.com" in client.get(reverse("wagtailadmin_home")).content.decode()
