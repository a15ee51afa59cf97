import pytest

from example_site.home.models import ArticlePage


@pytest.mark.django_db
def test_article_page_shows_metadata_box_and_meta_tags(client, demo):
    page = ArticlePage.objects.live().first()
    html = client.get(page.url).content.decode()
    for label in ["索引号", "发布机构", "主题分类", "公开方式", "成文日期", "发布日期", "有效性"]:
        assert label in html
    assert page.index_number in html
    assert '<meta name="SiteIDCode" content="6401210001">' in html
    assert f'<meta name="ArticleTitle" content="{page.title}">' in html
    assert '<meta name="ColumnName" content="通知公告">' in html
    assert '<meta name="ContentSource" content="永宁县人民政府">' in html
    assert html.count('name="SiteIDCode"') == 1


@pytest.mark.django_db
def test_public_pages_are_in_chinese(client, demo):
    html = client.get("/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "网站标识码" in html and "主办单位" in html
