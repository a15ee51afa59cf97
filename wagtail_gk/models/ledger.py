"""The review ledger (审查记录台账): append-only, hash-chained decisions.

Every automated and human decision about publishing — a gate run, a workflow
approval or rejection, a dismissed finding, a refused publish, a procedure
step of another app — is one :class:`LedgerEntry`. Each entry stores the hash
of the one before it and a hash of its own content, so changing or deleting a
record breaks the chain; ``manage.py gk_verify_ledger`` finds the first break.

Entries are written only through :func:`wagtail_gk.gate.ledger.record_decision`,
which serialises writers on the single :class:`LedgerHead` row so that two
processes never chain onto the same predecessor.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class LedgerDecision(models.TextChoices):
    PASSED = "passed", _("通过")
    WARNED = "warned", _("通过（有提示）")
    BLOCKED = "blocked", _("拦截")
    APPROVED = "approved", _("审核通过")
    REJECTED = "rejected", _("退回")
    DISMISSED = "dismissed", _("排除问题")
    REFUSED = "refused", _("拒绝发布")
    PUBLISHED = "published", _("已发布")
    RECORDED = "recorded", _("记录")


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

    sequence = models.PositiveBigIntegerField(_("序号"), unique=True, editable=False)
    created_at = models.DateTimeField(_("时间"), db_index=True, editable=False)
    action = models.CharField(_("环节"), max_length=64, db_index=True)
    decision = models.CharField(_("结论"), max_length=32, db_index=True, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("对象类型"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    revision_id = models.PositiveBigIntegerField(_("版本"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("操作人账号"), max_length=150, blank=True)
    site_id = models.PositiveIntegerField(_("站点ID"), null=True, blank=True, db_index=True)
    site_name = models.CharField(_("站点"), max_length=255, blank=True)
    findings = models.JSONField(_("发现的问题"), default=list, blank=True)
    finding_codes = models.CharField(
        _("问题类型"), max_length=255, blank=True, help_text=_("以逗号分隔，便于筛选。")
    )
    reason = models.TextField(_("理由"), blank=True)
    previous_hash = models.CharField(_("上一条哈希"), max_length=64, editable=False)
    entry_hash = models.CharField(_("本条哈希"), max_length=64, unique=True, editable=False)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审查记录")
        verbose_name_plural = _("审查记录台账")
        ordering = ["-sequence"]
        default_permissions = ("view",)
        permissions = [("export_ledgerentry", _("可以导出审查记录台账"))]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not kwargs.pop("_ledger_append", False):
            raise AppendOnlyError("Ledger entries are written only by wagtail_gk.gate.ledger.record_decision().")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Ledger entries cannot be deleted.")

    def hashed_content(self) -> dict:
        """The fields the hash covers, in a form that survives a database round trip."""
        return {
            "sequence": self.sequence,
            "created_at": self.created_at.isoformat(timespec="microseconds"),
            "action": self.action,
            "decision": self.decision,
            "content_type_id": self.content_type_id,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "revision_id": self.revision_id,
            "user_id": self.user_id,
            "username": self.username,
            "site_id": self.site_id,
            "site_name": self.site_name,
            "findings": self.findings,
            "finding_codes": self.finding_codes,
            "reason": self.reason,
            "previous_hash": self.previous_hash,
        }

    def compute_hash(self) -> str:
        payload = json.dumps(self.hashed_content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class LedgerHead(models.Model):
    """The single row that holds the end of the chain; writers lock it."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("审查记录链头")
        default_permissions = ()

    def __str__(self):
        return f"ledger head #{self.last_sequence}"
