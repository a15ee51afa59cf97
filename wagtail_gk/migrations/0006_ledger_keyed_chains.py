"""The review ledger in keyed MAC chains (docs/gate.md, "Review ledger").

Existing records keep their SHA-256 hashes: they become chain 0, positions
equal to their sequence numbers, key id "" (legacy). They are not re-MACed, so
a break that already existed stays visible. When there are old records, one
record "ledger.upgrade" is appended to chain 0 with the MAC key configured at
migration time; it links to the last old hash, which anchors the unkeyed
records under the key: rewriting any of them (and recomputing the old hashes)
breaks that link.
"""

from django.db import migrations, models
from django.db.models import F, Max
from django.utils import timezone


def fill_positions(apps, schema_editor):
    LedgerEntry = apps.get_model("wagtail_gk", "LedgerEntry")
    LedgerEntry.objects.update(chain=0, chain_sequence=F("sequence"), key_id="")


def anchor_old_records(apps, schema_editor):
    from wagtail_gk.gate.ledger_keys import current_key, key_id, record_mac

    LedgerEntry = apps.get_model("wagtail_gk", "LedgerEntry")
    LedgerHead = apps.get_model("wagtail_gk", "LedgerHead")
    last = LedgerEntry.objects.order_by("-sequence").first()
    if last is None:
        return
    head = LedgerHead.objects.filter(chain=0).first()
    # The head row, when present, is where the old chain ended; a tail deleted
    # before the upgrade then remains a gap the verifier reports.
    position = max(head.last_sequence, last.sequence) if head is not None else last.sequence
    previous = head.last_hash if head is not None and head.last_sequence >= last.sequence else last.entry_hash
    key = current_key()
    entry = LedgerEntry(
        sequence=(LedgerEntry.objects.aggregate(m=Max("sequence"))["m"] or 0) + 1,
        chain=0,
        chain_sequence=position + 1,
        key_id=key_id(key),
        created_at=timezone.now(),
        action="ledger.upgrade",
        decision="recorded",
        object_id="",
        object_repr="",
        username="",
        site_name="",
        findings=[{"code": "ledger_upgrade", "legacy_records": last.sequence}],
        finding_codes="ledger_upgrade",
        reason="Records up to this one were chained with SHA-256; from here on with a keyed MAC.",
        previous_hash=previous,
    )
    entry.content_type_id = None
    entry.user_id = None
    entry.revision_id = None
    entry.site_id = None
    entry.entry_hash = record_mac(entry, key)
    entry.save(force_insert=True)
    LedgerHead.objects.update_or_create(
        chain=0, defaults={"last_sequence": entry.chain_sequence, "last_hash": entry.entry_hash}
    )


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk", "0005_rescan_content_and_document_checks")]

    operations = [
        migrations.AddField(
            model_name="ledgerentry",
            name="chain",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="Chain"),
        ),
        migrations.AddField(
            model_name="ledgerentry",
            name="chain_sequence",
            field=models.PositiveBigIntegerField(default=0, editable=False, verbose_name="Position in chain"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ledgerentry",
            name="key_id",
            field=models.CharField(blank=True, editable=False, max_length=16, verbose_name="Key ID"),
        ),
        migrations.AddField(
            model_name="ledgerhead",
            name="chain",
            field=models.PositiveSmallIntegerField(default=0, unique=True),
        ),
        migrations.RunPython(fill_positions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="ledgerentry",
            constraint=models.UniqueConstraint(fields=("chain", "chain_sequence"), name="wagtail_gk_ledger_chain_position"),
        ),
        migrations.RunPython(anchor_old_records, migrations.RunPython.noop),
    ]
