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
from .documents import decode_text

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
        return _("新增 %(created)d 个，更新 %(updated)d 个，停用 %(deactivated)d 个，未变 %(unchanged)d 个") % {
            "created": self.created,
            "updated": self.updated,
            "deactivated": self.deactivated,
            "unchanged": self.unchanged,
        }


# --- parsing -----------------------------------------------------------------


def parse_txt(data: bytes) -> list[TermRow]:
    rows = []
    for number, line in enumerate(decode_text(data).splitlines(), start=1):
        term = line.strip()
        if term and not term.startswith("#"):
            rows.append(TermRow(number, term))
    return rows


def _rows_from_table(table: Iterable[tuple[int, list[str]]]) -> list[TermRow]:
    iterator = iter(table)
    try:
        header_line, header = next(iterator)
    except StopIteration:
        raise LibraryImportError([_("文件是空的")]) from None
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = (name or "").strip().lower()
        for column, names in COLUMNS.items():
            if key in names:
                positions[column] = index
    if "term" not in positions:
        raise LibraryImportError([_("第%(line)d行：表头缺少“敏感词”列") % {"line": header_line}])
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


def parse_csv(data: bytes) -> list[TermRow]:
    reader = csv.reader(io.StringIO(decode_text(data)))
    return _rows_from_table((number, row) for number, row in enumerate(reader, start=1))


def parse_xlsx(data: bytes) -> list[TermRow]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any parse failure is a bad file
        raise LibraryImportError([_("不是有效的 XLSX 文件")]) from exc
    try:
        sheet = workbook.worksheets[0]
        table = [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    return _rows_from_table(table)


def parse_json(data: bytes) -> list[TermRow]:
    try:
        payload = json.loads(decode_text(data))
    except ValueError as exc:
        raise LibraryImportError([_("不是有效的 JSON：%(error)s") % {"error": exc}]) from exc
    items = payload.get("terms") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise LibraryImportError([_("JSON 中没有 terms 列表")])
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
        raise LibraryImportError([_("不支持的文件格式 .%(ext)s（支持 TXT、CSV、XLSX、JSON）") % {"ext": ext}])
    return parser(data)


def validate(rows: list[TermRow], *, what: str = "行") -> list[TermRow]:
    """Normalise *rows* in place; raise :class:`LibraryImportError` listing
    every bad line."""
    errors = []
    seen: dict[str, int] = {}
    for row in rows:
        where = _("第%(line)d%(what)s") % {"line": row.line, "what": what}
        if not row.term:
            errors.append(_("%(where)s：敏感词为空") % {"where": where})
            continue
        if len(row.term) > MAX_TERM_LENGTH:
            errors.append(_("%(where)s：敏感词超过 %(max)d 个字") % {"where": where, "max": MAX_TERM_LENGTH})
        if row.term in seen:
            errors.append(_("%(where)s：“%(term)s”与第%(first)d%(what)s重复") % {"where": where, "term": row.term, "first": seen[row.term], "what": what})
        seen.setdefault(row.term, row.line)
        if row.severity is not None:
            if row.severity.lower() not in SEVERITY_WORDS:
                errors.append(_("%(where)s：处理方式“%(value)s”无效，应为“拦截”或“提示”") % {"where": where, "value": row.severity})
            else:
                row.severity = SEVERITY_WORDS[row.severity.lower()]
        if isinstance(row.active, str):
            if row.active not in ACTIVE_WORDS:
                errors.append(_("%(where)s：启用“%(value)s”无效，应为“是”或“否”") % {"where": where, "value": row.active})
            else:
                row.active = ACTIVE_WORDS[row.active]
        if row.category is not None and len(row.category) > 50:
            errors.append(_("%(where)s：类别超过 50 个字") % {"where": where})
        for phrase in row.exemptions or ():
            if row.term not in phrase:
                errors.append(_("%(where)s：豁免短语“%(phrase)s”不包含敏感词本身") % {"where": where, "phrase": phrase})
    if errors:
        raise LibraryImportError(errors)
    return rows


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


def apply_rows(rows: list[TermRow], *, source: str, default_category: str = "", default_severity: str = TermSeverity.BLOCK) -> ImportResult:
    """Create missing terms and update the given columns of existing ones,
    in one transaction; the library version moves once."""
    from .rescan import schedule_rescan

    result = ImportResult()
    with transaction.atomic():
        existing = SensitiveTerm.objects.select_for_update().in_bulk([row.term for row in rows], field_name="term")
        new_terms, changed = [], []
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
        if any(term.active for term in new_terms) or any(term.active for term in changed):
            schedule_rescan()
    return result


def import_file(name: str, data: bytes, *, default_category: str = "", default_severity: str = TermSeverity.BLOCK) -> ImportResult:
    """Validate and import an uploaded TXT/CSV/XLSX/JSON file (all or nothing)."""
    rows = validate(parse_upload(name, data))
    return apply_rows(rows, source=TermSource.IMPORT, default_category=default_category, default_severity=default_severity)


# --- remote sync -------------------------------------------------------------


def fetch_remote(url: str, timeout: float) -> tuple[bytes, str]:
    if not url.lower().startswith(("https://", "http://")):
        raise LibraryImportError([_("同步地址必须以 http:// 或 https:// 开头")])
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
            raise LibraryImportError([_("未设置上级词库地址 GK_GATE_SYNC_URL")])
        data, content_type = fetch_remote(url, gk_setting("GK_GATE_SYNC_TIMEOUT"))
        looks_json = "json" in content_type or data.lstrip()[:1] in (b"{", b"[")
        rows = validate(parse_json(data) if looks_json else parse_txt(data), what=_("项") if looks_json else "行")
        local = set(SensitiveTerm.objects.exclude(source=TermSource.REMOTE).values_list("term", flat=True))
        remote_rows = [row for row in rows if row.term not in local]
        with transaction.atomic():
            result = apply_rows(remote_rows, source=TermSource.REMOTE)
            listed = {row.term for row in rows}
            gone = SensitiveTerm.objects.filter(source=TermSource.REMOTE, active=True).exclude(term__in=listed)
            result.deactivated = gone.update(active=False, note=_("上级词库已删除"), updated_at=timezone.now())
            if result.deactivated:
                SensitiveLibraryState.bump()
            message = _("同步成功：%(summary)s") % {"summary": result.summary()}
    except LibraryImportError as exc:
        result = ImportResult(errors=exc.errors)
        message = _("同步失败：%(errors)s") % {"errors": "；".join(exc.errors[:5])}
    except OSError as exc:
        result = ImportResult(errors=[str(exc)])
        message = _("同步失败：无法连接上级词库（%(error)s）") % {"error": exc}
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
    sheet = workbook.create_sheet(_("敏感词库"))
    sheet.append(EXPORT_HEADER)
    for row in _export_rows(queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
