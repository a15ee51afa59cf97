"""Listing columns the suite's admin screens share."""

from __future__ import annotations

from wagtail.admin.ui.tables import BooleanColumn


class YesNoColumn(BooleanColumn):
    """A tick or a cross whose title reads 是/否 in the admin language
    (Wagtail's ``BooleanColumn`` titles its icons with Python's ``True``/``False``,
    which screen readers then read out)."""

    cell_template_name = "wagtail_gk/admin/tables/yes_no_cell.html"
