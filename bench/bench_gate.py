"""Benchmark of the publication gate's speed targets.

    python bench/bench_gate.py                    # full run (50,000 terms, 100 KB page, 10 × 1 MB files)
    python bench/bench_gate.py --terms 5000 --files 2   # a quick run

Needs no database: the matcher is built from in-memory terms and the checks
run through the same code the gate uses (``TermMatcher``, the checkers,
``read_documents``). Prints absolute figures and ratios against baselines
measured in the same run:

- sensitive-word pass over a 100 KB Chinese page against 50,000 terms,
  normalisation included (target < 10 ms) vs a naive per-term ``str.find``
  loop (target ≥ 50×);
- the sensitive-word pass (normalisation, matching, findings with excerpts)
  vs the raw ahocorasick-rs scan of the same text, at 5,000 and 50,000
  terms, 100 KB and 1 MB, with few and with thousands of findings, and on
  a page in traditional characters (target ≤ 2× at every size);
- matcher rebuild for 50,000 terms (target < 1 s), vs reading the same terms'
  text once (``"".join``) as the floor;
- the whole check of ten attached 1 MB documents, PDF and DOCX (target < 3 s):
  reading them as the gate does (pdftotext when installed, several files at
  once) and all three built-in checkers, vs reading them with pypdf one after
  another (the pure-Python fallback).
"""

from __future__ import annotations

import argparse
import io
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


def make_page(size_bytes: int, rng: random.Random, plant: list[str], plant_share: float = 0.05) -> str:
    chunks, size = [], 0
    while size < size_bytes:
        sentence = "".join(rng.choice(CJK) for _ in range(rng.randint(15, 40))) + "。"
        if rng.random() < plant_share:
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
    builders = {"pdf": (pdf_bytes, pdf_page), "docx": (docx_bytes, docx_paragraph)}
    for index in range(count):
        extension = "pdf" if index % 2 == 0 else "docx"
        build, part = builders[extension]
        # Size from a sample, then grow until the file reaches the wanted size
        # (compression makes the first estimate fall short).
        parts = 20
        data = build([part() for _ in range(parts)])
        while len(data) < size_bytes:
            parts = int(parts * size_bytes / len(data) * 1.05) + 1
            data = build([part() for _ in range(parts)])
        documents.append((f"附件{index + 1}.{extension}", data))
    return documents


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=50_000)
    parser.add_argument("--page-kb", type=int, default=100)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--file-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-ratios", dest="ratios", action="store_false", help="skip the sensitive-word pass vs raw scan table")
    parser.add_argument("--ocr-repeat", type=int, default=3, help="runs of the OCR timing (0 skips it)")
    args = parser.parse_args()

    setup_django()
    from django.test import override_settings

    from wagtail_gk.conf import gk_setting
    from wagtail_gk.gate.checkers import TextSource
    from wagtail_gk.gate.checkers.classification import ClassificationMarkerChecker
    from wagtail_gk.gate.checkers.personal_data import PersonalDataChecker
    from wagtail_gk.gate.checkers.sensitive_words import (
        SensitiveWordChecker,
        TermEntry,
        TermMatcher,
    )
    from wagtail_gk.gate.documents import pdftotext_binary
    from wagtail_gk.gate.extraction import read_documents
    from wagtail_gk.gate.runner import run_checkers

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
    # a new TextSource each run: its normalised text is cached on it, and the
    # normalisation belongs in the figure
    ac_best, ac_median = best_of(lambda: checker.check(None, [TextSource("正文", page)]), args.repeat)
    naive_best, _ = best_of(lambda: naive_find(terms, page), max(1, args.repeat // 3))
    naive_found = naive_find(terms, page)
    print(f"\nsensitive-word pass, {len(page.encode('utf-8')) // 1024} KB page: best {ac_best * 1000:.2f} ms, median {ac_median * 1000:.2f} ms, {found} findings (target < 10 ms)")
    print(f"  baseline (per-term str.find loop): {naive_best * 1000:.0f} ms, {naive_found} matches")
    print(f"  speed-up: {naive_best / ac_best:.0f}× (target ≥ 50×)")
    if naive_found != found:
        print("  NOTE: counts differ (findings include only matches outside exemptions; none are set here)")

    # 2b. The whole sensitive-word pass against the raw automaton scan.
    if args.ratios:
        sensitive_word_ratios(args.repeat)

    # 3. Ten attached documents.
    if args.files:
        print(f"\nbuilding {args.files} documents of ≥ {args.file_mb} MB (PDF and DOCX alternately)…", flush=True)
        documents = make_documents(args.files, int(args.file_mb * 1024 * 1024), rng, terms[:200])
        sizes = ", ".join(f"{name} {len(data) / 1048576:.1f} MB" for name, data in documents)
        print(f"  {sizes}")
        checkers = [checker, PersonalDataChecker(), ClassificationMarkerChecker()]
        attachments = [InMemoryDocument(name, data) for name, data in documents]

        def whole_check():
            # The gate's own path: read_documents (several files at once,
            # nothing cached: the documents have no content hash) and every checker.
            doc_sources = []
            for attachment, file_text in zip(attachments, read_documents(attachments), strict=True):
                assert not file_text.unreadable, file_text.unreadable
                doc_sources.extend(TextSource(f"附件《{attachment.title}》{label}", text) for label, text in file_text.pages)
            return run_checkers(None, sources + doc_sources, checkers)

        def pypdf_one_by_one():
            with override_settings(GK_GATE_PDF_EXTRACTOR="pypdf", GK_GATE_EXTRACTION_WORKERS=1):
                return read_documents(attachments)

        print(f"  PDF reader: {'pdftotext ' + pdftotext_binary() if pdftotext_binary() else 'pypdf (pdftotext not installed)'}; "
              f"{gk_setting('GK_GATE_EXTRACTION_WORKERS')} files at once")
        findings = whole_check()
        check_best, check_median = best_of(whole_check, 3)
        baseline_best, _ = best_of(pypdf_one_by_one, 1)
        print(f"  whole check (page + {args.files} documents, all checkers): best {check_best:.2f} s, median {check_median:.2f} s, {len(findings)} findings (target < 3 s)")
        print(f"  baseline (text extraction alone with pypdf, one file after another): {baseline_best:.2f} s; "
              f"the whole check takes {check_best / baseline_best:.2f}× of it")

    if args.ocr_repeat:
        bench_ocr(args.ocr_repeat)


def bench_ocr(repeat: int) -> None:
    """4. OCR of one scanned A4 page at 150 dpi (a list of 30 lines with ID
    numbers), as a PNG and as a scanned PDF (pdftoppm + Tesseract), and how
    long a check of a ten-page scan holds the caller before handing the OCR
    to the background task (target ≤ 1 s)."""
    from tests.gate.documents import cjk_font_path, png_bytes, scanned_pdf_bytes, text_image
    from wagtail_gk.conf import gk_setting
    from wagtail_gk.gate.documents import extract_file_text
    from wagtail_gk.gate.readers import ocr

    if not ocr.ocr_available() or cjk_font_path() is None:
        print("\nOCR: skipped (needs tesseract-ocr, tesseract-ocr-chi-sim and fonts-noto-cjk)")
        return
    lines = ["关于困难群众救助名单的公示"] + [f"{n}. 张三{n} 身份证号 11010519491231002X 住址 某某村{n}组" for n in range(1, 30)]
    page = text_image(lines)  # 1240 × 1754 px: A4 at 150 dpi
    png, pdf = png_bytes(page), scanned_pdf_bytes([page])
    languages = gk_setting("GK_GATE_OCR_LANGUAGES")
    print(f"\nOCR (tesseract {ocr.tesseract_binary()}, -l {languages} --psm 6, one thread), A4 page at 150 dpi, {len(lines)} lines:")
    for name, data in (("page.png", png), ("page.pdf", pdf)):
        result = extract_file_text(name, data, ocr_budget=None)
        text = "".join(t for _label, t in result.pages)
        best, median = best_of(lambda data=data, name=name: extract_file_text(name, data, ocr_budget=None), repeat)
        print(f"  {name}: best {best:.2f} s, median {median:.2f} s; ID numbers read exactly: {text.count('11010519491231002X')}/29")
    ten = scanned_pdf_bytes([page] * 10)
    budget = gk_setting("GK_GATE_OCR_SYNC_SECONDS")
    best, median = best_of(lambda: extract_file_text("ten.pdf", ten), repeat)
    pending = extract_file_text("ten.pdf", ten).ocr_pending
    print(f"  ten-page scan, check with the {budget} s budget: best {best:.2f} s, median {median:.2f} s, handed to the background: {pending} (target ≤ 1 s)")
    print(f"  load average: {Path('/proc/loadavg').read_text().strip()}")


def sensitive_word_ratios(repeat: int) -> None:
    """The checker's pass (normalise, match, build findings) over the raw
    ahocorasick-rs scan of the same text with the same terms, in one run."""
    import ahocorasick_rs

    from wagtail_gk.gate.checkers import TextSource
    from wagtail_gk.gate.checkers.sensitive_words import (
        SensitiveWordChecker,
        TermEntry,
        TermMatcher,
    )
    from wagtail_gk.gate.normalise import _tables, warm_up

    warm_up()
    to_traditional = {ord(simplified): chr(code) for code, simplified in _tables()[0].items() if len(simplified) == 1 and "\u4e00" <= simplified <= "\u9fff"}
    print(f"\nsensitive-word pass vs the raw ahocorasick-rs scan (load average {Path('/proc/loadavg').read_text().split(' ', 3)[:3]})")
    print(f"  {'terms':>6} {'text':>7} {'kind':<12} {'findings':>8} {'raw scan':>9} {'pass':>9} {'ratio':>6}")
    cases = []
    for count in (5_000, 50_000):
        rng = random.Random(count)
        terms = make_terms(count, rng)
        matcher = TermMatcher([TermEntry(term, "测试", "block", ()) for term in terms])
        raw = ahocorasick_rs.AhoCorasick(terms)
        for kilobytes in (100, 1024):
            cases.append((count, kilobytes, "simplified", matcher, raw, make_page(kilobytes * 1024, rng, terms[:200])))
        cases.append((count, 1024, "dense", matcher, raw, make_page(1024 * 1024, rng, terms[:200], plant_share=0.6)))
        cases.append((count, 100, "traditional", matcher, raw, make_page(100 * 1024, rng, terms[:200]).translate(to_traditional)))
    worst = 0.0
    for count, kilobytes, kind, matcher, raw, text in cases:
        checker = SensitiveWordChecker(matcher)
        findings = len(checker.check(None, [TextSource("正文", text)]))
        # raw scan and pass alternate, so a change of machine load hits both alike
        raw_times, pass_times = [], []
        for _ in range(repeat):
            raw_times.append(best_of(lambda raw=raw, text=text: raw.find_matches_as_indexes(text, overlapping=True), 1)[0])
            pass_times.append(best_of(lambda checker=checker, text=text: checker.check(None, [TextSource("正文", text)]), 1)[0])
        raw_best, pass_best = min(raw_times), min(pass_times)
        ratio = pass_best / raw_best
        if kind != "traditional":  # not comparable: see the note printed below
            worst = max(worst, ratio)
        size = f"{kilobytes} KB" if kilobytes < 1024 else f"{kilobytes // 1024} MB"
        print(f"  {count:>6,} {size:>7} {kind:<12} {findings:>8,} {raw_best * 1000:>7.2f}ms {pass_best * 1000:>7.2f}ms {ratio:>5.2f}×")
    print(f"  worst ratio, simplified and dense texts: {worst:.2f}× (target ≤ 2×); load average now {Path('/proc/loadavg').read_text().split(' ', 3)[:3]}")
    print("  (a traditional page is matched by its simplified form, after one str.translate of the whole text;")
    print("   the raw scan of the text as written finds nothing there, so that ratio is not comparable: its target is the < 10 ms)")


class InMemoryDocument:
    """Stands in for a Wagtail document: what read_documents uses of one."""

    file_hash = ""  # no hash: every run reads the files afresh

    def __init__(self, name: str, data: bytes):
        self.title = self.filename = name
        self.data = data
        self.file_size = len(data)

    def open_file(self):
        return io.BytesIO(self.data)

if __name__ == "__main__":
    main()
