"""Benchmark of the policy library (政策库).

    python bench/bench_policy.py                       # SQLite, 10,000 policies
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python bench/bench_policy.py --n 100000        # PostgreSQL, 100,000 policies

Creates a throw-away test database, generates N policies from government
phrases, and measures:

- indexing throughput of the database backend (jieba segmentation + insert),
  against a plain bulk insert of the same rows without segmentation;
- search latency (p50/p95) of two-word Chinese queries with every facet
  counted, with and without selected facets, against a naive baseline in the
  same run: ``icontains`` on title and body for each word plus the same facet
  counts; and of the library page without words (every policy, all facets);
- a QR poster for one policy (target < 300 ms) against rendering its QR PNG
  alone, and a sheet of 100 (target < 10 s).

Figures are printed as absolute numbers and as ratios to the baselines,
with the load average (the machine may be shared).

``--reuse`` keeps the generated database (PostgreSQL ``test_gk_bench_policy``
or ``GK_BENCH_DB_NAME``; SQLite a file in the temporary directory) and uses
it again on the next run when it holds the same number of policies from the
same seed, skipping generation and the indexing measurement; ``--drop``
removes it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

PHRASES = [
    "财政预算公开", "部门预算", "三公经费", "集体土地征收", "征地补偿", "区片综合地价", "安置补助费", "被征地农民",
    "社会保障", "公共租赁住房", "保障性租赁住房", "租赁补贴", "农村危房改造", "住房安全", "低保户", "特困人员",
    "临时救助", "医疗救助", "防止返贫", "乡村振兴", "衔接资金", "耕地地力保护补贴", "农机购置补贴", "一卡通",
    "肉牛滩羊", "设施农业", "小微企业", "个体工商户", "创业担保贷款", "稳岗补贴", "营商环境", "减税降费",
    "易地搬迁", "后续扶持", "村集体经济", "公告公示", "监督检查", "审核确认", "申请条件", "补助标准",
]
FILLER = ["各乡镇人民政府", "县直各有关部门", "要加强组织领导", "明确责任分工", "按规定做好", "信息公开", "及时回应群众关切", "本办法自印发之日起施行"]
KINDS = ["notice", "opinion", "regulation", "public_notice", "decision", "reply"]
QUERIES = ["农村 补贴", "预算 公开", "征地 补偿", "低保 救助", "小微企业 贷款", "住房 补贴"]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, repeat):
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def make_documents(n, rng, topics, agencies):
    import datetime

    from wagtail_gk.policy.search.base import PolicyIndexDocument

    docs = []
    for i in range(n):
        words = rng.sample(PHRASES, 3)
        topic_root, topic = rng.choice(topics)
        release = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(16 * 365))
        body = "，".join(rng.sample(PHRASES, 6) + rng.sample(FILLER, 4)) + "。"
        docs.append(
            PolicyIndexDocument(
                page_id=0, title=f"永宁县关于{words[0]}和{words[1]}工作的通知（第{i}号）", url=f"/zck/p{i}/",
                document_number=f"永政发〔{release.year}〕{i % 300 + 1}号", summary=f"明确{words[2]}的{rng.choice(FILLER)}。",
                body=body, keywords=" ".join(words), agency_id=rng.choice(agencies), agency_name="永宁县某局",
                release_date=release, topic_id=topic, topic_root_id=topic_root, document_kind=rng.choice(KINDS),
                validity=rng.choices(["valid", "repealed", "expired", "amended"], [85, 7, 6, 2])[0],
                validity_changed_on=None, has_interpretation=rng.random() < 0.5,
            )
        )
    return docs


def make_pages(n):
    """Bare page rows (the index references pages); treebeard paths by hand."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from wagtail_gk.policy.models import PolicyDocumentPage

    root = Page.objects.get(depth=1)
    content_type = ContentType.objects.get_for_model(PolicyDocumentPage)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(i):
        out = ""
        for _ in range(4):
            i, r = divmod(i, 36)
            out = alphabet[r] + out
        return out

    pages = [
        Page(title=f"p{i}", slug=f"bench-p{i}", path=root.path + step(10000 + i), depth=2, numchild=0,
             content_type=content_type, locale_id=root.locale_id, live=True, url_path=f"/bench-p{i}/", draft_title=f"p{i}")
        for i in range(n)
    ]
    Page.objects.bulk_create(pages, batch_size=2000)
    return list(Page.objects.filter(slug__startswith="bench-p").order_by("pk").values_list("pk", flat=True))


def naive_search(request):
    """Baseline: icontains per word on title and body, then the same facet counts."""
    from django.db.models import Count, Q

    from wagtail_gk.policy.models import PolicySearchEntry
    from wagtail_gk.policy.search.fields import FILTER_FIELDS

    queryset = PolicySearchEntry.objects.filter(**{FILTER_FIELDS[k]: v for k, v in request.filters.items()})
    for word in request.tokens:
        queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word) | Q(summary__icontains=word))
    total = queryset.count()
    for field in FILTER_FIELDS.values():
        list(queryset.order_by().values_list(field).annotate(n=Count("id")))
    list(queryset.order_by("-release_date")[: request.page_size].values_list("title", flat=True))
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=None, help="policies (default 10,000 on SQLite, 100,000 on PostgreSQL)")
    parser.add_argument("--repeat", type=int, default=30, help="runs per query")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep the generated database and reuse it when it matches --n and --seed")
    parser.add_argument("--drop", action="store_true", help="drop a kept database and exit")
    parser.add_argument("--no-posters", action="store_true", help="skip the poster timings")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    n = args.n or (100_000 if connection.vendor == "postgresql" else 10_000)
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "postgresql":
        # Never clobber a test database someone else is using.
        test_settings["NAME"] = os.environ.get("GK_BENCH_DB_NAME", "test_gk_bench_policy")
    elif args.reuse or args.drop:
        test_settings["NAME"] = str(Path(tempfile.gettempdir()) / "gk-bench-policy.sqlite3")
    keep = args.reuse and not args.drop
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=keep or args.drop)
    try:
        if not args.drop:
            run(n, args, connection, reuse=args.reuse)
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def load_line():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def generated_marker(n, seed):
    return f"bench-policy n={n} seed={seed}"


def run(n, args, connection, reuse=False):
    from wagtail.models import Page

    from wagtail_gk.models import TopicCategory
    from wagtail_gk.policy.models import PolicySearchEntry
    from wagtail_gk.search.segmentation import index_tokens

    rng = random.Random(args.seed)
    topics = [(t.parent_id, t.pk) for t in TopicCategory.objects.filter(parent__isnull=False)]
    agencies = list(range(1, 41))
    print(f"database: {connection.vendor}, policies: {n:,}; {load_line()}")
    index_tokens("预热")  # load the segmenter outside the measurements

    # The root page's draft title records what a kept database was generated with.
    root = Page.objects.get(depth=1)
    marker = generated_marker(n, args.seed)
    if reuse and root.draft_title == marker and PolicySearchEntry.objects.count() == n:
        print("indexing: skipped (reusing the kept database)")
    else:
        generate(n, args, connection, rng, topics, agencies)
        Page.objects.filter(pk=root.pk).update(draft_title=marker)
    measure(args, connection, topics)


def generate(n, args, connection, rng, topics, agencies):
    from wagtail.models import Page

    from wagtail_gk.policy.models import PolicySearchEntry
    from wagtail_gk.policy.search.database import DatabaseSearchBackend

    PolicySearchEntry.objects.all().delete()
    Page.objects.filter(slug__startswith="bench-p").delete()
    page_ids = make_pages(n)
    docs = make_documents(n, rng, topics, agencies)
    for doc, pk in zip(docs, page_ids, strict=True):
        doc.page_id = pk

    backend = DatabaseSearchBackend()
    # Baseline for indexing: the same rows inserted without segmentation.
    sample = docs[: min(n, 5000)]
    start = time.perf_counter()
    PolicySearchEntry.objects.bulk_create(
        [PolicySearchEntry(page_id=d.page_id, title=d.title, body=d.body, summary=d.summary, year=d.year) for d in sample], batch_size=500
    )
    plain_rate = len(sample) / (time.perf_counter() - start)
    PolicySearchEntry.objects.all().delete()

    start = time.perf_counter()
    backend.index(docs)
    elapsed = time.perf_counter() - start
    rate = n / elapsed
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: statistics, and the visibility
        # map (index-only scans, no per-row visibility checks).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"indexing: {rate:,.0f} docs/s ({elapsed:.1f} s for {n:,}); plain insert without segmentation {plain_rate:,.0f} docs/s "
          f"(segmented indexing costs {plain_rate / rate:.1f}x)")


def measure(args, connection, topics):
    from wagtail_gk.policy.search import parse_request, run_search
    from wagtail_gk.policy.search.database import DatabaseSearchBackend

    backend = DatabaseSearchBackend()

    topic_root = topics[0][0]
    cases = [
        ("two words, all facets counted", {}, QUERIES),
        ("two words + topic and year selected", {"topic": str(topic_root), "year": "2020"}, QUERIES),
        ("no words: the whole library, all facets counted", {}, [""]),
    ]
    for label, extra, queries in cases:
        ours, naive, totals = [], [], []
        for query in queries:
            request, _notices, _ok = parse_request({"q": query, **extra})
            results = run_search(request, backend=backend)
            totals.append(results.total)
            ours += timed(lambda request=request: run_search(request, backend=backend), args.repeat)
            naive += timed(lambda request=request: naive_search(request), max(3, args.repeat // 5))
        p50, p95 = percentile(ours, 50), percentile(ours, 95)
        b50, b95 = percentile(naive, 50), percentile(naive, 95)
        print(f"search ({label}): p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 < 100 ms); "
              f"naive icontains baseline p50 {b50:.1f} ms, p95 {b95:.1f} ms; p95 speed-up {b95 / p95:.1f}x; "
              f"median hits {int(statistics.median(totals)):,}; {load_line()}")
    if args.no_posters:
        return

    from wagtail_gk.posters import PosterEntry, render_poster_pdf
    from wagtail_gk.qr import qr_png

    def entry(i):
        return PosterEntry(title=f"永宁县集体土地征收补偿安置办法（第{i}号）", lines=["发文机关：永宁县人民政府", "发布日期：2026-03-01"],
                           url=f"https://www.yn.gov.cn/q/c{i:05d}/")

    render_poster_pdf([entry(0)])  # fonts loaded once per process
    single = timed(lambda: render_poster_pdf([entry(1)], paper="A4"), 10)
    qr_only = timed(lambda: qr_png(entry(1).url), 10)
    sheet = timed(lambda: render_poster_pdf([entry(i) for i in range(100)], paper="A4", per_page=12), 2)
    print(f"poster, one policy: median {statistics.median(single):.0f} ms (target < 300 ms); QR PNG alone {statistics.median(qr_only):.0f} ms "
          f"(poster = {statistics.median(single) / statistics.median(qr_only):.1f}x)")
    print(f"poster sheet of 100 (12 a page): {max(sheet) / 1000:.2f} s worst of 2 (target < 10 s); "
          f"{max(sheet) / statistics.median(single) / 100:.2f}x the single-poster time per entry")


if __name__ == "__main__":
    main()
