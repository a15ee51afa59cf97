"""Importing the figures of table 二 an office collects from its agencies
(行政许可, 行政处罚, 行政强制 decisions, 行政事业性收费 in 万元, and 规章/规范性文件
counts when they are not taken from the policy library), one row per agency,
from an XLSX or CSV file.

The header row names the columns (Chinese or English, in any order)::

    机关代码 | 行政许可 | 行政处罚 | 行政强制 | 行政事业性收费（万元） | 本年制发规范性文件 …

An agency is found by its code (机关代码) or else its full name (机关名称).
Every row is checked first; with any problem nothing is written, otherwise
all rows are saved in one transaction (a row replaces the agency's figures
for the year; a blank cell leaves a policy-library count to the library).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail_gk.models import Agency
from wagtail_gk.spreadsheets import (
    CellProblem,
    Limits,
    SpreadsheetError,
    column_letter,
    parse_whole_number,
    read_csv,
    read_workbook,
)

from .models import AnnualReportFigures

LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_unpacked_bytes=20 * 1024 * 1024, max_rows=2000, max_columns=20)
MAX_COUNT = 10_000_000

# field: the header labels that name it (compared without spaces and brackets).
COLUMNS = {
    "agency_code": ("机关代码", "agencycode", "code"),
    "agency_name": ("机关名称", "机关", "agency", "agencyname"),
    "licensing_decisions": ("行政许可", "administrativelicensing", "licensing"),
    "penalty_decisions": ("行政处罚", "administrativepenalties", "penalties", "penalty"),
    "coercion_decisions": ("行政强制", "administrativecoercion", "coercion"),
    "fee_amount": ("行政事业性收费万元", "行政事业性收费", "fees10000yuan", "fees"),
    "rules_made": ("本年制发规章", "规章本年制发件数", "rulesmade"),
    "rules_repealed": ("本年废止规章", "规章本年废止件数", "rulesrepealed"),
    "rules_in_force": ("现行有效规章", "规章现行有效件数", "rulesinforce"),
    "normative_made": ("本年制发规范性文件", "规范性文件本年制发件数", "normativemade"),
    "normative_repealed": ("本年废止规范性文件", "规范性文件本年废止件数", "normativerepealed"),
    "normative_in_force": ("现行有效规范性文件", "规范性文件现行有效件数", "normativeinforce"),
}
OPTIONAL_COUNTS = ("rules_made", "rules_repealed", "rules_in_force", "normative_made", "normative_repealed", "normative_in_force")
COUNTS = ("licensing_decisions", "penalty_decisions", "coercion_decisions")


def _key(label) -> str:
    return re.sub(r"[\s()（）:：_\-,，]", "", str(label or "")).lower()


def _field_of(label) -> str | None:
    key = _key(label)
    for field, names in COLUMNS.items():
        if key in names:
            return field
    return None


def _fee(value) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(_("“%(value)s” is not an amount in 10,000 yuan.") % {"value": str(value)[:40]}) from exc
    if amount < 0 or amount >= Decimal("100000000") or amount != amount.quantize(Decimal("0.0001")):
        raise ValueError(_("Enter an amount from 0, in 10,000 yuan with at most four decimal places."))
    return amount


def parse_figures(upload) -> list[dict]:
    """The rows of *upload* as ``{agency, field: value}``, or
    :class:`SpreadsheetError` listing every problem."""
    name = getattr(upload, "name", "") or ""
    sheet = read_csv(upload, LIMITS) if name.lower().endswith(".csv") else read_workbook(upload, LIMITS, first_sheet_only=True)[0]
    if not sheet.rows:
        raise SpreadsheetError([_("The file is empty.")])
    problems: list[CellProblem] = []
    header_number, header = sheet.rows[0]
    fields = [_field_of(label) for label in header]
    if "agency_code" not in fields and "agency_name" not in fields:
        raise SpreadsheetError([CellProblem(_("The first row must name the columns, with 机关代码 (agency code) or 机关名称 (agency name)."), sheet.title, header_number)])
    agencies_by_code = {a.code: a for a in Agency.objects.exclude(code="")}
    agencies_by_name = {a.name: a for a in Agency.objects.all()}
    rows, seen = [], {}
    for number, values in sheet.rows[1:]:
        row: dict = {}
        for index, field in enumerate(fields):
            value = values[index] if index < len(values) else None
            if field is None or value is None or str(value).strip() == "":
                continue
            where = (sheet.title, number, column_letter(index + 1))
            try:
                if field in ("agency_code", "agency_name"):
                    row[field] = str(value).strip()
                elif field == "fee_amount":
                    row[field] = _fee(value)
                else:
                    row[field] = parse_whole_number(value, maximum=MAX_COUNT)
            except ValueError as exc:
                problems.append(CellProblem(str(exc), *where))
        agency = agencies_by_code.get(row.get("agency_code", "")) or agencies_by_name.get(row.get("agency_name", ""))
        if agency is None:
            problems.append(CellProblem(_("No agency has this code or name."), sheet.title, number))
            continue
        if agency.pk in seen:
            problems.append(CellProblem(_("The agency is already on row %(row)d.") % {"row": seen[agency.pk]}, sheet.title, number))
            continue
        seen[agency.pk] = number
        row["agency"] = agency
        rows.append(row)
    if problems:
        raise SpreadsheetError(problems)
    return rows


def import_figures(upload, *, year: int) -> int:
    """Save the figures of *upload* for *year*; the number of agencies written."""
    rows = parse_figures(upload)
    with transaction.atomic():
        for row in rows:
            values = {field: row.get(field, 0) for field in COUNTS}
            values["fee_amount"] = row.get("fee_amount", Decimal(0))
            values.update({field: row.get(field) for field in OPTIONAL_COUNTS})
            AnnualReportFigures.objects.update_or_create(agency=row["agency"], year=year, defaults=values)
    return len(rows)
