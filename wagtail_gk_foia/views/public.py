"""Public views behind :class:`DisclosureRequestPage`: intake, receipt, status.

The intake pages are built for bursts of applicants (see docs/foia.md, "How
the intake stays fast"): the site frame of the form and receipt pages and the
blank form's fields are rendered once per process (:func:`routing.shell`,
:func:`_fields_html`), only the per-request part is rendered each time, and
the receipt travels in a signed cookie instead of a database session.
"""

from __future__ import annotations

import functools
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail_gk.links import public_url
from wagtail_gk.qr import qr_svg

from .. import antispam, documents, routing
from ..conf import foia_setting, status_lookup_limits
from ..forms import PublicApplicationForm, StatusLookupForm
from ..models import DisclosureRequest, DocumentKind, RequestEvent
from ..services.errors import TransitionError
from ..services.registration import DuplicateSubmission, register_request
from ..services.secrets import query_code_matches

logger = logging.getLogger("wagtail_gk.foia")

RECEIPT_COOKIE = "gk_foia_receipt"
RECEIPT_SALT = "wagtail_gk_foia.receipt"
STATUS_SESSION_KEY = "gk_foia_status_ok"


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _render_page(request, page, template, part, context, status=200):
    """Render *template*, whose per-request part is the template *part*: from
    the cached site frame when :func:`routing.shell` has one, else whole."""
    context = {"page": page, "self": page, "page_url": routing.page_url(request, page), **context}
    frame = routing.shell(request, page, template, context)
    if frame is None:
        response = TemplateResponse(request, template, context, status=status)
    else:
        response = HttpResponse(frame[0] + render_to_string(part, context, request) + frame[1], status=status)
    response["Cache-Control"] = "no-store"
    return response


def _form_template(accessible: bool) -> str:
    return "wagtail_gk_foia/accessible_form.html" if accessible else "wagtail_gk_foia/intake_page.html"


# Stand-ins rendered into the blank form once, replaced by each request's values.
TOKEN_STANDIN = "gkfoiaformtokenstandin"  # noqa: S105 — a placeholder, not a secret
QUESTION_STANDIN = "gkfoiaquestionstandin"
_blank_fields = {}  # (language, captcha enabled) -> HTML with the stand-ins


def _fields_html(form, token, question, captcha_enabled):
    """The rendered ``_form_fields.html``. A blank form (*form* None) is the
    same for every applicant but for its token and question, so it is rendered
    once per language and filled in (about 4 ms of widget rendering saved)."""
    if form is not None or settings.DEBUG:
        form = form or PublicApplicationForm(initial={"form_token": token})
        context = {"form": form, "question": question, "captcha_enabled": captcha_enabled}
        return render_to_string("wagtail_gk_foia/_form_fields.html", context)
    key = (get_language(), captcha_enabled)
    blank = _blank_fields.get(key)
    if blank is None:
        html = _fields_html(PublicApplicationForm(initial={"form_token": token}), token, question, captcha_enabled)
        token, question = escape(token), escape(question)
        # Keep it only when each value stands in exactly one place.
        if html.count(token) == 1 and (not captcha_enabled or html.count(question) == 1):
            blank = html.replace(token, TOKEN_STANDIN)
            _blank_fields[key] = blank.replace(question, QUESTION_STANDIN) if captcha_enabled else blank
        return html
    return mark_safe(  # noqa: S308 — the template's output, with escaped values put in
        blank.replace(TOKEN_STANDIN, escape(token)).replace(QUESTION_STANDIN, escape(question))
    )


def _fresh_form_context(form, accessible):
    """Context of a form page with a new token and question; *form* is the
    submitted form to show again with its errors, or None for a blank one."""
    token, question = antispam.issue_form_token()
    if form is not None:
        data = form.data.copy()
        data["form_token"] = token
        data["captcha_answer"] = ""
        form.data = data
    captcha_enabled = foia_setting("GK_FOIA_CAPTCHA_ENABLED")
    return {
        # A blank form object is built only if a template asks for it: the
        # fields come pre-rendered and building one costs ~0.3 ms.
        "form": form if form is not None else SimpleLazyObject(lambda: PublicApplicationForm(initial={"form_token": token})),
        "question": question,
        "captcha_enabled": captcha_enabled,
        "accessible": accessible,
        "fields": _fields_html(form, token, question, captcha_enabled),
    }


def _form_page(request, page, form, accessible, status=200):
    return _render_page(
        request, page, _form_template(accessible), "wagtail_gk_foia/_intake_form.html",
        _fresh_form_context(form, accessible), status=status,
    )


def _page_path(request, page) -> str:
    return urlsplit(routing.page_url(request, page)).path


def _subpage_url(request, page, name: str) -> str:
    return routing.page_url(request, page) + page.reverse_subpage(name)


def _status_url(request, page) -> str:
    """Absolute URL of the status page, printed with its QR on the receipt."""
    return public_url(_page_path(request, page) + page.reverse_subpage("status"), request=request, page=page)


def _receipt_cookie(request, page):
    """The receipt data of this browser's last submission on *page*, or None."""
    raw = request.COOKIES.get(RECEIPT_COOKIE)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=RECEIPT_SALT, max_age=foia_setting("GK_FOIA_RECEIPT_MAX_AGE"))
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and data.get("page") == page.pk else None


def _set_receipt_cookie(request, response, page, req, code):
    """The receipt (request, tracking number, query code) signed with
    SECRET_KEY, readable only by this browser and only on the page's URLs;
    nothing of the query code is kept on the server but its hash."""
    value = signing.dumps({"page": page.pk, "id": req.pk, "n": req.tracking_number, "code": code}, salt=RECEIPT_SALT)
    response.set_cookie(
        RECEIPT_COOKIE, value, max_age=foia_setting("GK_FOIA_RECEIPT_MAX_AGE"), path=_page_path(request, page),
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


@never_cache
def application_view(request, page, *, accessible: bool):
    if request.method != "POST":
        return _form_page(request, page, None, accessible)

    if antispam.rate_limited("intake", antispam.client_ip(request), foia_setting("GK_FOIA_INTAKE_RATE")):
        return _render(
            request, page, "wagtail_gk_foia/rate_limited.html",
            {"message": _("Too many submissions. Please try again later; for help, call the openness office.")}, status=429,
        )
    form = PublicApplicationForm(request.POST, request.FILES)
    token_error = None
    nonce = ""
    if form.is_valid():
        try:
            nonce = antispam.check_form_token(form.cleaned_data["form_token"], form.cleaned_data.get("captcha_answer"))
        except antispam.TokenError as exc:
            token_error = str(exc)
    if not form.is_valid() or token_error:
        if token_error:
            form.add_error("captcha_answer", token_error)
        return _form_page(request, page, form, accessible, status=400)

    data = form.application_data()
    data["accessible_version"] = accessible
    try:
        req, code = register_request(
            agency=page.agency,
            data=data,
            identity_proof=form.cleaned_data["identity_proof"],
            form_nonce=nonce,
        )
    except DuplicateSubmission as exc:
        previous = _receipt_cookie(request, page)
        return _render(
            request, page, "wagtail_gk_foia/rate_limited.html",
            {"message": str(exc), "receipt_url": _subpage_url(request, page, "receipt") if previous else ""},
            status=409,
        )
    except TransitionError as exc:
        form.add_error(None, str(exc))
        return _form_page(request, page, form, accessible, status=400)
    # The query code is shown on the receipt once; only its hash is stored.
    response = HttpResponseRedirect(_subpage_url(request, page, "receipt"))
    _set_receipt_cookie(request, response, page, req, code)
    return response


RECEIPT_FIELDS = (
    "tracking_number", "query_code_hash", "information_title", "received_on", "reply_due_on", "agency__name",
    "channel", "status", "receipt_confirmed_on",  # 第31条: 待确认 until confirmed
)


def _receipt_request(request, page, fields=None):
    """(request, receipt data) of this browser's last submission, or (None, None).
    *fields*: load only these (the receipt page needs few of the many columns)."""
    data = _receipt_cookie(request, page)
    if data is None:
        return None, None
    queryset = DisclosureRequest.objects.select_related("agency")
    if fields:
        queryset = queryset.only(*fields)
    # No ORDER BY (the model's default ordering): one row by primary key.
    req = next(iter(queryset.filter(pk=data.get("id"), tracking_number=data.get("n")).order_by()[:1]), None)
    if req is None or not query_code_matches(req, data.get("code", "")):
        return None, None
    return req, data


@functools.lru_cache(maxsize=64)
def _qr(url: str) -> str:
    # The same status URL for every applicant of a page; encoding it takes ~5 ms.
    return qr_svg(url)


@never_cache
def receipt_view(request, page):
    req, data = _receipt_request(request, page, RECEIPT_FIELDS)
    if req is None:
        return HttpResponseRedirect(routing.page_url(request, page))
    status_url = _status_url(request, page)
    return _render_page(
        request, page, "wagtail_gk_foia/receipt.html", "wagtail_gk_foia/_receipt.html",
        {"req": req, "query_code": data["code"], "status_url": status_url, "status_qr": _qr(status_url)},
    )


def _receipt_parts(req, query_code, page, request):
    template = documents.template_for(DocumentKind.RECEIPT)
    parts = documents.render_text(template, documents.document_context(req, issued_on=req.received_on))
    status_url = _status_url(request, page)
    parts["paragraphs"] = parts["paragraphs"] + [
        _("Tracking number: %(number)s") % {"number": req.tracking_number},
        _("Query code: %(code)s") % {"code": query_code},
        _("Status page: %(url)s") % {"url": status_url},
    ]
    return parts


@never_cache
def receipt_pdf_view(request, page):
    req, data = _receipt_request(request, page)
    if req is None:
        raise Http404
    pdf = documents.render_pdf(_receipt_parts(req, data["code"], page, request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{req.tracking_number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def new_question_view(request, page):
    token, question = antispam.issue_form_token()
    return JsonResponse({"form_token": token, "question": question}, headers={"Cache-Control": "no-store"})


def _lookup_failure_message() -> str:
    """The one error for a wrong code and for a number that does not exist."""
    return _(
        "The tracking number or query code is not correct. Please check both against your receipt. "
        "After several wrong attempts you will be asked to answer a question and to wait a little between attempts."
    )


def _status_form(request, page, form, *, ask_question: bool, status: int = 200, error="", question_error="", wait=0):
    """The look-up form; with *ask_question*, a fresh one-time question (the
    intake form's) that the next look-up must answer."""
    context = {"form": form, "error": error, "question_error": question_error, "ask_question": ask_question}
    if ask_question:
        context["form_token"], context["question"] = antispam.issue_form_token()
    response = _render(request, page, "wagtail_gk_foia/status.html", context, status=status)
    if wait:
        response["Retry-After"] = str(wait)
    return response


@never_cache
def status_view(request, page):
    """Progress of a request by tracking number and query code.

    A wrong code slows down the client that sent it and never locks out the
    right code (docs/foia.md, "The status look-up"): after its free failures
    an address waits 2, 4, 8 … seconds (at most ``GK_FOIA_STATUS_BACKOFF_MAX``,
    answered 429 with Retry-After) and answers the question before each
    further look-up; a number with many failures from anywhere, or an address
    over ``GK_FOIA_STATUS_RATE``, needs the question too. The right code with
    the question answered (when asked) and no wait pending always shows the
    status. A number that does not exist takes the same path as a wrong code
    (one query, one constant-time comparison, the same counters and error).
    """
    limits = status_lookup_limits()
    ip = antispam.client_ip(request)
    address = antispam.address_key(ip)
    questions = foia_setting("GK_FOIA_CAPTCHA_ENABLED")
    rate = foia_setting("GK_FOIA_STATUS_RATE")
    if request.method != "POST":
        ask = questions and (antispam.status_needs_question(address, None, limits) or antispam.is_blocked("status", ip, rate))
        return _status_form(request, page, StatusLookupForm(), ask_question=ask)

    wait = antispam.status_wait(address)
    if wait:
        message = _(
            "Too many wrong attempts from your connection. Please wait %(seconds)d more seconds, "
            "then try again and answer the question below."
        ) % {"seconds": wait}
        return _status_form(request, page, StatusLookupForm(), ask_question=questions, status=429, error=message, wait=wait)
    over_rate = antispam.rate_limited("status", ip, rate)
    form = StatusLookupForm(request.POST)
    if not form.is_valid():
        ask = questions and (over_rate or antispam.status_needs_question(address, None, limits))
        return _status_form(request, page, form, ask_question=ask, status=400)
    number = form.cleaned_data["tracking_number"].strip().upper()
    if questions and (over_rate or antispam.status_needs_question(address, number, limits)):
        answer = (request.POST.get("captcha_answer") or "").strip()
        try:
            if not answer:
                raise antispam.TokenError(_("Please also answer the question below."))
            antispam.check_question_once(request.POST.get("form_token", ""), answer)
        except antispam.TokenError as exc:
            return _status_form(request, page, form, ask_question=True, status=400, question_error=str(exc))

    req = DisclosureRequest.objects.filter(tracking_number=number, agency=page.agency).first()
    if query_code_matches(req, form.cleaned_data["query_code"]):
        allowed = set(request.session.get(STATUS_SESSION_KEY, []))
        allowed.add(req.pk)
        request.session[STATUS_SESSION_KEY] = sorted(allowed)
        return _render(request, page, "wagtail_gk_foia/status.html", {"form": form, **_status_context(req)})
    wait = antispam.record_status_failure(address, number, limits)
    logger.info("Failed disclosure status look-up for %s from %s", number[:32], ip)
    ask = questions and (wait > 0 or over_rate or antispam.status_needs_question(address, number, limits))
    return _status_form(
        request, page, form, ask_question=ask, status=403, error=_lookup_failure_message(), wait=wait
    )


def _status_context(req):
    events = RequestEvent.objects.filter(request=req, public=True).order_by("at", "pk")
    return {
        "req": req,
        "events": events,
        "documents": [d for d in req.documents.all() if d.for_applicant],
    }


@never_cache
def status_document_view(request, page, document_id):
    allowed = set(request.session.get(STATUS_SESSION_KEY, []))
    from ..models import IssuedDocument

    doc = IssuedDocument.objects.filter(pk=document_id, request_id__in=allowed).first()
    if doc is None or not doc.for_applicant:
        raise Http404
    return FileResponse(doc.pdf.open("rb"), as_attachment=True, filename=f"{doc.title}.pdf", content_type="application/pdf")
