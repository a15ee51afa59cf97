"""A Wagtail search backend that finds Chinese words inside longer runs.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail_gk.search.backends.database"}}``

Wagtail's database backend (django-modelsearch) with the text of every
search field segmented at index time and the query segmented at search time
(:mod:`wagtail_gk.search.chinese`), using the suite's segmenter and user
dictionary. Everything else (``search_fields`` and boosts, filters,
``order_by_relevance``, ``autocomplete()``, facets, ``update_index``,
indexing on publish) is Wagtail's. Like Wagtail's, the backend is chosen by
the default database's vendor: :mod:`.postgres` or :mod:`.sqlite` (FTS5);
other databases get Wagtail's fallback backend unchanged.
"""

from django.db import connection

from ...compat import database_fallback


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up
    """The backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from ...compat import sqlite_fts_available

        if sqlite_fts_available():
            from .sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
    return database_fallback(params)
