"""Benchmark of the compliance dashboard (公开合规看板) of the standard catalog.

    python bench/bench_catalog.py                         # temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/bench_catalog.py
    python bench/bench_catalog.py --items 300 --pages 10000   # a quick run

Creates a throw-away database (``bench_gk_catalog`` on the PostgreSQL server
of ``DATABASE_URL``, or a temporary SQLite file without it), migrates it and
builds two county catalogs:

- **baseline**: a small county, one item per domain (26 items) and 10 filed
  pages per item, so the fixed cost of the admin page (session, menu,
  templates) is known;
- **target**: a county with 26 domains, ``--items`` items (default 3,000) and
  ``--pages`` filed pages (default 100,000), published on time, late, still
  due, or missing a 必选 channel.

It then renders, as a logged-in superuser through Django's test client, the
government overview, the catalog's domain summary (the dashboard) and one
domain's item list, ``--repeat`` times each, and prints the median and p95 in
milliseconds, the query count, and the ratio of target to baseline.

Target (issue): the dashboard of the 3,000-item / 100,000-page county renders
in under 300 ms, with a number of queries that does not grow with the data.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time

from benchdb import setup_django


def build(agency, items_total, pages_total, label):
    """A local catalog of *agency* with *items_total* items over the 26
    domains and *pages_total* filed pages, written with bulk inserts."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from wagtail_gk_catalog.models import (
        Catalog,
        CatalogFiling,
        CatalogItem,
        CatalogItemChannel,
        CatalogKind,
        Channel,
        Domain,
    )

    domains = list(Domain.objects.order_by("sort_order"))
    catalog = Catalog.objects.create(name=f"{label}政务公开事项标准目录", kind=CatalogKind.LOCAL, agency=agency)
    CatalogItem.objects.bulk_create(
        CatalogItem(
            catalog=catalog, domain=domains[i % len(domains)], sort_order=i, level1=f"一级事项{i // 5}",
            level2=f"二级事项{i}", content="公开内容", subject="县级部门", time_limit_kind="working_days",
            time_limit_days=20,
        )
        for i in range(items_total)
    )
    item_ids = list(catalog.items.values_list("pk", flat=True))
    CatalogItemChannel.objects.bulk_create(
        [CatalogItemChannel(item_id=pk, channel=Channel.WEBSITE, required=True) for pk in item_ids]
        + [CatalogItemChannel(item_id=pk, channel=Channel.NOTICE_BOARD, required=True) for pk in item_ids[::3]]
    )
    # Pages as bulk rows under the root (treebeard paths computed here), not one add_child each.
    root = Page.get_first_root_node()
    start = root.numchild
    ctype = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    today = timezone.localdate()
    batch = 5000
    for offset in range(0, pages_total, batch):
        count = min(batch, pages_total - offset)
        pages = []
        for k in range(offset, offset + count):
            n = start + k + 1
            live = k % 10 != 0  # one in ten still a draft
            pages.append(
                Page(
                    path=Page._get_path(root.path, root.depth + 1, n), depth=root.depth + 1, numchild=0,
                    title=f"信息{label}{k}", draft_title=f"信息{label}{k}", slug=f"p-{label}-{k}", content_type=ctype,
                    locale=locale, live=live, url_path=f"/p-{label}-{k}/",
                    first_published_at=now if live else None,
                )
            )
        Page.objects.bulk_create(pages)
        first = Page.objects.get(path=pages[0].path).pk
        filings = []
        for k in range(count):
            i = offset + k
            event = today - datetime.timedelta(days=60 - i % 50)
            due = event + datetime.timedelta(days=28)
            live = i % 10 != 0
            filings.append(
                CatalogFiling(
                    page_id=first + k, item_id=item_ids[i % len(item_ids)], event_date=event, due_on=due,
                    published_on=(event + datetime.timedelta(days=5 + i % 40)) if live else None,
                    channels=["website"] + (["notice_board"] if i % 2 else []),
                )
            )
        # bulk_create skips save(): due_on and published_on are set above.
        CatalogFiling.objects.bulk_create(filings)
    root.numchild = start + pages_total
    root.save(update_fields=["numchild"])
    return catalog


def measure(client, url, repeat):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up (templates, caches)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        reset_queries()
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    times.sort()
    return {"median": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)], "queries": len(queries)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_django("catalog")

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from wagtail_gk.models import Agency, AgencyLevel

    region = Agency.objects.create(name="自治区", level=AgencyLevel.REGION)
    small_county = Agency.objects.create(name="基准县", level=AgencyLevel.COUNTY, parent=region)
    big_county = Agency.objects.create(name="目标县", level=AgencyLevel.COUNTY, parent=region)
    t0 = time.perf_counter()
    baseline = build(small_county, 26, 260, "基准")
    target = build(big_county, args.items, args.pages, "目标")
    if connection.vendor == "postgresql":
        # What autovacuum does on a live site after bulk loading: statistics and the visibility map.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"database: {connection.vendor}; built {args.items} items, {args.pages} filed pages "
          f"in {time.perf_counter() - t0:.1f} s")

    user = get_user_model().objects.create_superuser("bench", "bench@example.gov.cn", "x")
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    domain_id = target.items.values_list("domain_id", flat=True).first()
    views = [
        ("dashboard (domains)", lambda c: reverse("wagtail_gk_catalog_admin:compliance_catalog", args=[c.pk])),
        ("domain items", lambda c: reverse("wagtail_gk_catalog_admin:compliance_domain", args=[c.pk, domain_id])),
    ]
    print(f"{'view':22} {'baseline ms':>12} {'target ms':>10} {'p95 ms':>8} {'ratio':>6} {'queries b/t':>12}")
    for name, url_for in views:
        b = measure(client, url_for(baseline), args.repeat)
        t = measure(client, url_for(target), args.repeat)
        print(f"{name:22} {b['median']:12.1f} {t['median']:10.1f} {t['p95']:8.1f} {t['median'] / b['median']:6.2f} "
              f"{b['queries']:>5}/{t['queries']:<5}")
    overview = measure(client, reverse("wagtail_gk_catalog_admin:compliance"), args.repeat)
    print(f"{'overview (both)':22} {'':12} {overview['median']:10.1f} {overview['p95']:8.1f} {'':6} {overview['queries']:>12}")
    print("target: dashboard < 300 ms; query counts equal for baseline and target")


if __name__ == "__main__":
    main()
