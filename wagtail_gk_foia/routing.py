"""Serving the intake pages without walking the page tree on every request.

Wagtail finds a page for each request by looking up the site and then one
child per path segment, and checks view restrictions on the page and its
ancestors: five to seven queries and about 4 ms of CPU before the view runs.
The intake page (form, receipt) gets many anonymous requests in a burst, so
each process keeps a small *snapshot* of the live, unrestricted
:class:`DisclosureRequestPage` objects and their URLs, and serves them with
the same hooks as ``wagtail.views.serve``.

The snapshot is rebuilt:

- in this process at once, and in the others through a version key in the
  Django cache, when a page, site, view restriction, agency or site setting is
  saved, deleted, moved or unpublished;
- at the latest ``GK_FOIA_ROUTE_CACHE_SECONDS`` after it was built, so that a
  change is seen even with a per-process cache (``LocMemCache``).

Anything the snapshot cannot answer (another page, a restricted or alias
page, a translated site, URLs without the trailing slash, a path the page
does not route) goes to Wagtail's own ``serve`` view. ``GK_FOIA_ROUTE_CACHE_SECONDS = 0`` turns the fast path off.

The snapshot also keeps the rendered site frame of the intake templates
(:func:`shell`): everything but the per-request part, built once per page,
template and language.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponse
from django.urls import URLPattern
from django.urls.resolvers import RegexPattern
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .conf import foia_setting

logger = logging.getLogger("wagtail_gk.foia")

VERSION_KEY = "gk_foia:routes-version"
VERSION_CHECK_SECONDS = 1.0
MAX_HOSTS = 64  # host names remembered per snapshot; the Host header is the client's to choose
SHELL_MARKER = "<!--gk-foia-part-->"


class Snapshot:
    """What one process knows about the intake pages, rebuilt as a whole."""

    def __init__(self, version):
        from wagtail.models import Page, PageViewRestriction, Site

        from .models import DisclosureRequestPage

        self.version = version
        self.built_at = self.checked_at = time.monotonic()
        self.hosts = {}  # (hostname, port) -> Site or None
        self.shells = {}  # (page id, template, language, site id) -> (head, tail)
        restricted = set(PageViewRestriction.objects.values_list("page_id", flat=True))
        candidates = list(DisclosureRequestPage.objects.live().filter(alias_of__isnull=True).select_related("agency"))
        # The pages and all their ancestors in one query (a tree path's prefixes).
        steplen = Page.steplen
        paths = {page.path[:end] for page in candidates for end in range(steplen, len(page.path) + 1, steplen)}
        barred = {
            path
            for path, pid, alias_of in Page.objects.filter(path__in=paths).values_list("path", "id", "alias_of_id")
            if pid in restricted or alias_of is not None
        }
        pages = {}  # url_path -> page
        for page in candidates:
            if any(page.path[:end] in barred for end in range(steplen, len(page.path) + 1, steplen)):
                continue  # restricted, or below an alias: Wagtail decides
            pages[page.url_path] = page
        # Longest first, so that the most specific page wins a prefix match.
        self.pages = dict(sorted(pages.items(), key=lambda item: -len(item[0])))
        self.root_paths = dict(Site.objects.values_list("id", "root_page__url_path"))  # site id -> root url_path
        prefixes = {
            url_path[len(root):] for root in self.root_paths.values() for url_path in self.pages if url_path.startswith(root)
        }
        # Site-relative paths of the pages, for the URL pattern's quick test.
        self.prefixes = tuple(sorted(prefixes, key=len, reverse=True))

    def site_for(self, request):
        from django.http.request import split_domain_port
        from wagtail.models import Site
        from wagtail.models.sites import get_site_for_hostname

        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        if key not in self.hosts:
            try:
                site = get_site_for_hostname(*key)
            except Site.DoesNotExist:
                site = None
            if len(self.hosts) >= MAX_HOSTS:
                return site
            self.hosts[key] = site
        return self.hosts[key]


_lock = threading.Lock()
_state = {"snapshot": None}


def _enabled() -> bool:
    # Translated sites and URLs without the trailing slash route differently: Wagtail does it.
    return (
        foia_setting("GK_FOIA_ROUTE_CACHE_SECONDS") > 0
        and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        and getattr(settings, "WAGTAIL_APPEND_SLASH", True)
    )


def _current(check_version: bool) -> Snapshot | None:
    """The snapshot of this process, rebuilt when it is too old or (with
    *check_version*) when another process announced a change."""
    if not _enabled():
        return None
    snap = _state["snapshot"]
    now = time.monotonic()
    # Another process's change is looked for at most once a second, not on
    # every request: each cache read costs a round trip (and, with Django's
    # Redis backend, building a client object).
    if snap is None or (check_version and now - snap.checked_at > VERSION_CHECK_SECONDS):
        version = cache.get(VERSION_KEY)
        if snap is not None:
            snap.checked_at = now
    else:
        version = snap.version
    if (
        snap is None
        or version is None
        or version != snap.version
        or now - snap.built_at > foia_setting("GK_FOIA_ROUTE_CACHE_SECONDS")
    ):
        with _lock:
            latest = _state["snapshot"]
            if latest is not None and latest is not snap and latest.built_at >= now:
                return latest  # another thread rebuilt it meanwhile
            if version is None:  # first process up, or the cache was cleared
                cache.add(VERSION_KEY, uuid.uuid4().hex, None)
                version = cache.get(VERSION_KEY)
            try:
                snap = Snapshot(version)
            except DatabaseError:  # not migrated yet, or the database is away: Wagtail answers
                logger.warning("Intake routes unavailable; serving through Wagtail", exc_info=True)
                return None
            _state["snapshot"] = snap
    return snap


def _drop() -> None:
    _state["snapshot"] = None
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 — the age limit still bounds what others serve
        logger.warning("Could not announce an intake route change through the cache", exc_info=True)


def invalidate(**kwargs) -> None:
    """Drop this process's snapshot and tell the others (shared cache): now,
    and again when the transaction commits, so that a snapshot rebuilt in
    between from the not yet committed state does not outlive it."""
    _drop()
    transaction.on_commit(_drop)


def _on_model_change(sender, instance=None, **kwargs):
    invalidate()


def connect_signals() -> None:
    """Connect the route invalidation to the models that shape the routes only
    (pages, sites, view restrictions, agencies, site settings), not to every
    save in the project; called from ``ready()``, when every model is loaded."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_slug_changed, page_unpublished, post_page_move

    from wagtail_gk.models import Agency

    shaping = (Page, Site, PageViewRestriction, Agency, BaseSiteSetting)
    for model in apps.get_models():
        if issubclass(model, shaping):
            label = model._meta.label_lower
            post_save.connect(_on_model_change, sender=model, dispatch_uid=f"wagtail_gk_foia_routes_save_{label}")
            post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"wagtail_gk_foia_routes_delete_{label}")
    for signal in (page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"wagtail_gk_foia_routes_{id(signal)}")


# --- request handling -------------------------------------------------------------


def _route(request, path: str):
    """Wagtail's RouteResult (page, args, kwargs) for an intake page URL, from
    the snapshot, or None when Wagtail must route the request itself."""
    snap = _current(check_version=True)
    if snap is None:
        return None
    site = snap.site_for(request)
    if site is None or site.pk not in snap.root_paths:
        return None
    full = snap.root_paths[site.pk] + path
    url_path = next((u for u in snap.pages if full.startswith(u)), None)
    if url_path is None:
        return None
    # A copy per request: views and Wagtail may set attributes on the page.
    page = copy.copy(snap.pages[url_path])
    components = [c for c in full[len(url_path):].split("/") if c]
    request._wagtail_site = site
    try:
        result = page.route(request, components)
    except Http404:
        return None
    if result.page is not page:
        return None
    request._wagtail_route_for_request = result
    request._gk_foia_snapshot = snap
    request._gk_foia_page_url = "/" + url_path[len(snap.root_paths[site.pk]):]
    return result


def page_url(request, page) -> str:
    """The page's URL for links and redirects in this request: known from the
    route, else Wagtail's (which reads the site root paths from the cache)."""
    return getattr(request, "_gk_foia_page_url", None) or page.get_url(request)


def serve(request, path):
    """``wagtail.views.serve`` for intake pages from the snapshot; anything else
    is handed to Wagtail unchanged."""
    from wagtail import hooks
    from wagtail import views as wagtail_views
    from wagtail.wagtail_hooks import check_view_restrictions

    result = _route(request, path)
    if result is None:
        return wagtail_views.serve(request, path)
    page, args, kwargs = result

    # The same chain as wagtail.views.serve. The snapshot holds only pages
    # without view restrictions (a new restriction rebuilds it), so Wagtail's
    # restriction check, two queries, is left out.
    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is not check_view_restrictions:
            chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        response = fn(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return chain(page, request, args, kwargs)


class IntakePattern(URLPattern):
    """Matches only paths that may lead to an intake page of the snapshot
    (without touching the cache or the database for other paths), before
    Wagtail's catch-all."""

    def __init__(self):
        super().__init__(RegexPattern(r"^(?P<path>(?:[\w\-]+/)*)$", is_endpoint=True), serve, name="intake_serve")

    def resolve(self, path):
        snap = _current(check_version=False)
        if snap is None or not path.startswith(snap.prefixes):
            return None
        return super().resolve(path)


# --- the site frame of the intake templates ---------------------------------------


def shell(request, page, template: str, context: dict):
    """(head, tail) of *template* rendered for *page* with the per-request part
    left out, or None when it must be rendered whole (signed-in user: the
    editor bar; pending messages; a page not served from the snapshot; DEBUG,
    where templates change under the developer's hands)."""
    from django.contrib.messages import get_messages
    from django.template.loader import render_to_string

    snap = getattr(request, "_gk_foia_snapshot", None)
    user = getattr(request, "user", None)
    if snap is None or settings.DEBUG or getattr(user, "is_authenticated", False) or len(get_messages(request)):
        return None
    site = getattr(request, "_wagtail_site", None)
    key = (page.pk, template, get_language(), getattr(site, "pk", None))
    parts = snap.shells.get(key)
    if parts is None:
        html = render_to_string(template, {**context, "gk_foia_part": mark_safe(SHELL_MARKER)}, request)
        pieces = html.split(SHELL_MARKER)
        if len(pieces) != 2 or "csrfmiddlewaretoken" in html:  # a frame with a form of its own is per visitor
            return None
        parts = snap.shells[key] = (pieces[0], pieces[1])
    return parts
