"""System checks of the Chinese search backend (id wagtail_gk.W160;
docs/reference/settings-wagtail_gk.md)."""

from __future__ import annotations

from django.core.checks import Warning, register
from django.db import connection

from .tasks import segmenting_backend_names


@register()
def check_search_backend(app_configs=None, **kwargs):
    names = segmenting_backend_names()
    if not names or connection.vendor == "postgresql":
        return []
    if connection.vendor == "sqlite":
        from .compat import sqlite_fts_available

        try:
            if sqlite_fts_available():
                return []
        except Exception:  # noqa: BLE001 - no database yet (before migrate): nothing to say
            return []
    return [
        Warning(
            f"The search backend {', '.join(names)} segments Chinese only on PostgreSQL and on SQLite with FTS5; "
            f"on this database ({connection.vendor}) Wagtail's own database backend is used unchanged.",
            hint="Use PostgreSQL, or SQLite with FTS5 and Wagtail's search migrations applied, then run manage.py update_index.",
            id="wagtail_gk.W160",
        )
    ]
