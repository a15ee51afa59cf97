"""XLSX import of a catalog in the column layout of published county catalogs.

Accepted shapes: one sheet per domain (the sheet is named after the domain,
"社会救助" or "社会救助领域"), or sheets with a 公开领域 column; a title row
above the header; a two-row header ("公开事项" over 一级/二级事项, "公开对象"
over 全社会/特定群体 ticked with √); merged cells (一级事项 spanning its
二级事项 rows). The whole file is validated first; any problem is reported
with sheet, row and column, and nothing is written. A valid file is written
in one transaction: rows matching an item of the catalog (same domain and
一级/二级/三级事项) update it, other rows add items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from wagtail_gk.spreadsheets import (
    Limits,
    Sheet,
    SpreadsheetError,
    apply_merges,
    parse_whole_number,
    read_workbook,
)
from wagtail_gk.text import enumeration

from . import services
from .columns import (
    COLUMNS,
    ENUMERATION_CHOICES,
    MARK_SUBCOLUMNS,
    OPTIONAL_MARKS,
    REQUIRED_COLUMNS,
    REQUIRED_MARKS,
    TICKS,
    channel_aliases,
    enumeration_values,
    header_aliases,
    normalise,
)
from .conf import catalog_setting
from .models import Catalog, CatalogItem, CatalogKind, Domain
from .time_limits import parse_time_limit

COLUMN_LABELS = dict(COLUMNS)
# Columns where a vertical merge below the header means "the same value in
# each row" (一级事项 spanning its 二级事项); a merge anywhere else is refused.
GROUPING_COLUMNS = ("domain", "level1", "level2")
MAX_SORT_ORDER = 2147483647  # the largest value of CatalogItem.sort_order


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        if not self.sheet:
            return self.message
        if self.row is None:
            return _("Sheet “%(sheet)s”: %(message)s") % {"sheet": self.sheet, "message": self.message}
        values = {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}
        if not self.column:
            return _("Sheet “%(sheet)s”, row %(row)d: %(message)s") % values
        return _("Sheet “%(sheet)s”, row %(row)d, %(column)s: %(message)s") % values


@dataclass
class ParsedRow:
    sheet: str
    row: int
    domain: Domain
    values: dict
    required_channels: list[str] = field(default_factory=list)
    optional_channels: list[str] = field(default_factory=list)

    @property
    def identity(self):
        return (self.domain.pk, self.values["level1"], self.values.get("level2", ""), self.values.get("level3", ""))


@dataclass
class ImportResult:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _file_problem(message: str) -> ImportResult:
    return ImportResult(problems=[Problem("", None, "", message)])


def _limits() -> Limits:
    return Limits(
        max_bytes=catalog_setting("GK_CATALOG_IMPORT_MAX_BYTES"),
        max_unpacked_bytes=catalog_setting("GK_CATALOG_IMPORT_MAX_UNPACKED_BYTES"),
        max_rows=catalog_setting("GK_CATALOG_IMPORT_MAX_ROWS"),
    )


def _grid(sheet: Sheet) -> list[list]:
    """The sheet's rows indexed from 0 (Excel row 1), blank rows as ``[]``."""
    grid: list[list] = [[] for _ in range(sheet.rows[-1][0] if sheet.rows else 0)]
    for number, values in sheet.rows:
        grid[number - 1] = values
    return grid


def _header_grid(sheet: Sheet) -> list[list]:
    """The grid with every merge filled, only for finding the header."""
    copy = Sheet(sheet.title, [(number, list(values)) for number, values in sheet.rows[:12]], sheet.merges)
    apply_merges(copy, header_row=10**7)
    return _grid(copy)


def _find_header(grid) -> tuple[int, dict, dict] | None:
    """(header row index, {key: column index}, {key: {sub value: column}}) or None."""
    aliases = header_aliases()
    for index, row in enumerate(grid[:8]):
        names = [normalise(v) for v in row]
        if not any(aliases.get(name) == "level1" for name in names):
            continue
        upper = [normalise(v) for v in grid[index - 1]] if index else [""] * len(row)
        columns, marks = {}, {}
        for c, name in enumerate(names):
            group = aliases.get(upper[c]) if c < len(upper) else None
            if group in MARK_SUBCOLUMNS and name in MARK_SUBCOLUMNS[group]:
                marks.setdefault(group, {})[name] = c
                continue
            key = aliases.get(name) or aliases.get(upper[c] if c < len(upper) else "")
            if key and key not in columns:
                columns[key] = c
        return index, columns, marks
    return None


def _domain_for_sheet(title: str, domains: dict) -> Domain | None:
    name = normalise(title)
    for candidate in (name, name.removesuffix("领域"), name.split("领域")[0]):
        if candidate in domains:
            return domains[candidate]
    return None


def _cell(row, c):
    return row[c] if c is not None and c < len(row) else None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_workbook(data: bytes) -> ImportResult:
    """Validate an uploaded XLSX file; returns the parsed rows or the problems."""
    result = ImportResult()
    try:
        sheets = read_workbook(data, _limits())
    except SpreadsheetError as exc:
        return ImportResult(problems=[
            Problem(p.sheet, p.row, _("column %(column)s") % {"column": p.column} if p.column else "", p.message) if p.sheet else Problem("", None, "", str(p))
            for p in exc.problems
        ])
    domains = {normalise(d.name): d for d in Domain.objects.all()}
    seen: dict[tuple, tuple[str, int]] = {}
    found_table = False
    total_rows = 0
    for sheet in sheets:
        grid = _header_grid(sheet)
        header = _find_header(grid)
        sheet_domain = _domain_for_sheet(sheet.title, domains)
        if header is None:
            if sheet_domain is not None and any(any(v not in (None, "") for v in row) for row in grid):
                result.problems.append(Problem(sheet.title, None, "", _("No header row found: one row must contain columns such as “First-level item” and “Disclosure content (elements)”.")))
            continue
        found_table = True
        header_index, columns, marks = header
        missing = [
            str(COLUMN_LABELS[key]) for key in REQUIRED_COLUMNS if key not in columns and key not in marks
        ]
        if "domain" not in columns and sheet_domain is None:
            result.problems.append(
                Problem(sheet.title, None, "", _("The sheet name is not a known disclosure area, and the sheet has no “Disclosure area” column."))
            )
            continue
        if missing:
            result.problems.append(
                Problem(sheet.title, header_index + 1, "", _("Missing columns: %(columns)s") % {"columns": enumeration(missing)})
            )
            continue
        merge_problems = apply_merges(
            sheet, header_row=header_index + 1, repeat_columns=[columns[key] + 1 for key in GROUPING_COLUMNS if key in columns]
        )
        if merge_problems:
            result.problems.extend(
                Problem(p.sheet, p.row, _("column %(column)s") % {"column": p.column}, p.message + " " + _("Only the disclosure area, first-level and second-level item columns may be merged down over the rows of one group."))
                for p in merge_problems
            )
            continue
        grid = _grid(sheet)
        order = 0
        for r in range(header_index + 1, len(grid)):
            row = grid[r]
            cells = [_text(v) for v in row]
            filled = [v for v in cells if v]
            if not filled:
                continue
            if len(filled) == 1 and filled[0].startswith(("注", "说明", "备注")):
                continue
            total_rows += 1
            order += 1
            excel_row = r + 1
            parsed = _parse_row(sheet.title, excel_row, row, columns, marks, sheet_domain, domains, order, result.problems)
            if parsed is None:
                continue
            if parsed.identity in seen:
                first_sheet, first_row = seen[parsed.identity]
                result.problems.append(
                    Problem(
                        sheet.title, excel_row, _column_ref(columns, "level1"),
                        _("Item “%(item)s” duplicates row %(row)d of sheet “%(sheet)s”.")
                        % {"item": " / ".join(p for p in parsed.identity[1:] if p), "sheet": first_sheet, "row": first_row},
                    )
                )
                continue
            seen[parsed.identity] = (sheet.title, excel_row)
            result.rows.append(parsed)
    if total_rows > catalog_setting("GK_CATALOG_IMPORT_MAX_ROWS"):
        return _file_problem(_("The file has %(rows)d item rows, more than the %(max)d rows allowed in one import.") % {
            "rows": total_rows, "max": catalog_setting("GK_CATALOG_IMPORT_MAX_ROWS")})
    if not found_table and not result.problems:
        result.problems.append(Problem("", None, "", _("No catalog table found in the file: a header row must contain “First-level item”.")))
    if not result.problems and not result.rows:
        result.problems.append(Problem("", None, "", _("The catalog table has no items.")))
    return result


def _column_ref(columns, key) -> str:
    c = columns.get(key)
    label = COLUMN_LABELS.get(key, key)
    if c is None:
        return _("column “%(name)s”") % {"name": label}
    return _("column %(letter)s (%(name)s)") % {"letter": get_column_letter(c + 1), "name": label}


def _parse_row(sheet, excel_row, row, columns, marks, sheet_domain, domains, order, problems) -> ParsedRow | None:
    before = len(problems)

    def problem(key, message, column_ref=None):
        problems.append(Problem(sheet, excel_row, column_ref or _column_ref(columns, key), message))

    domain = sheet_domain
    if "domain" in columns:
        name = normalise(_cell(row, columns["domain"])).removesuffix("领域")
        domain = domains.get(name)
        if domain is None:
            problem("domain", _("Unknown disclosure area “%(value)s”.") % {"value": _text(_cell(row, columns["domain"]))},
                    _("column %(letter)s (%(name)s)") % {"letter": get_column_letter(columns["domain"] + 1), "name": _("Disclosure area")})
    values = {}
    for key in ("level1", "level2", "level3", "content", "basis", "subject"):
        values[key] = _text(_cell(row, columns.get(key)))
    for key in ("level1", "content", "subject"):
        if not values[key]:
            problem(key, _("Cannot be empty."))
    for key, limit in (("level1", 200), ("level2", 200), ("level3", 200), ("subject", 200)):
        if len(values[key]) > limit:
            problem(key, _("Longer than %(n)d characters.") % {"n": limit})
    values["sort_order"] = order
    if _text(_cell(row, columns.get("sort_order"))):
        try:
            values["sort_order"] = parse_whole_number(_cell(row, columns.get("sort_order")), maximum=MAX_SORT_ORDER)
        except ValueError as exc:
            problem("sort_order", str(exc))
    time_limit = _text(_cell(row, columns.get("time_limit")))
    if not time_limit:
        problem("time_limit", _("Cannot be empty."))
    elif len(time_limit) > 200:
        problem("time_limit", _("Longer than %(n)d characters.") % {"n": 200})
    values["time_limit"] = time_limit
    enumerations = enumeration_values()
    for key, lookup in enumerations.items():
        if key in marks:
            ticked = [value for sub, value in _ticked(row, marks[key])]
            if len(ticked) != 1 and not (key == "layer" and len(ticked) == 2):
                problem(key, _("Tick one of “%(options)s”.") % {"options": "／".join(marks[key])},
                        _("column “%(name)s”") % {"name": COLUMN_LABELS[key]})
                continue
            values[key] = "county_township" if len(ticked) == 2 else ticked[0]
            continue
        raw = _text(_cell(row, columns.get(key)))
        value = lookup.get(normalise(raw))
        if value is None:
            allowed = enumeration(label for _value, label in ENUMERATION_CHOICES[key].choices)
            problem(key, _("“%(value)s” is not a valid value. Allowed: %(allowed)s.") % {"value": raw, "allowed": allowed}
                    if raw else _("Cannot be empty. Allowed: %(allowed)s.") % {"allowed": allowed})
        else:
            values[key] = value
    required, optional, unknown = parse_channels(_text(_cell(row, columns.get("channels"))))
    if unknown:
        problem("channels", _("Unknown disclosure channels: %(names)s.") % {"names": enumeration(unknown)})
    elif not required and not optional:
        problem("channels", _("At least one disclosure channel is needed (■ required or □ optional)."))
    if len(problems) > before or domain is None:
        return None
    return ParsedRow(sheet, excel_row, domain, values, required, optional)


def _ticked(row, subcolumns):
    for sub, c in subcolumns.items():
        if _text(_cell(row, c)) in TICKS:
            yield sub, MARK_SUBCOLUMNS_VALUE[sub]


MARK_SUBCOLUMNS_VALUE = {sub: value for subs in MARK_SUBCOLUMNS.values() for sub, value in subs.items()}


def parse_channels(text: str) -> tuple[list[str], list[str], list[str]]:
    """("■政府网站 □两微一端") → (required codes, optional codes, unknown names).
    A name without a mark counts as 必选, as in catalogs that list only the
    channels they use."""
    required, optional, unknown = [], [], []
    for mark in REQUIRED_MARKS | OPTIONAL_MARKS:
        text = text.replace(mark, "\n" + mark)
    lookup = channel_aliases()
    tokens = []
    for chunk in text.split("\n"):
        # A whole line may be one name with spaces or commas in it ("Weibo,
        # WeChat, app", as the exporter writes them); otherwise these separate names.
        bare = chunk.strip().lstrip("".join(REQUIRED_MARKS | OPTIONAL_MARKS))
        if normalise(bare) in lookup:
            tokens.append(chunk.strip())
            continue
        for separator in ("，", ",", "、", "；", ";", "\t"):
            chunk = chunk.replace(separator, " ")
        tokens += chunk.split()
    for token in tokens:
        mark = token[0] if token[0] in REQUIRED_MARKS | OPTIONAL_MARKS else ""
        name = normalise(token[len(mark):])
        if not name:
            continue
        code = lookup.get(name)
        if code is None:
            unknown.append(token[len(mark):])
        elif mark in OPTIONAL_MARKS:
            if code not in optional and code not in required:
                optional.append(code)
        elif code not in required:
            required.append(code)
            if code in optional:
                optional.remove(code)
    return required, optional, unknown


def import_catalog(catalog: Catalog, data: bytes, *, reason: str = "", user=None) -> ImportResult:
    """Validate *data* and, only if it has no problem, write it into *catalog*
    in one transaction (update matching items, add the others)."""
    result = parse_workbook(data)
    if not result.ok:
        return result
    if catalog.kind == CatalogKind.LOCAL and not reason.strip():
        result.problems.append(Problem("", None, "", _("Importing into a local catalog needs a reason for adjustment.")))
        return result
    existing = {
        (item.domain_id, item.level1, item.level2, item.level3): item
        for item in services.items_with_elements(catalog.items.active())
    }
    with transaction.atomic():
        for parsed in result.rows:
            item = existing.get(parsed.identity)
            if item is None:
                created = services.create_item(
                    catalog, domain=parsed.domain, level1=parsed.values["level1"],
                    level2=parsed.values["level2"], level3=parsed.values["level3"],
                    content=parsed.values["content"], basis=parsed.values["basis"],
                    time_limit=parsed.values["time_limit"], subject=parsed.values["subject"],
                    audience=parsed.values["audience"], method=parsed.values["method"], layer=parsed.values["layer"],
                    sort_order=parsed.values["sort_order"],
                    required_channels=parsed.required_channels, optional_channels=parsed.optional_channels,
                )
                if catalog.kind == CatalogKind.LOCAL:
                    services.record_local_addition(created, reason=reason, user=user)
                result.created += 1
                continue
            before = services.item_elements(item)
            _update_item(item, parsed)
            if catalog.kind == CatalogKind.LOCAL:
                services.record_local_changes(item, before, reason=reason, user=user)
            result.updated += 1
    return result


def _update_item(item: CatalogItem, parsed: ParsedRow) -> None:
    rule = parse_time_limit(parsed.values["time_limit"])
    time_limit = {
        "time_limit_kind": rule.kind,
        "time_limit_days": rule.days,
        "time_limit_day_type": rule.day_type,
        "time_limit_event": rule.event,
        "publicity_days": rule.publicity_days,
        "publicity_day_type": rule.publicity_day_type,
        "time_limit_wording": parsed.values["time_limit"],
    }
    if item.time_limit_wording == parsed.values["time_limit"] or item.time_limit_display == parsed.values["time_limit"]:
        time_limit = {name: getattr(item, name) for name in services.TIME_LIMIT_FIELDS}
    services.apply_elements(
        item,
        {
            **{key: parsed.values[key] for key in ("sort_order", "level1", "level2", "level3", "content", "basis", "subject", "audience", "method", "layer")},
            "time_limit": time_limit,
            "channels": {"required": parsed.required_channels, "optional": parsed.optional_channels},
        },
    )
