"""Wagtail's PostgreSQL search backend, segmenting Chinese."""

from ...compat import postgres_backend
from .common import ChineseIndexMixin, ChineseSearchMixin


class ChinesePostgresIndex(ChineseIndexMixin, postgres_backend.PostgresIndex):
    pass


class ChinesePostgresSearchBackend(ChineseSearchMixin, postgres_backend.PostgresSearchBackend):
    index_class = ChinesePostgresIndex
