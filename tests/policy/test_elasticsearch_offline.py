"""The Elasticsearch backend without a server: mapping and analysis, query
bodies, conversion of a recorded response, the alias swap of a rebuild, and
the fallback to the database backend when the cluster is unreachable."""

import datetime
import logging

import pytest

from wagtail_gk.policy.search import parse_request, run_search
from wagtail_gk.policy.search.base import BackendUnavailable, PolicyIndexDocument, SearchRequest
from wagtail_gk.policy.search.elasticsearch import (
    ElasticsearchSearchBackend,
    build_search,
    index_body,
)


def test_mapping_with_jieba_indexes_segmented_copies():
    body = index_body("gk-policy-1", "jieba")
    props = body["mappings"]["properties"]
    assert body["settings"]["analysis"]["analyzer"]["gk_words"] == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    assert props["title_tokens"] == {"type": "text", "analyzer": "gk_words"}
    assert props["body_tokens"]["analyzer"] == "gk_words"
    for keyword in ("document_kind", "validity", "agency_name", "document_number"):
        assert props[keyword]["type"] == "keyword"
    assert props["release_date"]["type"] == "date" and props["agency_id"]["type"] == "integer"
    assert props["title"]["fields"]["raw"]["type"] == "keyword"


@pytest.mark.parametrize(("mode", "index_an", "search_an"), [("ik", "ik_max_word", "ik_smart"), ("smartcn", "smartcn", "smartcn")])
def test_mapping_uses_plugin_analyzer(mode, index_an, search_an):
    props = index_body("x", mode)["mappings"]["properties"]
    for name in ("title", "summary", "body"):
        assert props[name]["analyzer"] == index_an
        assert props[name]["search_analyzer"] == search_an


def test_query_body_jieba_requires_every_word_with_facets_highlight_sort_and_paging():
    request = SearchRequest(text="财政 预算", tokens=["财政", "预算"], filters={"year": 2025, "kind": "notice"}, page=3, page_size=10)
    body = build_search(request, "gk-policy", "jieba").to_dict()
    musts = body["query"]["bool"]["must"]
    assert [m["multi_match"]["query"] for m in musts] == ["财政", "预算"]
    assert musts[0]["multi_match"]["fields"] == ["title_tokens^3", "body_tokens"]
    assert {"term": {"year": 2025}} in body["query"]["bool"]["filter"]
    assert {"term": {"document_kind": "notice"}} in body["query"]["bool"]["filter"]
    assert set(body["aggs"]) == {"agency", "year", "topic", "kind", "validity"}  # no subtopic without a topic
    assert body["aggs"]["agency"] == {"terms": {"field": "agency_id", "size": 50}}
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    assert set(body["highlight"]["fields"]) == {"title", "summary", "body"}
    assert body["sort"][0] == "_score"
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True
    assert "title_tokens" in body["_source"]["excludes"]


def test_query_body_plugin_mode_date_sort_and_subtopic():
    request = SearchRequest(text="预算", tokens=["预算"], filters={"topic": 7}, sort="date")
    body = build_search(request, "gk-policy", "ik").to_dict()
    assert body["query"]["bool"]["must"][0]["multi_match"]["fields"] == ["title^3", "summary^2", "body"]
    assert body["sort"][0] == {"release_date": {"order": "desc", "missing": "_last"}}
    assert "subtopic" in body["aggs"]
    browse = build_search(SearchRequest(), "gk-policy", "jieba").to_dict()
    assert "highlight" not in browse and "query" not in browse


RECORDED = {
    "took": 3,
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "hits": [
            {
                "_id": "41",
                "_score": 3.2,
                "_source": {
                    "page_id": 41, "title": "关于做好财政预算公开工作的通知", "url": "/zck/ys/", "document_number": "永财发〔2025〕2号",
                    "agency_name": "永宁县财政局", "release_date": "2025-01-20", "document_kind": "notice", "validity": "valid",
                    "validity_changed_on": None, "has_interpretation": True, "summary": "各部门公开预算",
                },
                "highlight": {"title": ["关于做好财政<mark>预</mark><mark>算</mark>公开工作的通知"], "summary": ["各部门公开<mark>预</mark><mark>算</mark>"]},
            },
            {
                "_id": "12",
                "_score": 1.0,
                "_source": {
                    "page_id": 12, "title": "旧预算办法", "url": "/zck/old/", "agency_name": "永宁县财政局", "release_date": "2019-03-01T00:00:00",
                    "document_kind": "regulation", "validity": "repealed", "validity_changed_on": "2024-01-01", "summary": "",
                },
            },
        ],
    },
    "aggregations": {
        "year": {"buckets": [{"key": 2025, "doc_count": 1}, {"key": 2019, "doc_count": 1}]},
        "validity": {"buckets": [{"key": "valid", "doc_count": 1}, {"key": "repealed", "doc_count": 1}]},
    },
}


class FakeIndices:
    def __init__(self, log, aliases):
        self.log, self.aliases = log, aliases

    def exists_alias(self, name):
        return any(name in names for names in self.aliases.values())

    def get_alias(self, name):
        return {index: {"aliases": {name: {}}} for index, names in self.aliases.items() if name in names}

    def exists(self, index):
        return index in self.aliases

    def create(self, index, settings, mappings):
        self.log.append(("create", index))
        self.aliases[index] = set()

    def refresh(self, index):
        self.log.append(("refresh", index))

    def update_aliases(self, actions):
        self.log.append(("update_aliases", actions))
        for action in actions:
            (op, args), = action.items()
            if op == "add":
                self.aliases[args["index"]].add(args["alias"])
            elif op == "remove":
                self.aliases[args["index"]].discard(args["alias"])

    def delete(self, index, ignore_unavailable=False):
        self.log.append(("delete", index))
        self.aliases.pop(index, None)


class FakeClient:
    def __init__(self, response=None, aliases=None):
        self.log = []
        self.indices = FakeIndices(self.log, aliases if aliases is not None else {})
        self.response = response
        self.bodies = []

    def search(self, index, body):
        self.bodies.append((index, body))
        return self.response


def fake_backend(client, **options):
    backend = ElasticsearchSearchBackend({"URL": "http://es.invalid:9200", "ANALYZER": "jieba", **options})
    backend._client = client
    return backend


@pytest.mark.django_db
def test_recorded_response_becomes_hits_and_facets():
    client = FakeClient(RECORDED)
    raw = fake_backend(client).search(SearchRequest(text="预算", tokens=["预算"]))
    assert client.bodies[0][0] == "gk-policy"
    assert raw.total == 2
    first, second = raw.hits
    assert (first.page_id, first.url, first.release_date, first.has_interpretation) == (41, "/zck/ys/", datetime.date(2025, 1, 20), True)
    assert first.title_html == "关于做好财政<mark>预算</mark>公开工作的通知"
    assert first.snippet_html == "各部门公开<mark>预算</mark>"
    assert second.validity == "repealed" and second.validity_changed_on == datetime.date(2024, 1, 1)
    assert second.release_date == datetime.date(2019, 3, 1)
    assert second.title_html == "旧<mark>预算</mark>办法"  # highlighted locally when the cluster sent none
    assert raw.facets == {"year": [(2025, 1), (2019, 1)], "validity": [("valid", 1), ("repealed", 1)]}


def _doc(pk):
    return PolicyIndexDocument(
        page_id=pk, title=f"政策{pk}", url=f"/p{pk}/", document_number="", summary="财政预算公开", body="", keywords="",
        agency_id=1, agency_name="县财政局", release_date=datetime.date(2025, 1, 1), topic_id=None, topic_root_id=None,
        document_kind="notice", validity="valid", validity_changed_on=None, has_interpretation=False,
    )


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically(monkeypatch):
    from elasticsearch import helpers

    client = FakeClient(aliases={"gk-policy-20250101000000000000": {"gk-policy"}})
    bulked = []

    def fake_bulk(_client, actions, **kwargs):
        actions = list(actions)
        bulked.append(actions)
        return len(actions), []

    monkeypatch.setattr(helpers, "bulk", fake_bulk)
    written = fake_backend(client).rebuild([_doc(1), _doc(2)])
    assert written == 2
    created = client.log[0][1]
    assert client.log[0] == ("create", created) and created.startswith("gk-policy-") and created != "gk-policy-20250101000000000000"
    assert {a["_index"] for a in bulked[0]} == {created}
    assert {"财政", "预算"} <= set(bulked[0][0]["_source"]["body_tokens"].split())
    ops = [entry[0] for entry in client.log]
    # Filled and refreshed before the alias moves; the old index goes only afterwards.
    assert ops == ["create", "refresh", "update_aliases", "delete"]
    assert client.log[2][1] == [
        {"remove": {"index": "gk-policy-20250101000000000000", "alias": "gk-policy"}},
        {"add": {"index": created, "alias": "gk-policy"}},
    ]
    assert client.log[3] == ("delete", "gk-policy-20250101000000000000")
    assert client.indices.aliases == {created: {"gk-policy"}}


@pytest.mark.django_db
def test_rebuild_replaces_a_plain_index_squatting_the_alias_name(monkeypatch):
    from elasticsearch import helpers

    client = FakeClient(aliases={"gk-policy": set()})
    monkeypatch.setattr(helpers, "bulk", lambda _c, actions, **kw: (len(list(actions)), []))
    fake_backend(client).rebuild([])
    actions = next(entry[1] for entry in client.log if entry[0] == "update_aliases")
    assert actions[0] == {"remove_index": {"index": "gk-policy"}}


def test_management_command_rebuilds_each_backend(monkeypatch, settings, db):
    from django.core.management import call_command

    calls = []

    class Recorder(ElasticsearchSearchBackend):
        def rebuild(self, documents):
            calls.append(("es", len(list(documents))))
            return 0

    monkeypatch.setattr("wagtail_gk.policy.management.commands.gk_policy_index.get_backend", lambda: Recorder({"URL": "http://es.invalid"}))
    call_command("gk_policy_index", "--rebuild")
    assert calls == [("es", 0)]


def test_unreachable_cluster_falls_back_to_database_with_warning(corpus, caplog):
    from wagtail_gk.policy.search.database import DatabaseSearchBackend
    from wagtail_gk.policy.search.documents import live_documents

    DatabaseSearchBackend().rebuild(live_documents())
    backend = ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9", "ANALYZER": "jieba", "TIMEOUT": 1})
    request, notices, searchable = parse_request({"q": "预算"})
    with caplog.at_level(logging.WARNING, logger="wagtail_gk.policy.search"):
        results = run_search(request, backend=backend)
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == [corpus["budget"].title]
    assert "unavailable" in caplog.text


def test_unreachable_cluster_raises_backend_unavailable():
    backend = ElasticsearchSearchBackend({"URL": "http://127.0.0.1:9", "ANALYZER": "auto", "TIMEOUT": 1})
    with pytest.raises(BackendUnavailable):
        backend.analysis_mode()
    assert ElasticsearchSearchBackend({"URL": "", "ANALYZER": "x"}).check()
