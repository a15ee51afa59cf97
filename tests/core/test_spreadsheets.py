"""The one spreadsheet reader: zip bombs refused from the zip directory,
reading stopped at the row limit, merges and formulas without a saved result
named by cell, whole numbers parsed strictly."""

import io
import time
import zipfile

import pytest
from django.utils import translation

from tests import spreadsheet_files as files
from wagtail_gk import spreadsheets
from wagtail_gk.spreadsheets import (
    Limits,
    SpreadsheetError,
    apply_merges,
    parse_whole_number,
    read_workbook,
)

LIMITS = Limits(max_bytes=10 * 1024 * 1024, max_unpacked_bytes=100 * 1024 * 1024, max_rows=20_000)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _messages(data, limits=LIMITS):
    with pytest.raises(SpreadsheetError) as caught:
        read_workbook(data, limits)
    return caught.value.messages()


def test_zip_bomb_is_refused_from_the_directory_without_unpacking(monkeypatch):
    bomb = files.zip_bomb(("一级事项", "公开内容"), ("最低生活保障", "x" * 40))
    assert len(bomb) < 1024 * 1024
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: opened.append(args) or pytest.fail("a part was unpacked"))
    start = time.perf_counter()
    messages = _messages(bomb)
    assert time.perf_counter() - start < 0.5
    assert messages == ["The file is not an ordinary spreadsheet: its contents unpack to 160.1 MB, more than the 100 MB allowed. Nothing was imported."]
    assert not opened


def test_a_part_packed_past_the_ratio_is_refused_below_the_total():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (5 * 1024 * 1024))
    messages = _messages(buffer.getvalue())
    assert len(messages) == 1 and "“xl/sharedStrings.xml” is compressed" in messages[0]


def test_reading_stops_at_the_row_limit():
    # 30,000 rows, then a broken tail: a reader that read on would report a broken file.
    data = files.many_rows(["a", "b"], lambda n: [n, "x"], 30_000)
    assert _messages(data) == ["The file has more than 20000 rows; split it and import the parts. Nothing was imported."]
    with pytest.raises(SpreadsheetError) as caught:
        read_workbook(files.many_rows(["a", "b"], lambda n: [n, "x"], 300), LIMITS)
    assert "not a valid XLSX file" in str(caught.value)


def test_a_sheet_without_dimension_is_streamed_not_parsed_whole():
    # openpyxl would parse the whole sheet at open time looking for <dimension>;
    # the broken tail would then fail the open instead of the row limit.
    data = files.many_rows(["a"], lambda n: [n], 200)
    assert _messages(data, Limits(10**7, 10**8, max_rows=50, allowance=0)) == [
        "The file has more than 50 rows; split it and import the parts. Nothing was imported."
    ]


def test_formula_without_saved_result_is_named_by_cell():
    data = files.xlsx([("表", [["a", "b", "c"], [1, 2, ("=", "A2+B2")]], [])])
    assert _messages(data) == [
        "Sheet “表”, cell C2: The cell holds a formula with no saved result. Open the file in Excel or WPS and save it, or paste the values instead of the formulas."
    ]


def test_formula_with_saved_result_reads_its_value():
    part = files.SHEET_HEAD + '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>""</f><v></v></c></row></sheetData></worksheet>'
    data = files.xlsx([("S", [], [])], sheet_parts={0: lambda archive, name: archive.writestr(name, part)})
    assert read_workbook(data, LIMITS)[0].rows == [(1, [2])]


def test_merges_are_read_and_applied_by_the_callers_rule():
    rows = [["title"], ["组", "姓名", "金额"], ["一组", "张三", 100], [None, "李四", 200], [None, "王五", None]]
    data = files.xlsx([("S", rows, ["A1:C1", "A3:A4", "C4:C5"])])
    sheet = read_workbook(data, LIMITS)[0]
    assert [m.ref for m in sheet.merges] == ["A1:C1", "A3:A4", "C4:C5"]
    problems = apply_merges(sheet, header_row=2, repeat_columns=[1])
    assert [str(p) for p in problems] == ["Sheet “S”, cell C4: Cells C4:C5 are merged; unmerge them and fill in each row."]
    assert sheet.rows[0][1] == ["title", "title", "title"] and sheet.rows[3][1][0] == "一组"


def test_wide_rows_are_cut_and_a_value_just_past_the_limit_is_refused():
    wide = files.xlsx([("S", [["a"] + [None] * 10 + ["far"]], [])])
    messages = _messages(wide, Limits(10**7, 10**8, 100, max_columns=11))
    assert messages == ["Sheet “S”, cell L1: The sheet has data beyond column K; at most 11 columns are read. Nothing was imported."]


@pytest.mark.parametrize("value, expected", [(7, 7), (7.0, 7), ("12", 12), (" 3 ", 3), ("１２", 12)])
def test_whole_numbers(value, expected):
    assert parse_whole_number(value, maximum=1000) == expected


@pytest.mark.parametrize("value", ["①", "一", "3.5", 3.5, "1e5", "-1", "99999999999999999999", 10**20, True, "١٢"])
def test_not_whole_numbers_or_out_of_range(value):
    with pytest.raises(ValueError) as caught:
        parse_whole_number(value, maximum=2147483647)
    assert str(caught.value)


def test_column_letters():
    assert [spreadsheets.column_letter(n) for n in (1, 26, 27, 52, 16384)] == ["A", "Z", "AA", "AZ", "XFD"]
