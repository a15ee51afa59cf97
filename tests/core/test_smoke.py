import pytest


@pytest.mark.django_db
def test_home_page_renders_in_chinese(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert "永宁县人民政府" in response.content.decode()


@pytest.mark.django_db
def test_home_page_links_to_each_service_page_under_it(client, demo):
    from wagtail_gk_foia.models import DisclosureRequestPage

    intake = demo.home.add_child(instance=DisclosureRequestPage(title="依申请公开", slug="ysqgk", agency=demo.agencies["county"]))
    elsewhere = DisclosureRequestPage(title="别处的申请页", slug="elsewhere", agency=demo.agencies["county"])
    demo.home.get_parent().add_child(instance=elsewhere)

    html = client.get("/").content.decode()
    assert f'href="{intake.url}"' in html
    assert "在线提交申请，查询办理进度" in html
    assert "别处的申请页" not in html  # only pages of this site
