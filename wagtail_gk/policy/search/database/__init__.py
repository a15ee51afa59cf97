"""The database search backend of the policy library: no service needed.

Rows of :class:`~wagtail_gk.policy.models.PolicySearchEntry` hold the
jieba-segmented words of each live policy; highlighting is done in Python
on the page of hits only. As in django-modelsearch's database backend, one
module per vendor does the matching: :mod:`.postgres` (``tsvector`` match
table, tiers by title) and :mod:`.sqlite` (FTS5, ``bm25``); :mod:`.common`
has the hits and the indexing they share.
"""

from __future__ import annotations

from django.db import connection

from .common import BULK_SIZE, BaseDatabaseSearchBackend, page_count

__all__ = ["BULK_SIZE", "BaseDatabaseSearchBackend", "DatabaseSearchBackend", "page_count"]


def DatabaseSearchBackend(options: dict | None = None) -> BaseDatabaseSearchBackend:  # noqa: N802 - named like the class it returns
    """The backend for the default database's vendor (the name used in
    ``GK_POLICY_SEARCH_BACKEND``)."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(options)
    from .sqlite import SQLiteSearchBackend

    return SQLiteSearchBackend(options)
