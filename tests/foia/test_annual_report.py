"""The whole annual report (条例 第50条, format of 国办公开办函〔2021〕30号): the
figures of tables 二, 三 and 四 worked out by hand from fixture requests,
entries and cases; aggregation over a government's agencies; the JSON, XLSX
and DOCX layouts; the report page through its public URL; the empty year."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail import hooks

from wagtail_gk_foia import services
from wagtail_gk_foia.models import AnnualReportFigures, AnnualReportPage, RemedyCase
from wagtail_gk_foia.report import build_report, report_docx, report_xlsx, table2_value

from .conftest import RESIDENT_ID, application

D = datetime.date
pytestmark = pytest.mark.django_db
# After every date of the fixtures (a request cannot be received later than
# today), whatever clock the run has (CI moves it with GK_TEST_TODAY).
TODAY = datetime.datetime(2027, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def _register(agency, officer, received_on, **data):
    req, _code = services.register_request(agency=agency, data=application(**data), channel="in_person", received_on=received_on, user=officer)
    return req


@pytest.fixture
def year_2026(agencies, officer):
    """The county government (永宁县) and its two townships, in 2026:

    county:     natural person, received 3-02, disclosed (1) 3-20
                commercial, received 4-01, repeat request (5.2) 4-20
    township_a: research, received 2025-12-15, not held (4.1) 2026-01-12  → 上年结转
                public interest, received 5-06, withdrawn (6.3) 5-08
    township_b: legal service, received 12-01, still open                → 结转下年度
    """
    county, ta, tb = agencies["county"], agencies["township_a"], agencies["township_b"]
    r1 = _register(county, officer, D(2026, 3, 2))
    services.reply(r1, user=officer, outcome="1", on=D(2026, 3, 20), published_where="网站")
    r2 = _register(county, officer, D(2026, 4, 1), applicant_type="commercial", id_number="91640121MA76123450")
    services.reply(r2, user=officer, outcome="5.2", on=D(2026, 4, 20), reasons="重复申请")
    r3 = _register(ta, officer, D(2025, 12, 15), applicant_type="research", id_number="X1")
    services.reply(r3, user=officer, outcome="4.1", on=D(2026, 1, 12), reasons="本机关未制作")
    r4 = _register(ta, officer, D(2026, 5, 6), applicant_type="public_interest", id_number="X2")
    services.withdraw(r4, user=officer, on=D(2026, 5, 8))
    _register(tb, officer, D(2026, 12, 1), applicant_type="legal_service", id_number="X3")

    AnnualReportFigures.objects.create(agency=county, year=2026, licensing_decisions=120, penalty_decisions=35, coercion_decisions=2, fee_amount=Decimal("1.25"))
    AnnualReportFigures.objects.create(agency=ta, year=2026, licensing_decisions=8, coercion_decisions=1, fee_amount=Decimal("0.3"), normative_made=3)
    AnnualReportFigures.objects.create(agency=county, year=2025, licensing_decisions=999)  # another year: not counted

    RemedyCase.objects.create(request=r1, kind="reconsideration", filed_on=D(2026, 4, 10), outcome="upheld", decided_on=D(2026, 6, 1))
    RemedyCase.objects.create(agency=county, kind="reconsideration", filed_on=D(2026, 11, 20))  # still pending
    RemedyCase.objects.create(agency=ta, kind="litigation_direct", filed_on=D(2026, 2, 1), outcome="corrected", decided_on=D(2026, 8, 1))
    RemedyCase.objects.create(agency=county, kind="litigation_after", filed_on=D(2025, 10, 1), outcome="other", decided_on=D(2026, 3, 1))
    RemedyCase.objects.create(agency=county, kind="reconsideration", filed_on=D(2025, 3, 1), outcome="upheld", decided_on=D(2025, 5, 1))
    RemedyCase.objects.create(agency=county, kind="reconsideration", filed_on=D(2027, 1, 5))  # next year
    return {"county": county, "township_a": ta, "township_b": tb, "requests": (r1, r2, r3, r4)}


def _t3(report, key):
    return next(r["values"] for r in report["table3"]["rows"] if r["key"] == key)


def test_table3_of_a_government_aggregates_its_agencies(year_2026):
    report = build_report(2026, year_2026["county"])
    assert _t3(report, "new")["total"] == 4  # county 2 + township_a 1 + township_b 1
    assert _t3(report, "new")["natural"] == 1 and _t3(report, "new")["organisations_total"] == 3
    assert _t3(report, "carried_in") == {**_t3(report, "carried_in"), "research": 1, "total": 1}
    assert _t3(report, "1")["natural"] == 1
    assert _t3(report, "5.2")["commercial"] == 1 and _t3(report, "5")["total"] == 1
    assert _t3(report, "4.1")["research"] == 1
    assert _t3(report, "6.3")["public_interest"] == 1
    assert _t3(report, "total")["total"] == 4
    assert _t3(report, "carried_out")["legal_service"] == 1 and _t3(report, "carried_out")["total"] == 1
    assert report["table3"]["consistent"]
    assert set(report["agencies"]) == {"永宁县人民政府", "杨和镇人民政府", "望洪镇人民政府", "杨和镇红星村村民委员会", "杨和镇王太村村民委员会", "望洪镇农丰村村民委员会"}


def test_each_agency_has_its_own_report(year_2026):
    report = build_report(2026, year_2026["township_a"])
    assert _t3(report, "new")["total"] == 1 and _t3(report, "new")["public_interest"] == 1
    assert _t3(report, "carried_in")["total"] == 1
    assert _t3(report, "total")["total"] == 2 and _t3(report, "carried_out")["total"] == 0
    assert table2_value(report["table2"], "licensing", "decisions") == 8
    assert report["table4"]["values"]["litigation_direct"]["corrected"] == 1
    assert report["table4"]["values"]["reconsideration"]["total"] == 0
    whole = build_report(2026)  # every agency
    assert _t3(whole, "new")["total"] == 4


def test_table2_entered_figures_and_the_contribution_hook(year_2026):
    county = year_2026["county"]

    def fake_policy_library(*, year, agency_ids):
        # One normative document per agency asked about, made, repealed and in force.
        n = len(agency_ids or [])
        return {"normative_made": n, "normative_repealed": n, "normative_in_force": 10 * n, "rules_made": 0, "unknown": 7}

    report = build_report(2026, county)
    t2 = report["table2"]
    assert table2_value(t2, "licensing", "decisions") == 128
    assert table2_value(t2, "penalty", "decisions") == 35
    assert table2_value(t2, "coercion", "decisions") == 3
    assert table2_value(t2, "fees", "amount") == 1.55
    agencies_covered = len(report["agencies"])  # 6

    with hooks.register_temporarily("register_gk_report_contribution", lambda: fake_policy_library):
        t2 = build_report(2026, county)["table2"]
    # township_a entered 3 made; the other five agencies come from the library (one each).
    assert table2_value(t2, "normative", "made") == 3 + (agencies_covered - 1)
    assert table2_value(t2, "normative", "repealed") == agencies_covered
    assert table2_value(t2, "normative", "in_force") == 10 * agencies_covered
    row = next(r for b in t2["blocks"] for r in b["rows"] if r["key"] == "normative")
    assert row["sources"] == ["entered", "policy_library"]


def test_table4_counts_cases_by_outcome(year_2026):
    values = build_report(2026, year_2026["county"])["table4"]["values"]
    assert values["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert values["litigation_direct"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert values["litigation_after"] == {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1}
    # In 2025 the case decided in 2026 was still pending.
    values_2025 = build_report(2025, year_2026["county"])["table4"]["values"]
    assert values_2025["litigation_after"]["pending"] == 1 and values_2025["reconsideration"]["upheld"] == 1


def test_remedy_case_validation(year_2026):
    r1 = year_2026["requests"][0]
    case = RemedyCase(request=r1, kind="reconsideration", filed_on=D(2026, 5, 1), outcome="upheld")
    with pytest.raises(ValidationError) as exc:
        case.full_clean()
    assert "decided_on" in exc.value.message_dict
    case = RemedyCase(kind="reconsideration", filed_on=D(2026, 5, 1), outcome="upheld", decided_on=D(2026, 4, 1), agency=year_2026["county"])
    with pytest.raises(ValidationError):
        case.full_clean()
    assert RemedyCase.objects.get(request=r1).agency == r1.agency  # taken from the request


def test_json_structure_from_the_command(year_2026):
    out = io.StringIO()
    call_command("gk_foia_report", "--year", "2026", "--format", "json", "--agency", str(year_2026["county"].pk), stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {"title", "year", "agency", "sections", "table2", "table3", "table4", "consistent"}
    assert data["sections"]["overview"]["heading"] == "一、总体情况"
    assert data["sections"]["problems"]["heading"] == "五、存在的主要问题及改进情况"
    assert data["sections"]["other"]["heading"] == "六、其他需要报告的事项"
    assert "收到政府信息公开申请4件" in data["sections"]["overview"]["suggested"]
    header = data["table3"]["header"]
    assert header[0][1] == {"label": "申请人情况", "colspan": 7}
    assert header[1][1] == {"label": "法人或其他组织", "colspan": 5}
    assert [c["label"] for c in header[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    org = next(g for g in data["table3"]["column_groups"] if g["key"] == "organisations")
    assert org["label"] == "法人或其他组织" and len(org["columns"]) == 5
    assert [b["item"] for b in data["table2"]["blocks"]] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [o["label"] for o in data["table4"]["outcomes"]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert data["table4"]["values"]["reconsideration"]["total"] == 2


def _merged(sheet):
    return {str(r) for r in sheet.merged_cells.ranges}


def test_xlsx_official_headers_and_merged_groups(year_2026, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "r.xlsx"
    call_command("gk_foia_report", "--year", "2026", "--format", "xlsx", "--agency", str(year_2026["county"].pk), "-o", str(target), stdout=io.StringIO())
    wb = load_workbook(target)
    assert wb.sheetnames == ["报告", "表二", "表三", "表四"]
    t3 = wb["表三"]
    assert t3["D2"].value == "申请人情况" and "D2:J2" in _merged(t3)
    assert t3["E3"].value == "法人或其他组织" and "E3:I3" in _merged(t3)
    assert [t3.cell(4, c).value for c in range(5, 10)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert t3["D3"].value == "自然人" and "D3:D4" in _merged(t3) and "J3:J4" in _merged(t3)
    assert "A2:C4" in _merged(t3)
    rows = {t3.cell(r, 1).value: r for r in range(5, t3.max_row + 1) if t3.cell(r, 1).value}
    new_row = rows["一、本年新收政府信息公开申请数量"]
    assert [t3.cell(new_row, c).value for c in range(4, 11)] == [1, 1, 0, 1, 1, 0, 4]
    withheld = next(r for r in range(5, t3.max_row + 1) if t3.cell(r, 2).value == "（三）不予公开")
    assert f"B{withheld}:B{withheld + 7}" in _merged(t3)  # the group spans its eight cases
    t4 = wb["表四"]
    assert t4["A2"].value == "行政复议" and "A2:E2" in _merged(t4)
    assert t4["F2"].value == "行政诉讼" and "F2:O2" in _merged(t4)
    assert t4["F3"].value == "未经复议直接起诉" and t4["K3"].value == "复议后起诉"
    assert [t4.cell(5, c).value for c in range(1, 16)] == [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1]
    t2 = wb["表二"]
    values = [[c.value for c in row] for row in t2.iter_rows()]
    assert ["行政许可", 128, None, None] in values and ["行政事业性收费", 1.55, None, None] in values


def test_docx_contents(year_2026):
    from docx import Document

    data = build_report(2026, year_2026["county"], texts={"overview": "第一段。\n\n第二段。", "problems": "存在问题。", "other": "无。"})
    doc = Document(io.BytesIO(report_docx(data)))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "永宁县人民政府2026年政府信息公开工作年度报告"
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                    "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in text
    assert "第一段。" in text and "第二段。" in text and "存在问题。" in text
    assert len(doc.tables) == 3
    t3 = doc.tables[1]
    assert t3.cell(0, 3).text == "申请人情况" and t3.cell(0, 9).text == "申请人情况"  # merged across
    assert t3.cell(1, 4).text == "法人或其他组织" and t3.cell(1, 8).text == "法人或其他组织"
    assert [t3.cell(2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [t3.cell(3, c).text for c in range(3, 10)] == ["1", "1", "0", "1", "1", "0", "4"]
    t4 = doc.tables[2]
    assert t4.cell(0, 0).text == "行政复议" and t4.cell(1, 5).text == "未经复议直接起诉"
    assert [t4.cell(3, c).text for c in range(15)] == ["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "1", "0", "1"]


def test_report_page_generated_edited_published_and_downloaded(year_2026, client, home_page):
    from docx import Document
    from openpyxl import load_workbook

    from wagtail_gk_foia.report_pages import generate_report_page

    county = year_2026["county"]
    page = generate_report_page(2026, county, parent=home_page)
    assert not page.live and page.title == "永宁县人民政府2026年政府信息公开工作年度报告"
    assert "收到政府信息公开申请4件" in page.overview  # started with the year's figures
    page.overview = "2026年，全县政务公开工作稳步推进。"
    page.problems = "依申请公开答复的规范性有待提高。"
    page.save_revision().publish()
    page.refresh_from_db()

    html = client.get(page.url).content.decode()
    assert "全县政务公开工作稳步推进" in html and "依申请公开答复的规范性有待提高" in html
    assert "申请人情况" in html and "法人或其他组织" in html and "结果维持" in html
    assert "第二十条第（八）项" in html and "1.55" in html
    assert '<th scope="row" rowspan="8">（三）不予公开</th>' in html  # the group spans its eight cases
    assert '<th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>' in html

    # A request concluded after publication does not change the published report.
    _register(year_2026["township_b"], year_2026["requests"][0].registered_by, D(2026, 12, 3))
    assert "收到政府信息公开申请5件" not in client.get(page.url).content.decode()
    refreshed = generate_report_page(2026, county)  # a new draft; the texts are kept
    assert refreshed.pk == page.pk and refreshed.overview == "2026年，全县政务公开工作稳步推进。"
    assert AnnualReportPage.objects.get(pk=page.pk).figures["table3"]["rows"][0]["values"]["total"] == 4  # live copy unchanged

    docx = client.get(page.url + "docx/")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "2026年，全县政务公开工作稳步推进。" in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    xlsx = client.get(page.url + "xlsx/")
    assert load_workbook(io.BytesIO(xlsx.content))["表三"]["D2"].value == "申请人情况"


def test_report_page_goes_through_the_publication_gate(year_2026, home_page, client):
    from wagtail_gk.gate.guard import PublicationBlocked
    from wagtail_gk_foia.report_pages import generate_report_page

    page = generate_report_page(2026, year_2026["county"], parent=home_page)
    page.other_matters = f"申请人陈某（身份证号{RESIDENT_ID}）的申请已办结。"
    revision = page.save_revision()
    with pytest.raises(PublicationBlocked):
        revision.publish()
    page.refresh_from_db()
    assert not page.live and client.get(page.url or "/").status_code in (200, 404)


def test_empty_year_is_an_empty_report(agencies, tmp_path):
    report = build_report(2031, agencies["county"])
    assert all(v == 0 for row in report["table3"]["rows"] if row["values"] for v in row["values"].values())
    assert report["table3"]["consistent"]
    assert all(v == 0 for row in report["table4"]["values"].values() for v in row.values())
    assert table2_value(report["table2"], "fees", "amount") == 0
    report_xlsx(report)
    for fmt in ("xlsx", "docx"):
        call_command("gk_foia_report", "--year", "2031", "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"), stdout=io.StringIO())
        assert (tmp_path / f"r.{fmt}").stat().st_size > 1000


def test_command_refuses_unknown_agency(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no agency"):
        call_command("gk_foia_report", "--year", "2026", "--agency", "999999", stdout=io.StringIO())


def test_admin_screen_and_draft_button(year_2026, admin_client_zh):
    from django.urls import reverse

    url = reverse("wagtail_gk_foia_requests:report")
    county = year_2026["county"]
    html = admin_client_zh.get(url + f"?year=2026&agency={county.pk}").content.decode()
    assert "申请人情况" in html and "二、主动公开政府信息情况" in html and "行政复议" in html
    docx = admin_client_zh.get(url + f"?year=2026&agency={county.pk}&format=docx")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    response = admin_client_zh.post(url, {"year": "2026", "agency": str(county.pk)})
    assert response.status_code == 302
    page = AnnualReportPage.objects.get(agency=county, year=2026)
    assert not page.live and page.figures["table3"]["consistent"]


def _upload(name, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if name.endswith(".csv"):
        text = "\n".join(",".join(str(v) for v in row) for row in rows)
        return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_import_figures_per_agency(agencies):
    from wagtail_gk_foia.report_import import import_figures

    AnnualReportFigures.objects.create(agency=agencies["county"], year=2026, licensing_decisions=1, normative_made=9)
    rows = [
        ["机关代码", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）", "本年制发规范性文件"],
        ["640121000", 120, 35, 2, "1.25", ""],
        ["640121100", "８", 0, 1, 0.3, 3],
    ]
    assert import_figures(_upload("f.xlsx", rows), year=2026) == 2
    county = AnnualReportFigures.objects.get(agency=agencies["county"], year=2026)
    assert (county.licensing_decisions, county.penalty_decisions, county.fee_amount, county.normative_made) == (120, 35, Decimal("1.25"), None)
    assert AnnualReportFigures.objects.get(agency=agencies["township_a"], year=2026).licensing_decisions == 8
    assert table2_value(build_report(2026, agencies["county"])["table2"], "fees", "amount") == 1.55


def test_import_refuses_bad_rows_and_writes_nothing(agencies):
    from wagtail_gk.spreadsheets import SpreadsheetError
    from wagtail_gk_foia.report_import import import_figures

    rows = [
        ["机关名称", "行政许可", "行政事业性收费（万元）"],
        ["永宁县人民政府", 5, "1.5"],
        ["永宁县人民政府", 6, "1"],  # twice
        ["不存在的机关", 1, 0],
        ["杨和镇人民政府", "三", "-1"],
    ]
    with pytest.raises(SpreadsheetError) as exc:
        import_figures(_upload("f.csv", rows), year=2026)
    assert sorted(p.row for p in exc.value.problems) == [3, 4, 5, 5]  # duplicate, unknown agency, "三" and -1
    assert any(p.column == "C" for p in exc.value.problems)
    assert not AnnualReportFigures.objects.exists()


def test_import_screen(agencies, admin_client_zh):
    from django.urls import reverse

    url = reverse("wagtail_gk_foia_report_figures:import")
    assert admin_client_zh.get(url).status_code == 200
    response = admin_client_zh.post(url, {"year": "2026", "file": _upload("f.csv", [["机关代码", "行政许可"], ["640121000", 42]])})
    assert response.status_code == 302
    assert AnnualReportFigures.objects.get(agency=agencies["county"], year=2026).licensing_decisions == 42
    response = admin_client_zh.post(url, {"year": "2026", "file": _upload("f.csv", [["行政许可"], [1]])})
    assert "机关代码" in response.content.decode()


def test_command_draft_page_and_its_texts_in_the_exports(year_2026, home_page):
    county = year_2026["county"]
    out = io.StringIO()
    call_command("gk_foia_report", "--year", "2026", "--agency", str(county.pk), "--draft-page", "--parent", str(home_page.pk), stdout=out)
    page = AnnualReportPage.objects.get(agency=county, year=2026)
    assert f"Draft report page {page.pk}" in out.getvalue() and not page.live
    page.problems = "乡镇专职人员不足。"
    page.save_revision()
    out = io.StringIO()
    call_command("gk_foia_report", "--year", "2026", "--format", "json", "--agency", str(county.pk), stdout=out)
    data = json.loads(out.getvalue())
    assert data["sections"]["problems"]["text"] == "乡镇专职人员不足。"  # the latest revision's texts
    assert data["title"] == page.title
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--agency"):
        call_command("gk_foia_report", "--year", "2026", "--draft-page", stdout=io.StringIO())
