"""The review ledger: MAC chains, every kind of tampering named by
gk_verify_ledger, head rows that repair themselves, key rotation, the
upgrade of old SHA-256 records; the admin report and exports; gk_check on the
command line. Checkpoints are in test_ledger_checkpoints.py."""

import csv
import importlib
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.form_data import article_form_data
from wagtail_gk.gate.ledger import record_decision, verify_ledger, verify_ledger_report
from wagtail_gk.gate.ledger_keys import current_key
from wagtail_gk.models import LedgerEntry, LedgerHead
from wagtail_gk.models.ledger import GENESIS_HASH, AppendOnlyError

from .conftest import BLOCKED_TEXT, CLEAN_TEXT
from .documents import docx_bytes, pdf_bytes


@pytest.fixture
def chain(db):
    return [record_decision(None, "gate.check", decision="passed", reason=f"第{i}条") for i in range(1, 6)]


def run_verify():
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        try:
            call_command("gk_verify_ledger", stdout=out, stderr=err)
            code = 0
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue() + err.getvalue()


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def at(entries, position):
    return next(e for e in entries if e.chain_sequence == position)


def test_intact_chain_verifies(chain):
    assert len({e.chain for e in chain}) == 1  # one connection keeps to one chain
    assert [e.chain_sequence for e in chain] == [1, 2, 3, 4, 5]
    assert [e.sequence for e in chain] == sorted(e.sequence for e in chain)
    assert chain[1].previous_hash == chain[0].entry_hash and chain[0].previous_hash == GENESIS_HASH
    assert {e.key_id for e in chain} == {chain[0].key_id} and len(chain[0].key_id) == 16
    assert chain[2].compute_mac(current_key()) == chain[2].entry_hash
    assert verify_ledger() == (5, None)
    code, output = run_verify()
    assert code == 0 and "5 records" in output


def test_orm_refuses_changes(chain):
    entry = LedgerEntry.objects.get(pk=chain[1].pk)
    entry.reason = "改过"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=chain[1].pk).update(reason="改过")
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()


def test_edited_record_is_detected(chain):
    raw("UPDATE wagtail_gk_ledgerentry SET reason = %s WHERE id = %s", ["篡改后的理由", chain[2].pk])
    checked, broken = verify_ledger()
    assert (checked, broken.kind, broken.entry_id) == (2, "edited", chain[2].pk)
    code, output = run_verify()
    assert code == 1 and f"record #{chain[2].sequence}" in output and "edited" in output


def test_rewritten_record_with_the_chain_recomputed_is_detected(chain):
    """Rewriting a record and recomputing every later link and the head row,
    as one could with the old unkeyed hash, still fails: nobody without the
    key can compute the MAC."""
    previous = chain[1].entry_hash
    for entry in LedgerEntry.objects.filter(pk__in=[e.pk for e in chain[2:]]).order_by("chain_sequence"):
        if entry.pk == chain[2].pk:
            entry.reason = "篡改"
        entry.previous_hash = previous
        forged = entry.compute_legacy_hash()
        raw(
            "UPDATE wagtail_gk_ledgerentry SET reason = %s, previous_hash = %s, entry_hash = %s WHERE id = %s",
            [entry.reason, previous, forged, entry.pk],
        )
        previous = forged
    raw("UPDATE wagtail_gk_ledgerhead SET last_hash = %s WHERE chain = %s", [previous, chain[0].chain])
    broken = verify_ledger()[1]
    assert (broken.kind, broken.position) == ("edited", 3)
    assert run_verify()[0] == 1


def test_deleted_record_is_detected(chain):
    raw("DELETE FROM wagtail_gk_ledgerentry WHERE id = %s", [chain[1].pk])
    broken = verify_ledger()[1]
    assert (broken.kind, broken.position) == ("deleted", 3)
    code, output = run_verify()
    assert code == 1 and "positions 2 to 2 are missing (deleted)" in output


def test_deleted_and_renumbered_record_is_detected(chain):
    raw("DELETE FROM wagtail_gk_ledgerentry WHERE id = %s", [chain[1].pk])
    for entry in chain[2:]:
        raw("UPDATE wagtail_gk_ledgerentry SET chain_sequence = chain_sequence - 1 WHERE id = %s", [entry.pk])
    raw("UPDATE wagtail_gk_ledgerhead SET last_sequence = 4 WHERE chain = %s", [chain[0].chain])
    broken = verify_ledger()[1]
    assert (broken.kind, broken.entry_id) == ("deleted", chain[2].pk)
    code, output = run_verify()
    assert code == 1 and "missing or was rewritten" in output


def test_inserted_record_is_detected(chain):
    """A forged record put between positions 2 and 3 (the later records moved
    up to make room) is named as inserted."""
    for entry in reversed(chain[2:]):
        raw("UPDATE wagtail_gk_ledgerentry SET chain_sequence = chain_sequence + 1 WHERE id = %s", [entry.pk])
    raw(
        "INSERT INTO wagtail_gk_ledgerentry (sequence, chain, chain_sequence, key_id, created_at, action, decision, "
        "object_id, object_repr, username, site_name, findings, finding_codes, reason, previous_hash, entry_hash) "
        "VALUES (%s, %s, 3, %s, %s, 'workflow.approve', 'approved', '', '伪造', '', '', '[]', '', '', %s, %s)",
        [chain[-1].sequence + 100, chain[0].chain, chain[0].key_id, chain[1].created_at, chain[1].entry_hash, "f" * 64],
    )
    raw("UPDATE wagtail_gk_ledgerhead SET last_sequence = 6 WHERE chain = %s", [chain[0].chain])
    broken = verify_ledger()[1]
    assert (broken.kind, broken.position) == ("inserted", 3)
    code, output = run_verify()
    assert code == 1 and "inserted" in output


def test_reordered_records_are_detected(chain):
    second, third = chain[1], chain[2]
    raw("UPDATE wagtail_gk_ledgerentry SET sequence = %s, chain_sequence = 1000 WHERE id = %s", [10**9, second.pk])
    raw("UPDATE wagtail_gk_ledgerentry SET sequence = %s, chain_sequence = 2 WHERE id = %s", [second.sequence, third.pk])
    raw("UPDATE wagtail_gk_ledgerentry SET sequence = %s, chain_sequence = 3 WHERE id = %s", [third.sequence, second.pk])
    broken = verify_ledger()[1]
    assert (broken.kind, broken.entry_id) == ("reordered", third.pk)
    code, output = run_verify()
    assert code == 1 and "out of order (reordered)" in output


def test_deleted_tail_is_detected_by_the_head_row(chain):
    raw("DELETE FROM wagtail_gk_ledgerentry WHERE id = %s", [chain[-1].pk])
    broken = verify_ledger()[1]
    assert broken.kind == "truncated"
    code, output = run_verify()
    assert code == 1 and "the newest records were deleted" in output


def test_missing_head_row_is_reported(chain):
    raw("DELETE FROM wagtail_gk_ledgerhead WHERE chain = %s", [chain[0].chain])
    broken = verify_ledger()[1]
    assert (broken.kind, broken.chain) == ("head_missing", chain[0].chain)
    code, output = run_verify()
    assert code == 1 and "head row is missing" in output


def test_missing_head_row_is_rebuilt_and_recorded_by_the_next_write(chain):
    raw("DELETE FROM wagtail_gk_ledgerhead WHERE chain = %s", [chain[0].chain])
    with translation.override("en"):
        entry = record_decision(None, "gate.check", decision="passed", reason="after the head row was deleted")
    repair = LedgerEntry.objects.get(action="ledger.repair_head")
    assert (repair.chain, repair.chain_sequence, entry.chain_sequence) == (chain[0].chain, 6, 7)
    assert repair.previous_hash == chain[-1].entry_hash and entry.previous_hash == repair.entry_hash
    assert LedgerHead.objects.get(chain=entry.chain).last_sequence == 7
    report = verify_ledger_report()
    assert report.ok and report.checked == 7
    code, output = run_verify()
    assert code == 0 and "head row of chain" in output and "was missing" in output


def test_head_row_behind_its_records_is_rebuilt(chain):
    """A head row set back (the old failure: every write then hit the unique
    position and publishing failed) is rebuilt from the records."""
    raw(
        "UPDATE wagtail_gk_ledgerhead SET last_sequence = 2, last_hash = %s WHERE chain = %s",
        [chain[1].entry_hash, chain[0].chain],
    )
    assert verify_ledger()[1].kind == "head"
    entry = record_decision(None, "gate.check", decision="passed")
    assert entry.chain_sequence == 7 and entry.chain == chain[0].chain
    assert LedgerEntry.objects.filter(action="ledger.repair_head", finding_codes="head_behind").count() == 1
    assert verify_ledger() == (7, None)


def test_publishing_through_the_admin_works_after_the_head_row_is_deleted(chain, client, users, make_article):
    page = make_article(CLEAN_TEXT)
    raw("DELETE FROM wagtail_gk_ledgerhead")
    client.force_login(users["reviewer"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_form_data(page.title, page.slug, CLEAN_TEXT, action="action-publish", like=page.specific),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert LedgerEntry.objects.filter(action="gate.publish", object_id=str(page.pk), decision="published").exists()
    assert LedgerEntry.objects.filter(action="ledger.repair_head").exists()
    code, output = run_verify()
    assert code == 0, output


def test_wrong_key_is_named(chain, settings):
    settings.GK_LEDGER_KEY = "another key of at least thirty-two bytes"
    broken = verify_ledger()[1]
    assert (broken.kind, broken.position) == ("wrong_key", 1)
    code, output = run_verify()
    assert code == 1 and "wrong key" in output and chain[0].key_id in output


def test_record_forged_with_another_key_under_the_real_key_id(chain):
    entry = LedgerEntry.objects.get(pk=chain[4].pk)
    entry.reason = "伪造"
    raw(
        "UPDATE wagtail_gk_ledgerentry SET reason = %s, entry_hash = %s WHERE id = %s",
        [entry.reason, entry.compute_mac(b"a guessed key"), entry.pk],
    )
    raw("UPDATE wagtail_gk_ledgerhead SET last_hash = %s WHERE chain = %s", [entry.compute_mac(b"a guessed key"), entry.chain])
    assert verify_ledger()[1].kind == "edited"


def test_key_rotation_keeps_old_records_verifiable(chain, settings):
    old = current_key()
    settings.GK_LEDGER_KEY = "the new ledger key, thirty-two bytes or more"
    settings.GK_LEDGER_OLD_KEYS = [old]
    entry = record_decision(None, "gate.check", decision="passed")
    assert entry.key_id != chain[0].key_id and entry.previous_hash == chain[-1].entry_hash
    assert verify_ledger() == (6, None)
    settings.GK_LEDGER_OLD_KEYS = []
    assert verify_ledger()[1].kind == "wrong_key"


def test_records_spread_over_chains_verify(db, settings):
    settings.GK_LEDGER_CHAINS = 3
    for chain_number in range(3):
        connection._gk_ledger_chain = chain_number
        record_decision(None, "gate.check", decision="passed")
        record_decision(None, "gate.check", decision="passed")
    assert set(LedgerEntry.objects.values_list("chain", flat=True)) == {0, 1, 2}
    assert LedgerHead.objects.count() == 3
    report = verify_ledger_report()
    assert report.ok and report.checked == 6 and set(report.ends) == {0, 1, 2}


# --- records from before the upgrade -----------------------------------------------------


def _legacy_records(count):
    """Records as the unkeyed ledger wrote them: chain 0, key id "", SHA-256."""
    from django.utils import timezone

    previous = GENESIS_HASH
    for sequence in range(1, count + 1):
        entry = LedgerEntry(
            sequence=sequence, chain=0, chain_sequence=sequence, key_id="", created_at=timezone.now(),
            action="gate.check", decision="passed", reason=f"旧记录{sequence}", previous_hash=previous,
        )
        entry.entry_hash = entry.compute_legacy_hash()
        entry.save(_ledger_append=True)
        previous = entry.entry_hash
    LedgerHead.objects.create(chain=0, last_sequence=count, last_hash=previous)


def _run_upgrade():
    """The data step of the upgrade migration, on the models as it sees them."""
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(connection).project_state(("wagtail_gk", "0006_ledger_keyed_chains"))
    migration = importlib.import_module("wagtail_gk.migrations.0006_ledger_keyed_chains")
    migration.anchor_old_records(state.apps, None)


def test_old_records_verify_after_the_upgrade(db):
    _legacy_records(4)
    _run_upgrade()
    marker = LedgerEntry.objects.get(action="ledger.upgrade")
    assert (marker.chain, marker.chain_sequence, marker.key_id) == (0, 5, LedgerEntry.objects.get(sequence=5).key_id)
    connection._gk_ledger_chain = 0
    record_decision(None, "gate.check", decision="passed")
    assert verify_ledger() == (6, None)
    assert run_verify()[0] == 0


def test_old_records_rewritten_with_recomputed_hashes_are_detected_after_the_upgrade(db):
    _legacy_records(4)
    _run_upgrade()
    previous = LedgerEntry.objects.get(sequence=1).entry_hash
    for entry in LedgerEntry.objects.filter(sequence__in=[2, 3, 4]).order_by("sequence"):
        entry.reason = "改写" if entry.sequence == 2 else entry.reason
        entry.previous_hash = previous
        previous = entry.compute_legacy_hash()
        raw(
            "UPDATE wagtail_gk_ledgerentry SET reason = %s, previous_hash = %s, entry_hash = %s WHERE id = %s",
            [entry.reason, entry.previous_hash, previous, entry.pk],
        )
    broken = verify_ledger()[1]
    assert broken.position == 5 and broken.kind == "deleted"
    assert run_verify()[0] == 1


def test_edited_old_record_is_detected_after_the_upgrade(db):
    _legacy_records(3)
    _run_upgrade()
    raw("UPDATE wagtail_gk_ledgerentry SET reason = 'x' WHERE sequence = 2")
    broken = verify_ledger()[1]
    assert (broken.kind, broken.position) == ("edited", 2)


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
    assert code == 1 and "附件未能检查" in output  # unreadable attachments block by default
