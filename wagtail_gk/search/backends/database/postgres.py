"""Wagtail's PostgreSQL search backend, segmenting Chinese."""

import re
from functools import reduce

from django.db.models import Q

from ...chinese import has_han
from ...compat import And, Or, PlainText, postgres_backend_module
from .common import ChineseIndexMixin, ChineseSearchMixin

postgres_backend = postgres_backend_module()


class ChinesePostgresIndex(ChineseIndexMixin, postgres_backend.PostgresIndex):
    pass


class ChinesePostgresSearchQueryCompiler(postgres_backend.PostgresSearchQueryCompiler):
    """Wagtail's compiler, matching the title and body columns one word at a time.

    Wagtail filters on ``(title || body) @@ 'w1 & w2'``: PostgreSQL has no
    statistics for the concatenation and no index serves it, so it estimates
    one matching row for an AND of two words and joins the pages in a nested
    loop (about ten times slower than a one-word query). The same condition,
    written as ``(title @@ w1 OR body @@ w1) AND (title @@ w2 OR body @@ w2)``,
    matches exactly the same entries (a word is in the concatenation when it
    is in either column) and is served by the GIN indexes of both columns,
    with estimates from their statistics. Only words combined by AND and OR
    are rewritten, and only when every word is Chinese; phrases, negations,
    boosts and other words keep Wagtail's condition."""

    def _column_condition(self, query, config):
        if isinstance(query, PlainText):
            terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
            if not terms or not all(has_han(term) for term in terms):
                # A word of another script may be a stop word of the text search
                # configuration: alone it would match nothing, where Wagtail's
                # query drops it. Chinese words are no configuration's stop words.
                return None
            parts = []
            for term in terms:
                word = self.build_tsquery(PlainText(term), config=config)
                parts.append(Q(index_entries__title=word) | Q(index_entries__body=word))
            return reduce(lambda a, b: a & b, parts) if query.operator == "and" else reduce(lambda a, b: a | b, parts)
        if isinstance(query, And | Or):
            parts = [self._column_condition(sub, config) for sub in query.subqueries]
            if not parts or any(part is None for part in parts):
                return None
            return reduce(lambda a, b: a & b, parts) if isinstance(query, And) else reduce(lambda a, b: a | b, parts)
        return None

    def search(self, config, start, stop, score_field=None, backend=None):
        condition = None
        if self.fields is None and isinstance(self.query, PlainText | And | Or):
            condition = self._column_condition(self.query, config)
        if condition is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        vectors = self.get_index_vectors(None)
        rank_expression = self._build_rank_expression(vectors, config)
        # One filter() call: one join to the index entries.
        queryset = self.queryset.filter(condition)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


class ChinesePostgresSearchBackend(ChineseSearchMixin, postgres_backend.PostgresSearchBackend):
    index_class = ChinesePostgresIndex
    query_compiler_class = ChinesePostgresSearchQueryCompiler
