"""Benchmark of the public intake of disclosure requests (依申请公开).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
    REDIS_URL=redis://127.0.0.1:6379/12 \\
        python bench/bench_foia.py                      # the target: 100/s, 10,000 submissions
    python bench/bench_foia.py --total 2000             # a short run at the same rate

Creates a throw-away database (``bench_gk_foia`` on the PostgreSQL server of
``DATABASE_URL``, or a temporary SQLite file without it), migrates it, adds an
intake page, and starts gunicorn on loopback with the example site: by
default 2 gthread workers of 1 thread each (one per core of the 2-core target;
connections are kept alive; more threads per process only wait on each
other's GIL and lengthen the tail), with the example site's
``gunicorn.conf.py`` (application preloaded, ``gc.freeze()`` before the
workers fork, so their garbage collections stay short). Every
protection stays on: CSRF, the one-time form token, the arithmetic question
and the per-address rate limit. The rate limit counts per client address; each
simulated applicant sends its own address in ``X-Forwarded-For`` (the settings
name that header in ``GK_FOIA_CLIENT_IP_HEADER``, as behind a proxy), taken
from the IPv6 documentation prefix ``2001:db8::/32``: the header is only text,
no traffic goes to those addresses. With ``REDIS_URL`` the cache (rate-limit
counters, burnt questions) is Redis, shared by the gunicorn workers as in
production; without it each worker has its own.

Each submission does what a person's browser does, with a fresh cookie jar
(one applicant) on a kept-alive connection (a small ``http.client`` client,
so that the load generator, which shares the two cores, costs little):

1. GET the form page (HTML) and read its CSRF token, form token and question;
2. answer the question (Chinese numerals, e.g. "七加五等于几？") and POST the
   multipart form with a PDF identity proof;
3. follow the redirect to the receipt page and read the tracking number.

Phases, all against the same server:

- **baseline**: ``question/`` (a JSON view of the same page: routing, a
  signed token, no database) at the same rate for ``--baseline-seconds``;
- **intake**: submissions started open loop at ``--rate`` per second until
  ``--total`` have been sent; latency of each submission (all three requests)
  and of the POST alone, throughput per 10 s window;
- **integrity**: the database must hold exactly one request per accepted
  submission, with unique tracking numbers, the very numbers the receipts
  showed, one ledger entry each, and the ledger chain must verify.

CPU per submission is read from ``/proc`` for the gunicorn processes, the
PostgreSQL backends of the benchmark database and this client process; it
stays meaningful when other work shares the machine, unlike latencies.

Target: ≥ 100 submissions/s sustained for 60 s, p99 < 300 ms, and 10,000
submissions → 10,000 requests with unique tracking numbers, none lost.
The defaults run exactly that.
"""

from __future__ import annotations

import argparse
import http.client
import math
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
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.foia.captcha import solve  # noqa: E402 — the repository root is on the path only now

SETTINGS = '''
import os
from tests.settings import *  # noqa
DEBUG = False
GK_FOIA_CAPTCHA_ENABLED = True
GK_FOIA_RATE_LIMITS_ENABLED = True
GK_FOIA_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Persistent connections, as a production server keeps them.
DATABASES["default"]["CONN_MAX_AGE"] = None
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
'''

RESIDENT_ID = "11010519491231002X"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FORM_RE = {
    "csrf": re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"'),
    "token": re.compile(r'name="form_token" value="([^"]+)"'),
    "question": re.compile(r"data-question>([^<]+)<"),
}
TRACKING_RE = re.compile(r'class="gk-foia-tracking">([^<]+)<')


# --- CPU accounting from /proc -------------------------------------------------------


def proc_cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def process_tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                todo.extend(int(p) for p in f.read().split())
        except OSError:
            pass
    return pids


class CpuMeter:
    """CPU seconds used by gunicorn (master + workers), the PostgreSQL backends
    connected to the benchmark database, and this process (the client)."""

    def __init__(self, server_pid, pg_url):
        self.server_pid = server_pid
        self.pg_url = pg_url

    def _backends(self) -> list[int]:
        if not self.pg_url:
            return []
        import psycopg

        with psycopg.connect(self.pg_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
        return [r[0] for r in rows]

    def sample(self) -> dict:
        return {
            "server": {pid: proc_cpu_seconds(pid) for pid in process_tree(self.server_pid)},
            "postgres": {pid: proc_cpu_seconds(pid) for pid in self._backends()},
            "client": time.process_time(),
        }

    @staticmethod
    def used(before: dict, after: dict) -> dict:
        def delta(kind):
            return sum(v - before[kind].get(pid, 0.0) for pid, v in after[kind].items())

        return {"server": delta("server"), "postgres": delta("postgres"), "client": after["client"] - before["client"]}


# --- set-up ---------------------------------------------------------------------------


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
    print("!! DATABASE_URL is not PostgreSQL: running on SQLite, figures are not the target setup")
    return f"sqlite:///{tmp / 'bench.sqlite3'}"


def setup_site() -> str:
    """Migrate and add an intake page; return its path."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.core.cache import cache
    from wagtail.models import Page, Site

    from wagtail_gk.models import Agency, AgencyLevel
    from wagtail_gk_foia.models import DisclosureRequestPage

    cache.clear()  # rate-limit counters of an earlier run
    agency = Agency.objects.create(name="永宁县人民政府办公室", level=AgencyLevel.COUNTY, code="640121000000")
    root = Site.objects.get(is_default_site=True).root_page
    page = DisclosureRequestPage(title="依申请公开", slug="yishenqing", agency=agency)
    root.add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).url


# --- load -----------------------------------------------------------------------------


class Browser:
    """One applicant's browser: an HTTP/1.1 connection kept alive, and a cookie
    jar (http.client: the load generator shares the two cores with the server,
    so it should cost little CPU per request)."""

    def __init__(self, host, port):
        self.address = (host, port)
        self.conn = None
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        head = {"Host": "%s:%d" % self.address, **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(*self.address, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=head)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2 or method != "GET":  # a POST is never sent twice
                    raise
        for cookie in response.msg.get_all("Set-Cookie") or ():
            name, _sep, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.msg, data


BOUNDARY = "----gkfoiabench7d93b1"


def multipart(fields: dict, files: dict) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


class Load:
    """Open-loop load: job *i* starts at t0 + i / rate on one of *threads* workers."""

    def __init__(self, threads, host, port):
        self.threads = threads
        self.host, self.port = host, port

    def run(self, job, rate, total, label):
        lock = threading.Lock()
        state = {"next": 0}
        results = []  # (start offset s, lateness s, latency ms, ok, extra)
        t0 = time.perf_counter() + 0.2

        def worker():
            session = Browser(self.host, self.port)
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
                extra = {}
                try:
                    ok = job(session, i, extra)
                except Exception as exc:  # noqa: BLE001 — a failed request is a data point
                    ok = False
                    extra["error"] = repr(exc)
                latency = (time.perf_counter() - start) * 1000
                with lock:
                    results.append((start - t0, start - due, latency, ok, extra))

        workers = [threading.Thread(target=worker) for _ in range(self.threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = max(r[0] + r[2] / 1000 for r in results) if results else 0
        lat = [r[2] for r in results if r[3]]
        windows, window_latencies = {}, {}
        for start, _late, latency, ok, _extra in results:
            if ok:  # by completion time: what the server got through
                done = int((start + latency / 1000) // 10)
                windows[done] = windows.get(done, 0) + 1
                window_latencies.setdefault(int(start // 10), []).append(latency)
        errors = [r[4] for r in results if not r[3]]
        return {
            "label": label,
            "sent": len(results),
            "ok": len(lat),
            "errors": len(errors),
            "first_errors": errors[:3],
            "late": sum(1 for r in results if r[1] > 0.1),
            "elapsed": elapsed,
            "throughput": len(lat) / elapsed if elapsed else 0,
            "p50": percentile(lat, 50),
            "p95": percentile(lat, 95),
            "p99": percentile(lat, 99),
            "max": max(lat) if lat else float("nan"),
            "mean": statistics.fmean(lat) if lat else float("nan"),
            "windows": [windows.get(k, 0) / 10 for k in range(max(1, math.ceil(elapsed / 10)))],
            "window_p99": [percentile(window_latencies.get(k, []), 99) for k in range(max(1, math.ceil(elapsed / 10)))],
            "extras": [r[4] for r in results if r[3]],
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=100.0, help="submissions per second (default 100)")
    parser.add_argument("--total", type=int, default=10_000, help="submissions to send (default 10,000: 100 s at 100/s)")
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--gunicorn-workers", type=int, default=2, help="default 2: one per core of the 2-core target")
    parser.add_argument(
        "--gunicorn-threads", type=int, default=1,
        help="threads per gthread worker (default 1: more threads per process wait on one another's GIL)",
    )
    parser.add_argument(
        "--gunicorn-config", default="example_site/gunicorn.conf.py",
        help="gunicorn config file (default: the example site's: app preloaded, gc.freeze() before the fork); '' for none",
    )
    parser.add_argument("--gunicorn-worker-class", default="gthread", help="default gthread (keeps connections alive); or sync")
    parser.add_argument("--client-threads", type=int, default=32)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gk-bench-foia-"))
    (tmp / "bench_foia_settings.py").write_text(SETTINGS, encoding="utf-8")
    db_url = prepare_database(tmp)
    os.environ["DATABASE_URL"] = db_url
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
            "--worker-class", args.gunicorn_worker_class, "--log-level", "warning", "--backlog", "2048", "--keep-alive", "30",
            *(["--config", args.gunicorn_config] if args.gunicorn_config else []),
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench_foia_settings"},
    )
    meter = CpuMeter(server.pid, db_url if vendor == "postgresql" else "")
    try:
        probe = Browser("127.0.0.1", port)
        for _ in range(100):
            try:
                if probe.request("GET", page_path + "question/")[0] == 200:
                    break
            except OSError:
                probe.conn = None
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")

        load = Load(args.client_threads, "127.0.0.1", port)

        def baseline_job(browser, i, extra):
            return browser.request("GET", page_path + "question/")[0] == 200

        def intake_job(browser, i, extra):
            browser.cookies.clear()  # a new applicant; the connection stays open
            address = {"X-Forwarded-For": f"2001:db8::{i + 1:x}"}
            status, _headers, body = browser.request("GET", page_path, headers=address)
            if status != 200:
                extra["error"] = f"form GET {status}"
                return False
            html = body.decode()
            found = {k: r.search(html) for k, r in FORM_RE.items()}
            if not all(found.values()):
                extra["error"] = "form without " + ", ".join(k for k, v in found.items() if not v)
                return False
            data = {
                "csrfmiddlewaretoken": found["csrf"].group(1), "form_token": found["token"].group(1),
                "captcha_answer": str(solve(found["question"].group(1))), "applicant_kind": "natural",
                "applicant_name": "压测申请人", "id_type": "resident_id", "id_number": RESIDENT_ID,
                "phone": "13800138000", "email": "bench@example.cn", "information_title": "县道改造工程招标文件",
                "description": "2025年县道改造工程的招标文件与中标结果。", "delivery_form": "electronic",
                "delivery_channel": "email", "declaration": "on",
            }
            payload = multipart(data, {"identity_proof": ("id.pdf", PDF, "application/pdf")})
            t = time.perf_counter()
            status, headers, _body = browser.request(
                "POST", page_path, body=payload,
                headers={**address, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
            )
            extra["post_ms"] = (time.perf_counter() - t) * 1000
            location = headers.get("Location", "")
            if status != 302 or not location.endswith("/receipt/"):
                extra["error"] = f"POST {status}"
                return False
            status, _headers, body = browser.request("GET", urlsplit(location).path, headers=address)
            number = TRACKING_RE.search(body.decode()) if status == 200 else None
            if number is None:
                extra["error"] = f"receipt {status}"
                return False
            extra["tracking_number"] = number.group(1)
            return True

        before = meter.sample()
        baseline = load.run(baseline_job, args.rate, int(args.rate * args.baseline_seconds), "baseline question/")
        middle = meter.sample()
        intake = load.run(intake_job, args.rate, args.total, "intake (GET+POST+receipt)")
        after = meter.sample()
    finally:
        server.terminate()
        server.wait(timeout=30)

    import django.db

    django.db.connections.close_all()
    from wagtail_gk.gate.ledger import verify_ledger
    from wagtail_gk.models import LedgerEntry
    from wagtail_gk_foia.models import DisclosureRequest

    stored_numbers = list(DisclosureRequest.objects.values_list("tracking_number", flat=True))
    receipt_numbers = [e["tracking_number"] for e in intake["extras"]]
    ledger_entries = LedgerEntry.objects.filter(action="foia.register").count()
    checked, ledger_break = verify_ledger()

    print(f"\nDatabase: {vendor}; gunicorn {args.gunicorn_workers} workers × {args.gunicorn_threads} threads "
          f"({args.gunicorn_worker_class}); "
          f"{args.client_threads} client threads; {os.cpu_count()} CPUs; target rate {args.rate:g}/s; "
          f"load average at the end {os.getloadavg()[0]:.2f}")
    for s in (baseline, intake):
        print(
            f"{s['label']:28} sent {s['sent']:6d} ok {s['ok']:6d} errors {s['errors']:4d}  "
            f"{s['throughput']:7.1f}/s  p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms  p99 {s['p99']:7.1f} ms  max {s['max']:7.1f} ms"
        )
        for e in s["first_errors"]:
            print("   error:", e.get("error", e))
        if s["late"]:
            print(f"   {s['late']} started more than 100 ms behind schedule (client short of threads or CPU)")
    post_ms = [e["post_ms"] for e in intake["extras"]]
    print(f"POST alone: p50 {percentile(post_ms, 50):.1f} ms  p95 {percentile(post_ms, 95):.1f} ms  p99 {percentile(post_ms, 99):.1f} ms")
    print(f"ratio intake p50 / baseline p50: {intake['p50'] / baseline['p50']:.1f}×")
    for label, cpu, n in (("baseline", CpuMeter.used(before, middle), baseline["sent"]),
                          ("intake", CpuMeter.used(middle, after), intake["sent"])):
        per = {k: v * 1000 / max(n, 1) for k, v in cpu.items()}
        print(f"CPU per {label} request/submission: gunicorn {per['server']:.1f} ms + postgres {per['postgres']:.1f} ms "
              f"+ client {per['client']:.1f} ms = {sum(per.values()):.1f} ms")
    windows = intake["windows"]
    full = windows[:-1] if len(windows) > 1 else windows  # the last window is partial
    print("intake submissions completed per 10 s window (/s; the last one partial):", " ".join(f"{w:.0f}" for w in windows))
    print("p99 of the submissions started in each 10 s window (ms):", " ".join(f"{w:.0f}" for w in intake["window_p99"]))
    # Sustained rate: the lowest mean over six consecutive full windows (any
    # 60 s span). A single window can read 99 next to 101 when a submission
    # finishes just after a boundary; over 60 s that evens out.
    spans = [sum(full[k : k + 6]) / 6 for k in range(len(full) - 5)]
    sustained = min(spans) if spans else 0.0
    print(f"lowest full 10 s window: {min(full):.0f}/s; lowest 60 s span: {sustained:.1f}/s (target ≥ 100/s); "
          f"p99 {intake['p99']:.0f} ms (target < 300 ms)")
    unique = len(set(stored_numbers))
    ok = (len(stored_numbers) == intake["ok"] == unique == ledger_entries
          and sorted(stored_numbers) == sorted(receipt_numbers) and ledger_break is None)
    print(f"integrity: accepted {intake['ok']}, stored {len(stored_numbers)}, unique tracking numbers {unique}, "
          f"receipts matching {len(set(stored_numbers) & set(receipt_numbers))}, ledger entries {ledger_entries}, "
          f"ledger chain {'verified' if ledger_break is None else 'BROKEN: ' + ledger_break.problem} ({checked}): "
          f"{'OK' if ok else 'MISMATCH'}")
    # Rates are judged as printed (to the unit): the first window misses the
    # few submissions still in flight at its end.
    met = ok and spans and round(sustained) >= 100 and intake["p99"] < 300 and intake["errors"] == 0
    short = " (this run is too short to show 60 s)" if len(full) < 6 else ""
    print(f"target (≥ 100/s for ≥ 60 s, p99 < 300 ms, none lost): {'met' if met else 'NOT met' + short}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
