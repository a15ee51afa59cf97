"""Wagtail's Elasticsearch 8 backend with Chinese analysis.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail_gk.search.backends.elasticsearch8",
"URLS": ["http://localhost:9200"], "CHINESE_ANALYSIS": "segmented"}}``

``CHINESE_ANALYSIS`` (also accepted inside ``OPTIONS``) chooses how Chinese
is analysed:

- ``"segmented"`` (default; any cluster): the text of every search and
  autocomplete field is segmented with the suite's segmenter before it is
  sent (:func:`wagtail_gk.search.chinese.index_text`), queries are segmented
  the same way (:func:`~wagtail_gk.search.backends.database.common.chinese_query`),
  and the index analyses both with Elasticsearch's built-in components only
  (a pattern tokenizer that splits on what is neither letter nor digit).
- ``"ik"``: the ``analysis-ik`` plugin, ``ik_max_word`` at index time and
  ``ik_smart`` at search time.
- ``"smartcn"``: the ``analysis-smartcn`` plugin.

Everything else (``search_fields`` and boosts, filters, ordering,
``autocomplete()``, facets, ``update_index`` with the atomic alias swap,
indexing on publish) is Wagtail's.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from ..chinese import MAX_QUERY_WORDS, clean_query, index_text
from ..compat import (
    AutocompleteField,
    EmptySearchResults,
    FilterField,
    MatchAll,
    PlainText,
    SearchField,
    elasticsearch8_backend_module,
)
from . import ELASTICSEARCH_ANALYSIS_MODES
from .database.common import chinese_query

es8 = elasticsearch8_backend_module()

SEGMENTED = "segmented"
ANALYSIS_MODES = ELASTICSEARCH_ANALYSIS_MODES
# A plugin-analysed query is sent as it is, cut at this many characters.
MAX_QUERY_LENGTH = 200

# The tokenizer of each mode: index time, search time.
_TOKENIZERS = {
    SEGMENTED: ("gk_words", "gk_words"),
    "ik": ("ik_max_word", "ik_smart"),
    "smartcn": ("smartcn_tokenizer", "smartcn_tokenizer"),
}


def analysis_settings(mode: str) -> dict:
    """The index settings (analysis) of *mode*, merged over Wagtail's own.

    The index's ``default`` / ``default_search`` analyzers serve every text
    field Wagtail maps (its fields, ``_all_text``, ``_all_text_boost_*``);
    ``edgengram_analyzer`` (Wagtail's name, used by autocomplete fields and
    ``_edgengrams``) cuts words the same way before taking their prefixes,
    and ``gk_search`` analyses an autocomplete query."""
    index_tokenizer, search_tokenizer = _TOKENIZERS[mode]
    analysis = {
        "analyzer": {
            "default": {"type": "custom", "tokenizer": index_tokenizer, "filter": ["lowercase", "asciifolding"]},
            "default_search": {"type": "custom", "tokenizer": search_tokenizer, "filter": ["lowercase", "asciifolding"]},
            "gk_search": {"type": "custom", "tokenizer": search_tokenizer, "filter": ["lowercase", "asciifolding"]},
            "edgengram_analyzer": {"type": "custom", "tokenizer": index_tokenizer, "filter": ["asciifolding", "lowercase", "edgengram"]},
        }
    }
    if mode == SEGMENTED:
        # Text arrives with its Chinese words separated by spaces; split on
        # anything that is neither a letter nor a digit (so 〔2020〕 and
        # punctuation separate words as well).
        analysis["tokenizer"] = {"gk_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}}
    return {"settings": {"analysis": analysis}}


def _merged(base: dict, extra: dict) -> dict:
    result = dict(base)
    for key, value in extra.items():
        result[key] = _merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def _segmented_value(value):
    if isinstance(value, str):
        return index_text(value)
    if isinstance(value, list):
        return [_segmented_value(item) for item in value]
    return value


class ChineseElasticsearch8Mapping(es8.Elasticsearch8Mapping):
    """Wagtail's mapping, with autocomplete queries analysed like the index."""

    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "gk_search"}


class SegmentedElasticsearch8Mapping(ChineseElasticsearch8Mapping):
    """… and search and autocomplete field values segmented before they are sent."""

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, FilterField) or not isinstance(field, SearchField | AutocompleteField):
            return name, value, edgengrams  # filters as they are; RelatedFields recurse into this method
        value = _segmented_value(value)
        return name, value, [value] if isinstance(field, AutocompleteField) else edgengrams


def _flat_plaintext(query):
    """An autocomplete query as the single PlainText Wagtail's autocomplete
    accepts: every word required."""
    if query is None or isinstance(query, PlainText | MatchAll):
        return query
    words = []

    def collect(node):
        if isinstance(node, PlainText):
            words.extend(node.query_string.split())
        for sub in getattr(node, "subqueries", ()):
            collect(sub)

    collect(query)
    return PlainText(" ".join(words[:MAX_QUERY_WORDS]), operator="and") if words else None


def _plugin_query(query):
    """A query for a plugin-analysed index: only characters that cannot be
    sent are removed, and an overlong string is cut."""
    if isinstance(query, str):
        text = clean_query(query)[:MAX_QUERY_LENGTH]
        return text if text.strip() else None
    if isinstance(query, PlainText):
        text = clean_query(query.query_string)[:MAX_QUERY_LENGTH]
        return PlainText(text, operator=query.operator, boost=query.boost) if text.strip() else None
    return query


class ChineseElasticsearch8SearchBackend(es8.Elasticsearch8SearchBackend):
    def __init__(self, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        mode = options.pop("CHINESE_ANALYSIS", None)
        mode = params.pop("CHINESE_ANALYSIS", mode) or SEGMENTED
        if mode not in ANALYSIS_MODES:
            raise ImproperlyConfigured(
                f"CHINESE_ANALYSIS of the search backend must be one of {', '.join(ANALYSIS_MODES)}, not {mode!r}."
            )
        params["OPTIONS"] = options  # the rest goes to the Elasticsearch client, as in Wagtail
        # The site's own INDEX_SETTINGS win over the analysis of the mode.
        params["INDEX_SETTINGS"] = _merged(analysis_settings(mode), params.get("INDEX_SETTINGS") or {})
        self.chinese_analysis = mode
        self.mapping_class = SegmentedElasticsearch8Mapping if mode == SEGMENTED else ChineseElasticsearch8Mapping
        super().__init__(params)

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if query is None or query == "":
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        if self.chinese_analysis == SEGMENTED:
            operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
            rewritten = chinese_query(query, operator)
            if query_compiler_class is self.autocomplete_query_compiler_class:
                rewritten = _flat_plaintext(rewritten)
        else:
            rewritten = _plugin_query(query)
        if rewritten is None:
            return EmptySearchResults()
        return super()._search(query_compiler_class, rewritten, model_or_queryset, **kwargs)


SearchBackend = ChineseElasticsearch8SearchBackend

__all__ = [
    "ANALYSIS_MODES",
    "ChineseElasticsearch8SearchBackend",
    "SearchBackend",
    "analysis_settings",
]
