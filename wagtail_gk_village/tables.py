"""The structured tables of a village notice and their rules.

A finance statement (收支明细) is a list of rows ``{date, item, income,
expense, balance, voucher}``; a beneficiary list is a list of rows keyed by
:class:`~wagtail_gk_village.models.ColumnKind`. Both are stored as JSON on the
page (amounts as strings with two decimals, so revisions compare exactly).
Validation reports every bad row with its number, so that a village member
can fix the sheet in one go; nothing is stored unless the whole table passes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .privacy import find_id_numbers, is_valid_id_number, mask_value

FINANCE_COLUMNS = ("date", "item", "income", "expense", "balance", "voucher")
TOTAL_LABELS = ("合计", "总计", "本期合计", "本月合计", "本季合计", "本年合计", "小计")
OPENING_LABELS = ("上期结余", "上月结余", "期初余额", "上年结转", "承前页", "上期结转")
CENT = Decimal("0.01")
MAX_ERRORS_SHOWN = 20


def finance_column_labels() -> dict[str, str]:
    return {
        "date": _("Date"),
        "item": _("Abstract"),
        "income": _("Income"),
        "expense": _("Expense"),
        "balance": _("Balance"),
        "voucher": _("Voucher no."),
    }


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number (the header is row 1), or the entry number
    column: str  # the column's label as the user sees it; "" for the whole row
    message: str

    def __str__(self):
        if self.column:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


class TableError(ValueError):
    """A table (or a spreadsheet) that cannot be accepted; ``errors`` names each row."""

    def __init__(self, errors: Sequence[RowError | str]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:3]))

    def messages(self) -> list[str]:
        shown = [str(error) for error in self.errors[:MAX_ERRORS_SHOWN]]
        if len(self.errors) > MAX_ERRORS_SHOWN:
            shown.append(_("…and %(count)d more errors not listed.") % {"count": len(self.errors) - MAX_ERRORS_SHOWN})
        return shown


def parse_amount(value) -> Decimal:
    """A money amount from a cell: numbers, or text such as ``1,234.50`` / ``￥300``.
    Raises ``ValueError`` for anything else (``一百元``, ``N/A``)."""
    if value is None or value == "":
        return Decimal("0.00")
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).quantize(CENT)
    text = str(value).strip().replace(",", "").replace("，", "").replace("￥", "").replace("¥", "")
    text = text.removesuffix("元").strip()
    if text in ("", "-", "—"):
        return Decimal("0.00")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if not amount.is_finite():
        raise ValueError(value)
    return amount.quantize(CENT)


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = text.replace("/", "-").replace(".", "-")
    try:
        return datetime.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError as exc:
        raise ValueError(value) from exc


def _is_label(text: str, labels: Iterable[str]) -> bool:
    compact = str(text or "").replace(" ", "").replace("　", "")
    return any(compact.startswith(label) for label in labels)


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _equals_count(value, expected: int) -> bool:
    """A 合计 cell of people: ``4``, ``4.0`` (how spreadsheets store numbers) or ``"4"``."""
    try:
        return Decimal(str(value).strip()) == expected
    except InvalidOperation:
        return False


def _scan_for_ids(errors: list, number: int, label: str, value) -> None:
    if isinstance(value, str) and find_id_numbers(value):
        errors.append(RowError(number, label, _("Contains an unmasked ID number; remove or mask it, then upload again.")))


def validate_finance_rows(raw_rows: Sequence[tuple[int, dict]]) -> list[dict]:
    """Check ``[(row_number, {column: cell})]`` and return the rows to store.

    Rules: a date and a summary on every row; amounts are numbers; each balance
    equals the previous balance plus income minus expense (the first row sets
    the opening balance); a 合计 row must equal the sum of the rows above it
    since the previous 合计; no ID numbers anywhere. Raises :class:`TableError`.
    """
    labels = finance_column_labels()
    errors: list[RowError] = []
    rows: list[dict] = []
    balance: Decimal | None = None
    running_income = running_expense = Decimal("0.00")
    for number, cells in raw_rows:
        for column in ("item", "voucher"):
            _scan_for_ids(errors, number, labels[column], cells.get(column))
        amounts = {}
        for column in ("income", "expense", "balance"):
            try:
                amounts[column] = parse_amount(cells.get(column))
            except ValueError:
                errors.append(
                    RowError(number, labels[column], _("“%(value)s” is not an amount; enter a number.") % {"value": cells.get(column)})
                )
        item = str(cells.get("item") or "").strip()
        if _is_label(item, TOTAL_LABELS):
            if len(amounts) == 3:
                for column, running in (("income", running_income), ("expense", running_expense)):
                    if amounts[column] != running:
                        errors.append(
                            RowError(
                                number,
                                labels[column],
                                _("The total should be %(expected)s; the table says %(given)s.")
                                % {"expected": _money(running), "given": _money(amounts[column])},
                            )
                        )
                if cells.get("balance") not in (None, "") and balance is not None and amounts["balance"] != balance:
                    errors.append(
                        RowError(
                            number,
                            labels["balance"],
                            _("The balance of the total row should be %(expected)s; the table says %(given)s.")
                            % {"expected": _money(balance), "given": _money(amounts["balance"])},
                        )
                    )
            running_income = running_expense = Decimal("0.00")
            continue
        try:
            day = parse_date(cells.get("date"))
        except ValueError:
            day = None
            if not _is_label(item, OPENING_LABELS):
                errors.append(RowError(number, labels["date"], _("“%(value)s” is not a date.") % {"value": cells.get("date") or ""}))
        if not item:
            errors.append(RowError(number, labels["item"], _("The description cannot be empty.")))
        if len(amounts) < 3:
            continue
        if amounts["income"] < 0 or amounts["expense"] < 0:
            errors.append(RowError(number, "", _("Income and expense cannot be negative; record an offset as an expense or income and explain it in the description.")))
        if cells.get("balance") in (None, ""):
            errors.append(RowError(number, labels["balance"], _("The balance cannot be empty.")))
        elif balance is not None:
            expected = balance + amounts["income"] - amounts["expense"]
            if amounts["balance"] != expected:
                errors.append(
                    RowError(
                        number,
                        labels["balance"],
                        _("The balance should be %(expected)s (previous balance %(previous)s + income − expense); the table says %(given)s.")
                        % {"expected": _money(expected), "previous": _money(balance), "given": _money(amounts["balance"])},
                    )
                )
        balance = amounts["balance"]
        running_income += amounts["income"]
        running_expense += amounts["expense"]
        rows.append(
            {
                "date": day.isoformat() if day else "",
                "item": item,
                "income": str(amounts["income"]),
                "expense": str(amounts["expense"]),
                "balance": str(amounts["balance"]),
                "voucher": str(cells.get("voucher") or "").strip(),
            }
        )
    if errors:
        raise TableError(errors)
    return rows


def finance_totals(rows: Sequence[dict]) -> dict[str, Decimal]:
    income = sum((Decimal(row["income"]) for row in rows), Decimal("0.00"))
    expense = sum((Decimal(row["expense"]) for row in rows), Decimal("0.00"))
    closing = Decimal(rows[-1]["balance"]) if rows else Decimal("0.00")
    return {"income": income, "expense": expense, "balance": closing}


def validate_beneficiary_rows(raw_rows: Sequence[tuple[int, dict]], column_rules: Sequence[tuple[str, str, bool]]) -> list[dict]:
    """Check a beneficiary list against its type's columns and return the rows
    as published: masked and with dropped columns removed.

    *column_rules* is ``[(kind, rule, required)]`` from the list type. A 合计 row
    is checked against the sum of amounts and household sizes above it and not
    stored. Raises :class:`TableError`.
    """
    from .models.categories import ColumnKind, PublicationRule

    kinds = {kind: (rule, required) for kind, rule, required in column_rules}
    labels = dict(ColumnKind.choices)
    errors: list[RowError] = []
    rows: list[dict] = []
    total_amount = Decimal("0.00")
    total_household = 0
    for number, cells in raw_rows:
        name = str(cells.get(ColumnKind.NAME) or "").strip()
        if _is_label(name, TOTAL_LABELS):
            if ColumnKind.AMOUNT in kinds and cells.get(ColumnKind.AMOUNT) not in (None, ""):
                try:
                    given = parse_amount(cells.get(ColumnKind.AMOUNT))
                except ValueError:
                    given = None
                if given != total_amount:
                    errors.append(
                        RowError(
                            number,
                            str(labels[ColumnKind.AMOUNT]),
                            _("The total should be %(expected)s; the table says %(given)s.")
                            % {"expected": _money(total_amount), "given": cells.get(ColumnKind.AMOUNT)},
                        )
                    )
            household = cells.get(ColumnKind.HOUSEHOLD_SIZE)
            if ColumnKind.HOUSEHOLD_SIZE in kinds and household not in (None, "") and not _equals_count(household, total_household):
                errors.append(
                    RowError(
                        number,
                        str(labels[ColumnKind.HOUSEHOLD_SIZE]),
                        _("The total should be %(expected)s people; the table says %(given)s.")
                        % {"expected": total_household, "given": cells.get(ColumnKind.HOUSEHOLD_SIZE)},
                    )
                )
            continue
        row: dict = {}
        for kind, (rule, required) in kinds.items():
            label = str(labels.get(kind, kind))
            if kind not in cells and not required:
                continue  # an optional column the sheet does not have: no empty cell is invented
            value = cells.get(kind)
            text = "" if value is None else str(value).strip()
            if required and not text:
                errors.append(RowError(number, label, _("Cannot be empty.")))
                continue
            if kind == ColumnKind.AMOUNT:
                try:
                    amount = parse_amount(value)
                except ValueError:
                    errors.append(RowError(number, label, _("“%(value)s” is not an amount; enter a number.") % {"value": text}))
                    continue
                if amount < 0:
                    errors.append(RowError(number, label, _("The amount cannot be negative.")))
                total_amount += amount
                text = str(amount)
            elif kind == ColumnKind.HOUSEHOLD_SIZE and text:
                try:
                    size = int(Decimal(text))
                    if size < 1 or Decimal(text) != size:
                        raise ValueError(text)
                except (InvalidOperation, ValueError):
                    errors.append(RowError(number, label, _("“%(value)s” is not a number of people; enter a positive whole number.") % {"value": text}))
                    continue
                total_household += size
                text = str(size)
            elif kind == ColumnKind.ID_NUMBER:
                if text and "*" not in text and not is_valid_id_number(text.upper()):
                    errors.append(RowError(number, label, _("“%(value)s” is not a valid ID number (the check digit does not match).") % {"value": mask_value(kind, text)}))
                    continue
                text = text.upper()
            else:
                _scan_for_ids(errors, number, label, text)
            if rule == PublicationRule.DROP:
                continue
            row[kind] = mask_value(kind, text) if rule == PublicationRule.MASK else text
        for kind, value in cells.items():
            if kind not in kinds and value not in (None, ""):
                errors.append(
                    RowError(number, str(labels.get(kind, kind)), _("This list type does not allow this column; remove the column, then upload again."))
                )
        rows.append(row)
    if errors:
        raise TableError(errors)
    return rows


def apply_publication_rule(rows: Sequence[dict], column_rules: Sequence[tuple[str, str, bool]]) -> list[dict]:
    """Mask and drop columns of already stored *rows* by the list type's rule
    (idempotent; used whenever a page is cleaned, whatever path wrote the rows)."""
    from .models.categories import PublicationRule

    rules = {kind: rule for kind, rule, _required in column_rules}
    published = []
    for row in rows:
        kept = {}
        for kind, value in row.items():
            rule = rules.get(kind)
            if rule is None or rule == PublicationRule.DROP:
                continue
            kept[kind] = mask_value(kind, value) if rule == PublicationRule.MASK else value
        published.append(kept)
    return published
