"""CPU per letter submitted through the public mailbox page, in process.

    python bench/bench_interaction.py --total 300
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/bench_interaction.py

Creates a throw-away database (``bench_gk_interaction``, see benchdb.py),
adds the demo base and a mailbox page, then submits ``--total`` letters as a
writer's browser does, with every protection on (CSRF aside: the test client
does not enforce it): GET the form, answer the arithmetic question, POST the
letter, read the receipt. Each writer has its own client address, so the rate
limit counts but does not refuse. Reports the process CPU time per submission
(the three requests together) and the wall-clock p50/p99, and checks that the
database holds exactly one letter per receipt with unique tracking numbers.

This measures the application's own cost on one core (the server, the load
generator and the database are the same process for SQLite); the HTTP load
test at 100/s behind gunicorn is bench_foia.py's method and is not repeated
here.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

from benchdb import setup_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=300)
    args = parser.parse_args()
    setup_django("interaction")

    from django.test import Client

    from example_site.home.demo import build_base
    from tests.foia.captcha import solve
    from wagtail_gk_interaction.models import Letter, MailboxPage

    base = build_base()
    page = MailboxPage(title="咨询投诉", slug="bench-zxts", agency=base.agencies["county"], kinds=[])
    base.home.add_child(instance=page)
    page.save_revision().publish()
    url = page.url

    def submit(i: int) -> str:
        client = Client(REMOTE_ADDR=f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}")
        html = client.get(url).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
        question = re.search(r'class="gk-int-question">([^<]+)<', html).group(1)
        data = {"kind": "consultation", "writer_type": "natural", "name": "陈来信", "phone": "13800138000",
                "subject": f"医保缴费时间咨询{i}", "body": "请问城乡居民医保什么时候截止缴费？可以在手机上缴费吗？",
                "publish_consent": "1", "form_token": token, "captcha_answer": str(solve(question))}
        assert client.post(url, data).status_code == 302
        receipt = client.get(url + "receipt/").content.decode()
        return re.search(r'class="gk-int-number">([^<]+)<', receipt).group(1)

    for i in range(10):  # warm-up: templates, the calendar, connections
        submit(1_000_000 + i)
    numbers, walls = [], []
    cpu_start = time.process_time()
    for i in range(args.total):
        started = time.perf_counter()
        numbers.append(submit(i))
        walls.append(time.perf_counter() - started)
    cpu = time.process_time() - cpu_start
    stored = list(Letter.objects.filter(tracking_number__in=numbers).values_list("tracking_number", flat=True))
    walls.sort()
    print(f"letters submitted: {args.total}, stored: {len(stored)}, unique numbers: {len(set(numbers))}")
    print(f"CPU per submission (GET form + POST + receipt, this process): {cpu / args.total * 1000:.1f} ms")
    print(f"wall p50 {statistics.median(walls) * 1000:.1f} ms, p99 {walls[int(len(walls) * 0.99) - 1] * 1000:.1f} ms")
    assert len(stored) == len(set(numbers)) == args.total


if __name__ == "__main__":
    main()
