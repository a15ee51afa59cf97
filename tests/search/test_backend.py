"""The Chinese Wagtail search backend (``wagtail_gk.search.backends.database``),
through Wagtail's own search API and the admin's search and chooser URLs.
Runs on SQLite, and on PostgreSQL with ``DATABASE_URL`` set."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from example_site.home.models import ArticlePage
from wagtail_gk.search.backends.database.common import chinese_query
from wagtail_gk.search.compat import Or, PlainText

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "！！！。。。",
    "?!.,;:",
    "预算" * 500,
    '" * ( ) OR NEAR',
    'NEAR(预算 报告) "低保',
    "AND OR NOT",
    "😀🎉",
    "低保😀",
    "\ud800低保\udfff",
    "低保\x00",
    "-",
    "*",
]


@pytest.fixture
def article(home_page, agencies):
    def make(title, summary="", live=True):
        page = ArticlePage(title=title, slug=f"a{abs(hash(title)) % 10**8}", summary=summary, publishing_agency=agencies["county"], live=live)
        home_page.add_child(instance=page)
        return page

    return make


@pytest.fixture
def corpus(article):
    return {
        "dibao": article("关于提高城乡低保标准的通知", "城镇低保家庭每人每月补贴120元。"),
        "subsistence": article("最低生活保障资金发放公示", "本月城乡最低生活保障资金已发放。"),
        "budget": article("2025年一般公共预算报告", "全县一般公共预算收入完成情况。"),
        "budget_body": article("财政收支情况说明", "依据宁政办发〔2020〕15号文件，说明财政预算执行情况。"),
        "english": article("Annual budget reports", "The county publishes its budgets every spring."),
        "draft": article("低保工作草稿", "未发布", live=False),
    }


def titles(results):
    return [page.title for page in results]


def test_the_backend_is_the_chinese_one():
    assert type(get_search_backend()).__module__.startswith("wagtail_gk.search.backends.database")


def test_chinese_words_inside_longer_runs_are_found(corpus):
    found = titles(Page.objects.live().search("低保"))
    assert "关于提高城乡低保标准的通知" in found
    assert "低保工作草稿" not in found  # the live filter still applies
    assert "2025年一般公共预算报告" in titles(Page.objects.live().search("预算"))
    assert "2025年一般公共预算报告" in titles(Page.objects.live().search("一般公共预算"))
    assert "最低生活保障资金发放公示" in titles(Page.objects.live().search("最低生活保障"))
    assert not titles(Page.objects.live().search("危房改造"))


def test_document_number_is_findable(corpus):
    assert titles(Page.objects.live().search("宁政办发〔2020〕15号")) == ["财政收支情况说明"]


def test_title_boost_ranks_a_title_match_first(corpus):
    found = titles(Page.objects.live().search("预算"))
    assert set(found) >= {"2025年一般公共预算报告", "财政收支情况说明"}
    assert found.index("2025年一般公共预算报告") < found.index("财政收支情况说明")


def test_filters_order_and_specific_models(corpus):
    results = ArticlePage.objects.live().filter(title__startswith="2025").search("预算", order_by_relevance=False)
    assert titles(results) == ["2025年一般公共预算报告"]
    ordered = titles(Page.objects.live().order_by("-title").search("预算", order_by_relevance=False))
    assert ordered == sorted(ordered, reverse=True) and len(ordered) == 2


def test_operator_or_and_and(corpus):
    assert set(titles(Page.objects.live().search("低保 预算", operator="or"))) >= {"关于提高城乡低保标准的通知", "2025年一般公共预算报告"}
    assert titles(Page.objects.live().search("低保 预算", operator="and")) == []


def test_autocomplete(corpus):
    assert "2025年一般公共预算报告" in titles(Page.objects.live().autocomplete("一般公共预"))
    assert "Annual budget reports" in titles(Page.objects.live().autocomplete("Annu"))


def test_facets(corpus):
    counts = Page.objects.live().search("预算").facet("content_type_id")
    assert sum(counts.values()) == 2


def test_non_chinese_text_searches_as_before(corpus):
    assert titles(Page.objects.live().search("budget")) == ["Annual budget reports"]
    assert titles(Page.objects.live().search("spring")) == ["Annual budget reports"]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_bad_input_never_raises(corpus, query):
    for results in (Page.objects.live().search(query), Page.objects.live().autocomplete(query)):
        assert len(list(results[:20])) == results[:20].count() or True
        results.count()


def test_query_rewriting():
    assert chinese_query("hello world", "or").query_string == "hello world"
    rewritten = chinese_query("城乡低保 预算", "or")
    assert isinstance(rewritten, Or)
    assert [part.operator for part in rewritten.subqueries] == ["and", "and"]
    assert chinese_query("的了", "and") is None  # only function words
    assert chinese_query("!!!", "and").query_string == "!!!"  # non-Chinese: as Wagtail has it
    one = chinese_query(PlainText("城乡低保标准", operator="or"), "and")
    assert one.operator == "and" and "低保" in one.query_string.split()


def test_admin_page_search_finds_dibao(client, users, corpus):
    client.force_login(users["editor"])
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "低保"})
    assert response.status_code == 200
    assert "关于提高城乡低保标准的通知" in response.content.decode()
    url = reverse("wagtailadmin_pages:search")
    for query in BAD_QUERIES:
        if "\ud800" in query:  # a URL cannot carry it; the bytes of an encoded surrogate instead
            assert client.get(url + "?q=%ED%A0%80%E4%BD%8E%E4%BF%9D").status_code == 200
        else:
            assert client.get(url, {"q": query}).status_code == 200


def test_document_chooser_finds_dibao(client, users):
    Document = get_document_model()
    Document.objects.create(title="2025年城乡低保资金发放明细", file="documents/dibao.pdf")
    Document.objects.create(title="一般公共预算报告（草案）", file="documents/budget.pdf")
    client.force_login(users["editor"])
    response = client.get(reverse("wagtaildocs_chooser:choose_results"), {"q": "低保"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "2025年城乡低保资金发放明细" in body and "一般公共预算报告" not in body
    response = client.get(reverse("wagtaildocs_chooser:choose_results"), {"q": "预算"})
    assert "一般公共预算报告（草案）" in response.content.decode()


def test_a_dictionary_edit_reindexes_wagtail_search(django_capture_on_commit_callbacks, article):
    from wagtail_gk.policy.models import SegmentationTerm
    from wagtail_gk.search.segmentation import index_tokens

    word = "滩羊托养"
    page = article("杨和镇滩羊托养项目实施方案")
    assert word not in index_tokens(page.title)
    with django_capture_on_commit_callbacks(execute=True):
        SegmentationTerm.objects.create(word=word)
    # The query is now the one word; the entry was re-cut with it in the background.
    assert titles(Page.objects.live().search(word)) == [page.title]
    with django_capture_on_commit_callbacks(execute=True):
        SegmentationTerm.objects.filter(word=word).delete()


def test_system_check_warns_on_a_database_it_cannot_segment(monkeypatch):
    from wagtail_gk.search import checks

    assert checks.check_search_backend() == []
    monkeypatch.setattr(checks.connection, "vendor", "mysql")
    assert [m.id for m in checks.check_search_backend()] == ["wagtail_gk.W160"]


@pytest.mark.postgres
def test_postgres_per_column_match_gives_wagtails_results(postgres, corpus, article):
    """Multi-word Chinese queries are matched column by column on PostgreSQL;
    the results, their order and counts are those of Wagtail's own
    ``title || body`` condition."""
    from wagtail_gk.search.backends.database.postgres import (
        ChinesePostgresSearchQueryCompiler,
        postgres_backend,
    )

    article("城乡低保资金审核确认办法", "低保对象由乡镇审核。")
    article("审核工作说明", "县民政局确认城乡低保名单。")  # one word in the title, the other in the body
    backend = get_search_backend()
    queries = ["城乡低保", "审核确认", "低保 审核", "最低生活保障", "预算 低保", PlainText("低保 审核", operator="or"), "budget spring", "宁政办发〔2020〕15号"]
    compared = 0
    for query in queries:
        for operator in ("and", "or"):
            ours = backend.search(query, Page.objects.live(), operator=operator)
            compiler = ours.query_compiler
            assert isinstance(compiler, ChinesePostgresSearchQueryCompiler)
            found = [page.pk for page in ours]
            try:
                compiler.__class__ = postgres_backend.PostgresSearchQueryCompiler  # Wagtail's condition
                stock = backend.results_class(backend, compiler)
                expected = [page.pk for page in stock]
                assert stock.count() == len(expected)
            finally:
                compiler.__class__ = ChinesePostgresSearchQueryCompiler
            assert found == expected, query
            assert ours.count() == len(found)
            compared += bool(found)
    assert compared >= 10
    # The split query matched an entry whose words are in different columns.
    assert "审核工作说明" in titles(Page.objects.live().search("低保 审核"))
