"""What the SQLite and PostgreSQL backends add to Wagtail's own, the same
for both: segmented field values at index time, a rewritten query at search
time, and a per-save index cost that does not grow with the index."""

from __future__ import annotations

import copy

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Avg, F
from django.db.models.functions import Length

from ...chinese import MAX_QUERY_WORDS, clean_query, has_han, index_text, query_words
from ...compat import (
    And,
    AutocompleteField,
    Boost,
    EmptySearchResults,
    Not,
    Or,
    Phrase,
    PlainText,
    RelatedFields,
    SearchField,
)

TITLE_LENGTH_CACHE_KEY = "wagtail_gk_search:average_title_length"
TITLE_LENGTH_CACHE_SECONDS = 6 * 3600


# -- index time -------------------------------------------------------------


def _original(obj):
    return getattr(obj, "_gk_original", obj)


def _segmented(value):
    if isinstance(value, str):
        return index_text(value)
    if isinstance(value, list):
        return [_segmented(item) for item in value]
    if isinstance(value, dict):
        return {key: _segmented(item) for key, item in value.items()}
    return value


class _SegmentedValueMixin:
    def get_value(self, obj):
        # Wagtail's indexer reads each field once per index column (title, body,
        # autocomplete, and the plain texts on PostgreSQL): segment it once.
        memo = getattr(obj, "_gk_memo", None)
        if memo is None:
            return _segmented(super().get_value(_original(obj)))
        key = id(self)
        if key not in memo:
            memo[key] = _segmented(super().get_value(_original(obj)))
        return memo[key]


class _OriginalObjectMixin:
    def get_value(self, obj):
        return super().get_value(_original(obj))


_field_classes: dict[type, type] = {}


def _wrapped_class(cls: type, mixin: type) -> type:
    if cls not in _field_classes:
        _field_classes[cls] = type(f"Segmented{cls.__name__}", (mixin, cls), {})
    return _field_classes[cls]


def segmented_field(field):
    """A copy of a search field definition whose value is segmented."""
    if isinstance(field, RelatedFields):
        clone = copy.copy(field)
        clone.__class__ = _wrapped_class(type(field), _OriginalObjectMixin)
        clone.fields = [segmented_field(sub_field) for sub_field in field.fields]
        return clone
    if isinstance(field, SearchField | AutocompleteField):
        clone = copy.copy(field)
        clone.__class__ = _wrapped_class(type(field), _SegmentedValueMixin)
        return clone
    return field  # FilterField: not indexed as text


class SegmentedObject:
    """What Wagtail's indexer sees of an object: its primary key and search
    fields whose values come out segmented. Fields read the real object."""

    def __init__(self, obj, fields):
        self._gk_original = obj
        self._gk_memo = {}
        self.pk = obj.pk
        self._fields = fields

    def get_search_fields(self):
        return self._fields

    def __getattr__(self, name):
        return getattr(self._gk_original, name)


class ChineseIndexMixin:
    """Mixed into Wagtail's ``SQLiteIndex`` / ``PostgresIndex``."""

    def add_items(self, model, objs):
        objs = list(objs)
        if not objs:
            return super().add_items(model, objs)
        fields = [segmented_field(field) for field in model.get_search_fields()]
        self._gk_written = (ContentType.objects.get_for_model(model).pk, [str(obj.pk) for obj in objs])
        try:
            return super().add_items(model, [SegmentedObject(obj, fields) for obj in objs])
        finally:
            self._gk_written = None

    def _refresh_title_norms(self, full=False):
        """Wagtail recomputes the average title length over the whole index
        and rewrites every entry whose norm is 1.0 after each save: a cost
        that grows with the index. Here the average is taken on a full
        rebuild (and cached), and a save sets the norm of the entries it
        wrote, by primary key."""
        written = getattr(self, "_gk_written", None)
        if full or not written:
            average = self._average_title_length()
            if full:
                self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0).update(
                    title_norm=average / F("title_length")
                )
            return
        average = cache.get(TITLE_LENGTH_CACHE_KEY)
        if average is None:
            average = self._average_title_length()
        content_type_id, object_ids = written
        self.entries.filter(content_type_id=content_type_id, object_id__in=object_ids, title_norm=1.0).annotate(title_length=Length("title")).filter(
            title_length__gt=0
        ).update(title_norm=average / F("title_length"))

    def _average_title_length(self) -> float:
        average = (
            self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0).aggregate(Avg("title_length"))[
                "title_length__avg"
            ]
        ) or 1.0
        cache.set(TITLE_LENGTH_CACHE_KEY, average, TITLE_LENGTH_CACHE_SECONDS)
        return average


# -- query time -------------------------------------------------------------


class _Budget:
    def __init__(self, words: int = MAX_QUERY_WORDS):
        self.left = words

    def take(self, words: list[str]) -> list[str]:
        taken = words[: max(0, self.left)]
        self.left -= len(taken)
        return taken


def _plain(text: str, operator: str, boost: float, budget: _Budget):
    text = clean_query(text)
    if not has_han(text):
        words = budget.take(text.split())
        return PlainText(" ".join(words), operator=operator, boost=boost) if words else None
    term_words = [budget.take(query_words(term)) for term in text.split()]
    term_words = [words for words in term_words if words]
    if not term_words:
        return None
    if operator == "and" or len(term_words) == 1:
        # The words of one run must all match, whatever the operator.
        return PlainText(" ".join(word for words in term_words for word in words), operator="and", boost=boost)
    return Or([PlainText(" ".join(words), operator="and", boost=boost) for words in term_words])


def chinese_query(query, operator: str):
    """*query* (a string or a search query object) with Chinese segmented
    and characters that no index holds removed; None when nothing is left
    to search for."""
    return _rewrite(query, (operator or "and").lower(), _Budget())


def _rewrite(query, operator: str, budget: _Budget):
    if isinstance(query, str):
        return _plain(query, operator, 1, budget)
    if isinstance(query, PlainText):
        return _plain(query.query_string, query.operator, query.boost, budget)
    if isinstance(query, Phrase):
        text = clean_query(query.query_string)
        if has_han(text):
            # The index holds sub-words between a run's words, so the words of a
            # Chinese phrase are not adjacent there: all of them must match instead.
            return _plain(text, "and", 1, budget)
        return Phrase(text) if text.split() else None
    if isinstance(query, And | Or):
        parts = [part for part in (_rewrite(sub, operator, budget) for sub in query.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    if isinstance(query, Not):
        inner = _rewrite(query.subquery, operator, budget)
        return Not(inner) if inner is not None else None
    if isinstance(query, Boost):
        inner = _rewrite(query.subquery, operator, budget)
        return Boost(inner, query.boost) if inner is not None else None
    return query  # MatchAll, Fuzzy: as Wagtail has them


class ChineseSearchMixin:
    """Mixed into Wagtail's ``SQLiteSearchBackend`` / ``PostgresSearchBackend``."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if query is None or query == "":
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
        rewritten = chinese_query(query, operator)
        if rewritten is None:
            return EmptySearchResults()
        return super()._search(query_compiler_class, rewritten, model_or_queryset, **kwargs)
