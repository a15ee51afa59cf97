"""The sub-page URLs of :class:`~wagtail_gk_foia.models.DisclosureRequestPage`.

The page names this module (``routes_module``) instead of importing the
views, so models never import views (see docs/architecture.md, "Rules"). Each
route is bound to the page: it takes ``(page, request, …)``.

    <page>/                           the form
    <page>/easy/                      the accessible form
    <page>/receipt/                   the receipt after submitting
    <page>/receipt/pdf/               the receipt as PDF
    <page>/status/                    progress by tracking number + query code
    <page>/status/document/<id>/      a document of the request
    <page>/question/                  a new status-lookup question
"""

from django.urls import path

from .views import public


def application(page, request):
    return public.application_view(request, page, accessible=False)


def accessible_application(page, request):
    return public.application_view(request, page, accessible=True)


def receipt(page, request):
    return public.receipt_view(request, page)


def receipt_pdf(page, request):
    return public.receipt_pdf_view(request, page)


def status(page, request):
    return public.status_view(request, page)


def status_document(page, request, document_id):
    return public.status_document_view(request, page, document_id)


def new_question(page, request):
    return public.new_question_view(request, page)


urlpatterns = [
    path("", application, name="application"),
    path("easy/", accessible_application, name="accessible_application"),
    path("receipt/", receipt, name="receipt"),
    path("receipt/pdf/", receipt_pdf, name="receipt_pdf"),
    path("status/", status, name="status"),
    path("status/document/<int:document_id>/", status_document, name="status_document"),
    path("question/", new_question, name="new_question"),
]
