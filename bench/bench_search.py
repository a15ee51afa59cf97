"""Wagtail's stock database search backend against the Chinese backend
(``wagtail_gk.search.backends.database``), on the same corpus in the same run.

    python bench/bench_search.py                     # SQLite, 2,000 pages
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python bench/bench_search.py --n 20000        # PostgreSQL

Creates a throw-away database, generates N live pages whose titles are made
of government phrases and 文号 (the corpus of :func:`make_titles`, reusable
by other benchmarks), and for each backend measures:

- index build time (``reset_indexes`` then ``add_bulk`` in chunks of 1,000,
  as ``update_index`` does), then ``ANALYZE`` on PostgreSQL (autovacuum's
  statistics, which a site has soon after a rebuild);
- for each query, recall and precision of the full result set against a
  substring scan of the titles (every whitespace-separated term must occur),
  and the latency (p50/p95) of the first page of 20 by relevance plus its
  count, as the admin's page search asks;
- the cost of indexing one saved page (``backend.add``) with 200 and with N
  pages in the index: the per-publish cost, which should not grow with N.

Both backends use Wagtail's one index table, so they are measured one after
the other. The load average is printed (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_policy import FILLER, PHRASES, percentile  # noqa: E402
from benchdb import setup_django  # noqa: E402

QUERIES = [
    "预算", "补贴", "低保", "危房改造", "征地 补偿", "宁政办发〔2020〕15号", "救助", "乡村振兴", "住房",
    "租赁补贴", "小微企业", "创业担保贷款", "易地搬迁", "公示", "社会保障", "耕地地力保护补贴", "营商环境",
    "三公经费", "衔接资金", "特困人员", "审核确认", "农机购置补贴", "spring",
]
AGENCY_CODES = ["宁政办发", "宁政发", "永政办发", "永财发", "永住建发"]


def make_titles(n: int, seed: int = 17) -> list[str]:
    """N page titles: two phrases, filler and a 文号; a few in English."""
    rng = random.Random(seed)
    titles = []
    for i in range(n):
        if i % 50 == 0:
            titles.append(f"Spring report on county budgets no. {i}")
            continue
        first, second = rng.sample(PHRASES, 2)
        number = f"{rng.choice(AGENCY_CODES)}〔{2015 + i % 11}〕{i % 40 + 1}号"
        titles.append(f"永宁县关于{first}和{second}工作{rng.choice(FILLER)}的通知（{number}）")
    return titles


def make_pages(titles: list[str]):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    root = Page.objects.get(depth=1)
    content_type = ContentType.objects.get_for_model(Page)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(i):
        out = ""
        for _ in range(4):
            i, r = divmod(i, 36)
            out = alphabet[r] + out
        return out

    pages = [
        Page(title=title, slug=f"bench-s{i}", path=root.path + step(10000 + i), depth=2, numchild=0, content_type=content_type,
             locale_id=root.locale_id, live=True, url_path=f"/bench-s{i}/", draft_title=title)
        for i, title in enumerate(titles)
    ]
    Page.objects.bulk_create(pages, batch_size=2000)
    return list(Page.objects.filter(slug__startswith="bench-s").order_by("pk"))


def truth(titles_by_id: dict[int, str], query: str) -> set[int]:
    terms = query.lower().split()
    return {pk for pk, title in titles_by_id.items() if all(term in title.lower() for term in terms)}


def build(backend, pages) -> float:
    from wagtail.models import Page

    backend.reset_indexes()
    start = time.perf_counter()
    for i in range(0, len(pages), 1000):
        backend.add_bulk(Page, pages[i : i + 1000])
    seconds = time.perf_counter() - start
    analyze()
    return seconds


def analyze():
    """Table statistics, as autovacuum gathers them on a site within a minute
    of a rebuild; without them PostgreSQL plans for a handful of rows."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def add_cost(backend, pages, repeat=30) -> float:
    """Median ms of indexing one saved page (after one unmeasured save)."""
    backend.add(pages[-1])
    times = []
    for page in pages[:repeat]:
        start = time.perf_counter()
        backend.add(page)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(name, pages, titles_by_id, repeat):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("bench_" + name)
    # Per-save cost at a small index first.
    backend.reset_indexes()
    backend.add_bulk(Page, pages[:200])
    small_add = add_cost(backend, pages[200:])
    build_seconds = build(backend, pages)
    large_add = add_cost(backend, pages[200:])
    rows = []
    for query in QUERIES:
        expected = truth(titles_by_id, query)
        error = ""
        try:
            found = {page.pk for page in backend.search(query, Page.objects.all(), order_by_relevance=False)}
        except Exception as exc:  # noqa: BLE001 - the stock backend's failures are a result here
            found, error = set(), type(exc).__name__
        recall = len(found & expected) / len(expected) if expected else 1.0
        precision = len(found & expected) / len(found) if found else (1.0 if not expected else 0.0)
        latencies = []
        for _ in range(repeat):
            start = time.perf_counter()
            try:
                results = backend.search(query, Page.objects.all())
                list(results[:20])
                results.count()
            except Exception:  # noqa: BLE001, S110 - recorded above
                pass
            latencies.append((time.perf_counter() - start) * 1000)
        rows.append((query, len(expected), len(found), recall, precision, percentile(latencies, 50), percentile(latencies, 95), error))
    return {"build": build_seconds, "small_add": small_add, "large_add": large_add, "rows": rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", default="search", help="name of the throw-away database: bench_gk_<db>")
    args = parser.parse_args()
    setup_django(args.db)
    from django.conf import settings
    from django.db import connection

    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "bench_stock": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
        "bench_chinese": {"BACKEND": "wagtail_gk.search.backends.database", "AUTO_UPDATE": False},
    }
    titles = make_titles(args.n)
    pages = make_pages(titles)
    titles_by_id = {page.pk: page.title for page in pages}
    print(f"{connection.vendor}, {args.n:,} pages, {len(QUERIES)} queries, load average {os.getloadavg()[0]:.2f} at start")
    results = {name: measure(name, pages, titles_by_id, args.repeat) for name in ("stock", "chinese")}
    print(f"\n{'query':<22} {'truth':>6} | {'stock found':>11} {'recall':>6} {'prec':>5} {'p50':>6} {'p95':>6} | "
          f"{'gk found':>8} {'recall':>6} {'prec':>5} {'p50':>6} {'p95':>6}")
    for stock, chinese in zip(results["stock"]["rows"], results["chinese"]["rows"], strict=True):
        query, expected = stock[0], stock[1]
        cells = []
        for row in (stock, chinese):
            _q, _e, found, recall, precision, p50, p95, error = row
            cells.append(f"{found:>8} {recall:6.3f} {precision:5.3f} {p50:6.1f} {p95:6.1f}" + (f" {error}" if error else ""))
        print(f"{query:<22} {expected:>6} | {cells[0]:>31} | {cells[1]}")
    for name, result in results.items():
        rows = result["rows"]
        print(
            f"\n{name}: mean recall {statistics.mean(r[3] for r in rows):.3f}, min recall {min(r[3] for r in rows):.3f}, "
            f"mean precision {statistics.mean(r[4] for r in rows):.3f}, queries with nothing found {sum(1 for r in rows if r[1] and not r[2])}, "
            f"p50 {statistics.median(r[5] for r in rows):.1f} ms, p95 {percentile([r[6] for r in rows], 95):.1f} ms, "
            f"index build {result['build']:.2f} s, one save {result['small_add']:.1f} ms at 200 pages / {result['large_add']:.1f} ms at {args.n:,}"
        )
    print(f"\nbuild ratio chinese/stock {results['chinese']['build'] / results['stock']['build']:.2f}; load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
