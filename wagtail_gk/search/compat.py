"""Wagtail's database search backends, on Wagtail 7.4 LTS and Wagtail 8.

Both versions run django-modelsearch underneath and re-export its backends
as ``wagtail.search.backends.database.*``; importing them from there keeps
one import path for both. Hosts on a Wagtail without those re-exports get
modelsearch's own modules.
"""

try:
    from wagtail.search.backends.base import BaseSearchBackend, EmptySearchResults
    from wagtail.search.index import AutocompleteField, FilterField, RelatedFields, SearchField
    from wagtail.search.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
except ImportError:  # a Wagtail whose search no longer re-exports modelsearch
    from modelsearch.backends.base import BaseSearchBackend, EmptySearchResults
    from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField
    from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText



# The vendor modules are imported only for their own database: each looks up
# its own index models (the SQLite FTS model exists on SQLite only).


def sqlite_backend_module():
    try:
        from wagtail.search.backends.database.sqlite import sqlite
    except ImportError:  # see the module docstring
        from modelsearch.backends.database.sqlite import sqlite
    return sqlite


def postgres_backend_module():
    try:
        from wagtail.search.backends.database.postgres import postgres
    except ImportError:  # see the module docstring
        from modelsearch.backends.database.postgres import postgres
    return postgres


def database_fallback(params):
    """Wagtail's database backend as Wagtail would choose it (MySQL, or
    SQLite without FTS5)."""
    try:
        from wagtail.search.backends.database import SearchBackend
    except ImportError:  # see the module docstring
        from modelsearch.backends.database import SearchBackend
    return SearchBackend(params)


def elasticsearch8_backend_module():
    """Wagtail's Elasticsearch 8 backend module (Wagtail 7.4 re-exports
    modelsearch's; a Wagtail without the re-export gets modelsearch's own)."""
    try:
        from wagtail.search.backends import elasticsearch8
    except ImportError:  # see the module docstring
        from modelsearch.backends import elasticsearch8
    return elasticsearch8


_sqlite_fts: list[bool] = []


def sqlite_fts_available() -> bool:
    """Whether SQLite has FTS5 and Wagtail's FTS table exists (asked once per
    process, as Wagtail does)."""
    if _sqlite_fts:
        return _sqlite_fts[0]
    try:
        from wagtail.search.backends.database.sqlite.utils import fts5_available, fts_table_exists
    except ImportError:  # see the module docstring
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
    _sqlite_fts.append(bool(fts5_available() and fts_table_exists()))
    return _sqlite_fts[0]


__all__ = [
    "And",
    "AutocompleteField",
    "BaseSearchBackend",
    "Boost",
    "EmptySearchResults",
    "FilterField",
    "MatchAll",
    "Not",
    "Or",
    "Phrase",
    "PlainText",
    "RelatedFields",
    "SearchField",
    "database_fallback",
    "elasticsearch8_backend_module",
    "postgres_backend_module",
    "sqlite_backend_module",
    "sqlite_fts_available",
]
