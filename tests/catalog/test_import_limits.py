"""Hostile and odd catalog workbooks through the admin import view: each gets a
clear message on a 200 page (never a 500) and nothing is written."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import spreadsheet_files as files
from wagtail_gk_catalog.models import Catalog, CatalogItem, CatalogKind

pytestmark = pytest.mark.django_db

HEADER = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]


def _row(n, level1, level2, content=None):
    return [n, level1, level2, content or f"{level2}的公开内容", "《社会救助暂行办法》", "信息形成或者变更之日起20个工作日内",
            "县级民政部门", "■政府网站", "全社会", "主动", "县级"]


@pytest.fixture
def empty_guide(agencies):
    return Catalog.objects.create(name="导入指引", kind=CatalogKind.GUIDE, agency=agencies["region"])


def _post(client, catalog, data):
    url = reverse("wagtail_gk_catalog_admin:import", args=[catalog.pk])
    response = client.post(url, {"file": SimpleUploadedFile("catalog.xlsx", data)})
    assert response.status_code == 200
    assert not CatalogItem.objects.exists()
    return response.content.decode()


def test_zip_bomb_is_refused_quickly(empty_guide, admin_client_zh):
    bomb = files.zip_bomb(tuple(HEADER), tuple(_row(1, "最低生活保障", "审批")))
    start = time.perf_counter()
    page = _post(admin_client_zh, empty_guide, bomb)
    assert time.perf_counter() - start < 5  # the whole request; the check itself takes milliseconds
    assert "解压后内容达" in page and "MB，超过允许的 100 MB。本次未导入任何内容。" in page


def test_too_many_rows_stop_early_and_name_the_limit(empty_guide, admin_client_zh, settings):
    settings.GK_CATALOG_IMPORT_MAX_ROWS = 2000
    data = files.many_rows(HEADER, lambda n: _row(n, f"事项{n}", "审批"), 5000, title="社会救助")
    assert "文件超过 2000 行；请拆分后分批导入。本次未导入任何内容。" in _post(admin_client_zh, empty_guide, data)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("①", "“①”不是整数，请用数字 0–9 填写。"),
        ("99999999999999999999", "99999999999999999999 超出范围，请填写 0 到 2147483647 之间的整数。"),
        ("一", "“一”不是整数"),
        (2.5, "请填写不带小数的整数。"),
    ],
)
def test_odd_numbers_in_the_number_column_are_refused(empty_guide, admin_client_zh, number, expected):
    data = files.xlsx([("社会救助", [HEADER, _row(1, "最低生活保障", "政策文件"), _row(number, "最低生活保障", "审批")], [])])
    page = _post(admin_client_zh, empty_guide, data)
    assert "第 3 行" in page or "第3行" in page
    assert expected in page


def test_a_merge_down_a_content_column_is_refused_with_the_range(empty_guide, admin_client_zh):
    rows = [HEADER, _row(1, "最低生活保障", "政策文件", "低保政策"), _row(2, "最低生活保障", "审批", None), _row(3, "最低生活保障", "结果", None)]
    rows[2][3] = rows[3][3] = None
    data = files.xlsx([("社会救助", rows, ["D2:D4"])])
    page = _post(admin_client_zh, empty_guide, data)
    assert "单元格 D2:D4 已合并；请取消合并，并在每一行填写内容。" in page
    assert "只有公开领域、一级事项、二级事项列可以向下合并" in page


def test_a_merge_across_first_and_second_level_is_refused(empty_guide, admin_client_zh):
    rows = [HEADER, _row(1, "最低生活保障", "政策文件"), _row(2, "特困人员救助供养", None)]
    data = files.xlsx([("社会救助", rows, ["B3:C3"])])
    assert "单元格 B3:C3 跨列合并" in _post(admin_client_zh, empty_guide, data)


def test_a_formula_without_saved_result_is_named(empty_guide, admin_client_zh):
    row = _row(1, "最低生活保障", "审批")
    row[3] = ("=", '"审批"&"结果"')
    data = files.xlsx([("社会救助", [HEADER, row], [])])
    page = _post(admin_client_zh, empty_guide, data)
    assert "第2行D列" in page and "没有保存计算结果" in page
    assert "不能为空" not in page


def test_merged_first_level_still_means_the_same_value(empty_guide):
    from wagtail_gk_catalog import importing

    rows = [["标题"], HEADER, _row(1, "最低生活保障", "政策文件"), _row(2, None, "审批"), _row(3, None, "结果")]
    result = importing.import_catalog(empty_guide, files.xlsx([("社会救助", rows, ["A1:K1", "B3:B5"])]))
    assert result.ok, [str(p) for p in result.problems]
    assert sorted(empty_guide.items.values_list("level1", "level2", "sort_order")) == [
        ("最低生活保障", "审批", 2), ("最低生活保障", "政策文件", 1), ("最低生活保障", "结果", 3)]
