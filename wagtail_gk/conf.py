"""Settings read by ``wagtail_gk``, each with its default.

Every setting is read at call time through :func:`gk_setting`, so
``override_settings`` works in tests and host projects can change a value
without restarting imports. The full reference is ``docs/reference/settings.md``.
"""

from django.conf import settings

DEFAULTS = {
    # Pattern of an openness index number (索引号). Placeholders: agency_code,
    # year, serial. Serials are allocated per (agency_code, year) and never repeat.
    "GK_INDEX_NUMBER_PATTERN": "{agency_code}/{year}-{serial:05d}",
    # Agency code used when a page has no publishing agency with a code.
    "GK_DEFAULT_AGENCY_CODE": "000000000",
    # Seconds a process keeps a year of the working-day calendar in memory
    # before re-reading it; saves in the same process clear it at once.
    "GK_CALENDAR_CACHE_SECONDS": 60,
    # Elasticsearch server for the policy library; empty means the database backend.
    "GK_ELASTICSEARCH_URL": "",
    # Absolute base URL (scheme and host) for links printed on posters and in
    # notifications when no request is at hand, e.g. "https://www.xxx.gov.cn".
    "GK_PUBLIC_BASE_URL": "",
    # Path prefix under which short links (used by QR codes) are served.
    "GK_SHORT_LINK_PREFIX": "q",
}


def gk_setting(name: str):
    """Return the value of the ``GK_`` setting *name*, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk setting {name}")
    return getattr(settings, name, DEFAULTS[name])
