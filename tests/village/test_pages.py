"""Pages: township → village → notices, periods, tables, masking on publication
and the gate's blocking finding for unmasked ID numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from .conftest import VALID_ID, make_notice

pytestmark = pytest.mark.django_db


def test_tree_rules(village_site, categories, admin_client_zh):
    """The admin offers villages and lists under a township, notices only
    under a village, and nothing under a notice or in the openness index."""
    from django.urls import reverse

    township = village_site["townships"]["a"]
    village = village_site["villages"]["village_a1"]
    notice = make_notice(village, categories["finance"])

    def can_add(model_name, parent):
        url = reverse("wagtailadmin_pages:add", args=["wagtail_gk_village", model_name, parent.pk])
        return admin_client_zh.get(url).status_code == 200

    assert can_add("villagepage", township) and can_add("governmentlistpage", township)
    assert not can_add("villagenoticepage", township)
    assert can_add("villagenoticepage", village)
    assert not any(can_add(name, village) for name in ("villagepage", "governmentlistpage", "townshippage"))
    assert not any(can_add(name, notice) for name in ("villagenoticepage", "villagepage"))
    assert not any(can_add(name, village_site["demo"].openness_index) for name in ("villagepage", "villagenoticepage"))


def test_notice_takes_village_from_its_parent_and_derives_the_period(village_site, categories):
    village = village_site["villages"]["village_a1"]
    notice = make_notice(village, categories["finance"], period=("month", 2026, 2))
    assert notice.village_id == village.agency_id
    assert notice.publishing_agency_id == village.agency_id
    assert (notice.period_start, notice.period_end) == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert notice.period.label == "2026年2月"
    quarter = make_notice(village, categories["village"], period=("quarter", 2026, 3))
    assert (quarter.period_start, quarter.period_end) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    year = make_notice(village, categories["party"], period=("year", 2025, 7))
    assert year.period_number is None and year.period_end == datetime.date(2025, 12, 31)


def test_major_matter_uses_a_date_and_bad_periods_are_refused(village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    page = VillageNoticePage(title="修路", slug="road", category=categories["major"], period_kind="date", period_date=datetime.date(2026, 5, 8))
    village.add_child(instance=page)
    assert page.period_start == page.period_end == datetime.date(2026, 5, 8)
    assert page.period_year == 2026
    bad = VillageNoticePage(title="x", slug="x", category=categories["finance"], period_kind="month", period_year=2026, period_number=13)
    with pytest.raises(ValidationError) as info:
        village.add_child(instance=bad)
    assert "月份" in str(info.value)
    no_date = VillageNoticePage(title="y", slug="y", category=categories["major"], period_kind="date")
    with pytest.raises(ValidationError):
        village.add_child(instance=no_date)


def test_list_type_must_belong_to_the_category(village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    page = VillageNoticePage(
        title="x", slug="x", category=categories["finance"], period_kind="quarter", period_year=2026, period_number=1,
        list_type=categories["list_dibao"], beneficiary_rows=[{"name": "张三", "household_size": "1", "amount": "1.00"}],
    )
    with pytest.raises(ValidationError) as info:
        village_site["villages"]["village_a1"].add_child(instance=page)
    assert "不属于所选类别" in str(info.value)


def test_rows_are_masked_and_dropped_whatever_path_wrote_them(village_site, categories):
    notice = make_notice(
        village_site["villages"]["village_a1"], categories["social_assistance"], period=("quarter", 2026, 2),
        list_type=categories["list_dibao"],
        beneficiary_rows=[{"name": "张桂兰", "household_size": "3", "amount": "1080.00", "id_number": VALID_ID, "address": "一组18号"}],
    )
    assert notice.beneficiary_rows == [{"name": "张桂兰", "household_size": "3", "amount": "1080.00", "id_number": "110105********002X"}]
    revision = notice.get_latest_revision()
    assert VALID_ID not in str(revision.content) and "一组18号" not in str(revision.content)
    farm = make_notice(
        village_site["villages"]["village_a1"], categories["farm_subsidy"], period=("quarter", 2026, 2),
        list_type=categories["list_farm"],
        beneficiary_rows=[{"name": "李德福", "amount": "300", "bank_account": "6222021234567890123", "phone": "13812345678"}],
    )
    assert farm.beneficiary_rows[0]["bank_account"] == "6222***********0123"
    assert farm.beneficiary_rows[0]["phone"] == "138****5678"


def test_finance_rows_that_do_not_add_up_are_refused_on_clean(village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    rows = [
        {"date": "2026-03-01", "item": "上期结余", "income": "0.00", "expense": "0.00", "balance": "100.00", "voucher": ""},
        {"date": "2026-03-02", "item": "电费", "income": "0.00", "expense": "10.00", "balance": "80.00", "voucher": "1"},
    ]
    page = VillageNoticePage(title="x", slug="x", category=categories["finance"], period_kind="month", period_year=2026, period_number=3, finance_rows=rows)
    with pytest.raises(ValidationError) as info:
        village_site["villages"]["village_a1"].add_child(instance=page)
    assert "第 2 行“余额”列" in str(info.value)


def test_public_pages_render_the_tree_and_tables(client, village_site, categories):
    village = village_site["villages"]["village_a1"]
    finance = make_notice(
        village, categories["finance"], period=("month", 2026, 9), title="红星村2026年9月财务公开",
        finance_rows=[
            {"date": "2026-09-01", "item": "上期结余", "income": "0.00", "expense": "0.00", "balance": "1000.00", "voucher": ""},
            {"date": "2026-09-05", "item": "路灯电费", "income": "0.00", "expense": "350.50", "balance": "649.50", "voucher": "记-02"},
        ],
    )
    make_notice(
        village, categories["social_assistance"], period=("quarter", 2026, 3), title="红星村低保名单",
        list_type=categories["list_dibao"],
        beneficiary_rows=[{"name": "张桂兰", "household_size": "3", "amount": "1080.00", "id_number": VALID_ID}],
    )
    make_notice(village, categories["party"], title="未发布的草稿", live=False)
    township = client.get(village_site["townships"]["a"].url)
    assert township.status_code == 200 and "红星村" in township.content.decode()
    board = client.get(village.url).content.decode()
    assert "红星村2026年9月财务公开" in board and "红星村低保名单" in board and "未发布的草稿" not in board
    only_finance = client.get(village.url, {"category": categories["finance"].pk}).content.decode()
    assert "红星村2026年9月财务公开" in only_finance and "红星村低保名单" not in only_finance
    page = client.get(finance.url).content.decode()
    assert "路灯电费" in page and "350.50" in page and "649.50" in page
    listing = client.get(make_url(village, "红星村低保名单")).content.decode()
    assert "110105********002X" in listing and VALID_ID not in listing
    assert "共 1 户，合计 1080.00 元" in listing


def make_url(village, title):
    from wagtail_gk_village.models import VillageNoticePage

    return VillageNoticePage.objects.child_of(village).get(title=title).url


def test_gate_blocks_an_unmasked_id_number_in_the_body(village_site, categories):
    from wagtail_gk.gate import run_checks
    from wagtail_gk.gate.guard import PublicationBlocked

    notice = make_notice(village_site["villages"]["village_a1"], categories["village"], live=False, body=f"经村民代表会议讨论，同意张某（身份证{VALID_ID}）纳入帮扶。")
    report = run_checks(notice)
    assert report.blocks
    assert any(f.code == "id_number" for f in report.blocking)
    with pytest.raises(PublicationBlocked):
        notice.save_revision().publish()
    notice.refresh_from_db()
    assert not notice.live
    notice.body = "经村民代表会议讨论，同意张某（身份证110105********002X）纳入帮扶。"
    assert not run_checks(notice).blocks


def test_gate_blocks_an_unmasked_id_number_in_an_attachment(village_site, categories):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from wagtail_gk.gate import run_checks
    from wagtail_gk_village.models import VillageNoticeAttachment

    notice = make_notice(village_site["villages"]["village_a1"], categories["village"], live=False)
    document = get_document_model().objects.create(title="名单", file=ContentFile(f"张桂兰 {VALID_ID} 三口人".encode(), name="list.txt"))
    notice.attachments = [VillageNoticeAttachment(document=document, title="名单")]
    notice.save_revision()
    report = run_checks(notice.get_latest_revision(), include_documents=True)
    assert any(f.code == "id_number" for f in report.blocking), report.findings


def test_village_table_checker_flags_rows_written_around_the_model(village_site, categories):
    from wagtail_gk_village.checkers import VillageTableChecker

    notice = make_notice(village_site["villages"]["village_a1"], categories["social_assistance"], live=False, list_type=categories["list_dibao"])
    # Simulate rows stored without cleaning (e.g. a raw update): the checker still catches them.
    notice.beneficiary_rows = [{"name": "张桂兰", "amount": "1.00", "id_number": VALID_ID, "address": "一组"}]
    notice.finance_rows = [{"date": "2026-01-01", "item": f"退押金{VALID_ID}", "income": "0.00", "expense": "0.00", "balance": "0.00", "voucher": ""}]
    findings = list(VillageTableChecker().check(notice, []))
    codes = [f.code for f in findings]
    assert codes.count("id_number") == 2
    assert "village_list_column" in codes
    assert all(f.blocks for f in findings)
    assert all(VALID_ID not in (f.excerpt or "") for f in findings)
