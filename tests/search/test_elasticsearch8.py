"""The Elasticsearch 8 Wagtail backend (``wagtail_gk.search.backends.elasticsearch8``):
offline, the index settings and mappings of each analysis mode, the
documents sent for a page with Chinese text, and the query bodies; live,
``update_index`` and searches against the server at GK_ELASTICSEARCH_URL."""

import json
import os
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from example_site.home.models import ArticlePage
from wagtail_gk.search.backends.elasticsearch8 import SearchBackend
from wagtail_gk.search.compat import EmptySearchResults, Phrase

from .test_backend import BAD_QUERIES

ES_URL = os.environ.get("GK_ELASTICSEARCH_URL", "")
UNREACHABLE = "http://127.0.0.1:9"  # nothing is sent by these tests; the client connects lazily


def backend(mode=None, **params):
    params = {"URLS": [UNREACHABLE], **params}
    if mode:
        params["CHINESE_ANALYSIS"] = mode
    return SearchBackend(params)


def analyzers(b):
    return b.settings["settings"]["analysis"]["analyzer"]


def test_default_mode_is_segmented_with_built_in_analysis_only():
    b = backend()
    assert b.chinese_analysis == "segmented"
    analysis = b.settings["settings"]["analysis"]
    assert analysis["tokenizer"]["gk_words"] == {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}
    for name in ("default", "default_search", "gk_search", "edgengram_analyzer"):
        assert analyzers(b)[name]["tokenizer"] == "gk_words"
    assert analyzers(b)["edgengram_analyzer"]["filter"][-1] == "edgengram"
    # Wagtail's own settings are kept.
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"
    assert b.settings["settings"]["index"]["max_ngram_diff"] == 12


@pytest.mark.parametrize(("mode", "index_tokenizer", "search_tokenizer"), [("ik", "ik_max_word", "ik_smart"), ("smartcn", "smartcn_tokenizer", "smartcn_tokenizer")])
def test_plugin_modes_use_the_plugin_tokenizers(mode, index_tokenizer, search_tokenizer):
    b = backend(mode)
    assert analyzers(b)["default"]["tokenizer"] == index_tokenizer
    assert analyzers(b)["edgengram_analyzer"]["tokenizer"] == index_tokenizer
    assert analyzers(b)["default_search"]["tokenizer"] == search_tokenizer
    assert analyzers(b)["gk_search"]["tokenizer"] == search_tokenizer
    assert "gk_words" not in b.settings["settings"]["analysis"].get("tokenizer", {})


def test_mode_inside_options_is_not_passed_to_the_client_and_site_settings_win():
    b = backend(OPTIONS={"CHINESE_ANALYSIS": "ik"}, INDEX_SETTINGS={"settings": {"index": {"number_of_replicas": 0}}})
    assert b.chinese_analysis == "ik"
    assert b.settings["settings"]["index"] == {"max_ngram_diff": 12, "number_of_replicas": 0}


def test_unknown_mode_is_refused_with_a_clear_message():
    with pytest.raises(ImproperlyConfigured, match="CHINESE_ANALYSIS .* must be one of segmented, ik, smartcn"):
        backend("jieba")


@pytest.mark.parametrize("mode", ["segmented", "ik", "smartcn"])
def test_mapping_analyses_autocomplete_queries_like_the_index(mode):
    props = backend(mode).mapping_class(ArticlePage).get_mapping()["properties"]
    assert props["_edgengrams"] == {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "gk_search"}
    assert props["title_edgengrams"]["search_analyzer"] == "gk_search"
    # Text fields take the index's default analyzers of the mode.
    assert "analyzer" not in props["title"] and props["_all_text"] == {"type": "text"}


@pytest.fixture
def page(home_page, agencies):
    page = ArticlePage(
        title="关于提高城乡低保标准的通知",
        slug="dibao",
        summary="依据宁政办发〔2020〕15号文件，城镇低保家庭每人每月补贴120元。",
        publishing_agency=agencies["county"],
    )
    home_page.add_child(instance=page)
    return page


@pytest.mark.django_db
def test_segmented_mode_sends_segmented_text(page):
    document = backend().mapping_class(ArticlePage).get_document(page)
    title_words = document["title"].split()
    assert "低保" in title_words and "城乡" in title_words and "通知" in title_words
    summary_words = document["home_articlepage__summary"].split()
    assert "低保" in summary_words and "〔2020〕15" in document["home_articlepage__summary"]
    assert document["title_edgengrams"] == document["title"]
    assert document["title"] in document["_edgengrams"]
    assert document["live_filter"] is True  # filters untouched
    json.dumps(document, default=str)


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["ik", "smartcn"])
def test_plugin_modes_send_the_text_as_it_is(page, mode):
    document = backend(mode).mapping_class(ArticlePage).get_document(page)
    assert document["title"] == page.title


class RecordingIndices:
    def __init__(self, calls):
        self.calls = calls

    def create(self, **kwargs):
        self.calls.append(("create", kwargs))

    def put_mapping(self, **kwargs):
        self.calls.append(("put_mapping", kwargs))


class RecordingClient:
    def __init__(self):
        self.calls = []
        self.indices = RecordingIndices(self.calls)


@pytest.mark.django_db
def test_what_an_index_update_sends(page, monkeypatch):
    """The requests Wagtail's indexing makes (create, mapping, bulk), recorded
    instead of sent."""
    b = backend(INDEX_PREFIX="site_")
    client = RecordingClient()
    b.es = client
    monkeypatch.setattr(b, "bulk", lambda es, actions, **kwargs: client.calls.append(("bulk", {"actions": list(actions), **kwargs})))
    index = b.get_index_for_model(ArticlePage)
    index.put()
    index.add_model(ArticlePage)
    index.add_items(ArticlePage, [page])
    (create, created), (_, mapped), (_, bulk) = client.calls
    assert create == "create" and created["index"] == index.name
    assert created["settings"]["analysis"]["analyzer"]["default"]["tokenizer"] == "gk_words"
    assert mapped["properties"]["_edgengrams"]["search_analyzer"] == "gk_search"
    (action,) = bulk["actions"]
    assert bulk["index"] == index.name and action["_id"] == str(page.pk)
    assert "低保" in action["title"].split() and action["title"] != page.title


def body(results):
    return results._get_es_body()


def match_queries(node):
    """Every (field, match query) in a query body; a multi_match gives one per field."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "match" and isinstance(value, dict):
                found += [(field, query) for field, query in value.items() if isinstance(query, dict)]
            elif key == "multi_match":
                query = {k: v for k, v in value.items() if k != "fields"}
                found += [(field.split("^")[0], query) for field in value["fields"]]
            else:
                found += match_queries(value)
    elif isinstance(node, list):
        for item in node:
            found += match_queries(item)
    return found


@pytest.mark.django_db
def test_segmented_query_body_requires_every_word_of_a_run():
    matches = match_queries(body(backend().search("城乡低保标准", ArticlePage.objects.live())))
    assert {field for field, _ in matches} == {"_all_text", "_all_text_boost_2_0"}
    for _field, query in matches:
        assert query["operator"] == "and"
        assert set(query["query"].split()) >= {"城乡", "低保", "标准"}


@pytest.mark.django_db
def test_segmented_query_body_with_operator_or_and_a_phrase():
    matches = match_queries(body(backend().search("低保 预算", ArticlePage, operator="or")))
    assert sorted({query["query"] for _, query in matches}) == ["低保", "预算"]
    # A Chinese phrase: all of its words (the index holds sub-words between them).
    matches = match_queries(body(backend().search(Phrase("城乡低保"), ArticlePage)))
    assert matches and all(query["operator"] == "and" and query["query"].split() == ["城乡", "低保"] for _, query in matches)


@pytest.mark.django_db
def test_segmented_autocomplete_query_body():
    matches = match_queries(body(backend().autocomplete("一般公共预", ArticlePage)))
    assert matches == [("_edgengrams", {"query": "一般 公共 预", "operator": "and"})]
    matches = match_queries(body(backend().autocomplete("低保 预算", ArticlePage, operator="or")))
    assert matches == [("_edgengrams", {"query": "低保 预算", "operator": "and"})]


@pytest.mark.django_db
def test_plugin_query_body_leaves_analysis_to_the_cluster():
    matches = match_queries(body(backend("ik").search("城乡低保标准", ArticlePage)))
    assert matches and all(query["query"] == "城乡低保标准" for _, query in matches)
    matches = match_queries(body(backend("smartcn").autocomplete("一般公共预", ArticlePage)))
    assert matches == [("_edgengrams", {"query": "一般公共预"})]


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["segmented", "ik", "smartcn"])
def test_bad_input_never_raises_while_building_queries(mode):
    b = backend(mode)
    for query in BAD_QUERIES:
        for results in (b.search(query, ArticlePage.objects.live()), b.autocomplete(query, ArticlePage.objects.live())):
            if isinstance(results, EmptySearchResults):
                assert list(results) == []
                continue
            sent = json.dumps(body(results), ensure_ascii=False)  # what would go over the wire
            assert "\x00" not in sent and "\ud800" not in sent
            words = [w for _, q in match_queries(body(results)) for w in q["query"].split()]
            assert len(words) <= 32 * 2


@pytest.mark.django_db
def test_only_function_words_give_an_empty_result_without_a_request():
    assert isinstance(backend().search("的了", ArticlePage), EmptySearchResults)


# -- live ---------------------------------------------------------------------


@pytest.fixture
def live_backend(settings):
    if not ES_URL:
        pytest.skip("Elasticsearch not available: GK_ELASTICSEARCH_URL is not set")
    prefix = f"gk-wagtail-test-{uuid.uuid4().hex[:8]}-"
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "es": {"BACKEND": "wagtail_gk.search.backends.elasticsearch8", "URLS": [ES_URL], "INDEX_PREFIX": prefix},
    }
    from wagtail.search.backends import get_search_backend

    b = get_search_backend("es")
    yield b
    # By name: Elasticsearch 8 refuses wildcard deletes by default.
    for name in b.es.indices.get(index=f"{prefix}*", allow_no_indices=True):
        b.es.indices.delete(index=name, ignore_unavailable=True)


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_live_update_index_and_chinese_search(live_backend, page, home_page, agencies):
    other = ArticlePage(title="2025年一般公共预算报告", slug="budget", summary="全县一般公共预算收入。", publishing_agency=agencies["county"])
    home_page.add_child(instance=other)
    call_command("update_index", backend_name="es", verbosity=0)
    live_backend.get_index_for_model(ArticlePage).refresh()

    def titles(results):
        return [p.title for p in results]

    assert titles(live_backend.search("低保", ArticlePage.objects.live())) == [page.title]
    assert titles(live_backend.search("预算", ArticlePage.objects.live())) == [other.title]
    assert titles(live_backend.search("宁政办发〔2020〕15号", ArticlePage.objects.live())) == [page.title]
    assert titles(live_backend.autocomplete("一般公共预", ArticlePage.objects.live())) == [other.title]
    for query in BAD_QUERIES:
        list(live_backend.search(query, ArticlePage.objects.live()))


def test_system_check_refuses_an_unknown_mode(settings):
    from wagtail_gk.search import checks

    es = {"BACKEND": "wagtail_gk.search.backends.elasticsearch8", "URLS": [UNREACHABLE]}
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "es": es}
    assert checks.check_elasticsearch_analysis() == []
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "es": {**es, "OPTIONS": {"CHINESE_ANALYSIS": "jieba"}}}
    assert [m.id for m in checks.check_elasticsearch_analysis()] == ["wagtail_gk.E161"]
    # The database backend's warning is about database backends only.
    assert checks.check_search_backend() == []
