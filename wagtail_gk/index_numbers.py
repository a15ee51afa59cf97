"""Allocation of openness index numbers (索引号).

A page gets its number the first time it is published and keeps it: the
number lives in :class:`~wagtail_gk.models.IndexNumberAssignment` and is
copied onto the page. Serials come from :func:`wagtail_gk.sequences.allocate`
inside the publish's transaction: concurrent publishes never share one, and
a publish that fails gives its serial back. The year is the document's own
(:meth:`~wagtail_gk.models.OpennessMetadataMixin.get_index_year`), and serials
count per agency and that year.
"""

from __future__ import annotations

from django.db import transaction

from .conf import gk_setting
from .models import Counter, IndexNumberAssignment
from .sequences import allocate

SEQUENCE_KEY = "index_number"


def format_index_number(agency_code: str, year: int, serial: int) -> str:
    return gk_setting("GK_INDEX_NUMBER_PATTERN").format(agency_code=agency_code, year=year, serial=serial)


def next_serial(agency_code: str, year: int) -> int:
    """Take the next serial for (agency_code, year). Run it in the transaction
    that stores the number, so that a rollback gives the serial back."""
    return allocate(Counter, SEQUENCE_KEY, scope=agency_code, year=year)


def assign_index_number(page) -> str:
    """Give *page* (a specific page with ``OpennessMetadataMixin``) its index
    number if it has none yet, store it on the live row, and return it."""
    with transaction.atomic():
        assignment = IndexNumberAssignment.objects.filter(page_id=page.pk).first()
        if assignment is None:
            year = page.get_index_year()
            agency_code = page.get_index_agency_code()
            number = format_index_number(agency_code, year, next_serial(agency_code, year))
            assignment = IndexNumberAssignment.objects.create(page_id=page.pk, number=number)
        if page.index_number != assignment.number:
            type(page).objects.filter(pk=page.pk).update(index_number=assignment.number)
            page.index_number = assignment.number
    return assignment.number
