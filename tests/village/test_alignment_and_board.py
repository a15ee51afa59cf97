"""Alignment with the government catalog, the board PDF with its QR code, and
the share view for WeChat groups."""

import pytest

from tests.pdf_checks import assert_fonts_embedded, needs_poppler, page_boxes
from tests.policy.qr_decode import (
    decode_pdf_images,
    decode_pdf_rendered,
    pdf_text,
    set_public_base_url,
)
from wagtail_gk.alignment import AlignmentProvider

from .conftest import VALID_ID, make_notice

pytestmark = pytest.mark.django_db

DIBAO = [
    {"name": "张桂兰", "household_size": "3", "amount": "1080.00"},
    {"name": "李德福", "household_size": "1", "amount": "420.00"},
    {"name": "王建国", "household_size": "4", "amount": "1360.00"},
]


class ListedItems(AlignmentProvider):
    """Items held in a dict: the village app sees nothing of the provider
    but :mod:`wagtail_gk.alignment`, so any provider will do."""

    key = "listed"
    label = "Listed items"

    def __init__(self, items: dict[str, str]):
        self.items = items

    def choices(self, user=None):
        return sorted(self.items.items())

    def get(self, item_key):
        return self.items.get(item_key)

    def describe(self, item_key):
        return self.items[item_key]


@pytest.fixture
def provider():
    from wagtail_gk import alignment

    saved = {p.key: p for p in alignment.providers()}
    for key in saved:
        alignment.unregister_alignment_provider(key)
    listed = alignment.register_alignment_provider(ListedItems({"7": "社会救助 / 最低生活保障 / 审批信息（杨和镇政务公开事项目录）"}))
    yield listed
    alignment.unregister_alignment_provider(listed.key)
    for registered in saved.values():
        alignment.register_alignment_provider(registered)


@pytest.fixture
def no_provider(provider):
    from wagtail_gk import alignment

    alignment.unregister_alignment_provider(provider.key)


@pytest.fixture
def catalog_item(village_site, provider):
    """The stored reference to the item the 低保 list type matches."""
    return "listed:7"


def _government_list(village_site, list_type, rows, period=("quarter", 2026, 3), village="village_a1"):
    from wagtail_gk_village.models import GovernmentListPage

    kind, year, number = period
    page = GovernmentListPage(
        title=f"低保名单{village}{year}{number}", slug=f"gov-{village}-{year}-{number}", village=village_site["agencies"][village],
        list_type=list_type, period_kind=kind, period_year=year, period_number=number, beneficiary_rows=rows,
    )
    village_site["townships"]["a"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_alignment_report_finds_differences_and_one_sided_publications(village_site, categories, catalog_item):
    from wagtail_gk_village.alignment import PairStatus, alignment_report

    dibao = categories["list_dibao"]
    dibao.aligned_item = catalog_item
    dibao.save()
    villages = village_site["villages"]
    make_notice(villages["village_a1"], categories["social_assistance"], period=("quarter", 2026, 3), list_type=dibao, beneficiary_rows=DIBAO)
    government_rows = [dict(DIBAO[0]), dict(DIBAO[1], household_size="2"), dict(DIBAO[2], amount="1260.00"), {"name": "赵永强", "household_size": "3", "amount": "960.00"}]
    _government_list(village_site, dibao, government_rows)
    # Q2: the village published, the government did not. 王太村 Q3: the reverse.
    make_notice(villages["village_a1"], categories["social_assistance"], period=("quarter", 2026, 2), list_type=dibao, beneficiary_rows=DIBAO)
    _government_list(village_site, dibao, DIBAO, village="village_a2")
    # Same lists for Q1: aligned.
    make_notice(villages["village_a1"], categories["social_assistance"], period=("quarter", 2026, 1), list_type=dibao, beneficiary_rows=DIBAO)
    _government_list(village_site, dibao, DIBAO, period=("quarter", 2026, 1))

    pairs = alignment_report(village_site["agencies"]["township_a"])
    by_key = {(p.village_name, p.period_key): p for p in pairs}
    different = by_key[("红星村", "2026-Q3")]
    assert different.status == PairStatus.DIFFERENT
    assert "最低生活保障 / 审批信息" in different.catalog_item
    found = {(d.name, d.what, d.village_value, d.government_value) for d in different.differences}
    assert found == {
        ("李德福", "household_size", "1", "2"),
        ("王建国", "amount", "1360.00", "1260.00"),
        ("赵永强", "government_only", "", ""),
    }
    assert by_key[("红星村", "2026-Q2")].status == PairStatus.VILLAGE_ONLY
    assert by_key[("王太村", "2026-Q3")].status == PairStatus.GOVERNMENT_ONLY
    assert by_key[("红星村", "2026-Q1")].status == PairStatus.SAME
    assert pairs[0].status == PairStatus.DIFFERENT  # what needs action comes first
    assert [p.period_key for p in alignment_report(village_site["agencies"]["township_a"], year=2025)] == []
    assert alignment_report(village_site["agencies"]["township_b"]) == []


def test_alignment_screen(client, village_site, categories, catalog_item):
    from django.urls import reverse

    dibao = categories["list_dibao"]
    dibao.aligned_item = catalog_item
    dibao.save()
    make_notice(village_site["villages"]["village_a1"], categories["social_assistance"], period=("quarter", 2026, 3), list_type=dibao, beneficiary_rows=DIBAO)
    _government_list(village_site, dibao, DIBAO[:2])
    client.force_login(village_site["users"]["township_reviewer"])
    response = client.get(reverse("wagtail_gk_village_admin:alignment", args=[village_site["agencies"]["township_a"].pk]))
    text = response.content.decode()
    assert response.status_code == 200 and "内容不一致" in text and "王建国" in text
    other = reverse("wagtail_gk_village_admin:alignment", args=[village_site["agencies"]["township_b"].pk])
    assert client.get(other).status_code == 404


def test_people_matched_on_name_and_visible_id_digits():
    from wagtail_gk_village.alignment import compare_lists

    village = [{"name": "张伟", "id_number": "640121********1234", "amount": "10"}, {"name": "张伟", "id_number": "640121********5678", "amount": "20"}]
    government = [{"name": "张伟", "id_number": "640121********1234", "amount": "10.00"}, {"name": "张伟", "id_number": "640121********5678", "amount": "25"}]
    assert [(d.name, d.what) for d in compare_lists(village, government)] == [("张伟", "amount")]
    assert compare_lists(village[:1], [{"name": "张伟", "amount": "10"}]) == []  # ids on one side only: match on name


@pytest.mark.parametrize("paper,width_mm", [("A4", 210), ("A3", 297)])
def test_board_pdf_with_qr_to_the_online_notice(client, village_site, categories, paper, width_mm):
    import io

    import pypdf

    from wagtail_gk.models import ShortLink

    notice = make_notice(
        village_site["villages"]["village_a1"], categories["social_assistance"], period=("quarter", 2026, 3), title="红星村2026年第三季度低保公示",
        body="经村民代表会议评议，以下对象纳入最低生活保障。", list_type=categories["list_dibao"],
        beneficiary_rows=[{"name": "张桂兰", "household_size": "3", "amount": "1080.00", "id_number": VALID_ID}],
    )
    # The board carries the site's public base URL, whatever host the editor used.
    base = set_public_base_url(notice.get_site(), "https://cun.yongning.gov.cn")
    response = client.get(notice.get_board_url(paper))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == width_mm
    link = ShortLink.objects.get(page=notice)
    codes = [text for page in decode_pdf_images(pdf) for text in page]
    assert codes == [f"{base}{link.get_absolute_url()}"]
    # What a phone sees on the printed sheet decodes to the same address.
    assert [text for page in decode_pdf_rendered(pdf) for text in page] == codes
    assert client.get(link.get_absolute_url())["Location"].endswith(notice.url)
    text = "".join(pdf_text(pdf).split())  # table cells wrap
    assert "张桂兰" in text and "110105********002X" in text and VALID_ID not in text
    assert "0951-8000000" in text


def test_board_pdf_only_for_live_notices(client, village_site, categories):
    from wagtail_gk_village.views.board import board_pdf_response

    notice = make_notice(village_site["villages"]["village_a1"], categories["party"], live=False)
    from django.http import Http404
    from django.test import RequestFactory

    with pytest.raises(Http404):
        board_pdf_response(RequestFactory().get("/"), notice)


def test_share_view_reads_well_in_wechat(client, village_site, categories):
    import re

    notice = make_notice(
        village_site["villages"]["village_a1"], categories["finance"], period=("month", 2026, 10), title="红星村2026年10月财务公开",
        body="本月收入5000元，支出350.5元。",
        finance_rows=[{"date": "2026-10-01", "item": "上期结余", "income": "0.00", "expense": "0.00", "balance": "1000.00", "voucher": ""}],
    )
    set_public_base_url(notice.get_site(), "https://cun.yongning.gov.cn")
    response = client.get(notice.url + "share/", HTTP_USER_AGENT="Mozilla/5.0 MicroMessenger/8.0.47")
    assert response.status_code == 200
    html = response.content.decode()
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)"', html))
    assert meta["og:title"] == "红星村2026年10月财务公开"
    assert meta["og:url"] == f"https://cun.yongning.gov.cn{notice.url}"
    assert meta["og:description"].startswith("财务 · 2026年10月")
    assert meta["og:site_name"] == "红星村"
    assert 'name="viewport"' in html and "width=device-width" in html
    assert "上期结余" in html and "0951-8000000" in html
    page = client.get(notice.url).content.decode()
    assert f'href="{notice.get_share_url()}"' in page and f'href="{notice.get_board_url()}"' in page
    assert "<script" not in html  # nothing for WeChat's browser to block or slow down


def _category_form(category, data=None):
    """The editor's form for *category*, bound the way the snippet editor binds it."""
    from wagtail.admin.panels import ObjectList

    from wagtail_gk_village.models import NoticeCategory

    panel = ObjectList(NoticeCategory.panels).bind_to_model(NoticeCategory)
    form = panel.get_form_class()(instance=category, data=data)
    bound = panel.get_bound_panel(instance=category, form=form, request=None)
    [aligned] = [child for child in bound.children if getattr(child, "field_name", None) == "aligned_item"]
    return form, aligned


def _category_data(category, **changes):
    data = {
        "name": category.name, "code": category.code, "frequency": category.frequency, "due_working_days": "",
        "description": category.description, "sort_order": category.sort_order, "active": "on", "aligned_item": category.aligned_item,
    }
    return {**data, **changes}


def test_aligned_item_is_checked_on_save(village_site, categories, provider):
    category = categories["social_assistance"]
    form, bound = _category_form(category, _category_data(category, aligned_item="listed:8"))
    assert not form.is_valid() and "aligned_item" in form.errors  # no such item
    form, _bound = _category_form(category, _category_data(category, aligned_item="nowhere:7"))
    assert not form.is_valid() and "aligned_item" in form.errors  # no such provider
    form, bound = _category_form(category, _category_data(category, aligned_item="listed:7"))
    assert bound.is_shown() and form.is_valid(), form.errors
    form.save()
    category.refresh_from_db()
    assert category.aligned_item == "listed:7"
    assert "最低生活保障" in bound.render_html()  # the provider's items are offered


def test_without_provider_alignment_is_hidden_and_kept(client, village_site, categories, catalog_item, no_provider):
    from django.urls import reverse

    from wagtail_gk.alignment import describe_references
    from wagtail_gk_village.alignment import alignment_report

    category = categories["social_assistance"]
    category.aligned_item = catalog_item
    category.save()
    form, bound = _category_form(category, _category_data(category, description="changed", aligned_item=""))
    assert not bound.is_shown() and "aligned_item" not in form.fields
    assert form.is_valid(), form.errors
    form.save()
    category.refresh_from_db()
    assert (category.description, category.aligned_item) == ("changed", catalog_item)  # the reference survives
    assert alignment_report(village_site["agencies"]["township_a"]) == []
    assert describe_references([catalog_item]) == {catalog_item: "项目已不存在（listed:7）"}
    client.force_login(village_site["users"]["township_reviewer"])
    township = village_site["agencies"]["township_a"]
    overview = client.get(reverse("wagtail_gk_village_admin:overview", args=[township.pk])).content.decode()
    assert reverse("wagtail_gk_village_admin:alignment", args=[township.pk]) not in overview


def test_stale_reference_is_shown_as_gone(village_site, categories, provider):
    from wagtail_gk_village.alignment import alignment_report

    dibao = categories["list_dibao"]
    dibao.aligned_item = "listed:7"
    dibao.save()
    make_notice(village_site["villages"]["village_a1"], categories["social_assistance"], period=("quarter", 2026, 3), list_type=dibao, beneficiary_rows=DIBAO)
    del provider.items["7"]  # the item was deleted in the providing app
    [pair] = alignment_report(village_site["agencies"]["township_a"])
    assert pair.catalog_item == "项目已不存在（listed:7）"


@needs_poppler
@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_board_pdf_embeds_its_fonts_and_takes_the_bleed(client, village_site, categories, paper, settings):
    """A board prints the same on a computer without Chinese fonts, and with
    a print shop's 3 mm bleed the finished (trim) size is still A4/A3."""
    from reportlab.lib.units import mm

    notice = make_notice(
        village_site["villages"]["village_a1"], categories["finance"], period=("month", 2026, 10), title="红星村2026年10月财务公开",
        body="本月收支如下。",
        finance_rows=[{"date": "2026-10-01", "item": "上期结余", "income": "0.00", "expense": "0.00", "balance": "1000.00", "voucher": ""}],
    )
    fonts = assert_fonts_embedded(client.get(notice.get_board_url(paper)).content)
    assert all(font["subset"] for font in fonts)
    settings.GK_PRINT_BLEED_MM = 3
    pdf = client.get(notice.get_board_url(paper)).content
    assert_fonts_embedded(pdf)
    boxes = page_boxes(pdf)
    trim_width_mm = round((boxes["TrimBox"][2] - boxes["TrimBox"][0]) / mm)
    assert trim_width_mm == {"A4": 210, "A3": 297}[paper]
    assert round((boxes["MediaBox"][2] - boxes["MediaBox"][0]) / mm) == trim_width_mm + 6
    from wagtail_gk.links import short_link_url

    assert [text for page in decode_pdf_rendered(pdf) for text in page] == [short_link_url(notice)]
