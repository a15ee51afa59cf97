"""Reading finance statements and beneficiary lists from XLSX spreadsheets.

Village accounts are kept in spreadsheets; the headers vary between villages
(“摘要” or “项目”, “收入（元）” or “收入金额”), so each column is recognised
by a list of aliases. The header may sit under a title row. Every problem is
reported with its spreadsheet row number; nothing is returned unless the whole
sheet passes (:class:`~wagtail_gk_village.tables.TableError` otherwise).

The file is read by :mod:`wagtail_gk.spreadsheets` (size, unpacked-size and
row limits, formulas without a saved result). Merged cells below the header
are refused, except down the 村民小组 column of a beneficiary list, where a
merge means the same group for each row.
"""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _

from wagtail_gk.spreadsheets import Limits, SpreadsheetError, apply_merges, read_workbook

from .conf import village_setting
from .tables import (
    RowError,
    TableError,
    finance_column_labels,
    validate_beneficiary_rows,
    validate_finance_rows,
)

FINANCE_ALIASES = {
    "date": ("日期", "记账日期", "时间", "发生日期"),
    "item": ("摘要", "项目", "收支项目", "事项", "内容"),
    "income": ("收入", "收入金额", "收入额", "借方"),
    "expense": ("支出", "支出金额", "支出额", "贷方"),
    "balance": ("余额", "结余", "结存"),
    "voucher": ("凭证号", "凭证编号", "凭证字号", "凭证"),
}

BENEFICIARY_ALIASES = {
    "name": ("姓名", "户主姓名", "户主", "名字"),
    "group": ("村民小组", "组别", "所在组", "小组", "组"),
    "household_size": ("家庭人口", "人口", "保障人口", "户人口数", "家庭人数", "人数"),
    "item": ("项目", "类别", "补贴项目", "救助类别", "保障类别", "类型"),
    "amount": ("金额", "发放金额", "补贴金额", "月保障金", "保障金额", "救助金额"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "身份证"),
    "bank_account": ("银行账号", "银行卡号", "账号", "一卡通账号", "卡号"),
    "phone": ("联系电话", "电话", "手机号", "手机号码", "联系方式"),
    "address": ("家庭住址", "住址", "地址", "家庭地址"),
    "health": ("健康状况", "残疾情况", "病情"),
    "note": ("备注", "说明"),
}
IGNORED_HEADERS = ("序号", "编号", "No", "no")
HEADER_SEARCH_ROWS = 5
# Columns a vertical merge may span below the header ("the same value in each row").
GROUPING_COLUMNS = ("group",)


def _normalise_header(value) -> str:
    text = str(value or "").strip()
    text = re.sub(r"[（(][^)）]*[)）]", "", text)  # “收入（元）” → “收入”
    return re.sub(r"\s+", "", text)


def _open_sheet(upload):
    limits = Limits(
        max_bytes=village_setting("GK_VILLAGE_IMPORT_MAX_BYTES"),
        max_unpacked_bytes=village_setting("GK_VILLAGE_IMPORT_MAX_UNPACKED_BYTES"),
        max_rows=village_setting("GK_VILLAGE_IMPORT_MAX_ROWS"),
    )
    try:
        sheets = read_workbook(upload, limits, first_sheet_only=True)
    except SpreadsheetError as exc:
        raise TableError(exc.messages()) from exc
    if not sheets:
        raise TableError([_("Cannot read the spreadsheet: upload an Excel/WPS spreadsheet in .xlsx format.")])
    return sheets[0]


def _read_table(upload, aliases: dict[str, tuple[str, ...]], labels: dict[str, str], required: tuple[str, ...]):
    """[(row_number, {column_key: cell})] from the first sheet of *upload*."""
    lookup = {alias: key for key, names in aliases.items() for alias in names}
    sheet = _open_sheet(upload)
    header_map: dict[int, str] | None = None
    header_number = 0
    result = []
    max_rows = village_setting("GK_VILLAGE_IMPORT_MAX_ROWS")
    for number, values in sheet.rows:
        if header_map is None:
            names = [_normalise_header(value) for value in values]
            if sum(1 for name in names if name in lookup) >= 2:
                header_map, problems = {}, []
                for index, name in enumerate(names):
                    if not name or name in IGNORED_HEADERS:
                        continue
                    key = lookup.get(name)
                    if key is None:
                        problems.append(RowError(number, str(values[index]), _("Unrecognized column name.")))
                    elif key in header_map.values():
                        problems.append(RowError(number, str(values[index]), _("Duplicates an earlier column.")))
                    else:
                        header_map[index] = key
                missing = [labels[key] for key in required if key not in header_map.values()]
                if missing:
                    problems.append(RowError(number, "", _("Required columns missing: %(columns)s.") % {"columns": "、".join(missing)}))
                if problems:
                    expected = "、".join(labels[key] for key in aliases)
                    raise TableError(problems + [_("Available columns: %(columns)s.") % {"columns": expected}])
                header_number = number
                merge_problems = apply_merges(
                    sheet, header_row=number, repeat_columns=[index + 1 for index, key in header_map.items() if key in GROUPING_COLUMNS]
                )
                if merge_problems:
                    raise TableError([str(p) for p in merge_problems])
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        cells = {key: values[index] for index, key in header_map.items() if index < len(values)}
        if all(value in (None, "") or (isinstance(value, str) and not value.strip()) for value in cells.values()):
            continue
        result.append((number, cells))
        if len(result) > max_rows:
            raise TableError([_("The spreadsheet has more than %(max)d rows; split it and upload it in parts.") % {"max": max_rows}])
    if header_map is None:
        expected = "、".join(labels[key] for key in required)
        raise TableError([_("No header row was found in the first %(rows)d rows of the spreadsheet; the header must include at least: %(columns)s.") % {"rows": HEADER_SEARCH_ROWS, "columns": expected}])
    if not result:
        raise TableError([_("There is no data below the header (row %(row)d).") % {"row": header_number}])
    return result


def import_finance_statement(upload) -> list[dict]:
    """Rows of a 收支明细 spreadsheet, validated (see ``validate_finance_rows``)."""
    labels = finance_column_labels()
    raw = _read_table(upload, FINANCE_ALIASES, labels, required=("date", "item", "income", "expense", "balance"))
    return validate_finance_rows(raw)


def import_beneficiary_list(upload, list_type) -> list[dict]:
    """Rows of a beneficiary list for *list_type*, validated, masked and with
    dropped columns removed (see ``validate_beneficiary_rows``)."""
    from .models.categories import ColumnKind

    rules = list_type.column_rules()
    labels = {key: str(label) for key, label in ColumnKind.choices}
    required = tuple(kind for kind, _rule, is_required in rules if is_required)
    raw = _read_table(upload, BENEFICIARY_ALIASES, labels, required=required or ("name",))
    return validate_beneficiary_rows(raw, rules)


def finance_template_workbook() -> bytes:
    """An empty 收支明细 sheet with the expected headers, for village accountants."""
    return _template(["日期", "摘要", "收入（元）", "支出（元）", "余额（元）", "凭证号"], [["2026-03-01", "上期结余", 0, 0, 1000, ""]])


def list_template_workbook(list_type) -> bytes:
    from .models.categories import ColumnKind

    labels = dict(ColumnKind.choices)
    return _template(["序号"] + [str(labels[kind]) for kind, _rule, _required in list_type.column_rules()], [])


def _template(headers: list[str], sample_rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in sample_rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
