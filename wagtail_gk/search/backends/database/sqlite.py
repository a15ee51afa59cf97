"""Wagtail's SQLite FTS5 search backend, segmenting Chinese."""

from ...compat import sqlite_backend_module
from .common import ChineseIndexMixin, ChineseSearchMixin

sqlite_backend = sqlite_backend_module()


class ChineseSQLiteIndex(ChineseIndexMixin, sqlite_backend.SQLiteIndex):
    pass


class ChineseSQLiteSearchBackend(ChineseSearchMixin, sqlite_backend.SQLiteSearchBackend):
    index_class = ChineseSQLiteIndex
