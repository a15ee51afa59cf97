"""The page a visitor sees when a form post is refused for want of a valid
CSRF token (``CSRF_FAILURE_VIEW = "wagtail_gk.views.csrf.csrf_failure"``).

Django's own page is written for developers, and its ``lang="en"`` title and
advice to set ``DEBUG=True`` reach the public. This one says in the active
language what happened and how to send the form again, and links back to the
form when the browser says where it came from on this site."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import csrf as django_csrf

TEMPLATE_NAME = "wagtail_gk/csrf_failure.html"


def same_origin_referer(request: HttpRequest) -> str | None:
    """The Referer when it is a page of this host, else None (never a link elsewhere)."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return None


def csrf_failure(request: HttpRequest, reason: str = "", template_name: str = TEMPLATE_NAME) -> HttpResponseForbidden:
    """Status 403 with a friendly, translated page; Django's technical page under DEBUG."""
    if settings.DEBUG:
        return django_csrf.csrf_failure(request, reason=reason)
    context = {"back_url": same_origin_referer(request), "reason": reason}
    return HttpResponseForbidden(render_to_string(template_name, context, request=request))
