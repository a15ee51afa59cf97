"""System checks of the Chinese search backends (ids wagtail_gk.W160 and
wagtail_gk.E161; docs/reference/settings-wagtail_gk.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import connection

from .tasks import segmenting_backend_names


@register()
def check_search_backend(app_configs=None, **kwargs):
    names = [name for name in segmenting_backend_names() if _backend_path(name).startswith("wagtail_gk.search.backends.database")]
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


def _backend_path(name: str) -> str:
    return str(settings.WAGTAILSEARCH_BACKENDS[name].get("BACKEND", ""))


@register()
def check_elasticsearch_analysis(app_configs=None, **kwargs):
    from .backends import ELASTICSEARCH_ANALYSIS_MODES as ANALYSIS_MODES

    errors = []
    for name in segmenting_backend_names():
        if not _backend_path(name).startswith("wagtail_gk.search.backends.elasticsearch"):
            continue
        config = settings.WAGTAILSEARCH_BACKENDS[name]
        mode = config.get("CHINESE_ANALYSIS", (config.get("OPTIONS") or {}).get("CHINESE_ANALYSIS")) or "segmented"
        if mode not in ANALYSIS_MODES:
            errors.append(
                Error(
                    f"WAGTAILSEARCH_BACKENDS[{name!r}]['CHINESE_ANALYSIS'] is {mode!r}.",
                    hint=f"Use one of {', '.join(ANALYSIS_MODES)} (segmented works on any cluster).",
                    id="wagtail_gk.E161",
                )
            )
    return errors
