"""Signed checkpoints of the review ledger (gk_ledger_seal): a deleted tail
covered by a checkpoint, forged or missing checkpoints, keys, and the
system checks of the ledger settings."""

import io
import json
import os
import stat

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from wagtail_gk.gate.ledger import record_decision, verify_ledger
from wagtail_gk.models import LedgerEntry, LedgerHead


def command(name, *args):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        try:
            call_command(name, *args, stdout=out, stderr=err)
            code = 0
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue() + err.getvalue()


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def sealed(db, settings, tmp_path):
    """A configured sink and signing key, five records and checkpoint #1."""
    key = tmp_path / "keys" / "ledger-signing.pem"
    key.parent.mkdir()
    assert command("gk_ledger_seal", "--generate-key", str(key))[0] == 0
    settings.GK_LEDGER_SIGNING_KEY_FILE = str(key)
    settings.GK_LEDGER_CHECKPOINT_SINK = {
        "BACKEND": "wagtail_gk.gate.ledger_sinks.DirectorySink",
        "OPTIONS": {"path": str(tmp_path / "checkpoints")},
    }
    entries = [record_decision(None, "gate.check", decision="passed", reason=f"第{i}条") for i in range(1, 6)]
    code, output = command("gk_ledger_seal")
    assert code == 0, output
    return entries, tmp_path / "checkpoints", key


def checkpoint_file(directory, number):
    return directory / f"checkpoint-{number:012d}.json"


def test_generated_key_is_private_and_never_overwritten(sealed):
    _entries, _directory, key = sealed
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert b"PUBLIC KEY" in key.with_name(key.name + ".pub").read_bytes()
    with pytest.raises(CommandError):
        call_command("gk_ledger_seal", "--generate-key", str(key))


def test_seal_writes_a_signed_checkpoint_of_every_chain_end(sealed):
    entries, directory, _key = sealed
    body = json.loads(checkpoint_file(directory, 1).read_text())
    assert body["sequence"] == 1 and body["previous"] is None and body["signature"]
    assert body["chains"] == [
        {"chain": entries[-1].chain, "position": 5, "sequence": entries[-1].sequence, "mac": entries[-1].entry_hash}
    ]
    assert (directory / f"signing-key-{body['signing_key']}.pub.pem").exists()
    code, output = command("gk_verify_ledger")
    assert code == 0 and "1 checkpoints" in output
    # nothing new: no second checkpoint; a new record: checkpoint #2 chained to #1
    assert "Nothing was added" in command("gk_ledger_seal")[1]
    assert not checkpoint_file(directory, 2).exists()
    record_decision(None, "gate.check", decision="passed")
    assert command("gk_ledger_seal")[0] == 0
    second = json.loads(checkpoint_file(directory, 2).read_text())
    assert second["chains"][0]["position"] == 6 and second["previous"]
    assert command("gk_verify_ledger")[0] == 0


def test_truncated_tail_covered_by_a_checkpoint_is_detected(sealed):
    """The issue's case: delete the newest records and set the head row back
    to the previous MAC. The head row agrees, the checkpoint does not."""
    entries, _directory, _key = sealed
    raw("DELETE FROM wagtail_gk_ledgerentry WHERE id IN (%s, %s)", [entries[3].pk, entries[4].pk])
    raw(
        "UPDATE wagtail_gk_ledgerhead SET last_sequence = 3, last_hash = %s WHERE chain = %s",
        [entries[2].entry_hash, entries[2].chain],
    )
    broken = verify_ledger()[1]
    assert broken.kind == "truncated"
    code, output = command("gk_verify_ledger")
    assert code == 1 and "checkpoint #1 covers it up to position 5" in output and "truncated tail" in output


def test_truncated_tail_refilled_with_new_records_is_detected(sealed):
    entries, _directory, _key = sealed
    raw("DELETE FROM wagtail_gk_ledgerentry WHERE id = %s", [entries[4].pk])
    raw("DELETE FROM wagtail_gk_ledgerhead")
    record_decision(None, "gate.check", decision="passed")  # takes position 5 again
    broken = verify_ledger()[1]
    assert (broken.kind, broken.position) == ("checkpoint", 5)
    assert command("gk_verify_ledger")[0] == 1


def test_forged_checkpoint_signature_is_detected(sealed):
    _entries, directory, _key = sealed
    path = checkpoint_file(directory, 1)
    body = json.loads(path.read_text())
    body["chains"][0]["position"] = 3
    os.chmod(path, 0o644)
    path.write_text(json.dumps(body))
    code, output = command("gk_verify_ledger")
    assert code == 1 and "Checkpoint #1" in output and "signature does not verify" in output


def test_checkpoint_signed_with_another_key_fails_against_the_pinned_key(sealed, settings, tmp_path):
    _entries, directory, key = sealed
    settings.GK_LEDGER_VERIFY_KEY_FILE = str(key) + ".pub"
    assert command("gk_verify_ledger")[0] == 0
    other = tmp_path / "other.pem"
    command("gk_ledger_seal", "--generate-key", str(other))
    settings.GK_LEDGER_SIGNING_KEY_FILE = str(other)
    settings.GK_LEDGER_VERIFY_KEY_FILE = ""
    record_decision(None, "gate.check", decision="passed")
    assert command("gk_ledger_seal")[0] == 0  # the sink stores the other public key beside it
    assert command("gk_verify_ledger")[0] == 0
    settings.GK_LEDGER_VERIFY_KEY_FILE = str(key) + ".pub"
    code, output = command("gk_verify_ledger")
    assert code == 1 and "Checkpoint #2" in output and "GK_LEDGER_VERIFY_KEY_FILE" in output


def test_deleted_checkpoint_is_detected(sealed):
    _entries, directory, _key = sealed
    record_decision(None, "gate.check", decision="passed")
    command("gk_ledger_seal")
    checkpoint_file(directory, 1).unlink()
    code, output = command("gk_verify_ledger")
    assert code == 1 and "Checkpoint #1: missing from the sink" in output


def test_seal_refuses_a_ledger_that_does_not_verify(sealed):
    entries, directory, _key = sealed
    record_decision(None, "gate.check", decision="passed")
    raw("UPDATE wagtail_gk_ledgerentry SET reason = 'x' WHERE id = %s", [entries[4].pk])
    code, output = command("gk_ledger_seal")
    assert code == 1 and "does not verify" in output and "edited" in output
    assert not checkpoint_file(directory, 2).exists()


def test_seal_checks_only_new_records_unless_full(sealed):
    entries, directory, _key = sealed
    record_decision(None, "gate.check", decision="passed")
    raw("UPDATE wagtail_gk_ledgerentry SET reason = 'x' WHERE id = %s", [entries[1].pk])
    code, output = command("gk_ledger_seal", "--full")
    assert code == 1 and "edited" in output
    assert not checkpoint_file(directory, 2).exists()


def test_seal_rebuilds_a_missing_head_row_and_records_it(sealed):
    entries, directory, _key = sealed
    record_decision(None, "gate.check", decision="passed")
    raw("DELETE FROM wagtail_gk_ledgerhead")
    assert verify_ledger()[1].kind == "head_missing"
    assert command("gk_ledger_seal")[0] == 0
    assert LedgerEntry.objects.filter(action="ledger.repair_head").count() == 1
    assert LedgerHead.objects.get(chain=entries[0].chain).last_sequence == 7
    assert command("gk_verify_ledger")[0] == 0


def test_seal_without_a_sink_or_key_refuses(db, settings, tmp_path):
    code, output = command("gk_ledger_seal")
    assert code == 1 and "GK_LEDGER_CHECKPOINT_SINK" in output
    settings.GK_LEDGER_CHECKPOINT_SINK = {"BACKEND": "wagtail_gk.gate.ledger_sinks.DirectorySink", "OPTIONS": {"path": str(tmp_path)}}
    code, output = command("gk_ledger_seal")
    assert code == 1 and "GK_LEDGER_SIGNING_KEY_FILE" in output


# --- system checks -----------------------------------------------------------------------


def check_ids():
    return {message.id for message in run_checks() if message.id and message.id.startswith("wagtail_gk.")}


def test_system_checks_of_the_ledger_settings(settings, tmp_path):
    assert {"wagtail_gk.W140", "wagtail_gk.W142"} <= check_ids()
    settings.GK_LEDGER_KEY = ""
    assert "wagtail_gk.E140" in check_ids()
    settings.GK_LEDGER_KEY = "short"
    assert "wagtail_gk.W141" in check_ids() and "wagtail_gk.W140" not in check_ids()
    settings.GK_LEDGER_CHAINS = 0
    settings.GK_LEDGER_SIGNING_KEY_FILE = str(tmp_path / "missing.pem")
    assert {"wagtail_gk.E141", "wagtail_gk.E143"} <= check_ids()
