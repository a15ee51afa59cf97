"""Public views behind :class:`DisclosureRequestPage`: intake, receipt, status."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail_gk.qr import qr_svg

from .. import antispam, documents, services
from ..conf import foia_setting
from ..forms import PublicApplicationForm, StatusLookupForm
from ..models import DisclosureRequest, DocumentKind, RequestEvent

logger = logging.getLogger("wagtail_gk.foia")

RECEIPT_SESSION_KEY = "gk_foia_receipt"
STATUS_SESSION_KEY = "gk_foia_status_ok"


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _form_template(accessible: bool) -> str:
    return "wagtail_gk_foia/accessible_form.html" if accessible else "wagtail_gk_foia/intake_page.html"


def _fresh_form_context(form, accessible):
    token, question = antispam.issue_form_token()
    if form.is_bound:
        data = form.data.copy()
        data["form_token"] = token
        data["captcha_answer"] = ""
        form.data = data
    else:
        form.initial["form_token"] = token
    return {
        "form": form,
        "question": question,
        "captcha_enabled": foia_setting("GK_FOIA_CAPTCHA_ENABLED"),
        "accessible": accessible,
    }


@never_cache
def application_view(request, page, *, accessible: bool):
    if request.method != "POST":
        return _render(request, page, _form_template(accessible), _fresh_form_context(PublicApplicationForm(), accessible))

    if antispam.rate_limited("intake", antispam.client_ip(request), foia_setting("GK_FOIA_INTAKE_RATE")):
        return _render(
            request, page, "wagtail_gk_foia/rate_limited.html",
            {"message": _("提交过于频繁，请稍后再试；如需帮助请致电公开工作机构。")}, status=429,
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
        return _render(request, page, _form_template(accessible), _fresh_form_context(form, accessible), status=400)

    data = form.application_data()
    data["accessible_version"] = accessible
    try:
        req, code = services.register_request(
            agency=page.agency,
            data=data,
            identity_proof=form.cleaned_data["identity_proof"],
            form_nonce=nonce,
        )
    except services.DuplicateSubmission as exc:
        previous = request.session.get(RECEIPT_SESSION_KEY)
        return _render(
            request, page, "wagtail_gk_foia/rate_limited.html",
            {"message": str(exc), "receipt_url": page.url + page.reverse_subpage("receipt") if previous else ""},
            status=409,
        )
    except services.TransitionError as exc:
        form.add_error(None, str(exc))
        return _render(request, page, _form_template(accessible), _fresh_form_context(form, accessible), status=400)
    # The query code is shown on the receipt once; only its hash is stored.
    request.session[RECEIPT_SESSION_KEY] = {"id": req.pk, "tracking_number": req.tracking_number, "query_code": code}
    return HttpResponseRedirect(page.url + page.reverse_subpage("receipt"))


def _receipt_in_session(request):
    data = request.session.get(RECEIPT_SESSION_KEY)
    if not data:
        return None, None
    req = DisclosureRequest.objects.select_related("agency").filter(pk=data["id"]).first()
    return req, data


@never_cache
def receipt_view(request, page):
    req, data = _receipt_in_session(request)
    if req is None:
        return HttpResponseRedirect(page.url)
    status_url = request.build_absolute_uri(page.url + page.reverse_subpage("status"))
    return _render(
        request, page, "wagtail_gk_foia/receipt.html",
        {"req": req, "query_code": data["query_code"], "status_url": status_url, "status_qr": qr_svg(status_url)},
    )


def _receipt_parts(req, query_code, page, request):
    template = documents.template_for(DocumentKind.RECEIPT)
    parts = documents.render_text(template, documents.document_context(req, issued_on=req.received_on))
    status_url = request.build_absolute_uri(page.url + page.reverse_subpage("status"))
    parts["paragraphs"] = parts["paragraphs"] + [
        _("受理编号：%(number)s") % {"number": req.tracking_number},
        _("查询码：%(code)s") % {"code": query_code},
        _("查询网址：%(url)s") % {"url": status_url},
    ]
    return parts


@never_cache
def receipt_pdf_view(request, page):
    req, data = _receipt_in_session(request)
    if req is None:
        raise Http404
    pdf = documents.render_pdf(_receipt_parts(req, data["query_code"], page, request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{req.tracking_number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def new_question_view(request, page):
    token, question = antispam.issue_form_token()
    return JsonResponse({"form_token": token, "question": question}, headers={"Cache-Control": "no-store"})


GENERIC_FAILURE = _("受理编号或查询码不正确。请核对回执上的信息；多次输错将暂时无法查询。")


@never_cache
def status_view(request, page):
    form = StatusLookupForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        ip = antispam.client_ip(request)
        if antispam.rate_limited("status", ip, foia_setting("GK_FOIA_STATUS_RATE")):
            return _render(
                request, page, "wagtail_gk_foia/rate_limited.html",
                {"message": _("查询过于频繁，请稍后再试。")}, status=429,
            )
        if form.is_valid():
            number = form.cleaned_data["tracking_number"].strip().upper()
            failure_rate = foia_setting("GK_FOIA_STATUS_FAILURE_RATE")
            if antispam.is_blocked("status-number", number, failure_rate):
                context["error"] = GENERIC_FAILURE
                return _render(request, page, "wagtail_gk_foia/status.html", context, status=403)
            req = DisclosureRequest.objects.filter(tracking_number=number, agency=page.agency).first()
            if services.query_code_matches(req, form.cleaned_data["query_code"]):
                allowed = set(request.session.get(STATUS_SESSION_KEY, []))
                allowed.add(req.pk)
                request.session[STATUS_SESSION_KEY] = sorted(allowed)
                context.update(_status_context(req))
                return _render(request, page, "wagtail_gk_foia/status.html", context)
            antispam.rate_limited("status-number", number, failure_rate)
            logger.info("Failed disclosure status look-up for %s from %s", number[:32], ip)
            context["error"] = GENERIC_FAILURE
            return _render(request, page, "wagtail_gk_foia/status.html", context, status=403)
    return _render(request, page, "wagtail_gk_foia/status.html", context)


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
