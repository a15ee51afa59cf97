"""The review ledger: hash chain, tampering detected by gk_verify_ledger,
admin report with filters and exports; gk_check on the command line."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from wagtail_gk.gate.ledger import record_decision, verify_ledger
from wagtail_gk.models import LedgerEntry
from wagtail_gk.models.ledger import AppendOnlyError

from .conftest import BLOCKED_TEXT
from .documents import docx_bytes, pdf_bytes


@pytest.fixture
def chain(db):
    return [record_decision(None, "gate.check", decision="passed", reason=f"第{i}条") for i in range(1, 6)]


def run_verify():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("gk_verify_ledger", stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue() + err.getvalue()


def raw_update(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_chain_verifies(chain):
    assert [e.sequence for e in chain] == [1, 2, 3, 4, 5]
    assert chain[1].previous_hash == chain[0].entry_hash
    assert verify_ledger() == (5, None)
    code, output = run_verify()
    assert code == 0 and "5" in output


def test_orm_refuses_changes(chain):
    entry = LedgerEntry.objects.get(sequence=2)
    entry.reason = "改过"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(sequence=2).update(reason="改过")
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()


def test_edited_record_is_detected(chain):
    raw_update("UPDATE wagtail_gk_ledgerentry SET reason = %s WHERE sequence = 3", ["篡改后的理由"])
    checked, broken = verify_ledger()
    assert (checked, broken.sequence) == (2, 3)
    code, output = run_verify()
    assert code == 1 and "第 3 条" in output


def test_deleted_record_is_detected(chain):
    raw_update("DELETE FROM wagtail_gk_ledgerentry WHERE sequence = %s", [2])
    assert verify_ledger()[1].sequence == 2
    assert run_verify()[0] == 1


def test_deleted_tail_is_detected(chain):
    raw_update("DELETE FROM wagtail_gk_ledgerentry WHERE sequence = %s", [5])
    assert verify_ledger()[1].sequence == 5


def test_rehashed_edit_is_still_detected_by_the_next_link(chain):
    entry = LedgerEntry.objects.get(sequence=3)
    entry.reason = "篡改"
    raw_update("UPDATE wagtail_gk_ledgerentry SET reason = %s, entry_hash = %s WHERE sequence = 3", ["篡改", entry.compute_hash()])
    assert verify_ledger()[1].sequence == 4


# --- admin report ----------------------------------------------------------------------


def test_ledger_report_filters_and_exports(make_article, client, users):
    from wagtail_gk.gate.guard import PublicationBlocked

    page = make_article(BLOCKED_TEXT, title="被拦截的信息")
    with pytest.raises(PublicationBlocked):
        page.get_latest_revision().publish(user=users["reviewer"])
    record_decision(None, "gate.check", user=users["officer"], decision="passed", reason="其他记录")
    client.force_login(users["reviewer"])
    url = reverse("wagtail_gk_gate:ledger")
    html = client.get(url).content.decode()
    assert "审查记录台账" in html and "被拦截的信息" in html and "拒绝发布" in html
    html = client.get(url, {"decision": "refused"}).content.decode()
    assert "被拦截的信息" in html and "其他记录" not in html
    html = client.get(url, {"finding_type": "id_number"}).content.decode()
    assert "被拦截的信息" in html and "其他记录" not in html
    html = client.get(url, {"user": users["officer"].pk}).content.decode()
    assert "其他记录" in html and "被拦截的信息" not in html
    response = client.get(url, {"export": "csv", "decision": "refused"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "时间", "站点"]
    assert any("被拦截的信息" in cell for cell in rows[1]) and "拒绝发布" in rows[1]
    assert "身份证" in rows[1][rows[0].index("发现的问题（位置：说明）")]
    response = client.get(url, {"export": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(1, 1).value == "序号" and sheet.max_row == 1 + LedgerEntry.objects.count()


def test_editor_cannot_see_the_ledger(client, users):
    client.force_login(users["editor"])
    response = client.get(reverse("wagtail_gk_gate:ledger"))
    assert response.status_code in (302, 403)


# --- gk_check ------------------------------------------------------------------------------


def run_check(*args):
    out = io.StringIO()
    try:
        call_command("gk_check", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_gk_check_files(tmp_path, db):
    clean = tmp_path / "clean.txt"
    clean.write_text("第三季度工作总结", encoding="utf-8")
    assert run_check(str(clean)) == (0, f"{clean}：未发现问题\n")
    blocked = tmp_path / "名单.docx"
    blocked.write_bytes(docx_bytes([BLOCKED_TEXT]))
    marked = tmp_path / "通知.pdf"
    marked.write_bytes(pdf_bytes(["第一页", "机密★1年"]))
    code, output = run_check("--json", str(clean), str(blocked), str(marked))
    assert code == 1
    findings = [json.loads(line) for line in output.splitlines()]
    assert {(f["file"].rsplit("/", 1)[-1], f["code"]) for f in findings} == {("名单.docx", "id_number"), ("通知.pdf", "classification_marker")}
    assert next(f for f in findings if f["code"] == "classification_marker")["location"] == "通知.pdf 第2页"


def test_gk_check_stdin_and_unreadable(monkeypatch, tmp_path, db):
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("联系电话13812345678".encode())))
    code, output = run_check()
    assert code == 0 and "[提示]" in output and "手机号码" in output
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-broken")
    code, output = run_check(str(broken))
    assert code == 0 and "附件未能检查" in output
