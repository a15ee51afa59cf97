"""Benchmark of review-ledger writes from concurrent writers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/bench_ledger.py
    DATABASE_URL=… python bench/bench_ledger.py --writers 8 --records 500 --rounds 3

Creates a throw-away database (``bench_gk_ledger``, see ``benchdb.py``) and
starts ``--writers`` processes (forked after Django is set up, each with its
own database connection). In every round, one after the other and in the same
run, the writers each do ``--records``:

- **ledger**: ``record_decision()`` calls, as the apps make them (each in its
  own transaction, with findings), spread over ``GK_LEDGER_CHAINS`` chains
  (``--chains``, default 8);
- **one chain**: the same with ``GK_LEDGER_CHAINS = 1``, i.e. one head row
  every writer waits for, as the ledger was before it had chains;
- **bare insert**: one ``INSERT`` of the same row (same columns and indexes,
  no chain, no MAC) into a plain copy of the ledger table, in autocommit.

Writes/s is all records of all writers over the wall time from the common
start to the last writer's end; each mode's figure is the median over the
rounds. Prints the ratio of the ledger to the bare insert, and the load
average (``/proc/loadavg``) at the start and the end: the figures mean
something only with the load they were measured under. Finally the ledger
must verify and hold exactly the records written.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdb import setup_django  # noqa: E402

FINDINGS = [{"code": "mobile", "severity": "warn", "location": "正文", "excerpt": "联系电话138****5678", "message": "手机号码"}]


def loadavg() -> str:
    with open("/proc/loadavg") as handle:
        return handle.read().strip()


def _write(mode: str, count: int, writer: int) -> None:
    from django.db import connection

    from wagtail_gk.gate.ledger import record_decision

    if mode == "bare":
        with connection.cursor() as cursor:
            for i in range(count):
                cursor.execute(
                    "INSERT INTO bench_plain (sequence, chain, chain_sequence, key_id, created_at, action, decision, "
                    "object_id, object_repr, username, site_name, findings, finding_codes, reason, previous_hash, entry_hash) "
                    "VALUES (nextval('bench_plain_seq'), 0, nextval('bench_plain_seq'), %s, now(), 'gate.check', 'warned', "
                    "'', '', '', '', %s, 'mobile', %s, %s, %s)",
                    ["0" * 16, _json(FINDINGS), f"writer {writer} record {i}", "0" * 64, secrets.token_hex(32)],
                )
        return
    for i in range(count):
        record_decision(None, "gate.check", decision="warned", findings=FINDINGS, reason=f"writer {writer} record {i}")


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _worker(mode, count, writer, barrier, results):
    from django.db import connection

    connection.ensure_connection()
    barrier.wait()
    start = time.time()
    _write(mode, count, writer)
    results.put((start, time.time()))
    connection.close()


def run_mode(mode: str, writers: int, count: int) -> float:
    from django.db import connections

    connections.close_all()  # forked children must not share the parent's connection
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(writers), context.Queue()
    processes = [context.Process(target=_worker, args=(mode, count, n, barrier, results)) for n in range(writers)]
    for process in processes:
        process.start()
    spans = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
        if process.exitcode:
            raise SystemExit(f"a {mode} writer failed (exit {process.exitcode})")
    elapsed = max(end for _s, end in spans) - min(start for start, _e in spans)
    return writers * count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--records", type=int, default=500, help="records per writer per round and mode")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chains", type=int, default=8)
    args = parser.parse_args()

    start_load = loadavg()
    setup_django("ledger")
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("bench_ledger.py measures concurrent writers on PostgreSQL: set DATABASE_URL=postgres://…")
    settings.GK_LEDGER_KEY = secrets.token_bytes(32)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_plain (LIKE wagtail_gk_ledgerentry INCLUDING ALL)")
        cursor.execute("CREATE SEQUENCE bench_plain_seq")
    print(f"{args.writers} writers × {args.records} records, {args.rounds} rounds; load average at start: {start_load}")
    figures = {"ledger": [], "one chain": [], "bare insert": []}
    for round_number in range(1, args.rounds + 1):
        for label, mode, chains in (("ledger", "ledger", args.chains), ("one chain", "ledger", 1), ("bare insert", "bare", 0)):
            settings.GK_LEDGER_CHAINS = chains or 1
            rate = run_mode(mode, args.writers, args.records)
            figures[label].append(rate)
            print(f"  round {round_number} {label:<12} {rate:8.0f} writes/s   (load {loadavg()})")
    medians = {label: statistics.median(values) for label, values in figures.items()}
    print()
    print(f"ledger ({args.chains} chains): {medians['ledger']:8.0f} writes/s")
    print(f"ledger (1 chain):   {medians['one chain']:8.0f} writes/s")
    print(f"bare INSERT:        {medians['bare insert']:8.0f} writes/s")
    print(f"ledger / bare insert: {medians['ledger'] / medians['bare insert']:.2f}; "
          f"{args.chains} chains / 1 chain: {medians['ledger'] / medians['one chain']:.2f}")

    from wagtail_gk.gate.ledger import verify_ledger_report
    from wagtail_gk.models import LedgerEntry

    written = 2 * args.rounds * args.writers * args.records
    report = verify_ledger_report()
    stored = LedgerEntry.objects.count()
    print(f"ledger holds {stored} records (expected {written}); verifies: {report.ok} "
          f"({report.checked} records checked in {len(report.ends)} chains)")
    print(f"load average at the end: {loadavg()}")
    if stored != written or not report.ok:
        for problem in report.problems[:5]:
            print("  ", problem.problem)
        raise SystemExit(1)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    main()
