import pytest
from django.urls import reverse

from wagtail_gk.models import Agency, AgencyMembership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, heading",
    [("gk_calendar:index", "工作日历"), ("gk_agencies:index", "机构"), ("gk_memberships:index", "机构成员"), ("gk_topics:index", "主题分类")],
)
def test_settings_screens_render_in_chinese(admin_client_zh, name, heading):
    response = admin_client_zh.get(reverse(name))
    assert response.status_code == 200
    assert f"<title>{heading}" in response.content.decode()


def test_membership_can_be_added(admin_client_zh, users, agencies):
    response = admin_client_zh.post(
        reverse("gk_memberships:add"), {"user": users["editor"].pk, "agency": agencies["township_b"].pk}
    )
    assert response.status_code == 302
    assert AgencyMembership.objects.filter(user=users["editor"], agency=agencies["township_b"]).exists()


def test_editor_cannot_change_agencies(client, users):
    client.force_login(users["editor"])
    response = client.get(reverse("gk_agencies:index"))
    assert response.status_code in (302, 403)


def test_descendants_of_walks_the_whole_tree(agencies):
    county = agencies["county"]
    names = set(Agency.objects.descendants_of(county).values_list("short_name", flat=True))
    assert names == {"永宁县", "杨和镇", "望洪镇", "红星村", "王太村", "农丰村"}
    assert "永宁县" not in set(
        Agency.objects.descendants_of(county, include_self=False).values_list("short_name", flat=True)
    )
