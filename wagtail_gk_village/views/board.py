"""Public outputs of a notice: the board PDF."""

from django.http import Http404, HttpResponse

from wagtail_gk.links import short_link_url

from ..board import render_board_pdf


def board_pdf_response(request, notice):
    if not notice.live:
        raise Http404
    url = short_link_url(notice, request=request)
    paper = "A3" if request.GET.get("paper", "").upper() == "A3" else "A4"
    pdf = render_board_pdf(notice, url, paper=paper)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.pk}-{paper}.pdf"'
    return response
