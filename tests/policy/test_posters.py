import pytest

from tests.policy.qr_decode import (
    decode_pdf_images,
    decode_pdf_rendered,
    pdf_text,
    pdftoppm_available,
)
from wagtail_gk.posters import MAX_PER_PAGE, PosterEntry, render_poster_pdf


def _entry(i: int, note: str = "") -> PosterEntry:
    return PosterEntry(
        title=f"永宁县集体土地征收补偿安置办法（第{i}号）",
        lines=["发文机关：永宁县人民政府", "发布日期：2026-03-01"],
        url=f"https://www.yn.gov.cn/q/code{i:03d}/",
        note=note,
    )


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_single_poster_has_title_lines_url_and_a_decodable_qr(paper):
    pdf = render_poster_pdf([_entry(1, note="已废止")], paper=paper)
    assert pdf.startswith(b"%PDF")
    assert decode_pdf_images(pdf) == [["https://www.yn.gov.cn/q/code001/"]]
    text = pdf_text(pdf)
    for expected in ("征收补偿安置办法", "永宁县人民政府", "2026-03-01", "已废止", "扫码查阅", "https://www.yn.gov.cn/q/code001/"):
        assert expected in text.replace("\n", "")


def test_a3_page_is_larger_than_a4():
    import io

    import pypdf

    a4 = pypdf.PdfReader(io.BytesIO(render_poster_pdf([_entry(1)], paper="A4"))).pages[0].mediabox
    a3 = pypdf.PdfReader(io.BytesIO(render_poster_pdf([_entry(1)], paper="A3"))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(a3.width)), round(float(a3.height))) == (842, 1191)


def test_sheet_of_many_spreads_entries_over_pages_in_order():
    entries = [_entry(i) for i in range(13)]
    pdf = render_poster_pdf(entries, paper="A4", per_page=6)
    pages = decode_pdf_images(pdf)
    assert [len(codes) for codes in pages] == [6, 6, 1]
    assert [sorted(codes) for codes in pages] == [
        sorted(entry.url for entry in entries[0:6]),
        sorted(entry.url for entry in entries[6:12]),
        [entries[12].url],
    ]


@pytest.mark.skipif(not pdftoppm_available(), reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize(("paper", "per_page"), [("A4", 1), ("A3", 1), ("A4", 12), ("A3", 20)])
def test_printed_page_scans(paper, per_page):
    entries = [_entry(i) for i in range(per_page)]
    pages = decode_pdf_rendered(render_poster_pdf(entries, paper=paper, per_page=per_page), dpi=200)
    assert sorted(pages[0]) == sorted(entry.url for entry in entries)


def test_long_title_is_wrapped_not_lost():
    entry = PosterEntry(title="关于进一步做好" * 8 + "工作的通知", lines=[], url="https://x.gov.cn/q/a/")
    text = pdf_text(render_poster_pdf([entry])).replace("\n", "")
    assert "关于进一步做好关于进一步做好" in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"paper": "B5"}, "纸张只能是 A4 或 A3"),
        ({"per_page": 0}, "每页数量须在"),
        ({"per_page": MAX_PER_PAGE + 1}, "每页数量须在"),
    ],
)
def test_bad_arguments_give_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        render_poster_pdf([_entry(1)], **kwargs)


def test_no_entries_is_refused():
    with pytest.raises(ValueError, match="没有可以打印的条目"):
        render_poster_pdf([])
