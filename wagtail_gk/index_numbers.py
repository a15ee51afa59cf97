"""Allocation of openness index numbers (索引号).

A page gets its number the first time it is published and keeps it: the
number lives in :class:`~wagtail_gk.models.IndexNumberAssignment` and is
copied onto the page. Serials come from a row of
:class:`~wagtail_gk.models.IndexNumberSequence` locked with ``SELECT … FOR
UPDATE``, so concurrent publishes on PostgreSQL never share one.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from .conf import gk_setting
from .models import IndexNumberAssignment, IndexNumberSequence


def format_index_number(agency_code: str, year: int, serial: int) -> str:
    return gk_setting("GK_INDEX_NUMBER_PATTERN").format(agency_code=agency_code, year=year, serial=serial)


def next_serial(agency_code: str, year: int) -> int:
    """Take the next serial for (agency_code, year). Must run in a transaction."""
    sequence = IndexNumberSequence.objects.select_for_update().filter(agency_code=agency_code, year=year).first()
    if sequence is None:
        try:
            with transaction.atomic():
                sequence = IndexNumberSequence.objects.create(agency_code=agency_code, year=year)
        except IntegrityError:
            pass  # another publisher created it first; lock theirs
        sequence = IndexNumberSequence.objects.select_for_update().get(agency_code=agency_code, year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return sequence.last_serial


def assign_index_number(page) -> str:
    """Give *page* (a specific page with ``OpennessMetadataMixin``) its index
    number if it has none yet, store it on the live row, and return it."""
    with transaction.atomic():
        assignment = IndexNumberAssignment.objects.filter(page_id=page.pk).first()
        if assignment is None:
            year = timezone.localdate().year
            agency_code = page.get_index_agency_code()
            number = format_index_number(agency_code, year, next_serial(agency_code, year))
            assignment = IndexNumberAssignment.objects.create(page_id=page.pk, number=number)
        if page.index_number != assignment.number:
            type(page).objects.filter(pk=page.pk).update(index_number=assignment.number)
            page.index_number = assignment.number
    return assignment.number
