"""Import, export and remote sync of the shared sensitive-word library.

Formats:

- **TXT**: one term a line; blank lines and lines starting with ``#`` are skipped.
- **CSV / XLSX**: a header row, then one term a row. Columns (Chinese or
  English header): 敏感词/term (required), 类别/category, 处理方式/severity
  (拦截/提示 or block/warn), 豁免短语/exemptions (separated by ``|``),
  启用/active (是/否), 备注/note.
- **JSON** (remote library): ``{"terms": [{"term": …, "category": …,
  "severity": …, "exemptions": […]}, …]}`` or a plain list of strings.

Every import is validated first; one bad row (named by its line) and
nothing is written. Valid files are applied in one transaction.

Terms are stored normalised, the way the matcher compares them
(:func:`~wagtail_gk.gate.normalise.normalise_term`: width, case,
traditional and variant characters, invisible characters), so ``ABC赌`` and
``ＡＢＣ赌`` are one term with one severity. The library refuses what would
only make noise (docs/gate.md, "A term library that refuses nonsense"):
terms shorter than ``GK_GATE_TERM_MIN_LENGTH``, terms found on most of the
live site (``GK_GATE_BROAD_TERM_LIMIT``, with the number of pages they would
flag), files over ``GK_GATE_TERM_IMPORT_MAX_BYTES`` or with more than
``GK_GATE_TERM_IMPORT_MAX_TERMS`` terms, and files that are not text.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import gk_setting
from ..models.gate import SensitiveLibraryState, SensitiveTerm, TermSeverity, TermSource
from ..spreadsheets import Limits, SpreadsheetError, apply_merges, read_csv, read_workbook
from .documents import decode_text
from .normalise import normalise_term

MAX_TERM_LENGTH = SensitiveTerm._meta.get_field("term").max_length
COLUMNS = {
    "term": ("敏感词", "term", "词"),
    "category": ("类别", "category", "分类"),
    "severity": ("处理方式", "severity", "级别"),
    "exemptions": ("豁免短语", "exemptions", "豁免"),
    "active": ("启用", "active", "是否启用"),
    "note": ("备注", "note"),
}
SEVERITY_WORDS = {"拦截": "block", "block": "block", "禁止": "block", "提示": "warn", "warn": "warn", "警告": "warn", "": None}
ACTIVE_WORDS = {"是": True, "1": True, "true": True, "yes": True, "启用": True, "否": False, "0": False, "false": False, "no": False, "停用": False, "": None}
EXPORT_HEADER = ["敏感词", "类别", "处理方式", "豁免短语", "启用", "来源", "备注"]


class LibraryImportError(Exception):
    """The file is not valid; ``errors`` names each bad line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class TermRow:
    line: int
    term: str
    category: str | None = None
    severity: str | None = None
    exemptions: list[str] | None = None
    active: bool | None = None
    note: str | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _("%(created)d added, %(updated)d updated, %(deactivated)d deactivated, %(unchanged)d unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "deactivated": self.deactivated,
            "unchanged": self.unchanged,
        }


# --- parsing -----------------------------------------------------------------

# Files that are certainly not text, by their first bytes.
BINARY_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")


def decode_text_file(data: bytes) -> str:
    """The text of a TXT, CSV or JSON upload; :class:`LibraryImportError`
    when it is not text at all (a workbook, archive, image or binary renamed
    ``.txt``), rather than reading it as thousands of garbled "terms"."""
    has_bom = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if data.startswith(BINARY_SIGNATURES) or (not has_bom and b"\x00" in data[:65536]):
        raise LibraryImportError([_("The file is not a text file. Save the list as plain text (UTF-8 or GB18030) or CSV, or upload the XLSX workbook itself.")])
    text = decode_text(data)
    sample = text[:65536]
    odd = sum(1 for char in sample if char == "\ufffd" or (char < " " and char not in "\t\n\r\f"))
    if sample and odd > max(8, len(sample) // 100):
        raise LibraryImportError([_("The file is not a text file. Save the list as plain text (UTF-8 or GB18030) or CSV, or upload the XLSX workbook itself.")])
    return text


def parse_txt(data: bytes) -> list[TermRow]:
    rows = []
    for number, line in enumerate(decode_text_file(data).splitlines(), start=1):
        term = line.strip()
        if term and not term.startswith("#"):
            rows.append(TermRow(number, term))
    return rows


def _rows_from_table(table: Iterable[tuple[int, list[str]]]) -> list[TermRow]:
    iterator = iter(table)
    try:
        header_line, header = next(iterator)
    except StopIteration:
        raise LibraryImportError([_("The file is empty")]) from None
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = (name or "").strip().lower()
        for column, names in COLUMNS.items():
            if key in names:
                positions[column] = index
    if "term" not in positions:
        raise LibraryImportError([_("Line %(line)d: the header has no “term” column") % {"line": header_line}])
    rows = []
    for number, cells in iterator:
        def cell(column, cells=cells):
            index = positions.get(column)
            value = cells[index] if index is not None and index < len(cells) else ""
            return "" if value is None else str(value).strip()

        if not any(str(value or "").strip() for value in cells):
            continue
        severity_word = cell("severity")
        active_word = cell("active").lower()
        rows.append(
            TermRow(
                number,
                cell("term"),
                category=cell("category") if "category" in positions else None,
                severity=severity_word if "severity" in positions else None,
                exemptions=[p.strip() for p in cell("exemptions").replace("｜", "|").split("|") if p.strip()]
                if "exemptions" in positions
                else None,
                active=active_word if "active" in positions else None,  # validated below
                note=cell("note") if "note" in positions else None,
            )
        )
    return rows


def _limits() -> Limits:
    return Limits(
        max_bytes=gk_setting("GK_GATE_TERM_IMPORT_MAX_BYTES"),
        max_unpacked_bytes=gk_setting("GK_GATE_TERM_IMPORT_MAX_UNPACKED_BYTES"),
        max_rows=gk_setting("GK_GATE_TERM_IMPORT_MAX_TERMS"),
    )


def parse_csv(data: bytes) -> list[TermRow]:
    try:
        sheet = read_csv(data, _limits(), text=decode_text_file(data))
    except SpreadsheetError as exc:
        raise LibraryImportError(exc.messages()) from exc
    return _rows_from_table(sheet.rows)


def parse_xlsx(data: bytes) -> list[TermRow]:
    """The first sheet's rows; a merge below the header row is refused (each row is one term)."""
    try:
        sheets = read_workbook(data, _limits(), first_sheet_only=True)
    except SpreadsheetError as exc:
        raise LibraryImportError(exc.messages()) from exc
    if not sheets:
        raise LibraryImportError([_("Not a valid XLSX file")])
    sheet = sheets[0]
    if sheet.rows:
        problems = apply_merges(sheet, header_row=sheet.rows[0][0])
        if problems:
            raise LibraryImportError([str(p) for p in problems])
    return _rows_from_table(sheet.rows)


def parse_json(data: bytes) -> list[TermRow]:
    try:
        payload = json.loads(decode_text_file(data))
    except ValueError as exc:
        raise LibraryImportError([_("Not valid JSON: %(error)s") % {"error": exc}]) from exc
    items = payload.get("terms") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise LibraryImportError([_("The JSON has no terms list")])
    rows = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, str):
            rows.append(TermRow(number, item.strip()))
        elif isinstance(item, dict):
            exemptions = item.get("exemptions")
            if isinstance(exemptions, str):
                exemptions = [p for p in exemptions.splitlines() if p.strip()]
            rows.append(
                TermRow(
                    number,
                    str(item.get("term", "")).strip(),
                    category=str(item["category"]).strip() if item.get("category") is not None else None,
                    severity=str(item.get("severity", "")).strip() if "severity" in item else None,
                    exemptions=[str(p).strip() for p in exemptions] if exemptions is not None else None,
                    active=str(item["active"]).lower() if "active" in item else None,
                )
            )
        else:
            rows.append(TermRow(number, ""))
    return rows


PARSERS = {"txt": parse_txt, "csv": parse_csv, "xlsx": parse_xlsx, "json": parse_json}


def parse_upload(name: str, data: bytes) -> list[TermRow]:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else "txt"
    parser = PARSERS.get(ext)
    if parser is None:
        raise LibraryImportError([_("Unsupported file format .%(ext)s (TXT, CSV, XLSX and JSON are supported)") % {"ext": ext}])
    return parser(data)


def check_limits(data: bytes) -> None:
    """Refuse a file over ``GK_GATE_TERM_IMPORT_MAX_BYTES`` before parsing it."""
    limit = gk_setting("GK_GATE_TERM_IMPORT_MAX_BYTES")
    if len(data) > limit:
        raise LibraryImportError(
            [
                _("The file is %(size)s MB; a term list may be at most %(limit)s MB (GK_GATE_TERM_IMPORT_MAX_BYTES).")
                % {"size": round(len(data) / 1048576, 1), "limit": round(limit / 1048576, 1)}
            ]
        )


def _where(what: str, number: int) -> str:
    """Where a row of an uploaded list is: a line of a text file, an entry of a JSON list."""
    return (_("Entry %(line)d") if what == "entry" else _("Line %(line)d")) % {"line": number}


def validate(rows: list[TermRow], *, what: str = "line", check_site: bool = True) -> list[TermRow]:
    """Normalise *rows* in place (terms and exemption phrases as the matcher
    compares them); raise :class:`LibraryImportError` listing every bad line.

    Beyond the shape of each row this refuses: more rows than
    ``GK_GATE_TERM_IMPORT_MAX_TERMS``; terms shorter than
    ``GK_GATE_TERM_MIN_LENGTH`` once normalised; two lines that are one term
    once normalised; and (*check_site*) active terms found on most of the
    live site, with the number of pages each would flag."""
    max_terms = gk_setting("GK_GATE_TERM_IMPORT_MAX_TERMS")
    if len(rows) > max_terms:
        raise LibraryImportError(
            [_("The file has %(count)d terms; an import may add at most %(limit)d (GK_GATE_TERM_IMPORT_MAX_TERMS).") % {"count": len(rows), "limit": max_terms}]
        )
    min_length = gk_setting("GK_GATE_TERM_MIN_LENGTH")
    errors = []
    seen: dict[str, tuple[int, str]] = {}
    for row in rows:
        where = _where(what, row.line)
        written = row.term
        row.term = normalise_term(row.term)
        if not row.term:
            errors.append(_("%(where)s: the term is empty") % {"where": where})
            continue
        if len(row.term) > MAX_TERM_LENGTH:
            errors.append(_("%(where)s: the term is longer than %(max)d characters") % {"where": where, "max": MAX_TERM_LENGTH})
        if len(row.term) < min_length:
            errors.append(
                _("%(where)s: “%(term)s” is shorter than %(min)d characters; so short a term would flag nearly every page.")
                % {"where": where, "term": row.term, "min": min_length}
            )
        if row.term in seen:
            first_line, first_written = seen[row.term]
            if first_written == written:
                duplicate = _("%(where)s: “%(term)s” duplicates entry %(first)d") if what == "entry" else _("%(where)s: “%(term)s” duplicates line %(first)d")
                errors.append(duplicate % {"where": where, "term": row.term, "first": first_line})
            else:
                errors.append(
                    _("%(where)s: “%(term)s” is the same term as “%(other)s” on line %(first)d (they differ only in width, case, traditional or variant forms or invisible characters).")
                    % {"where": where, "term": written, "other": first_written, "first": first_line}
                )
        seen.setdefault(row.term, (row.line, written))
        if row.severity is not None:
            if row.severity.lower() not in SEVERITY_WORDS:
                errors.append(_("%(where)s: severity “%(value)s” is not valid; use “block” or “warn”") % {"where": where, "value": row.severity})
            else:
                row.severity = SEVERITY_WORDS[row.severity.lower()]
        if isinstance(row.active, str):
            if row.active not in ACTIVE_WORDS:
                errors.append(_("%(where)s: active “%(value)s” is not valid; use “yes” or “no”") % {"where": where, "value": row.active})
            else:
                row.active = ACTIVE_WORDS[row.active]
        if row.category is not None and len(row.category) > 50:
            errors.append(_("%(where)s: the category is longer than 50 characters") % {"where": where})
        if row.exemptions is not None:
            row.exemptions = [normalise_term(phrase) for phrase in row.exemptions if normalise_term(phrase)]
        for phrase in row.exemptions or ():
            if row.term not in phrase:
                errors.append(_("%(where)s: the exempt phrase “%(phrase)s” does not contain the term itself") % {"where": where, "phrase": phrase})
    if not errors and check_site:
        errors = broad_term_errors([row for row in rows if row.active is not False], what=what)
    if errors:
        raise LibraryImportError(errors)
    return rows


# --- terms that would flag most of the site ------------------------------------


@dataclass
class SiteCoverage:
    """How many of the sampled live pages each term would flag."""

    sampled: int  # live pages read
    live: int  # live pages in all
    pages: dict[str, int] = field(default_factory=dict)  # term → sampled pages it is found on

    def estimate(self, term: str) -> int:
        """Pages of the whole live site the term would flag (exact when every
        live page was read, else scaled from the sample)."""
        found = self.pages.get(term, 0)
        return found if self.sampled >= self.live or not self.sampled else round(found * self.live / self.sampled)

    def too_broad(self, term: str) -> bool:
        limit = gk_setting("GK_GATE_BROAD_TERM_LIMIT")
        found = self.pages.get(term, 0)
        return found >= limit["min_pages"] and found > limit["share"] * self.sampled


def live_page_texts(sample: int) -> tuple[list[list], int]:
    """The text sources of up to *sample* live pages (chosen at random when
    there are more) and the number of live pages. Attachments are not read:
    this is an estimate for the person adding terms, not a check."""
    from wagtail.models import Page

    from .extraction import extract_object

    live = Page.objects.live().filter(depth__gt=1)
    total = live.count()
    chosen = live.order_by("?")[:sample] if total > sample else live
    texts = [extract_object(page, include_documents=False).sources for page in chosen.specific().iterator(chunk_size=100)]
    return texts, total


def site_coverage(rows: Iterable[TermRow]) -> SiteCoverage:
    """For each term of *rows* (normalised), on how many sampled live pages
    it is found outside its exemptions: one matcher, one pass per page."""
    from .checkers.sensitive_words import TermEntry, TermMatcher

    entries = [TermEntry(row.term, "", "block", tuple(row.exemptions or ())) for row in rows]
    limit = gk_setting("GK_GATE_BROAD_TERM_LIMIT")
    pages, total = live_page_texts(limit["sample"])
    coverage = SiteCoverage(sampled=len(pages), live=total)
    if not entries or not pages:
        return coverage
    matcher = TermMatcher(entries)
    for sources in pages:
        found = {match.entry.term for source in sources for match in matcher.find(source.normalised)}
        for term in found:
            coverage.pages[term] = coverage.pages.get(term, 0) + 1
    return coverage


def broad_terms(rows: list[TermRow]) -> list[tuple[TermRow, int, int]]:
    """``(row, pages it would flag, live pages)`` for each term of *rows*
    found on most of the live site (``GK_GATE_BROAD_TERM_LIMIT``)."""
    rows = [row for row in rows if row.term]
    if not rows:
        return []
    coverage = site_coverage(rows)
    return [(row, coverage.estimate(row.term), coverage.live) for row in rows if coverage.too_broad(row.term)]


def broad_term_message(term: str, pages: int, live: int) -> str:
    return _("“%(term)s” would flag %(pages)d of the %(live)d live pages; so broad a term is not added. Use a longer phrase, or exemptions.") % {
        "term": term,
        "pages": pages,
        "live": live,
    }


def broad_term_errors(rows: list[TermRow], *, what: str = "line") -> list[str]:
    """One error per term of *rows* found on most of the live site, naming its line."""
    return [
        _("%(where)s: %(problem)s") % {"where": _where(what, row.line), "problem": broad_term_message(row.term, pages, live)}
        for row, pages, live in broad_terms(rows)
    ]


# --- applying ----------------------------------------------------------------


def _changes(term: SensitiveTerm, row: TermRow) -> dict:
    changes = {}
    if row.category is not None and row.category != term.category:
        changes["category"] = row.category
    if row.severity and row.severity != term.severity:
        changes["severity"] = row.severity
    if row.exemptions is not None and "\n".join(row.exemptions) != term.exemptions:
        changes["exemptions"] = "\n".join(row.exemptions)
    if row.active is not None and row.active != term.active:
        changes["active"] = row.active
    if row.note is not None and row.note != term.note:
        changes["note"] = row.note
    return changes


def raises_exposure(was_active: bool, was_severity: str, active: bool, severity: str) -> bool:
    """Whether a change can newly block live content: the term is activated,
    or an active term's severity is raised from warn to block (then the
    live site is re-scanned)."""
    return bool(active) and (not was_active or (was_severity != TermSeverity.BLOCK and severity == TermSeverity.BLOCK))


def apply_rows(rows: list[TermRow], *, source: str, default_category: str = "", default_severity: str = TermSeverity.BLOCK) -> ImportResult:
    """Create missing terms and update the given columns of existing ones,
    in one transaction; the library version moves once."""
    from .rescan import schedule_rescan

    result = ImportResult()
    with transaction.atomic():
        existing = SensitiveTerm.objects.select_for_update().in_bulk([row.term for row in rows], field_name="term")
        new_terms, changed = [], []
        raised = False  # a term activated, or its severity raised to block
        now = timezone.now()
        for row in rows:
            term = existing.get(row.term)
            if term is None:
                new_terms.append(
                    SensitiveTerm(
                        term=row.term,
                        category=row.category or default_category,
                        severity=row.severity or default_severity,
                        exemptions="\n".join(row.exemptions or ()),
                        active=True if row.active is None else row.active,
                        note=row.note or "",
                        source=source,
                    )
                )
                continue
            changes = _changes(term, row)
            if changes:
                raised = raised or raises_exposure(term.active, term.severity, changes.get("active", term.active), changes.get("severity", term.severity))
                for name, value in changes.items():
                    setattr(term, name, value)
                term.updated_at = now
                changed.append(term)
            else:
                result.unchanged += 1
        SensitiveTerm.objects.bulk_create(new_terms, batch_size=2000)
        if changed:
            SensitiveTerm.objects.bulk_update(changed, ["category", "severity", "exemptions", "active", "note", "updated_at"], batch_size=2000)
        result.created, result.updated = len(new_terms), len(changed)
        if new_terms or changed:
            SensitiveLibraryState.bump()
        if raised or any(term.active for term in new_terms):
            schedule_rescan()
    return result


def import_file(name: str, data: bytes, *, default_category: str = "", default_severity: str = TermSeverity.BLOCK) -> ImportResult:
    """Validate and import an uploaded TXT/CSV/XLSX/JSON file (all or nothing)."""
    check_limits(data)
    rows = validate(parse_upload(name, data))
    return apply_rows(rows, source=TermSource.IMPORT, default_category=default_category, default_severity=default_severity)


# --- remote sync -------------------------------------------------------------


def fetch_remote(url: str, timeout: float) -> tuple[bytes, str]:
    if not url.lower().startswith(("https://", "http://")):
        raise LibraryImportError([_("The sync URL must start with http:// or https://")])
    request = urllib.request.Request(url, headers={"User-Agent": "wagtail-gk sensitive-word sync"})  # noqa: S310 — scheme checked above
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.read(), response.headers.get("Content-Type", "")


def sync_from_remote(url: str | None = None) -> ImportResult:
    """Merge the remote library: its terms are added or updated (source
    "上级共享词库"); remote terms it no longer lists are deactivated; terms
    added locally or imported are never touched. The outcome is kept on
    :class:`SensitiveLibraryState` for the admin."""
    url = url or gk_setting("GK_GATE_SYNC_URL")
    state = SensitiveLibraryState.current()
    try:
        if not url:
            raise LibraryImportError([_("The URL of the upstream term list (GK_GATE_SYNC_URL) is not set")])
        data, content_type = fetch_remote(url, gk_setting("GK_GATE_SYNC_TIMEOUT"))
        check_limits(data)
        looks_json = "json" in content_type or data.lstrip()[:1] in (b"{", b"[")
        rows = validate(parse_json(data) if looks_json else parse_txt(data), what="entry" if looks_json else "line")
        local = set(SensitiveTerm.objects.exclude(source=TermSource.REMOTE).values_list("term", flat=True))
        remote_rows = [row for row in rows if row.term not in local]
        with transaction.atomic():
            result = apply_rows(remote_rows, source=TermSource.REMOTE)
            listed = {row.term for row in rows}
            gone = SensitiveTerm.objects.filter(source=TermSource.REMOTE, active=True).exclude(term__in=listed)
            result.deactivated = gone.update(active=False, note=_("Deleted from the upstream list"), updated_at=timezone.now())
            if result.deactivated:
                SensitiveLibraryState.bump()
            message = _("Sync succeeded: %(summary)s") % {"summary": result.summary()}
    except LibraryImportError as exc:
        result = ImportResult(errors=exc.errors)
        message = _("Sync failed: %(errors)s") % {"errors": "；".join(exc.errors[:5])}
    except OSError as exc:
        result = ImportResult(errors=[str(exc)])
        message = _("Sync failed: cannot connect to the upstream term list (%(error)s)") % {"error": exc}
    SensitiveLibraryState.objects.filter(pk=state.pk).update(last_sync_at=timezone.now(), last_sync_message=message)
    return result


def sync_is_due() -> bool:
    state = SensitiveLibraryState.current()
    if state.last_sync_at is None:
        return True
    hours = gk_setting("GK_GATE_SYNC_INTERVAL_HOURS")
    return (timezone.now() - state.last_sync_at).total_seconds() >= hours * 3600


# --- export ------------------------------------------------------------------


def _export_rows(queryset) -> list[list[str]]:
    severity = dict(TermSeverity.choices)
    source = dict(TermSource.choices)
    return [
        [t.term, t.category, str(severity.get(t.severity, t.severity)), "|".join(t.exemption_list()), "是" if t.active else "否", str(source.get(t.source, t.source)), t.note]
        for t in queryset.order_by("category", "term")
    ]


def export_txt(queryset) -> bytes:
    return ("\n".join(queryset.filter(active=True).order_by("term").values_list("term", flat=True)) + "\n").encode("utf-8")


def export_csv(queryset) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    writer.writerows(_export_rows(queryset))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 CSV correctly


def export_xlsx(queryset) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Sensitive-term list"))
    sheet.append(EXPORT_HEADER)
    for row in _export_rows(queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
