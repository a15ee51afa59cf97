"""The Elasticsearch 8 backend, through elasticsearch-dsl.

Chinese analysis: when the cluster has the ``analysis-ik`` or
``analysis-smartcn`` plugin (``ANALYZER: "auto"`` asks the cluster), title
and body are analysed by it. Otherwise the backend indexes jieba-segmented
copies (``title_tokens``, ``body_tokens``, whitespace-tokenised) and matches
on those, exactly as the database backend does. Highlighting is always done
by Elasticsearch on the original text; the standard analyzer marks Chinese a
character at a time, which :func:`merge_adjacent_marks` joins up.

Searches go to an alias (``OPTIONS["INDEX"]``, default ``gk-policy``).
:meth:`ElasticsearchSearchBackend.rebuild` fills a fresh concrete index
``<alias>-<timestamp>`` and then moves the alias in one atomic
``update_aliases`` call, so readers never see a partial index.

Any transport failure becomes :class:`BackendUnavailable`; the search entry
point then falls back to the database backend, and indexing tasks retry.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_gk.conf import gk_setting
from wagtail_gk.search.segmentation import segment_for_index

from .base import (
    BackendUnavailable,
    PolicyHit,
    PolicyIndexDocument,
    PolicySearchBackend,
    RawResults,
    SearchRequest,
)
from .fields import FILTER_FIELDS, facet_keys
from .highlight import highlight, merge_adjacent_marks

logger = logging.getLogger("wagtail_gk.policy.search")

ANALYZER_MODES = ("auto", "jieba", "smartcn", "ik")
PLUGIN_ANALYZERS = {"ik": ("ik_max_word", "ik_smart"), "smartcn": ("smartcn", "smartcn")}
FACET_SIZES = {"agency": 50, "year": 40, "topic": 40, "subtopic": 60, "kind": 20, "validity": 10}


def policy_document_class(index_name: str, mode: str):
    """An elasticsearch-dsl ``Document`` class for *index_name* whose text
    fields use the analysis of *mode* ("jieba", "smartcn" or "ik")."""
    from elasticsearch.dsl import Boolean, Date, Document, Integer, Keyword, Text, analyzer

    words = analyzer("gk_words", tokenizer="whitespace", filter=["lowercase"])
    index_analyzer, search_analyzer = PLUGIN_ANALYZERS.get(mode, ("standard", "standard"))

    def chinese_text(**extra):
        return Text(analyzer=index_analyzer, search_analyzer=search_analyzer, **extra)

    attrs = {
        "page_id": Integer(),
        "title": chinese_text(fields={"raw": Keyword()}),
        "title_tokens": Text(analyzer=words),
        "summary": chinese_text(),
        "body": chinese_text(),
        "body_tokens": Text(analyzer=words),
        "document_number": Keyword(),
        "url": Keyword(index=False),
        "agency_id": Integer(),
        "agency_name": Keyword(),
        "year": Integer(),
        "release_date": Date(),
        "topic_id": Integer(),
        "topic_root_id": Integer(),
        "document_kind": Keyword(),
        "validity": Keyword(),
        "validity_changed_on": Date(),
        "has_interpretation": Boolean(),
        "Index": type(
            "Index",
            (),
            {"name": index_name, "settings": {"number_of_shards": 1, "number_of_replicas": 0}},
        ),
    }
    return type("PolicyDocument", (Document,), attrs)


def index_body(index_name: str, mode: str) -> dict:
    """Settings and mappings of a new concrete index, as sent to the cluster."""
    return policy_document_class(index_name, mode)._index.to_dict()


def build_search(request: SearchRequest, index_name: str, mode: str):
    """The elasticsearch-dsl ``Search`` for *request* (``.to_dict()`` is the body)."""
    from elasticsearch.dsl import Q, Search

    search = Search(index=index_name).extra(track_total_hits=True)
    for key, value in request.filters.items():
        search = search.filter("term", **{FILTER_FIELDS[key]: value})
    if request.tokens:
        if mode in PLUGIN_ANALYZERS:
            text = " ".join(request.tokens)
            search = search.query(
                Q("multi_match", query=text, fields=["title^3", "summary^2", "body"], operator="and")
            )
            highlight_query = Q("multi_match", query=text, fields=["title", "summary", "body"])
        else:
            # Each query word must occur, in the title or the body.
            musts = [Q("multi_match", query=t, fields=["title_tokens^3", "body_tokens"]) for t in request.tokens]
            search = search.query(Q("bool", must=musts))
            # Highlight on the original text: a phrase of single characters.
            highlight_query = Q(
                "bool",
                should=[Q("match_phrase", **{field: token}) for token in request.tokens for field in ("title", "summary", "body")],
            )
        search = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", highlight_query=highlight_query.to_dict()
        )
        search = search.highlight("title", number_of_fragments=0)
        search = search.highlight("summary", "body", fragment_size=120, number_of_fragments=1)
    if request.tokens and request.sort == "relevance":
        search = search.sort("_score", {"release_date": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"})
    else:
        search = search.sort({"release_date": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"})
    for key, field_name in facet_keys(request.filters):
        search.aggs.bucket(key, "terms", field=field_name, size=FACET_SIZES[key])
    search = search.source(excludes=["title_tokens", "body_tokens", "body"])
    return search[request.offset : request.offset + request.page_size]


class ElasticsearchSearchBackend(PolicySearchBackend):
    name = "elasticsearch"
    verbose_name = _("Elasticsearch")

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        self.url = self.options.get("URL") or gk_setting("GK_ELASTICSEARCH_URL")
        self.alias = self.options.get("INDEX", "gk-policy")
        self.timeout = float(self.options.get("TIMEOUT", 5))
        self.analyzer_option = self.options.get("ANALYZER", "auto")
        self._client = None
        self._mode = None

    def check(self) -> list[str]:
        problems = []
        if not self.url:
            problems.append("The Elasticsearch policy backend needs OPTIONS['URL'] or GK_ELASTICSEARCH_URL.")
        if self.analyzer_option not in ANALYZER_MODES:
            problems.append(f"OPTIONS['ANALYZER'] must be one of {', '.join(ANALYZER_MODES)}.")
        return problems

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            if not self.url:
                raise BackendUnavailable("GK_ELASTICSEARCH_URL is not set")
            self._client = Elasticsearch(self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False)
        return self._client

    def _call(self, fn, *args, **kwargs):
        import elastic_transport
        import elasticsearch

        try:
            return fn(*args, **kwargs)
        except (elastic_transport.TransportError, elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout) as exc:
            raise BackendUnavailable(str(exc)) from exc
        except elasticsearch.NotFoundError as exc:
            raise BackendUnavailable(f"index {self.alias} does not exist: {exc}") from exc

    def analysis_mode(self) -> str:
        """The analysis in use: the configured one, or, for "auto", what the
        cluster's plugins allow (IK over smartcn over jieba)."""
        if self._mode:
            return self._mode
        if self.analyzer_option in PLUGIN_ANALYZERS or self.analyzer_option == "jieba":
            self._mode = self.analyzer_option
            return self._mode
        plugins = self._call(self.client.cat.plugins, format="json")
        names = {row.get("component", "") for row in plugins}
        if "analysis-ik" in names:
            self._mode = "ik"
        elif "analysis-smartcn" in names:
            self._mode = "smartcn"
        else:
            self._mode = "jieba"
        return self._mode

    # -- querying ---------------------------------------------------------

    def search(self, request: SearchRequest) -> RawResults:
        mode = self.analysis_mode()
        body = build_search(request, self.alias, mode).to_dict()
        response = self._call(self.client.search, index=self.alias, body=body)
        total = response["hits"]["total"]["value"]
        hits = []
        for raw in response["hits"]["hits"]:
            source, marked = raw["_source"], raw.get("highlight", {})
            title_html = merge_adjacent_marks(marked["title"][0]) if "title" in marked else highlight(source["title"], request.tokens)
            fragment = marked.get("summary") or marked.get("body")
            snippet_html = merge_adjacent_marks(fragment[0]) if fragment else highlight((source.get("summary") or "")[:120], [])
            hits.append(
                PolicyHit(
                    page_id=source["page_id"],
                    title=source["title"],
                    url=source.get("url", ""),
                    document_number=source.get("document_number", ""),
                    agency_name=source.get("agency_name", ""),
                    release_date=_date(source.get("release_date")),
                    document_kind=source.get("document_kind", ""),
                    validity=source.get("validity", ""),
                    validity_changed_on=_date(source.get("validity_changed_on")),
                    has_interpretation=bool(source.get("has_interpretation")),
                    title_html=title_html,
                    snippet_html=snippet_html,
                    score=float(raw.get("_score") or 0.0),
                )
            )
        facets = {
            key: [(bucket["key"], bucket["doc_count"]) for bucket in aggregation["buckets"]]
            for key, aggregation in response.get("aggregations", {}).items()
        }
        return RawResults(total=total, hits=hits, facets=facets)

    # -- indexing ---------------------------------------------------------

    def _source(self, document: PolicyIndexDocument) -> dict:

        data = document.as_dict()
        data["title_tokens"] = segment_for_index(f"{document.title} {document.document_number}")
        data["body_tokens"] = segment_for_index(f"{document.summary}\n{document.body}\n{document.keywords}\n{document.agency_name}")
        return data

    def _ensure_alias(self):
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._create_and_switch([])

    def index(self, documents: Iterable[PolicyIndexDocument]) -> int:
        from elasticsearch import helpers

        self._ensure_alias()
        actions = ({"_index": self.alias, "_id": doc.page_id, "_source": self._source(doc)} for doc in documents)
        written, _errors = self._call(helpers.bulk, self.client, actions, chunk_size=500, raise_on_error=True)
        return written

    def delete(self, page_ids: Iterable[int]) -> None:
        from elasticsearch import helpers

        if not self._call(self.client.indices.exists_alias, name=self.alias):
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in page_ids)
        self._call(helpers.bulk, self.client, actions, raise_on_error=False, raise_on_exception=False)

    def rebuild(self, documents: Iterable[PolicyIndexDocument]) -> int:
        return self._create_and_switch(documents)

    def _create_and_switch(self, documents: Iterable[PolicyIndexDocument]) -> int:
        """Build a new concrete index, fill it, then point the alias at it and
        drop the old ones in one atomic alias update."""
        from elasticsearch import helpers

        mode = self.analysis_mode()
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        new_index = f"{self.alias}-{stamp}"
        body = index_body(new_index, mode)
        self._call(self.client.indices.create, index=new_index, settings=body.get("settings"), mappings=body.get("mappings"))
        actions = ({"_index": new_index, "_id": doc.page_id, "_source": self._source(doc)} for doc in documents)
        written, _errors = self._call(helpers.bulk, self.client, actions, chunk_size=500, raise_on_error=True)
        self._call(self.client.indices.refresh, index=new_index)
        old = []
        if self._call(self.client.indices.exists_alias, name=self.alias):
            old = list(self._call(self.client.indices.get_alias, name=self.alias).keys())
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        if not old and self._call(self.client.indices.exists, index=self.alias):
            actions.append({"remove_index": {"index": self.alias}})  # a plain index squatting the alias name
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for name in old:
            self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
        logger.info("Policy index %s now points at %s (%d documents, %s analysis)", self.alias, new_index, written, mode)
        return written

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests use this)."""
        if self._call(self.client.indices.exists_alias, name=self.alias):
            for name in self._call(self.client.indices.get_alias, name=self.alias):
                self._call(self.client.indices.delete, index=name, ignore_unavailable=True)


def _date(value):
    if not value:
        return None
    return datetime.date.fromisoformat(str(value)[:10])
