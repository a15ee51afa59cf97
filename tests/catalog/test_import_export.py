"""XLSX import (both published layouts, merged 一级事项 cells, bad input with
sheet/row/column messages, atomic) and the export round trip."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from wagtail_gk_catalog import importing
from wagtail_gk_catalog.exporting import LAYOUT_PER_DOMAIN, LAYOUT_SINGLE, export_catalog_xlsx
from wagtail_gk_catalog.models import AdjustmentKind, Catalog, CatalogItem, CatalogKind, Channel

pytestmark = pytest.mark.django_db

HEADER = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]


def _row(n, level1, level2, *, limit="信息形成或者变更之日起20个工作日内", channels="■政府网站\n□两微一端", audience="全社会", layer="县级"):
    return [n, level1, level2, f"{level2}的公开内容", "《社会救助暂行办法》", limit, "县级民政部门", channels, audience, "主动", layer]


def _xlsx(sheets):
    """sheets: [(title, rows, merges)] where rows include the header rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows, merges in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for merge in merges:
            sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def empty_guide(agencies):
    return Catalog.objects.create(name="导入指引", kind=CatalogKind.GUIDE, agency=agencies["region"])


def per_domain_file():
    # A title row, the header, 一级事项 merged over three rows (values only in the top cell).
    social = [
        ["永宁县社会救助领域基层政务公开标准目录"],
        HEADER,
        _row(1, "最低生活保障", "政策法规文件"),
        _row(2, None, "办事指南"),
        _row(3, None, "审批", channels="■政府网站 ■村公示栏 □两微一端"),
        _row(4, "特困人员救助供养", "办事指南", audience="特定群体", layer="县级、乡级"),
    ]
    budget = [HEADER, _row(1, "财政预决算", "一般公共预算", limit="批准后20日内", channels="政府网站、政府公报")]
    return _xlsx([("社会救助", social, ["B3:B5"]), ("财政预决算领域", budget, [])])


def test_import_one_sheet_per_domain_with_merged_cells(empty_guide):
    result = importing.import_catalog(empty_guide, per_domain_file())
    assert result.ok, [str(p) for p in result.problems]
    assert (result.created, result.updated) == (5, 0)
    items = {item.level1 + "/" + item.level2 + "@" + item.domain.code: item for item in empty_guide.items.select_related("domain")}
    # 一级事项 of rows 4 and 5 comes from the merged cell above them.
    assert {"最低生活保障/政策法规文件@social-assistance", "最低生活保障/办事指南@social-assistance",
            "最低生活保障/审批@social-assistance", "特困人员救助供养/办事指南@social-assistance"} <= set(items)
    assert items["最低生活保障/审批@social-assistance"].channel_sets() == ([Channel.WEBSITE, Channel.NOTICE_BOARD], [Channel.NEW_MEDIA])
    budget = items["财政预决算/一般公共预算@budget"]
    assert budget.channel_sets() == ([Channel.WEBSITE, Channel.GAZETTE], [])
    assert (budget.time_limit_days, budget.time_limit_day_type) == (20, "calendar")
    special = CatalogItem.objects.get(catalog=empty_guide, level1="特困人员救助供养")
    assert (special.audience, special.layer) == ("specific", "county_township")


def test_import_one_sheet_with_domain_column_and_ticked_subcolumns(empty_guide):
    header_top = ["序号", "公开领域", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", None, "公开方式", None, "公开层级", None]
    header = [None, None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
    row = [1, "涉农补贴", "耕地地力保护补贴", "补贴政策", "政策内容", "《办法》", "信息形成之日起20个工作日内", "县级农业农村部门", "■政府网站", "√", None, "√", None, "√", "√"]
    row2 = [2, "社会救助领域", "临时救助", "救助结果", "救助对象", "《办法》", "实时公开", "县级民政部门", "■政府网站", None, "√", "√", None, "√", None]
    data = _xlsx([("目录", [header_top, header, row, row2], ["C1:D1", "J1:K1", "L1:M1", "N1:O1"])])
    result = importing.import_catalog(empty_guide, data)
    assert result.ok, [str(p) for p in result.problems]
    farm = empty_guide.items.get(level1="耕地地力保护补贴")
    assert farm.domain.code == "farm-subsidies" and farm.layer == "county_township" and farm.audience == "public"
    relief = empty_guide.items.get(level1="临时救助")
    assert relief.domain.code == "social-assistance" and relief.audience == "specific" and relief.time_limit_kind == "real_time"


def _messages(result):
    return [str(p) for p in result.problems]


@pytest.mark.parametrize(
    "sheets, expected",
    [
        ([("社会救助", [HEADER[:5] + HEADER[6:], _row(1, "低保", "审批")[:5]], [])], "缺少列：公开时限"),
        ([("无此领域", [HEADER, _row(1, "低保", "审批")], [])], "工作表名不是已知的公开领域"),
        ([("社会救助", [HEADER, _row(1, "低保", "审批", audience="老百姓")], [])],
         "工作表“社会救助”第2行I列（公开对象）：“老百姓”不是有效值"),
        ([("社会救助", [HEADER, _row(1, "低保", "审批", layer="村级")], [])], "第2行K列（公开层级）：“村级”不是有效值"),
        ([("社会救助", [HEADER, _row(1, "低保", "审批", channels="■飞鸽传书")], [])], "第2行H列（公开渠道和载体）：未知的公开渠道：飞鸽传书"),
        ([("社会救助", [HEADER, _row(1, "低保", "审批"), _row(2, "低保", "审批")], [])],
         "工作表“社会救助”第3行B列（一级事项）：事项“低保 / 审批”与工作表“社会救助”第2行重复"),
        ([("社会救助", [HEADER, _row(1, None, "审批")], [])], "第2行B列（一级事项）：不能为空"),
    ],
)
def test_bad_input_is_reported_with_sheet_row_and_column(empty_guide, sheets, expected):
    result = importing.import_catalog(empty_guide, _xlsx(sheets))
    assert not result.ok
    assert any(expected in message for message in _messages(result)), _messages(result)
    assert not empty_guide.items.exists()


def test_unknown_domain_in_domain_column(empty_guide):
    header = ["公开领域", *HEADER]
    data = _xlsx([("目录", [header, ["火星开发", *_row(1, "低保", "审批")]], [])])
    result = importing.import_catalog(empty_guide, data)
    assert any("A列（公开领域）：未知的公开领域“火星开发”" in m for m in _messages(result)), _messages(result)


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"%PDF-1.4 not a spreadsheet", "不是有效的 XLSX 文件"),
        (b"PK\x03\x04broken zip", "不是有效的 XLSX 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Excel"),
    ],
)
def test_non_xlsx_file_renamed(empty_guide, data, expected):
    result = importing.import_catalog(empty_guide, data)
    assert any(expected in m for m in _messages(result))


def test_import_is_atomic_one_bad_row_writes_nothing(guide):
    before = list(guide.items.values_list("pk", "content"))
    good = _row(1, "最低生活保障", "审批")  # would update an existing item
    bad = _row(2, "最低生活保障", "新事项", audience="??")
    result = importing.import_catalog(guide, _xlsx([("社会救助", [HEADER, good, bad], [])]))
    assert not result.ok and len(result.problems) == 1
    assert list(guide.items.values_list("pk", "content")) == before


def test_import_into_local_catalog_needs_reason_and_records_adjustments(county_catalog):
    data = _xlsx([("社会救助", [HEADER, _row(1, "最低生活保障", "审批"), _row(2, "临时救助", "救助结果")], [])])
    result = importing.import_catalog(county_catalog, data)
    assert any("调整理由" in m for m in _messages(result))
    result = importing.import_catalog(county_catalog, data, reason="按本县实际调整")
    assert result.ok and (result.created, result.updated) == (1, 1)
    kinds = set(county_catalog.adjustments.values_list("kind", flat=True))
    assert kinds == {AdjustmentKind.ADDED, AdjustmentKind.CHANGED}
    assert set(county_catalog.adjustments.values_list("reason", flat=True)) == {"按本县实际调整"}


@pytest.mark.parametrize("layout", [LAYOUT_PER_DOMAIN, LAYOUT_SINGLE])
def test_export_round_trip(guide, agencies, layout):
    data = export_catalog_xlsx(guide, layout)
    workbook = load_workbook(io.BytesIO(data))
    if layout == LAYOUT_PER_DOMAIN:
        assert workbook.sheetnames == ["财政预决算", "社会救助"]  # in the order of the 26 domains
        sheet = workbook["社会救助"]
        assert "B4:B6" in {str(r) for r in sheet.merged_cells.ranges}  # 一级事项 merged over its three rows
        assert sheet.print_title_rows == "$2:$3" and sheet.page_setup.orientation == "landscape"
    else:
        assert workbook.sheetnames == ["标准目录"]
    copy = Catalog.objects.create(name="副本", kind=CatalogKind.GUIDE, agency=agencies["region"])
    result = importing.import_catalog(copy, data)
    assert result.ok, _messages(result)
    from wagtail_gk_catalog import services

    def elements(catalog):
        rows = []
        for item in services.items_with_elements(catalog.items.all()):
            values = services.item_elements(item)
            values.pop("sort_order")
            rows.append(values)
        return sorted(rows, key=lambda v: (v["domain"], v["level1"], v["level2"]))

    assert elements(copy) == elements(guide)
    # Importing the same file again changes nothing.
    again = importing.import_catalog(copy, data)
    assert (again.created, again.updated) == (0, 4)
    assert elements(copy) == elements(guide)


def test_import_and_export_views(empty_guide, admin_client_zh):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("wagtail_gk_catalog_admin:import", args=[empty_guide.pk])
    bad = SimpleUploadedFile("catalog.xlsx", b"not really", content_type="application/octet-stream")
    response = admin_client_zh.post(url, {"file": bad})
    assert response.status_code == 200 and "不是有效的 XLSX 文件" in response.content.decode()
    good = SimpleUploadedFile("catalog.xlsx", per_domain_file())
    response = admin_client_zh.post(url, {"file": good})
    assert response.status_code == 302 and empty_guide.items.count() == 5
    export_url = reverse("wagtail_gk_catalog_admin:export", args=[empty_guide.pk])
    items = empty_guide.items.select_related("domain")
    per_domain = admin_client_zh.get(export_url)
    assert per_domain.status_code == 200
    assert sorted(load_workbook(io.BytesIO(per_domain.content)).sheetnames) == sorted({item.domain.name[:31] for item in items})
    single = admin_client_zh.get(export_url + "?layout=single")
    assert len(load_workbook(io.BytesIO(single.content)).sheetnames) == 1
    # The download holds the imported items: it imports back into the same rows.
    copy = Catalog.objects.create(name="副本", kind=CatalogKind.GUIDE, agency=empty_guide.agency)
    assert importing.import_catalog(copy, single.content).ok
    rows = {(item.domain.code, item.level1, item.level2) for item in items}
    assert {(item.domain.code, item.level1, item.level2) for item in copy.items.select_related("domain")} == rows
