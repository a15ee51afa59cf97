"""Public outputs of a notice: the board PDF."""

from django.http import Http404, HttpResponse

from wagtail_gk.models import ShortLink

from ..board import render_board_pdf


def board_pdf_response(request, notice):
    if not notice.live:
        raise Http404
    link = ShortLink.objects.for_page(notice)
    url = request.build_absolute_uri(link.get_absolute_url())
    paper = "A3" if request.GET.get("paper", "").upper() == "A3" else "A4"
    pdf = render_board_pdf(notice, url, paper=paper)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.pk}-{paper}.pdf"'
    return response
