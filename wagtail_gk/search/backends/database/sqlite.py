"""Wagtail's SQLite FTS5 search backend, segmenting Chinese."""

from ...compat import sqlite_backend
from .common import ChineseIndexMixin, ChineseSearchMixin


class ChineseSQLiteIndex(ChineseIndexMixin, sqlite_backend.SQLiteIndex):
    pass


class ChineseSQLiteSearchBackend(ChineseSearchMixin, sqlite_backend.SQLiteSearchBackend):
    index_class = ChineseSQLiteIndex
