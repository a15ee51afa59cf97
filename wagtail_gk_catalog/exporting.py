"""Printable XLSX exports: a catalog in the published county column layout,
and the compliance figures of a government.

Catalog sheets carry a title row, a two-row header ("公开事项" over
一级/二级[/三级]事项), 一级事项 merged over its rows, thin borders, wrapped
text, landscape A3/A4 fitted to the page width with the header repeated on
every printed page and page numbers in the footer. The files import back
unchanged through :mod:`wagtail_gk_catalog.importing`.
"""

from __future__ import annotations

import io
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from . import services
from .columns import COLUMNS, DOMAIN_HEADER, ITEMS_GROUP_HEADER
from .compliance import (
    STATE_LABELS,
    attach_channel_gaps,
    compliance_by_domain,
    items_with_status,
    total_row,
)
from .conf import catalog_setting

LAYOUT_PER_DOMAIN = "per_domain"
LAYOUT_SINGLE = "single"

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
WIDTHS = {"domain": 12, "sort_order": 6, "level1": 14, "level2": 16, "level3": 14, "content": 36, "basis": 30,
          "time_limit": 20, "subject": 16, "channels": 22, "audience": 9, "method": 9, "layer": 10}


def _setup_print(sheet, header_rows: str):
    paper = catalog_setting("GK_CATALOG_EXPORT_PAPER")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3 if paper == "A3" else sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = _("Page &P of &N")
    sheet.print_options.horizontalCentered = True


def _channels_text(item) -> str:
    required, optional = item.channel_sets()
    labels = {code: str(label) for code, label in item.channels.model._meta.get_field("channel").choices}
    return "\n".join(["■" + labels[c] for c in required] + ["□" + labels[c] for c in optional])


def _values(item) -> dict:
    return {
        "domain": item.domain.name,
        "sort_order": None,
        "level1": item.level1,
        "level2": item.level2,
        "level3": item.level3,
        "content": item.content,
        "basis": item.basis,
        "time_limit": item.time_limit_display,
        "subject": item.subject,
        "channels": _channels_text(item),
        "audience": item.get_audience_display(),
        "method": item.get_method_display(),
        "layer": item.get_layer_display(),
    }


def _write_table(sheet, title: str, items: list, with_domain: bool):
    keys = [key for key, _label in COLUMNS]
    if not any(item.level3 for item in items):
        keys.remove("level3")
    if with_domain:
        keys.insert(1, "domain")
    labels = dict(COLUMNS) | {"domain": DOMAIN_HEADER}
    width = len(keys)
    sheet.cell(1, 1, title).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = CENTER
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 32
    level_columns = [i for i, key in enumerate(keys, start=1) if key in ("level1", "level2", "level3")]
    for i, key in enumerate(keys, start=1):
        for row in (2, 3):
            cell = sheet.cell(row, i)
            cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), HEADER_FILL, BORDER, CENTER
        if i in level_columns:
            sheet.cell(3, i, str(labels[key]))
        else:
            sheet.cell(2, i, str(labels[key]))
            sheet.merge_cells(start_row=2, start_column=i, end_row=3, end_column=i)
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS[key]
    sheet.cell(2, level_columns[0], str(ITEMS_GROUP_HEADER))
    sheet.merge_cells(start_row=2, start_column=level_columns[0], end_row=2, end_column=level_columns[-1])
    row = 4
    for number, item in enumerate(items, start=1):
        values = _values(item)
        values["sort_order"] = number
        for i, key in enumerate(keys, start=1):
            cell = sheet.cell(row, i, values[key])
            cell.border = BORDER
            cell.alignment = CENTER if key in ("sort_order", "audience", "method", "layer", "domain") else WRAP
        row += 1
    # 一级事项 merged over the consecutive rows that share it, as printed catalogs do.
    level1_col = keys.index("level1") + 1
    start = 4
    for _key, group in groupby(items, key=lambda item: (item.domain_id, item.level1)):
        count = len(list(group))
        if count > 1:
            sheet.merge_cells(start_row=start, start_column=level1_col, end_row=start + count - 1, end_column=level1_col)
        start += count
    sheet.freeze_panes = "A4"
    _setup_print(sheet, "2:3")


def export_catalog_xlsx(catalog, layout: str = LAYOUT_PER_DOMAIN) -> bytes:
    """The catalog's items in force as an XLSX workbook (one sheet per domain,
    or one sheet with a 公开领域 column)."""
    items = list(services.items_with_elements(catalog.items.active()).order_by("domain__sort_order", "sort_order", "pk"))
    workbook = Workbook()
    workbook.remove(workbook.active)
    if layout == LAYOUT_SINGLE or not items:
        sheet = workbook.create_sheet(_("Standard catalog"))
        _write_table(sheet, catalog.name, items, with_domain=True)
    else:
        for _domain_id, group in groupby(items, key=lambda item: item.domain_id):
            group = list(group)
            domain = group[0].domain
            sheet = workbook.create_sheet(domain.name[:31])
            title = _("%(catalog)s (%(domain)s area)") % {"catalog": catalog.name, "domain": domain.name}
            _write_table(sheet, title, group, with_domain=False)
    workbook.properties.title = catalog.name
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_compliance_xlsx(catalog, today=None) -> bytes:
    """Compliance of one government: a summary sheet by domain and a sheet of items."""
    today = today or timezone.localdate()
    rows = compliance_by_domain(catalog, today)
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Summary by area")
    headers = [_("Disclosure area"), _("Items"), _("Disclosed"), _("Never disclosed"), _("Overdue items"), _("Overdue information"), _("Due soon"), _("Channel gaps"), _("Coverage (%)")]
    summary.cell(1, 1, _("%(catalog)s: disclosure compliance (as of %(date)s)") % {"catalog": catalog.name, "date": today.isoformat()}).font = Font(bold=True, size=14)
    summary.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for i, header in enumerate(headers, start=1):
        cell = summary.cell(2, i, header)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), HEADER_FILL, BORDER, CENTER
        summary.column_dimensions[get_column_letter(i)].width = 14
    for r, row in enumerate([*rows, total_row(rows)], start=3):
        values = [row.label, row.items, row.covered, row.never_published, row.late_items, row.late_filings, row.due_soon, row.channel_gaps, row.coverage]
        for i, value in enumerate(values, start=1):
            cell = summary.cell(r, i, value)
            cell.border, cell.alignment = BORDER, CENTER
    _setup_print(summary, "2:2")
    detail = workbook.create_sheet(_("Item details"))
    headers = [_("Disclosure area"), _("Item"), _("Disclosure deadline"), _("Responsible body"), _("Status"), _("Disclosed information"), _("Last disclosure date"), _("Earliest due date (not disclosed)"), _("Overdue information"), _("Missing required channels")]
    for i, header in enumerate(headers, start=1):
        cell = detail.cell(1, i, header)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), HEADER_FILL, BORDER, CENTER
        detail.column_dimensions[get_column_letter(i)].width = 30 if i == 2 else 14
    items = items_with_status(catalog.items.active().select_related("domain").prefetch_related("channels"), today)
    items = attach_channel_gaps(list(items.order_by("domain__sort_order", "sort_order", "pk")))
    for r, item in enumerate(items, start=2):
        values = [
            item.domain.name, str(item), item.time_limit_display, item.subject, str(STATE_LABELS[item.state]),
            item.published_total, item.last_published_on, item.next_due_on, item.late_total, "、".join(map(str, item.missing_channels)),
        ]
        for i, value in enumerate(values, start=1):
            cell = detail.cell(r, i, value)
            cell.border, cell.alignment = BORDER, WRAP
            if hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    _setup_print(detail, "1:1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
