"""Benchmark of the public intake of disclosure requests (依申请公开).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python bench/bench_foia.py                      # 100/s, 10,000 submissions
    python bench/bench_foia.py --rate 50 --total 1000   # a quick run

Creates a throw-away database (``bench_gk_foia`` on the PostgreSQL server of
``DATABASE_URL``, or a temporary SQLite file without it), migrates it, adds an
intake page, and starts gunicorn on loopback with the example site (captcha
and rate limits off, as a load test from one address needs). Then, against
that server:

1. **baseline**: a trivial view of the same page (``question/``: a signed
   token and no database) at the same rate, so the stack's own cost is known;
2. **intake**: complete applications (multipart form with a PDF identity proof,
   one-time form token, CSRF) at ``--rate`` per second, open loop, until
   ``--total`` have been sent; latency of each POST, throughput per 10 s window;
3. **integrity**: the database must hold exactly as many requests as were
   accepted, with unique tracking numbers.

Target (issue): ≥ 100 submissions/s sustained for 60 s, p99 < 300 ms, and
10,000 submissions → 10,000 requests with unique tracking numbers. Figures are
printed as absolute numbers and as ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETTINGS = '''
from tests.settings import *  # noqa
DEBUG = False
GK_FOIA_CAPTCHA_ENABLED = False
GK_FOIA_RATE_LIMITS_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
DATABASES["default"]["CONN_MAX_AGE"] = 60
'''

RESIDENT_ID = "11010519491231002X"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(tmp: Path) -> str:
    """Return the DATABASE_URL of a fresh, empty benchmark database."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base = url.rsplit("/", 1)[0]
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS bench_gk_foia WITH (FORCE)")
            conn.execute("CREATE DATABASE bench_gk_foia")
        return f"{base}/bench_gk_foia"
    print("!! DATABASE_URL is not PostgreSQL: running on SQLite, figures are not the issue's target setup")
    return f"sqlite:///{tmp / 'bench.sqlite3'}"


def setup_site() -> str:
    """Migrate and add an intake page; return its path."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wagtail.models import Page, Site

    from wagtail_gk.models import Agency, AgencyLevel
    from wagtail_gk_foia.models import DisclosureRequestPage

    agency = Agency.objects.create(name="永宁县人民政府办公室", level=AgencyLevel.COUNTY, code="640121000000")
    root = Site.objects.get(is_default_site=True).root_page
    page = DisclosureRequestPage(title="依申请公开", slug="yishenqing", agency=agency)
    root.add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).url


class Load:
    """Open-loop load: job *i* starts at t0 + i / rate on one of *threads* workers."""

    def __init__(self, base, threads):
        self.base = base
        self.threads = threads

    def run(self, job, rate, total, label):
        import requests

        lock = threading.Lock()
        state = {"next": 0}
        results = []  # (start offset s, latency ms, ok)
        t0 = time.perf_counter() + 0.2

        def worker():
            session = requests.Session()
            context = {}
            while True:
                with lock:
                    i = state["next"]
                    if i >= total:
                        return
                    state["next"] += 1
                due = t0 + i / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                start = time.perf_counter()
                try:
                    ok = job(session, context)
                except Exception as exc:  # noqa: BLE001 — a failed request is a data point
                    ok = False
                    context["error"] = repr(exc)
                latency = (time.perf_counter() - start) * 1000
                with lock:
                    results.append((start - t0, latency, ok))

        workers = [threading.Thread(target=worker) for _ in range(self.threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = max(r[0] for r in results) + max(r[1] for r in results) / 1000 if results else 0
        lat = [r[1] for r in results if r[2]]
        errors = sum(1 for r in results if not r[2])
        windows = {}
        for start, _latency, ok in results:
            if ok:
                windows[int(start // 10)] = windows.get(int(start // 10), 0) + 1
        stats = {
            "label": label,
            "sent": len(results),
            "ok": len(lat),
            "errors": errors,
            "elapsed": elapsed,
            "throughput": len(lat) / elapsed if elapsed else 0,
            "p50": percentile(lat, 50),
            "p95": percentile(lat, 95),
            "p99": percentile(lat, 99),
            "max": max(lat) if lat else float("nan"),
            "mean": statistics.fmean(lat) if lat else float("nan"),
            "windows": [windows.get(k, 0) / 10 for k in sorted(windows)],
        }
        return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=100.0, help="submissions per second (default 100)")
    parser.add_argument("--total", type=int, default=10_000, help="submissions to send (default 10,000)")
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--gunicorn-workers", type=int, default=max(2, (os.cpu_count() or 2) * 2))
    parser.add_argument("--gunicorn-threads", type=int, default=4)
    parser.add_argument("--client-threads", type=int, default=64)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gk-bench-foia-"))
    (tmp / "bench_foia_settings.py").write_text(SETTINGS, encoding="utf-8")
    os.environ["DATABASE_URL"] = prepare_database(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_foia_settings"
    os.environ["PYTHONPATH"] = os.pathsep.join([str(tmp), str(ROOT), os.environ.get("PYTHONPATH", "")])
    sys.path.insert(0, str(tmp))
    page_path = setup_site()

    from django.db import connection

    vendor = connection.vendor
    connection.close()

    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn), "example_site.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.gunicorn_workers), "--threads", str(args.gunicorn_threads),
            "--worker-class", "gthread", "--log-level", "warning", "--backlog", "2048",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench_foia_settings"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import requests

        for _ in range(100):
            try:
                if requests.get(base + page_path + "question/", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")

        load = Load(base, args.client_threads)

        def baseline_job(session, context):
            return session.get(base + page_path + "question/", timeout=10).status_code == 200

        baseline = load.run(baseline_job, args.rate, int(args.rate * args.baseline_seconds), "baseline question/")

        token_ms = []

        def intake_job(session, context):
            if "csrf" not in context:
                session.get(base + page_path, timeout=10)
                context["csrf"] = session.cookies.get("csrftoken")
            t = time.perf_counter()
            token = session.get(base + page_path + "question/", timeout=10).json()["form_token"]
            token_ms.append((time.perf_counter() - t) * 1000)
            data = {
                "csrfmiddlewaretoken": context["csrf"], "form_token": token, "applicant_kind": "natural",
                "applicant_name": "压测申请人", "id_type": "resident_id", "id_number": RESIDENT_ID,
                "phone": "13800138000", "email": "bench@example.cn", "information_title": "县道改造工程招标文件",
                "description": "2025年县道改造工程的招标文件与中标结果。", "delivery_form": "electronic",
                "delivery_channel": "email", "declaration": "on",
            }
            response = session.post(
                base + page_path, data=data, files={"identity_proof": ("id.pdf", PDF, "application/pdf")},
                allow_redirects=False, timeout=30,
            )
            return response.status_code == 302 and response.headers.get("Location", "").endswith("/receipt/")

        intake = load.run(intake_job, args.rate, args.total, "intake (GET token + POST)")
    finally:
        server.terminate()
        server.wait(timeout=30)

    import django.db

    django.db.connections.close_all()
    from wagtail_gk_foia.models import DisclosureRequest

    stored = DisclosureRequest.objects.count()
    unique = DisclosureRequest.objects.values("tracking_number").distinct().count()

    print(f"\nDatabase: {vendor}; gunicorn {args.gunicorn_workers} workers × {args.gunicorn_threads} threads; "
          f"{os.cpu_count()} CPUs; target rate {args.rate:g}/s")
    for s in (baseline, intake):
        print(
            f"{s['label']:28} sent {s['sent']:6d} ok {s['ok']:6d} errors {s['errors']:4d}  "
            f"{s['throughput']:7.1f}/s  p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms  p99 {s['p99']:7.1f} ms  max {s['max']:7.1f} ms"
        )
    sustained = intake["windows"][:-1] or intake["windows"]
    print("intake throughput per 10 s window (/s):", " ".join(f"{w:.0f}" for w in intake["windows"]))
    print(f"token GET inside intake: p50 {percentile(token_ms, 50):.1f} ms  p99 {percentile(token_ms, 99):.1f} ms")
    print(f"ratio intake p99 / baseline p99: {intake['p99'] / baseline['p99']:.1f}×;  "
          f"intake p50 / baseline p50: {intake['p50'] / baseline['p50']:.1f}×")
    print(f"lowest full 10 s window: {min(sustained):.0f}/s (target ≥ 100/s); p99 {intake['p99']:.0f} ms (target < 300 ms)")
    print(f"integrity: accepted {intake['ok']}, stored {stored}, unique tracking numbers {unique}: "
          f"{'OK' if stored == intake['ok'] == unique else 'MISMATCH'}")
    print(re.sub(r"\s+", " ", "(latencies are per submission: token GET + multipart POST, measured by the client)"))


if __name__ == "__main__":
    main()
