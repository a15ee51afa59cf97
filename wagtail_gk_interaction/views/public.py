"""Public views behind :class:`~..models.MailboxPage`: writing, receipt,
status look-up, the published replies and rating.

The form and the look-up are protected by core's shared intake
(:mod:`wagtail_gk.intake.antispam`) under this app's namespace: a one-time
token with an arithmetic question, a per-address rate limit, and a look-up
that slows guessers down without ever locking out the right query code.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail_gk.intake import antispam
from wagtail_gk.search.segmentation import query_tokens

from ..conf import interaction_setting, kind_label, protection, status_lookup_limits
from ..forms import LetterForm, LookupForm, RatingForm
from ..masking import mask_text
from ..models import Letter, LetterEvent, LetterStatus
from ..services import DuplicateLetter, StepRefused, code_matches, rate, register_letter

logger = logging.getLogger("wagtail_gk.interaction")

RECEIPT_COOKIE = "gk_interaction_receipt"
RECEIPT_SALT = "wagtail_gk_interaction.receipt"


def _render(request, page, template, context, status=200):
    response = TemplateResponse(request, template, {"page": page, "self": page, **context}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def faq_entries(page):
    from ..models import FaqEntry

    kinds = [code for code, _label in page.kind_choices()]
    return FaqEntry.objects.filter(live=True).filter(Q(kind="") | Q(kind__in=kinds))


def _form_page(request, page, form, status=200):
    token, question = antispam.issue_form_token(protection())
    if form is None:
        form = LetterForm(kinds=page.kind_choices(), initial={"form_token": token})
    else:
        data = form.data.copy()
        data["form_token"], data["captcha_answer"] = token, ""
        form.data = data
    return _render(
        request, page, "wagtail_gk_interaction/mailbox_page.html",
        {"form": form, "question": question, "captcha_enabled": protection().captcha_enabled, "anonymous_kinds": _anonymous_kinds(page),
         "faqs": faq_entries(page)[:10]},
        status=status,
    )


def _anonymous_kinds(page):
    from ..conf import letter_kinds

    kinds = letter_kinds()
    return [str(kinds[code].label) for code, _label in page.kind_choices() if code in kinds and kinds[code].anonymous]


@never_cache
def write_view(request, page):
    if request.method != "POST":
        return _form_page(request, page, None)
    prot = protection()
    if antispam.rate_limited(prot, "intake", antispam.client_ip(prot, request), interaction_setting("GK_INTERACTION_INTAKE_RATE")):
        return _render(
            request, page, "wagtail_gk_interaction/message.html",
            {"message": _("Too many letters from your connection. Please try again later.")}, status=429,
        )
    form = LetterForm(request.POST, kinds=page.kind_choices())
    nonce, token_error = "", None
    if form.is_valid():
        try:
            nonce = antispam.check_form_token(prot, form.cleaned_data["form_token"], form.cleaned_data.get("captcha_answer"))
        except antispam.TokenError as exc:
            token_error = str(exc)
    if not form.is_valid() or token_error:
        if token_error:
            form.add_error("captcha_answer", token_error)
        return _form_page(request, page, form, status=400)
    try:
        letter, code = register_letter(mailbox=page, data=form.letter_data(), form_nonce=nonce)
    except DuplicateLetter as exc:
        return _render(request, page, "wagtail_gk_interaction/message.html", {"message": str(exc)}, status=409)
    response = HttpResponseRedirect(page.url + page.reverse_subpage("receipt"))
    value = signing.dumps({"page": page.pk, "id": letter.pk, "code": code}, salt=RECEIPT_SALT)
    response.set_cookie(
        RECEIPT_COOKIE, value, max_age=interaction_setting("GK_INTERACTION_RECEIPT_MAX_AGE"),
        path=page.url, httponly=True, samesite="Lax", secure=request.is_secure(),
    )
    return response


@never_cache
def receipt_view(request, page):
    try:
        data = signing.loads(
            request.COOKIES.get(RECEIPT_COOKIE, ""), salt=RECEIPT_SALT, max_age=interaction_setting("GK_INTERACTION_RECEIPT_MAX_AGE")
        )
    except signing.BadSignature:
        data = None
    letter = Letter.objects.filter(pk=data.get("id"), mailbox=page).first() if isinstance(data, dict) else None
    if letter is None or not code_matches(letter, data.get("code", "")):
        return HttpResponseRedirect(page.url)
    return _render(request, page, "wagtail_gk_interaction/receipt.html", {"letter": letter, "query_code": data["code"]})


def _lookup(request, page, form_class, template, extra=None):
    """Check tracking number and query code as the disclosure look-up does:
    failures slow the address down and ask the question; a missing number
    and a wrong code take the same path. Returns (letter or None, response or None)."""
    prot, limits = protection(), status_lookup_limits()
    ip = antispam.client_ip(prot, request)
    address = antispam.address_key(ip)
    rate_setting = interaction_setting("GK_INTERACTION_STATUS_RATE")
    extra = extra or {}

    def form_page(form, *, ask, status=200, error="", wait=0):
        context = {"form": form, "error": error, "ask_question": ask and prot.captcha_enabled, **extra}
        if context["ask_question"]:
            context["form_token"], context["question"] = antispam.issue_form_token(prot)
        response = _render(request, page, template, context, status=status)
        if wait:
            response["Retry-After"] = str(wait)
        return response

    if request.method != "POST":
        ask = antispam.status_needs_question(prot, address, None, limits) or antispam.is_blocked(prot, "status", ip, rate_setting)
        return None, form_page(form_class(), ask=ask)
    wait = antispam.status_wait(prot, address)
    if wait:
        message = _("Too many wrong attempts from your connection. Please wait %(seconds)d more seconds, then try again.") % {"seconds": wait}
        return None, form_page(form_class(), ask=True, status=429, error=message, wait=wait)
    over_rate = antispam.rate_limited(prot, "status", ip, rate_setting)
    form = form_class(request.POST)
    if not form.is_valid():
        return None, form_page(form, ask=over_rate or antispam.status_needs_question(prot, address, None, limits), status=400)
    number = form.cleaned_data["tracking_number"].strip().upper()
    if prot.captcha_enabled and (over_rate or antispam.status_needs_question(prot, address, number, limits)):
        try:
            antispam.check_question_once(prot, request.POST.get("form_token", ""), request.POST.get("captcha_answer", ""))
        except antispam.TokenError as exc:
            return None, form_page(form, ask=True, status=400, error=str(exc))
    letter = Letter.objects.filter(tracking_number=number, mailbox=page).first()
    if code_matches(letter, form.cleaned_data["query_code"]):
        return letter, None
    wait = antispam.record_status_failure(prot, address, number, limits)
    logger.info("Failed letter look-up for %s from %s", number[:32], ip)
    error = _("The tracking number or query code is not correct. Please check both against your receipt.")
    ask = wait > 0 or over_rate or antispam.status_needs_question(prot, address, number, limits)
    return None, form_page(form, ask=ask, status=403, error=error, wait=wait)


@never_cache
def status_view(request, page):
    letter, response = _lookup(request, page, LookupForm, "wagtail_gk_interaction/status.html")
    if response is not None:
        return response
    events = LetterEvent.objects.filter(letter=letter, public=True).select_related("to_agency")
    return _render(
        request, page, "wagtail_gk_interaction/status.html",
        {"letter": letter, "events": events, "rating_form": RatingForm(initial={"tracking_number": letter.tracking_number})},
    )


@never_cache
def rate_view(request, page):
    letter, response = _lookup(request, page, RatingForm, "wagtail_gk_interaction/rate.html")
    if response is not None:
        return response
    try:
        rate(letter, RatingForm(request.POST).data.get("rating"))
    except StepRefused as exc:
        return _render(request, page, "wagtail_gk_interaction/rate.html", {"form": RatingForm(), "error": str(exc)}, status=409)
    return _render(request, page, "wagtail_gk_interaction/rate.html", {"letter": letter, "done": True})


# --- published letters ---------------------------------------------------------


def public_letters(page):
    return Letter.objects.published().filter(mailbox=page).select_related("reply_agency")


def query_words(q: str) -> list[str]:
    """The words of a query, segmented by core's shared segmenter (jieba with
    the government dictionary, as the policy library and site search do)."""
    q = q.strip()[:50]
    if not q:
        return []
    words = []
    for part in q.split():
        words += query_tokens(part) or [part]
    return list(dict.fromkeys(words))[:8]


def _filtered(page, params):
    from wagtail_gk.models import Agency

    letters = public_letters(page)
    kind, agency, year, status, q = (params.get(k, "").strip() for k in ("kind", "agency", "year", "status", "q"))
    if kind:
        letters = letters.filter(kind=kind)
    if agency.isdigit():
        letters = letters.filter(reply_agency_id=int(agency))
    if year.isdigit():
        letters = letters.filter(received_on__year=int(year))
    if status == "on_time":
        letters = letters.filter(replied_on__lte=F("reply_due_on"))
    elif status == "late":
        letters = letters.filter(replied_on__gt=F("reply_due_on"))
    if q:
        for word in query_words(q):
            letters = letters.filter(Q(public_subject__icontains=word) | Q(public_body__icontains=word) | Q(reply_text__icontains=word))
    agencies = Agency.objects.filter(pk__in=public_letters(page).values("reply_agency")).order_by("name")
    years = sorted({d.year for d in public_letters(page).dates("received_on", "year")}, reverse=True)
    filters = {"kind": kind, "agency": agency, "year": year, "status": status, "q": q}
    return letters.order_by("-replied_on", "-pk"), agencies, years, filters


def replies_view(request, page):
    letters, agencies, years, filters = _filtered(page, request.GET)
    paginator = Paginator(letters, interaction_setting("GK_INTERACTION_PUBLIC_PAGE_SIZE"))
    page_obj = paginator.get_page(request.GET.get("p"))
    query = urlencode({k: v for k, v in filters.items() if v})
    return TemplateResponse(
        request, "wagtail_gk_interaction/replies.html",
        {
            "page": page, "self": page, "letters": page_obj, "agencies": agencies, "years": years, "filters": filters,
            "kinds": page.kind_choices(), "query": query,
            "statuses": [("on_time", _("Replied on time")), ("late", _("Replied after the limit"))],
        },
    )


def reply_detail_view(request, page, letter_id):
    letter = public_letters(page).filter(pk=letter_id).first()
    if letter is None:
        raise Http404
    return TemplateResponse(
        request, "wagtail_gk_interaction/reply_detail.html",
        {"page": page, "self": page, "letter": letter, "kind": kind_label(letter.kind),
         "public_subject": mask_text(letter.public_subject), "public_body": mask_text(letter.public_body),
         "replied": letter.status == LetterStatus.REPLIED},
    )


SUGGESTIONS = 5


def suggest_view(request, page):
    """FAQ entries and published replies whose question shares words with *q*
    (at most 5 of each), for the form to offer before the letter is sent."""
    q = (request.GET.get("q") or "").strip()[:50]
    words = [w for w in query_words(q) if len(w) >= 2]
    if not words:
        return JsonResponse({"faqs": [], "replies": []})
    faq_filter, reply_filter = Q(), Q()
    for word in words:
        faq_filter |= Q(question__icontains=word) | Q(answer__icontains=word)
        reply_filter |= Q(public_subject__icontains=word)
    faqs = [{"question": e.question, "answer": e.answer[:200]} for e in faq_entries(page).filter(faq_filter)[:SUGGESTIONS]]
    replies = [
        {"subject": mask_text(letter.public_subject), "url": f"{page.url}replies/{letter.pk}/"}
        for letter in public_letters(page).filter(reply_filter).order_by("-replied_on")[:SUGGESTIONS]
    ]
    return JsonResponse({"faqs": faqs, "replies": replies}, headers={"Cache-Control": "no-store"})
