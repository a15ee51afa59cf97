"""Background work of the Chinese search backend (django-tasks)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import call_command
from django_tasks import task

logger = logging.getLogger("wagtail_gk.search.tasks")


def segmenting_backend_names() -> list[str]:
    """The ``WAGTAILSEARCH_BACKENDS`` aliases whose backend segments Chinese."""
    names = []
    for name, config in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items():
        if str(config.get("BACKEND", "")).startswith("wagtail_gk.search.backends."):
            names.append(name)
    return names


@task()
def reindex_segmented_search() -> int:
    """Rebuild the Wagtail search index of each segmenting backend (after the
    user dictionary changed, words are cut differently). Returns how many
    backends were rebuilt."""
    names = segmenting_backend_names()
    for name in names:
        call_command("update_index", backend_name=name, verbosity=0)
        logger.info("Rebuilt the search index of backend %s after a dictionary change", name)
    return len(names)
