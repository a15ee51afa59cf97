"""Benchmark of the spreadsheet reader (wagtail_gk.spreadsheets): refusing a
zip bomb, stopping at the row limit, and reading a legitimate catalog.

    python bench/bench_spreadsheets.py                   # defaults below
    python bench/bench_spreadsheets.py --bomb-mb 200 --old-bomb-mb 8   # a quick run

Each case is timed (median of ``--repeat`` runs) and its peak Python memory
measured in a separate run under tracemalloc, for the old way of reading
(what the importers did before the shared reader) and the new one:

- **zip bomb**: a catalog-shaped XLSX whose sheet XML unpacks to
  ``--bomb-mb`` MB (default 1,100, as in the report). New: refused from the
  zip directory. Old (the catalog importer's ``load_workbook`` without
  ``read_only``) is measured on a smaller bomb of ``--old-bomb-mb`` MB
  (default 16), since the full one takes minutes and gigabytes; the
  per-MB figures show how it scales.
- **50,000 rows** against a 20,000-row limit. Old (the village importer):
  read every row, then refuse. New: stop at the first row past the limit.
- **legitimate catalog** of ``--rows`` rows (default 3,000) with merged
  一级事项 cells. Old: ``load_workbook`` + fill the merges. New:
  ``read_workbook`` (read-only streaming, merges from the sheet XML); the
  full ``parse_workbook`` (reading and validating every row) is shown too.

Prints the load average, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
import tracemalloc

from benchdb import setup_django

HEADER = ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]


def catalog_row(n: int, level1) -> list:
    return [n, level1, f"二级事项{n}", f"第{n}项的公开内容：政策文件、办事指南、审批结果", "《社会救助暂行办法》",
            "信息形成或者变更之日起20个工作日内", "县级民政部门", "■政府网站\n□两微一端", "全社会", "主动", "县级"]


def legitimate_catalog(rows: int) -> bytes:
    """One sheet per domain layout: a title, the header, 一级事项 merged over groups of 5 rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "社会救助"
    sheet.append(["永宁县社会救助领域基层政务公开标准目录"])
    sheet.merge_cells("A1:K1")
    sheet.append(HEADER)
    for n in range(1, rows + 1):
        sheet.append(catalog_row(n, f"一级事项{(n - 1) // 5}" if (n - 1) % 5 == 0 else None))
        if (n - 1) % 5 == 4:
            sheet.merge_cells(f"B{n - 2}:B{n + 2}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def old_catalog_read(data: bytes) -> int:
    """The catalog importer's reading before the shared reader."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), data_only=True)
    count = 0
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = sheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                        rows[r - 1][c - 1] = value
        count += len(rows)
    return count


def old_village_read(data: bytes, max_rows: int) -> int:
    """The village importer's reading before the shared reader: every row, then the limit."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = [row for row in workbook.worksheets[0].iter_rows(values_only=True) if any(v is not None for v in row)]
    workbook.close()
    return len(rows) > max_rows + 1


def new_read(data: bytes, limits) -> str:
    from wagtail_gk.spreadsheets import SpreadsheetError, read_workbook

    try:
        return f"{sum(len(s.rows) for s in read_workbook(data, limits))} rows"
    except SpreadsheetError as exc:
        return f"refused: {exc.messages()[0][:60]}…"


def measure(label: str, function, repeat: int) -> tuple[float, float]:
    """(median seconds, peak MB) of *function*; the peak from one extra traced run."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 1048576
    tracemalloc.stop()
    median = statistics.median(times)
    print(f"  {label:<44} {median * 1000:9.1f} ms  peak {peak:8.1f} MB   ({result})")
    return median, peak


def ratio(old: tuple[float, float], new: tuple[float, float]) -> str:
    return f"time {old[0] / new[0]:.1f}× less, memory {old[1] / max(new[1], 0.01):.1f}× less"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bomb-mb", type=int, default=1100)
    parser.add_argument("--old-bomb-mb", type=int, default=16)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django("spreadsheets")
    from django.utils import translation

    from tests import spreadsheet_files as files
    from wagtail_gk.spreadsheets import Limits
    from wagtail_gk_catalog import importing

    translation.activate("en")
    limits = importing._limits()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"limits: {limits}")

    row = tuple(catalog_row(1, "最低生活保障"))
    started = time.perf_counter()
    bomb = files.zip_bomb(tuple(HEADER), row, args.bomb_mb)
    small = files.zip_bomb(tuple(HEADER), row, args.old_bomb_mb)
    print(f"\nZip bomb ({len(bomb) // 1024} KB unpacking to {args.bomb_mb} MB; built in {time.perf_counter() - started:.1f} s)")
    new = measure(f"new: refuse the {args.bomb_mb} MB bomb", lambda: new_read(bomb, limits), args.repeat)
    new_small = measure(f"new: refuse the {args.old_bomb_mb} MB bomb", lambda: new_read(small, Limits(10**8, 10**7, 20_000)), args.repeat)
    old_small = measure(f"old: load_workbook of the {args.old_bomb_mb} MB bomb", lambda: f"{old_catalog_read(small)} rows", 1)
    print(f"  old per unpacked MB: {old_small[0] * 1000 / args.old_bomb_mb:.0f} ms, {old_small[1] / args.old_bomb_mb:.0f} MB"
          f" → about {old_small[0] * args.bomb_mb / args.old_bomb_mb:.0f} s and"
          f" {old_small[1] * args.bomb_mb / args.old_bomb_mb / 1024:.1f} GB for the full bomb")
    print(f"  ratio old/new on the {args.old_bomb_mb} MB bomb: {ratio(old_small, new_small)}; new on the full bomb: {new[0] * 1000:.1f} ms")

    print("\n50,000 rows against the 20,000-row limit")
    many = files.many_rows(["日期", "摘要", "收入", "支出", "余额"], lambda n: ["2026-10-01", f"支付电费{n}", 0, 1, 100000 - n], 50_000)
    complete = _without_tail(many)
    old = measure("old: read all rows, then refuse", lambda: old_village_read(complete, 20_000), 1)
    new = measure("new: stop at the first row past the limit", lambda: new_read(many, Limits(10**8, 10**8, 20_000)), args.repeat)
    print(f"  ratio old/new: {ratio(old, new)}")

    print(f"\nLegitimate catalog ({args.rows} rows, merged 一级事项)")
    data = legitimate_catalog(args.rows)
    old = measure("old: load_workbook + fill merges", lambda: f"{old_catalog_read(data)} rows", args.repeat)
    new = measure("new: read_workbook (streamed, merges from XML)", lambda: new_read(data, limits), args.repeat)
    measure("new: parse_workbook (read and validate all)", lambda: f"{len(importing.parse_workbook(data).rows)} items", args.repeat)
    print(f"  ratio old/new (reading): {ratio(old, new)}")


def _without_tail(data: bytes) -> bytes:
    """The 50,000-row file with its deliberately broken tail cut, for the old reader that reads everything."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                part = part[: part.rindex(b'<row r="999999"')] + b"</sheetData></worksheet>"
            target.writestr(info.filename, part)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
