"""Counters behind the suite's numbers: 索引号, 受理编号, 文号.

:class:`SequenceCounter` is the one shape of a counter row; each app that
numbers something has one concrete subclass (its own table, so apps stay
apart) and takes values with :func:`wagtail_gk.sequences.allocate`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SequenceCounter(models.Model):
    """The last value handed out by one sequence in one scope and year.

    *key* names the sequence (``"index_number"``, ``"tracking_number"`` …),
    *scope* is the part of it that counts on its own (an agency code, a
    document number prefix, or empty) and *year* restarts it every year.
    ``last_value`` only ever grows; 0 means nothing was handed out yet.
    """

    key = models.CharField(max_length=40)
    scope = models.CharField(max_length=64, blank=True, default="")
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        verbose_name = _("Numbering counter")
        verbose_name_plural = _("Numbering counters")
        constraints = [
            models.UniqueConstraint(fields=["key", "scope", "year"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self):
        scope = f"{self.scope}/" if self.scope else ""
        return f"{self.key} {scope}{self.year}: {self.last_value}"


class Counter(SequenceCounter):
    """The core's counters (index numbers, key ``"index_number"``, scoped by
    agency code)."""
