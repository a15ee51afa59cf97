"""Benchmark of village affairs: the township's schedule overview and the
finance spreadsheet import.

    python bench/bench_village.py                       # temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/bench_village.py
    python bench/bench_village.py --villages 50 --rows 1000   # a quick run

Creates a throw-away database (``bench_gk_village`` on the PostgreSQL server
of ``DATABASE_URL``, or a temporary SQLite file), migrates it, adds four
categories to the eight seeded ones (12 in all) and builds two townships:

- **baseline**: 5 villages, so the fixed cost of the admin page (session,
  menu, templates) and of the calendar is known;
- **target**: ``--villages`` villages (default 200), each with
  ``--notices`` published notices (default 3) across categories.

It renders the overview screen as the township's reviewer through Django's
test client ``--repeat`` times each and prints the median and p95 in ms, the
query count and the target/baseline ratio. Then it imports a finance
statement of ``--rows`` rows (default 5,000) and compares it with the bare
openpyxl read of the same file (the baseline).

Targets (issue): the overview of 200 villages × 12 categories renders in
under 300 ms with a constant number of queries; a 5,000-row finance
spreadsheet imports in under 5 s.
"""

from __future__ import annotations

import argparse
import datetime
import io
import statistics
import time

from benchdb import setup_django


def build_township(name: str, code: str, villages: int, notices_per_village: int, county):
    from wagtail_gk.models import Agency, AgencyLevel
    from wagtail_gk_village.models import (
        NoticeCategory,
        TownshipPage,
        VillageNoticePage,
        VillagePage,
    )

    township = Agency.objects.create(name=f"{name}人民政府", short_name=name, level=AgencyLevel.TOWNSHIP, code=code, parent=county)
    root = county_root()
    township_page = root.add_child(instance=TownshipPage(title=f"{name}村务公开", slug=f"t-{code}", agency=township))
    categories = list(NoticeCategory.objects.exclude(frequency="immediate"))
    today = datetime.date.today()
    for number in range(villages):
        village = Agency.objects.create(
            name=f"{name}第{number + 1}村村民委员会", short_name=f"第{number + 1}村", level=AgencyLevel.VILLAGE,
            code=f"{code}{number:03d}", parent=township,
        )
        page = township_page.add_child(instance=VillagePage(title=village.short_name, slug=f"v{number}", agency=village))
        for index in range(notices_per_village):
            category = categories[(number + index) % len(categories)]
            month = (today.replace(day=1) - datetime.timedelta(days=1 + 31 * index))
            kind = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}[category.frequency]
            numbers = {"month": month.month, "quarter": (month.month - 1) // 3 + 1, "year": None}
            page.add_child(instance=VillageNoticePage(
                title=f"公开{index}", slug=f"n{index}", category=category, period_kind=kind, period_year=month.year,
                period_number=numbers[kind], body="公开内容", live=True,
                first_published_at=datetime.datetime.combine(month, datetime.time(10), tzinfo=datetime.UTC),
            ))
    return township


def county_root():
    from wagtail.models import Page

    return Page.get_first_root_node().get_children().first()


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (calendar, templates)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1] if len(times) > 1 else times[0], len(queries)


def finance_workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["日期", "摘要", "收入（元）", "支出（元）", "余额（元）", "凭证号"])
    balance = 100000.0
    sheet.append(["2026-01-01", "上期结余", 0, 0, balance, ""])
    for number in range(rows - 1):
        income, expense = (1200.0, 0) if number % 3 == 0 else (0, 350.5)
        balance = round(balance + income - expense, 2)
        sheet.append([f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}", f"第{number}笔收支", income, expense, balance, f"记-{number}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=200)
    parser.add_argument("--notices", type=int, default=3)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_django("village")

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from wagtail_gk.models import Agency, AgencyLevel
    from wagtail_gk_village.imports import import_finance_statement
    from wagtail_gk_village.models import NoticeCategory

    for code, name in (("extra1", "土地承包"), ("extra2", "计划生育"), ("extra3", "宅基地审批"), ("extra4", "集体资产")):
        NoticeCategory.objects.create(code=code, name=name, frequency="quarterly", sort_order=100)
    print(f"categories: {NoticeCategory.objects.filter(active=True).count()}")
    county = Agency.objects.create(name="基准县人民政府", level=AgencyLevel.COUNTY, code="640000")
    started = time.perf_counter()
    baseline = build_township("基准镇", "640001", 5, args.notices, county)
    target = build_township("目标镇", "640002", args.villages, args.notices, county)
    print(f"built {5 + args.villages} villages in {time.perf_counter() - started:.1f} s")
    user = get_user_model().objects.create_superuser("bench", "bench@example.com", "bench")
    client = Client()
    client.force_login(user)

    base = measure(client, reverse("wagtail_gk_village_admin:overview", args=[baseline.pk]), args.repeat)
    big = measure(client, reverse("wagtail_gk_village_admin:overview", args=[target.pk]), args.repeat)
    print("\nSchedule overview (admin screen, rendered)")
    print(f"  baseline   5 villages × 12 categories: median {base[0]:7.1f} ms  p95 {base[1]:7.1f} ms  queries {base[2]}")
    print(f"  target   {args.villages:3d} villages × 12 categories: median {big[0]:7.1f} ms  p95 {big[1]:7.1f} ms  queries {big[2]}")
    print(f"  ratio target/baseline: {big[0] / base[0]:.2f}×   queries {big[2]} vs {base[2]} (target < 300 ms, constant queries)")

    data = finance_workbook(args.rows)
    from openpyxl import load_workbook

    def read_only():
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))

    def timed(fn, times=3):
        fn()  # warm up (imports, caches)
        runs = []
        for _ in range(times):
            start = time.perf_counter()
            result = fn()
            runs.append(time.perf_counter() - start)
        return statistics.median(runs), result

    raw, read_rows = timed(read_only)
    imported, rows = timed(lambda: import_finance_statement(data))
    assert len(rows) == args.rows, len(rows)
    print(f"\nFinance spreadsheet import ({args.rows} rows, {len(data) // 1024} KB)")
    print(f"  baseline openpyxl read of {read_rows} rows: {raw * 1000:7.1f} ms")
    print(f"  import (read, check balances, scan for ID numbers): {imported * 1000:7.1f} ms")
    print(f"  ratio import/baseline: {imported / raw:.2f}×   (target < 5 s; medians of 3 after a warm-up)")


if __name__ == "__main__":
    main()
