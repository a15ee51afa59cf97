"""Benchmark of the publication gate's speed targets.

    python bench/bench_gate.py                    # full run (50,000 terms, 100 KB page, 10 × 1 MB files)
    python bench/bench_gate.py --terms 5000 --files 2   # a quick run

Needs no database: the matcher is built from in-memory terms and the checks
run through the same code the gate uses (``TermMatcher``, the checkers,
``extract_file_text``). Prints absolute figures and ratios against baselines
measured in the same run:

- sensitive-word pass over a 100 KB Chinese page against 50,000 terms
  (target < 10 ms) vs a naive per-term ``str.find`` loop (target ≥ 50×);
- matcher rebuild for 50,000 terms (target < 1 s), vs reading the same terms'
  text once (``"".join``) as the floor;
- the whole check of ten attached 1 MB documents, PDF and DOCX (target < 3 s):
  text extraction and all three built-in checkers, vs extraction alone.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Common CJK characters, so that terms really occur in the page.
CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()


def make_terms(count: int, rng: random.Random) -> list[str]:
    terms: set[str] = set()
    while len(terms) < count:
        terms.add("".join(rng.choice(CJK) for _ in range(rng.randint(3, 6))))
    return sorted(terms)


def make_page(size_bytes: int, rng: random.Random, plant: list[str]) -> str:
    chunks, size = [], 0
    while size < size_bytes:
        sentence = "".join(rng.choice(CJK) for _ in range(rng.randint(15, 40))) + "。"
        if rng.random() < 0.05:
            sentence = rng.choice(plant) + sentence
        chunks.append(sentence)
        size += len(sentence.encode("utf-8"))
    return "".join(chunks)


def best_of(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def naive_find(terms: list[str], text: str) -> int:
    found = 0
    for term in terms:
        position = text.find(term)
        while position != -1:
            found += 1
            position = text.find(term, position + 1)
    return found


def make_documents(count: int, size_bytes: int, rng: random.Random, plant: list[str]) -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT))
    from tests.gate.documents import docx_bytes, pdf_bytes

    documents = []
    pdf_page = lambda: "\n".join(make_page(120, rng, plant)[:40] for _ in range(45))  # noqa: E731
    docx_paragraph = lambda: make_page(300, rng, plant)  # noqa: E731
    # Size a sample, then build each file once at about the wanted size.
    pdf_per_page = len(pdf_bytes([pdf_page() for _ in range(20)])) / 20
    docx_per_paragraph = len(docx_bytes([docx_paragraph() for _ in range(200)])) / 200
    for index in range(count):
        if index % 2 == 0:
            pages = [pdf_page() for _ in range(int(size_bytes / pdf_per_page) + 1)]
            documents.append((f"附件{index + 1}.pdf", pdf_bytes(pages)))
        else:
            paragraphs = [docx_paragraph() for _ in range(int(size_bytes / docx_per_paragraph) + 1)]
            documents.append((f"附件{index + 1}.docx", docx_bytes(paragraphs)))
    return documents


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=50_000)
    parser.add_argument("--page-kb", type=int, default=100)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--file-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    setup_django()
    from wagtail_gk.checkers import TextSource
    from wagtail_gk.checkers.classification import ClassificationMarkerChecker
    from wagtail_gk.checkers.personal_data import PersonalDataChecker
    from wagtail_gk.checkers.sensitive_words import SensitiveWordChecker, TermEntry, TermMatcher
    from wagtail_gk.document_text import extract_file_text
    from wagtail_gk.gate import run_checkers

    rng = random.Random(2026)
    terms = make_terms(args.terms, rng)
    entries = [TermEntry(term, "测试", "block", ()) for term in terms]
    page = make_page(args.page_kb * 1024, rng, terms[:200])
    print(f"terms: {len(terms):,}; page: {len(page.encode('utf-8')) / 1024:.0f} KB ({len(page):,} characters)")

    # 1. Rebuilding the matcher.
    build_best, build_median = best_of(lambda: TermMatcher(entries), 3)
    floor_best, _ = best_of(lambda: "".join(terms), 3)
    print(f"\nmatcher rebuild, {len(terms):,} terms: best {build_best * 1000:.0f} ms, median {build_median * 1000:.0f} ms (target < 1000 ms)")
    print(f"  baseline (join the terms' text once): {floor_best * 1000:.2f} ms; ratio {build_best / floor_best:.0f}×")

    # 2. The sensitive-word pass vs the naive loop.
    matcher = TermMatcher(entries)
    checker = SensitiveWordChecker(matcher)
    sources = [TextSource("正文", page)]
    found = len(checker.check(None, sources))
    ac_best, ac_median = best_of(lambda: checker.check(None, sources), args.repeat)
    naive_best, _ = best_of(lambda: naive_find(terms, page), max(1, args.repeat // 3))
    naive_found = naive_find(terms, page)
    print(f"\nsensitive-word pass, {len(page.encode('utf-8')) // 1024} KB page: best {ac_best * 1000:.2f} ms, median {ac_median * 1000:.2f} ms, {found} findings (target < 10 ms)")
    print(f"  baseline (per-term str.find loop): {naive_best * 1000:.0f} ms, {naive_found} matches")
    print(f"  speed-up: {naive_best / ac_best:.0f}× (target ≥ 50×)")
    if naive_found != found:
        print("  NOTE: counts differ (findings include only matches outside exemptions; none are set here)")

    # 3. Ten attached documents.
    if args.files:
        print(f"\nbuilding {args.files} documents of ≥ {args.file_mb} MB (PDF and DOCX alternately)…", flush=True)
        documents = make_documents(args.files, int(args.file_mb * 1024 * 1024), rng, terms[:200])
        sizes = ", ".join(f"{name} {len(data) / 1048576:.1f} MB" for name, data in documents)
        print(f"  {sizes}")
        checkers = [checker, PersonalDataChecker(), ClassificationMarkerChecker()]

        def extract_only():
            return [extract_file_text(name, data) for name, data in documents]

        def whole_check():
            doc_sources = []
            for file_text in extract_only():
                assert not file_text.unreadable, file_text.unreadable
                doc_sources.extend(TextSource(f"附件《{file_text.name}》{label}", text) for label, text in file_text.pages)
            return run_checkers(None, sources + doc_sources, checkers)

        findings = whole_check()
        check_best, check_median = best_of(whole_check, 3)
        extract_best, _ = best_of(extract_only, 3)
        pdf_share, _ = best_of(lambda: [extract_file_text(n, d) for n, d in documents if n.endswith(".pdf")], 1)
        print(f"  whole check (page + {args.files} documents, all checkers): best {check_best:.2f} s, median {check_median:.2f} s, {len(findings)} findings (target < 3 s)")
        print(f"  baseline (text extraction alone): {extract_best:.2f} s, of which PDFs {pdf_share:.2f} s; checking adds {check_best / extract_best:.2f}× over extraction")


if __name__ == "__main__":
    main()
