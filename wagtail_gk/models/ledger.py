"""The review ledger (审查记录台账): append-only decisions in MAC chains.

Every automated and human decision about publishing — a gate run, a workflow
approval or rejection, a dismissed finding, a refused publish, a procedure
step of another app — is one :class:`LedgerEntry`. The records form
``GK_LEDGER_CHAINS`` independent chains; in its chain each record has a
gap-free position, stores the MAC of the record before it and a keyed MAC
(HMAC-SHA256, key outside the database) of its own content, so changing,
deleting, inserting or reordering a record breaks its chain;
``manage.py gk_verify_ledger`` names the break and ``gk_ledger_seal`` signs
the chain heads into checkpoints kept outside the database (docs/gate.md,
"Review ledger").

Entries are written only through :func:`wagtail_gk.gate.ledger.record_decision`,
which appends to one chain while holding that chain's :class:`LedgerHead` row,
so two writers never chain onto the same predecessor and writers on different
chains do not wait for each other.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..gate.ledger_keys import GENESIS_HASH, legacy_record_hash, record_mac

__all__ = ["GENESIS_HASH", "AppendOnlyError", "LedgerDecision", "LedgerEntry", "LedgerHead"]


class LedgerDecision(models.TextChoices):
    PASSED = "passed", _("Passed")
    WARNED = "warned", _("Passed with warnings")
    BLOCKED = "blocked", _("Block")
    APPROVED = "approved", _("Review approved")
    REJECTED = "rejected", _("Sent back")
    DISMISSED = "dismissed", _("Finding dismissed")
    REFUSED = "refused", _("Publication refused")
    PUBLISHED = "published", _("Published")
    RECORDED = "recorded", _("Recorded")


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a ledger entry."""


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Ledger entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Ledger entries cannot be deleted.")


class LedgerEntry(models.Model):
    """One decision. Text copies (``object_repr``, ``username``, ``site_name``)
    keep the record readable after the object, user or site is gone; the
    foreign keys do not cascade and carry no database constraint for the same
    reason."""

    sequence = models.PositiveBigIntegerField(_("No."), unique=True, editable=False)
    chain = models.PositiveSmallIntegerField(_("Chain"), default=0, editable=False)
    chain_sequence = models.PositiveBigIntegerField(_("Position in chain"), editable=False)
    key_id = models.CharField(_("Key ID"), max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(_("Time"), db_index=True, editable=False)
    action = models.CharField(_("Stage"), max_length=64, db_index=True)
    decision = models.CharField(_("Conclusion"), max_length=32, db_index=True, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("Object type"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_id = models.CharField(_("Object ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("Object"), max_length=255, blank=True)
    revision_id = models.PositiveBigIntegerField(_("Revision"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Acting user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("Acting user account"), max_length=150, blank=True)
    site_id = models.PositiveIntegerField(_("Site ID"), null=True, blank=True, db_index=True)
    site_name = models.CharField(_("Site"), max_length=255, blank=True)
    findings = models.JSONField(_("Findings"), default=list, blank=True)
    finding_codes = models.CharField(
        _("Finding type"), max_length=255, blank=True, help_text=_("Comma-separated, for filtering.")
    )
    reason = models.TextField(_("Reason"), blank=True)
    previous_hash = models.CharField(_("Previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("Entry hash"), max_length=64, unique=True, editable=False)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Review record")
        verbose_name_plural = _("Review ledger")
        ordering = ["-sequence"]
        default_permissions = ("view",)
        permissions = [("export_ledgerentry", _("Can export the review ledger"))]
        constraints = [
            models.UniqueConstraint(fields=["chain", "chain_sequence"], name="wagtail_gk_ledger_chain_position"),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding or not kwargs.pop("_ledger_append", False):
            raise AppendOnlyError("Ledger entries are written only by wagtail_gk.gate.ledger.record_decision().")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Ledger entries cannot be deleted.")

    @property
    def is_legacy(self) -> bool:
        """Written before the ledger used MACs (verified by its SHA-256)."""
        return self.key_id == ""

    def compute_mac(self, key: bytes) -> str:
        return record_mac(self, key)

    def compute_legacy_hash(self) -> str:
        return legacy_record_hash(self)


class LedgerHead(models.Model):
    """The end of one chain (position and MAC of its last record); a writer
    holds the row while it appends. A missing or stale row is rebuilt from the
    records by the next writer, and the rebuild is itself recorded."""

    chain = models.PositiveSmallIntegerField(unique=True, default=0)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("Review ledger chain head")
        default_permissions = ()

    def __str__(self):
        return f"ledger chain {self.chain} head #{self.last_sequence}"
