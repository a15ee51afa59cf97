"""The search interface (query, facets with counts, sorting, highlighting,
paging, bad input), one set of cases run against every backend: the database
backend on the test database (SQLite or PostgreSQL) and Elasticsearch when
GK_ELASTICSEARCH_URL names a server."""

import os
import uuid

import pytest

from wagtail_gk.models import Validity
from wagtail_gk.policy.search import parse_request, run_search
from wagtail_gk.policy.search.documents import live_documents

ES_URL = os.environ.get("GK_ELASTICSEARCH_URL", "")


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings):
    if request.param == "database":
        from wagtail_gk.policy.search.database import DatabaseSearchBackend

        yield DatabaseSearchBackend()
        return
    if not ES_URL:
        pytest.skip("Elasticsearch not available: GK_ELASTICSEARCH_URL is not set")
    from wagtail_gk.policy.search.elasticsearch import ElasticsearchSearchBackend

    es = ElasticsearchSearchBackend({"URL": ES_URL, "INDEX": f"gk-policy-test-{uuid.uuid4().hex[:8]}"})
    yield es
    es.drop()


@pytest.fixture
def indexed(corpus, backend):
    backend.rebuild(live_documents())
    return corpus


def search(backend, **params):
    request, notices, searchable = parse_request(params)
    return run_search(request, notices=notices, searchable=searchable, backend=backend)


def titles(results):
    return [hit.title for hit in results.hits]


def facet(results, key):
    return {value.label: value.count for f in results.facets if f.key == key for value in f.values}


def test_segmented_query_finds_compound_word(indexed, backend):
    results = search(backend, q="预算")
    assert titles(results) == [indexed["budget"].title]
    assert results.backend == backend.name


def test_two_word_query_requires_both_words(indexed, backend):
    assert set(titles(search(backend, q="补贴 一卡通"))) == {indexed["subsidy"].title, indexed["card"].title}
    assert titles(search(backend, q="补贴 征地")) == []


def test_empty_query_browses_everything_newest_first(indexed, backend):
    results = search(backend)
    assert results.total == 6
    dates = [hit.release_date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_facets_count_matches(indexed, backend, agencies):
    results = search(backend, q="征地补偿")
    assert results.total == 2
    assert facet(results, "validity") == {"有效": 1, "废止": 1}
    assert facet(results, "year") == {"2024年": 1, "2021年": 1}
    assert facet(results, "kind") == {"规范性文件": 2}
    assert facet(results, "agency") == {agencies["county"].name: 2}
    assert facet(results, "topic") == {"城乡建设、环境保护": 2}


def test_all_facets_browse_counts(indexed, backend, agencies):
    results = search(backend)
    assert facet(results, "agency") == {agencies["county"].name: 4, agencies["township_a"].name: 2}
    assert facet(results, "year") == {"2025年": 3, "2024年": 1, "2023年": 1, "2021年": 1}
    assert [f.key for f in results.facets] == ["agency", "year", "topic", "kind", "validity"]


def test_facet_filter_narrows_and_second_level_appears(indexed, backend, agencies):
    topic_id = indexed["land"].topic.parent_id
    results = search(backend, topic=str(topic_id))
    assert results.total == 3
    assert "subtopic" in [f.key for f in results.facets]
    assert facet(results, "subtopic") == {"征地补偿": 2, "城乡建设（含住房）": 1}
    selected = [v for f in results.facets if f.key == "topic" for v in f.values if v.selected]
    assert len(selected) == 1 and "topic=" not in selected[0].url  # clicking again removes the filter
    narrowed = search(backend, topic=str(topic_id), validity="valid", agency=str(agencies["county"].pk))
    assert titles(narrowed) == [indexed["land"].title]
    assert [f["value"] for f in narrowed.active_filters] == ["永宁县人民政府", "城乡建设、环境保护", "有效"] or len(narrowed.active_filters) == 3


def test_sort_by_relevance_and_by_date(indexed, backend):
    relevance = search(backend, q="补贴")
    by_date = search(backend, q="补贴", sort="date")
    assert set(titles(relevance)) == set(titles(by_date)) == {indexed["subsidy"].title, indexed["card"].title, indexed["housing"].title}
    assert titles(by_date) == [indexed["subsidy"].title, indexed["housing"].title, indexed["card"].title]
    # The title carries 补贴 twice in "card" and once in "subsidy"; both title hits outrank a body-only hit.
    assert titles(relevance)[-1] == indexed["housing"].title


def test_relevance_pages_concatenate_to_the_full_order(indexed, backend):
    """Paging through relevance-sorted hits gives every hit once, in the order
    of one long page, also where title hits give way to body hits."""
    # 补贴: two title hits and one body hit; 征地: two body hits (the summaries) only.
    for query, expected in (("补贴", 3), ("征地", 2)):
        full = titles(run_search(parse_request({"q": query}, page_size=10)[0], backend=backend))
        assert len(full) == expected
        for size in (1, 2):
            pages = []
            for number in range(1, 4):
                results = run_search(parse_request({"q": query, "page": str(number)}, page_size=size)[0], backend=backend)
                pages += titles(results)
            assert pages == full, (query, size)


def test_postgres_relevance_is_title_hits_then_body_hits_newest_first(indexed, backend):
    from django.db import connection

    if backend.name != "database" or connection.vendor != "postgresql":
        pytest.skip("the two-tier relevance order is the PostgreSQL database backend's")
    # subsidy (2025-03-28) and card (2023-06-30) hold 补贴 in the title; housing (2025-03-20) in its summary only.
    assert titles(search(backend, q="补贴")) == [indexed["subsidy"].title, indexed["card"].title, indexed["housing"].title]
    assert [hit.score for hit in search(backend, q="补贴").hits] == [1.0, 1.0, 0.0]


def test_year_filter_with_words(indexed, backend):
    results = search(backend, q="补贴", year="2025")
    assert set(titles(results)) == {indexed["subsidy"].title, indexed["housing"].title}
    assert facet(results, "year") == {"2025年": 2}
    assert search(backend, q="补贴", year="2024").total == 0


def test_highlighting_marks_query_words_and_escapes(indexed, backend):
    results = search(backend, q="预算")
    hit = results.hits[0]
    assert "<mark>预算</mark>" in hit.title_html
    assert "<mark>预算</mark>" in hit.snippet_html
    assert "<script" not in hit.snippet_html


def test_paging(indexed, backend):
    first = run_search(parse_request({}, page_size=4)[0], backend=backend)
    second = run_search(parse_request({"page": "2"}, page_size=4)[0], backend=backend)
    assert first.num_pages == 2 and first.has_next and not first.has_previous
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not set(titles(first)) & set(titles(second))
    assert "page=2" in first.next_url


def test_repealed_policies_are_marked_in_results(indexed, backend):
    hits = {hit.title: hit for hit in search(backend, q="征地补偿").hits}
    assert hits[indexed["land_old"].title].validity == Validity.REPEALED
    assert hits[indexed["land"].title].validity == Validity.VALID


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"q": "，。！？……"}, "没有可以检索的文字"),
        ({"q": "预算" * 200}, "检索词过长"),
        ({"agency": "999999"}, None),
        ({"agency": "abc"}, "值无效"),
        ({"kind": "nonsense"}, "值无效"),
        ({"year": "1800"}, "值无效"),
        ({"page": "-3"}, "页码无效"),
        ({"page": "99999"}, "页码无效"),
        ({"page": "150"}, "没有结果"),
        ({"sort": "bogus"}, "排序方式无效"),
    ],
)
def test_bad_input_gives_empty_result_or_notice(indexed, backend, params, notice):
    results = search(backend, **params)
    if notice:
        assert any(notice in n for n in results.notices), results.notices
    if params.get("agency") == "999999" or params.get("q", "").startswith("，") or params.get("page") == "150":
        assert results.hits == []


def test_search_view_renders_facets_highlights_and_marks(client, indexed, backend, settings):
    settings.GK_POLICY_SEARCH_BACKEND = {"BACKEND": f"{type(backend).__module__}.{type(backend).__name__}", "OPTIONS": backend.options}
    response = client.get("/policy/search/", {"q": "征地补偿"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>征地补偿</mark>" in html
    assert "已废止" in html and "gkp-hit--repealed" in html
    assert 'class="count">2<' in html
    for bad in ({"q": "'\"<>"}, {"page": "x"}, {"year": "abc"}, {"q": "a" * 5000}):
        assert client.get("/policy/search/", bad).status_code == 200
