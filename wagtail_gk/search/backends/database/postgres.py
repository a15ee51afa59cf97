"""Wagtail's PostgreSQL search backend, segmenting Chinese."""

from ...compat import postgres_backend_module
from .common import ChineseIndexMixin, ChineseSearchMixin

postgres_backend = postgres_backend_module()


class ChinesePostgresIndex(ChineseIndexMixin, postgres_backend.PostgresIndex):
    pass


class ChinesePostgresSearchBackend(ChineseSearchMixin, postgres_backend.PostgresSearchBackend):
    index_class = ChinesePostgresIndex
