"""Sub-page routes of :class:`~wagtail_gk_village.models.VillageNoticePage`
that need a view (the page names this module in ``routes_module`` instead of
importing the views; see docs/architecture.md, "Rules"). Each route is bound
to the page: it takes ``(page, request, …)``. The share page, which only
renders a template, stays a ``@path`` method of the page.

    <page>/board/    the printable notice-board PDF (``?paper=A3``)
"""

from django.urls import path

from .views.board import board_pdf_response


def board_pdf(page, request):
    return board_pdf_response(request, page)


urlpatterns = [path("board/", board_pdf, name="board_pdf")]
