"""Hostile and odd spreadsheets through the village phone editor (reachable by
the least-trusted users): a clear message on a 200 page, never a 500, and
nothing saved."""

import time

import pytest
from django.urls import reverse

from tests import spreadsheet_files as files
from wagtail_gk_village.imports import import_beneficiary_list
from wagtail_gk_village.tables import TableError

from .conftest import FINANCE_HEADER, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, village_site):
    client.force_login(village_site["users"]["village_member"])
    return client


def _post(member, village_site, categories, data, table_kind="finance"):
    from wagtail_gk_village.models import VillageNoticePage

    village = village_site["villages"]["village_a1"]
    response = member.post(reverse("wagtail_gk_village_admin:create", args=[village.pk]), {
        "category": categories["finance"].pk, "period_kind": "month", "period_month": "2026-10", "period_year": "2026",
        "title": "", "body": "本月收支如下，请村民监督。", "table_kind": table_kind, "spreadsheet": upload("finance.xlsx", data),
    })
    assert response.status_code == 200
    assert not VillageNoticePage.objects.exists()
    return response.content.decode()


def test_zip_bomb_is_refused_quickly(member, village_site, categories):
    bomb = files.zip_bomb(tuple(FINANCE_HEADER), ("2026-10-01", "收到村级运转经费", 5000, 0, 6000, "记-01"))
    start = time.perf_counter()
    page = _post(member, village_site, categories, bomb)
    assert time.perf_counter() - start < 5  # the whole request; the check itself takes milliseconds
    assert "解压后内容达 160.1 MB，超过允许的 50 MB" in page


def test_too_many_rows_stop_early(member, village_site, categories, settings):
    settings.GK_VILLAGE_IMPORT_MAX_ROWS = 1000
    data = files.many_rows(FINANCE_HEADER, lambda n: ["2026-10-01", "支付电费", 0, 1, 1000 - n, ""], 3000)
    assert "文件超过 1000 行；请拆分后分批导入。本次未导入任何内容。" in _post(member, village_site, categories, data)


def test_a_merged_amount_is_refused_with_the_range(member, village_site, categories):
    rows = [FINANCE_HEADER, ["2026-10-01", "上期结余", 0, 0, 1000, ""], ["2026-10-05", "收到经费", 5000, 0, 6000, ""], ["2026-10-06", "收到补助", None, 0, 11000, ""]]
    data = files.xlsx([("Sheet1", rows, ["C3:C4"])])
    assert "单元格 C3:C4 已合并；请取消合并，并在每一行填写内容。" in _post(member, village_site, categories, data)


def test_a_formula_without_saved_result_is_named(member, village_site, categories):
    rows = [FINANCE_HEADER, ["2026-10-01", "上期结余", 0, 0, 1000, ""], ["2026-10-05", "收到经费", 5000, 0, ("=", "E2+C3-D3"), ""]]
    page = _post(member, village_site, categories, files.xlsx([("Sheet1", rows, [])]))
    assert "E3单元格" in page and "没有保存计算结果" in page


def test_a_merge_down_the_group_column_means_the_same_group(categories):
    rows = [["姓名", "村民小组", "家庭人口", "金额"], ["张桂兰", "一组", 3, 1080], ["李四", None, 2, 720], ["王五", "二组", 1, 360]]
    try:
        parsed = import_beneficiary_list(files.xlsx([("Sheet1", rows, ["B2:B3"])]), categories["list_dibao"])
    except TableError as exc:
        pytest.fail("; ".join(exc.messages()))
    assert len(parsed) == 3
    with pytest.raises(TableError) as caught:
        import_beneficiary_list(files.xlsx([("Sheet1", rows, ["D2:D3"])]), categories["list_dibao"])
    assert any("D2:D3" in message for message in caught.value.messages())
