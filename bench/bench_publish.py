"""Benchmark of what the publication gate adds to publishing and to saves of live pages.

    python bench/bench_publish.py                  # temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/bench_publish.py
    python bench/bench_publish.py --pages 20        # a quick run

Creates a throw-away database (see ``benchdb.py``), builds the demo site and
a sensitive-word library of ``--terms`` terms, then measures, in the same run
and interleaved (one with the gate, one without, in turn), on article pages
with a body of about ``--chars`` characters:

- **publish**: ``revision.publish()`` of a clean draft, with the gate
  (``PublishRevisionAction.execute`` wrapped, live-save check connected) and
  without it (Wagtail's own ``execute``, check disconnected);
- **live save, unchanged**: ``save()`` of a live page whose text did not
  change (what a move or a metadata update does) — the check only compares
  the text with the stored row;
- **live save, changed**: ``save()`` of a live page with a changed body — the
  full check runs before the row is written.

Prints the median and p95 in milliseconds of each, the ratio gate / no gate,
and the load average (``/proc/loadavg``) at the start and the end.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from contextlib import contextmanager

from benchdb import setup_django

CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"


def loadavg() -> str:
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "n/a"


def disconnect_all():
    from django.db.models.signals import pre_save

    from wagtail_gk.gate import live_saves

    for model in live_saves.gated_models():
        pre_save.disconnect(sender=model, dispatch_uid=f"wagtail_gk_live_save_{model._meta.label_lower}")


@contextmanager
def without_gate():
    from wagtail.actions.publish_revision import PublishRevisionAction

    from wagtail_gk.gate import live_saves

    wrapped = PublishRevisionAction.execute
    PublishRevisionAction.execute = wrapped.__wrapped__
    disconnect_all()
    try:
        yield
    finally:
        PublishRevisionAction.execute = wrapped
        live_saves.connect()


def body_text(rng: random.Random, chars: int) -> str:
    paragraphs = []
    while sum(len(p) for p in paragraphs) < chars:
        paragraphs.append("".join(rng.choice(CJK) for _ in range(200)) + "。")
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def summary(label: str, gated: list[float], plain: list[float]) -> str:
    def p95(values):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]

    ratio = statistics.median(gated) / statistics.median(plain)
    return (
        f"{label:<24} gate median {statistics.median(gated):7.1f} ms  p95 {p95(gated):7.1f} ms | "
        f"no gate median {statistics.median(plain):7.1f} ms  p95 {p95(plain):7.1f} ms | ratio {ratio:4.2f}×"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=60, help="pages per measurement and side (default 60)")
    parser.add_argument("--chars", type=int, default=5000, help="characters of body text per page (default 5000)")
    parser.add_argument("--terms", type=int, default=5000, help="terms in the sensitive-word library (default 5000)")
    args = parser.parse_args()
    print(f"load average at start: {loadavg()}")
    setup_django("publish")

    from example_site.home.demo import build_base
    from example_site.home.models import ArticlePage, ColumnPage
    from wagtail_gk.models import SensitiveTerm

    rng = random.Random(7)
    build_base()
    terms = set()
    while len(terms) < args.terms:
        terms.add("禁" + "".join(rng.choice("甲乙丙丁戊己庚辛壬癸") for _ in range(4)))  # never in the body text
    SensitiveTerm.objects.bulk_create(SensitiveTerm(term=t, category="基准") for t in sorted(terms))
    SensitiveTerm.objects.create(term="禁用词基准", category="基准")  # bumps the library version once
    notices = ColumnPage.objects.get(slug="tzgg")
    like = ArticlePage.objects.child_of(notices).first()

    def draft(index: int):
        page = notices.add_child(
            instance=ArticlePage(
                title=f"基准信息{index}",
                slug=f"bench-{index}",
                body=[("paragraph", body_text(rng, args.chars))],
                live=False,
                disclosure_method=like.disclosure_method,
                disclosure_scope=like.disclosure_scope,
                validity=like.validity,
            )
        )
        return page, page.save_revision()

    # warm-up: caches, matcher, templates
    for index in range(3):
        draft(10_000 + index)[1].publish()

    publish = {"gate": [], "plain": []}
    unchanged = {"gate": [], "plain": []}
    changed = {"gate": [], "plain": []}
    counter = 0
    for _round in range(args.pages):
        for side in ("gate", "plain"):
            counter += 1
            page, revision = draft(counter)
            if side == "gate":
                publish[side].append(timed(revision.publish))
            else:
                with without_gate():
                    publish[side].append(timed(revision.publish))
            live = ArticlePage.objects.get(pk=page.pk)
            if side == "gate":
                unchanged[side].append(timed(live.save))
            else:
                with without_gate():
                    unchanged[side].append(timed(live.save))
            live.body = [("paragraph", body_text(rng, args.chars))]
            if side == "gate":
                changed[side].append(timed(live.save))
            else:
                with without_gate():
                    changed[side].append(timed(live.save))
    print(f"{args.pages} pages per side, body ≈ {args.chars} characters, {args.terms} terms")
    print(summary("publish", publish["gate"], publish["plain"]))
    print(summary("live save, unchanged", unchanged["gate"], unchanged["plain"]))
    print(summary("live save, changed", changed["gate"], changed["plain"]))
    print(f"load average at end: {loadavg()}")


if __name__ == "__main__":
    main()
