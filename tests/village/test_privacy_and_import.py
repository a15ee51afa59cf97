"""Masking rules and spreadsheet import: good sheets and every kind of bad one."""

import pytest

from wagtail_gk_village.imports import import_beneficiary_list, import_finance_statement
from wagtail_gk_village.privacy import (
    find_id_numbers,
    is_valid_id_number,
    mask_bank_account,
    mask_id_number,
    mask_phone,
)
from wagtail_gk_village.tables import TableError

from .conftest import VALID_ID, finance_sheet, make_xlsx


def test_id_number_check_digit_and_masking():
    assert is_valid_id_number(VALID_ID)
    assert not is_valid_id_number("110105194912310021")  # wrong check digit
    assert find_id_numbers(f"户主身份证{VALID_ID}，电话") == [VALID_ID]
    assert find_id_numbers("订单号 110105194912310021") == []
    assert mask_id_number("640102199001011234") == "640102********1234"
    assert mask_id_number("640102********1234") == "640102********1234"  # idempotent


def test_bank_and_phone_masking():
    assert mask_bank_account("6222 0212 3456 7890 123") == "6222***********0123"
    assert mask_phone("13812345678") == "138****5678"


def test_finance_statement_imports_with_title_row_and_aliases():
    rows = import_finance_statement(finance_sheet([["", "本月合计", 5000, 350.5, 5649.5, ""]]))
    assert [r["item"] for r in rows] == ["上期结余", "收到村级运转经费", "支付路灯电费"]
    assert rows[2] == {"date": "2026-10-12", "item": "支付路灯电费", "income": "0.00", "expense": "350.50", "balance": "5649.50", "voucher": "记-02"}


def _errors(callable_, *args):
    with pytest.raises(TableError) as info:
        callable_(*args)
    return "\n".join(info.value.messages())


def test_wrong_columns_are_named():
    sheet = make_xlsx([["日期", "摘要", "收入", "付款人", "余额"], ["2026-10-01", "x", 1, "某人", 1]])
    message = _errors(import_finance_statement, sheet)
    assert "第 1 行“付款人”列：无法识别的列名" in message
    assert "缺少必需的列：支出" in message


def test_text_in_amount_column_names_the_row():
    sheet = finance_sheet([["2026-10-15", "支付材料费", 0, "一百元", 5549.5, "记-03"]])
    message = _errors(import_finance_statement, sheet)
    assert "第 6 行“支出”列：“一百元”不是金额" in message


def test_balance_that_does_not_add_up_names_the_row():
    sheet = finance_sheet([["2026-10-15", "支付材料费", 0, 100, 5600, "记-03"]])
    message = _errors(import_finance_statement, sheet)
    assert "第 6 行“余额”列：余额应为 5,549.50" in message


def test_totals_row_that_does_not_add_up():
    sheet = finance_sheet([["", "合计", 5000, 300, 5649.5, ""]])
    message = _errors(import_finance_statement, sheet)
    assert "第 6 行“支出”列：合计应为 350.50，表中为 300.00" in message


def test_unmasked_id_number_in_a_finance_row():
    sheet = finance_sheet([["2026-10-15", f"退还{VALID_ID}押金", 0, 100, 5549.5, "记-03"]])
    message = _errors(import_finance_statement, sheet)
    assert "第 6 行“摘要”列：含有未遮盖的身份证号" in message


def test_not_an_xlsx_file():
    assert "不是有效的 XLSX 文件" in _errors(import_finance_statement, b"plain text, not a workbook")
    assert "另存为" in _errors(import_finance_statement, b"\xd0\xcf\x11\xe0" + b"0" * 100)


def test_header_not_found():
    assert "没有找到表头" in _errors(import_finance_statement, make_xlsx([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]))


@pytest.mark.django_db
def test_beneficiary_list_is_masked_and_dropped_by_the_list_type_rule(categories):
    sheet = make_xlsx([
        ["序号", "姓名", "村民小组", "家庭人口", "保障金额", "身份证号码", "家庭住址"],
        [1, "张桂兰", "一组", 3, "1,080", VALID_ID, "红星村一组18号"],
        [2, "李德福", "二组", 1, 420, "", "红星村二组3号"],
        ["", "合计", "", 4, 1500, "", ""],
    ])
    rows = import_beneficiary_list(sheet, categories["list_dibao"])
    assert rows[0] == {"name": "张桂兰", "group": "一组", "household_size": "3", "amount": "1080.00", "id_number": "110105********002X"}
    assert all("address" not in row for row in rows)


@pytest.mark.django_db
def test_beneficiary_list_errors_name_rows(categories):
    sheet = make_xlsx([
        ["姓名", "家庭人口", "金额", "身份证号", "银行卡号"],
        ["张桂兰", "三", 100, VALID_ID, ""],
        ["李德福", 2, "N/A", "110105194912310021", ""],
        [f"王五{VALID_ID}", 1, 10, "", ""],
        ["", "", "", "", ""],
        ["合计", 3, 999, "", ""],
    ])
    message = _errors(import_beneficiary_list, sheet, categories["list_dibao"])
    assert "第 2 行“家庭人口”列：“三”不是人数" in message
    assert "第 3 行“金额（元）”列：“N/A”不是金额" in message
    assert "第 3 行“身份证号”列" in message and "校验位不符" in message
    assert "110105194912310021" not in message  # the message itself does not leak the number
    assert "第 4 行“姓名”列：含有未遮盖的身份证号" in message
    assert "第 2 行“银行账号”列：该名单类型不允许此列" not in message  # empty cells are fine
    assert "第 6 行“金额（元）”列：合计应为" in message


@pytest.mark.django_db
def test_beneficiary_list_rejects_columns_the_type_does_not_allow(categories):
    sheet = make_xlsx([["姓名", "家庭人口", "金额", "银行卡号"], ["张桂兰", 3, 100, "6222021234567890123"]])
    message = _errors(import_beneficiary_list, sheet, categories["list_dibao"])
    assert "第 2 行“银行账号”列：该名单类型不允许此列" in message


@pytest.mark.django_db
def test_list_type_rule_cannot_publish_sensitive_columns_in_full(categories):
    from django.core.exceptions import ValidationError

    column = categories["list_dibao"].columns.get(kind="id_number")
    column.rule = "show"
    with pytest.raises(ValidationError):
        column.full_clean()


@pytest.mark.django_db
def test_beneficiary_totals_accept_spreadsheet_numbers_and_catch_wrong_ones(categories):
    rows = [["姓名", "家庭人口", "金额"], ["张桂兰", 3, 100], ["李德福", 1, 50.5]]
    assert len(import_beneficiary_list(make_xlsx(rows + [["合计", 4.0, 150.5]]), categories["list_dibao"])) == 2
    message = _errors(import_beneficiary_list, make_xlsx(rows + [["合计", 5, 150.5]]), categories["list_dibao"])
    assert "第 4 行“家庭人口”列：合计应为 4 人，表中为 5。" in message
