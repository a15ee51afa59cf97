"""The sub-page URLs of :class:`~wagtail_gk_interaction.models.MailboxPage`.

The page names this module (``routes_module``) instead of importing the
views, so models never import views (docs/architecture.md, "Rules"). Each
route is bound to the page: it takes ``(page, request, …)``.

    <page>/                       the letter form
    <page>/receipt/               the receipt after writing
    <page>/status/                progress by tracking number + query code
    <page>/replies/               the published letters and replies
    <page>/replies/<id>/          one published letter and its reply
    <page>/suggest/               FAQ and replies matching a question (JSON)
    <page>/rate/                  the applicant's rating of the reply
"""

from django.urls import path

from .views import public


def write(page, request):
    return public.write_view(request, page)


def receipt(page, request):
    return public.receipt_view(request, page)


def status(page, request):
    return public.status_view(request, page)


def replies(page, request):
    return public.replies_view(request, page)


def reply_detail(page, request, letter_id):
    return public.reply_detail_view(request, page, letter_id)


def suggest(page, request):
    return public.suggest_view(request, page)


def rate(page, request):
    return public.rate_view(request, page)


urlpatterns = [
    path("", write, name="write"),
    path("receipt/", receipt, name="receipt"),
    path("status/", status, name="status"),
    path("replies/", replies, name="replies"),
    path("replies/<int:letter_id>/", reply_detail, name="reply_detail"),
    path("suggest/", suggest, name="suggest"),
    path("rate/", rate, name="rate"),
]
