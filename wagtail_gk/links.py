"""The public base URL: the one place that turns a path into the absolute URL
a reader outside the office can open.

Every QR code, poster, village board, share link, e-mail and receipt builds
its URL with :func:`public_url` (or :func:`short_link_url` for a page's
stable short link), so a printed sheet carries the county's public host,
never the address an editor happened to reach the admin by.

The base URL of a Wagtail Site is, in this order:

1. the *Public base URL* of its Government website details (a site setting,
   ``GovernmentSiteSettings.public_base_url``);
2. the ``GK_PUBLIC_BASE_URL`` setting (one value for every site);
3. the Site's own root URL (``Site.root_url``, from its hostname and port);

and only when no Site can be found, the host of the current request.
System check ``wagtail_gk.W010`` warns when, with ``DEBUG`` off, the result is
a loopback address (``localhost``, ``127.x``, ``::1``) that no phone can reach.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit

from .conf import gk_setting

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _site_for(request=None, page=None, site=None):
    from wagtail.models import Site

    if site is not None:
        return site
    if page is not None:
        # The site Wagtail already found for this request, when the page is on
        # it (the common case: a page building its own links), saves a query.
        current = getattr(request, "_wagtail_site", None) if request is not None else None
        parts = page.get_url_parts(request=request) if current is not None else None
        if parts is not None and parts[0] == current.pk:
            return current
        found = page.get_site()
        if found is not None:
            return found
    if request is not None:
        found = Site.find_for_request(request)
        if found is not None:
            return found
    return Site.objects.filter(is_default_site=True).first()


def site_base_url(site) -> str:
    """The public base URL of *site* (no trailing slash), following the order
    in the module's docstring; empty only when *site* is ``None`` and no
    ``GK_PUBLIC_BASE_URL`` is set."""
    from .models import GovernmentSiteSettings

    if site is not None:
        configured = GovernmentSiteSettings.for_site(site).public_base_url
        if configured:
            return configured.rstrip("/")
    setting = gk_setting("GK_PUBLIC_BASE_URL")
    if setting:
        return setting.rstrip("/")
    return site.root_url.rstrip("/") if site is not None else ""


def public_base_url(*, request=None, page=None, site=None) -> str:
    """The base URL for *site*, else the site of *page*, else the site serving
    *request*, else the default site; the request's own host when none exists."""
    base = site_base_url(_site_for(request=request, page=page, site=site))
    if not base and request is not None:
        base = request.build_absolute_uri("/").rstrip("/")
    return base


def public_url(path: str, *, request=None, page=None, site=None) -> str:
    """The absolute public URL of *path* (an absolute URL is returned as it is)."""
    if urlsplit(path).scheme:
        return path
    base = public_base_url(request=request, page=page, site=site)
    return urljoin(base + "/", path.lstrip("/")) if base else path


def page_public_url(page, *, request=None) -> str:
    """The absolute public URL of a (live) page, or "" when it has no URL."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return ""
    return public_url(parts[2], request=request, page=page)


def short_link_url(page, *, request=None) -> str:
    """The absolute URL of *page*'s stable short link (``/q/<code>/``), the
    one its QR codes, posters and boards encode."""
    from .models import ShortLink

    return public_url(ShortLink.objects.for_page(page).get_absolute_url(), request=request, page=page)


def is_loopback(url: str) -> bool:
    """Whether *url*'s host is a loopback address no other device can reach."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return False
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
