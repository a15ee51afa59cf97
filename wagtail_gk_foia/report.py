"""The annual report on government information openness (政府信息公开工作年度报告,
条例 第50条) in the format of 国办公开办函〔2021〕30号: six sections, three of
them tables.

- 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项: text the office
  writes (on the report page); section 一 is offered a starting text built
  from the year's figures (:func:`suggested_overview`).
- 二 主动公开政府信息情况 (:func:`build_table2`): 规章 and 规范性文件 made, repealed
  and in force — from the policy library through core's
  ``register_gk_report_contribution`` hook, unless the office entered them —
  and the 行政许可/处罚/强制 decisions and the 行政事业性收费 amount (万元) the office
  enters per agency (:class:`~wagtail_gk_foia.models.AnnualReportFigures`).
- 三 收到和处理政府信息公开申请情况 (:func:`build_table3`), generated from the
  requests' stored outcome leaves. A request counts as 本年新收 in the year of
  its receipt date, as 上年结转 in every later year it is still open on 1
  January, in 办理结果 in the year it was concluded, and as 结转下年度 when it is
  still open on 31 December. Hence 新收 + 上年结转 = 总计 + 结转下年度 for every
  column; the table verifies it and lists the requests that break it.
- 四 政府信息公开行政复议、行政诉讼情况 (:func:`build_table4`), counted from the
  :class:`~wagtail_gk_foia.models.RemedyCase` records.

A report for an agency covers the agency and every agency under it (a
government's report aggregates its departments and townships); without an
agency it covers every agency.
"""

from __future__ import annotations

import datetime
import io
import json
from collections import Counter
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from wagtail_gk.annual_report import collect_report_contributions, report_contributors
from wagtail_gk.models import Agency

from .models import ApplicantType, DisclosureRequest
from .models.choices import ORGANISATION_TYPES, TABLE3_GROUPS, outcome_leaf_label
from .models.duties import CorrectionOutcome, CorrectionRequest
from .models.report import AnnualReportFigures, RemedyCase, RemedyKind, RemedyOutcome

COLUMNS = [t.value for t in ApplicantType]
TABLE3_ROW_KEYS = ["new", "carried_in", *[code for _k, _l, codes in TABLE3_GROUPS for code in codes], "carried_out"]
REMEDY_COLUMNS = [*[o.value for o in RemedyOutcome], "pending", "total"]
SECTION_KEYS = ("overview", "problems", "other")


# --- scope ------------------------------------------------------------------------


def report_agencies(agency: Agency | None) -> list[Agency]:
    """The agencies a report covers: *agency* and all under it, or all."""
    qs = Agency.objects.all() if agency is None else Agency.objects.descendants_of(agency)
    return list(qs.order_by("pk"))


def _ids(agency_ids):
    return sorted(agency_ids)


# --- table 三 ------------------------------------------------------------------------


def _counts(queryset) -> dict:
    counts = {row["applicant_type"]: row["n"] for row in queryset.values("applicant_type").annotate(n=Count("pk"))}
    return {col: counts.get(col, 0) for col in COLUMNS}


def _row(key, label, values, level=0):
    return {"key": key, "label": str(label), "level": level, "values": values}


def _header3():
    """The header of table 三 as rows of cells with spans (HTML-like)."""
    return [
        [
            {"label": _("(In each column, item I plus item II equals item III plus item IV)"), "rowspan": 3, "colspan": 3},
            {"label": _("Applicants"), "colspan": len(COLUMNS) + 1},
        ],
        [
            {"label": str(ApplicantType.NATURAL_PERSON.label), "rowspan": 2},
            {"label": _("Legal persons or other organizations"), "colspan": len(ORGANISATION_TYPES)},
            {"label": _("Grand total"), "rowspan": 2},
        ],
        [{"label": str(t.label)} for t in ORGANISATION_TYPES],
    ]


def build_table3(year: int, agency_ids) -> dict:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = DisclosureRequest.objects.filter(agency_id__in=_ids(agency_ids))
    new = qs.filter(received_on__range=(start, end))
    carried_in = qs.filter(received_on__lt=start).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start))
    concluded = qs.filter(concluded_on__range=(start, end))
    carried_out = qs.filter(received_on__lte=end).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end))

    leaves: dict[str, Counter] = {key: Counter() for key in TABLE3_ROW_KEYS}
    leaves["new"].update(_counts(new))
    leaves["carried_in"].update(_counts(carried_in))
    leaves["carried_out"].update(_counts(carried_out))
    for row in concluded.values("outcome", "applicant_type").annotate(n=Count("pk")):
        if row["outcome"] in leaves:
            leaves[row["outcome"]][row["applicant_type"]] += row["n"]

    def values_of(keys):
        values = {col: sum(leaves[k][col] for k in keys) for col in COLUMNS}
        values["organisations_total"] = sum(values[t.value] for t in ORGANISATION_TYPES)
        values["total"] = sum(values[col] for col in COLUMNS)
        return values

    rows = [
        _row("new", _("I. New disclosure requests received this year"), values_of(["new"])),
        _row("carried_in", _("II. Disclosure requests carried over from last year"), values_of(["carried_in"])),
        _row("results", _("III. Outcomes this year"), None),
    ]
    for key, label, codes in TABLE3_GROUPS:
        rows.append(_row(key, label, values_of(codes), level=1))
        if len(codes) > 1:
            for code in codes:
                rows.append(_row(code, outcome_leaf_label(code), values_of([code]), level=2))
    all_codes = [code for _k, _l, codes in TABLE3_GROUPS for code in codes]
    rows.append(_row("total", _("(7) Total"), values_of(all_codes), level=1))
    rows.append(_row("carried_out", _("IV. Carried over to next year"), values_of(["carried_out"])))

    values = {row["key"]: row["values"] for row in rows if row["values"] is not None}
    check = []
    for col in COLUMNS + ["total"]:
        left = values["new"][col] + values["carried_in"][col]
        right = values["total"][col] + values["carried_out"][col]
        check.append({"column": col, "new_plus_carried_in": left, "total_plus_carried_out": right, "ok": left == right})

    problems = []
    for number in concluded.filter(Q(outcome="") | Q(concluded_on__lt=F("received_on"))).values_list("tracking_number", flat=True):
        problems.append(_("%(number)s: incomplete closing record (no outcome, or concluded before the date of receipt)") % {"number": number})
    for number in concluded.exclude(outcome="").exclude(outcome__in=all_codes).values_list("tracking_number", flat=True):
        problems.append(_("%(number)s: the outcome is not one of the cases of table 3") % {"number": number})

    return {
        "year": year,
        "heading": _("III. Disclosure requests received and handled"),
        "header": _header3(),
        "columns": [
            {"key": t.value, "label": str(t.label), "group": None if t == ApplicantType.NATURAL_PERSON else "organisations"}
            for t in ApplicantType
        ]
        + [{"key": "total", "label": _("Grand total"), "group": None}],
        "column_groups": [
            {"key": "applicants", "label": _("Applicants"), "columns": COLUMNS + ["total"]},
            {"key": "organisations", "label": _("Legal persons or other organizations"), "columns": [t.value for t in ORGANISATION_TYPES]},
        ],
        "corrections": correction_counts(year, agency_ids),
        "rows": rows,
        "check": check,
        "consistent": all(c["ok"] for c in check) and not problems,
        "problems": problems,
        "check_formula": _("New + carried over from last year = total of outcomes + carried over to next year"),
    }


def correction_counts(year: int, agency_ids) -> dict:
    """第41条 correction requests of *year* made on requests of the agencies:
    received, decided by outcome, and pending at year end (a table of their own
    beside table 三, which counts disclosure requests only)."""
    qs = CorrectionRequest.objects.filter(request__agency_id__in=_ids(agency_ids))
    decided = Counter(qs.filter(decided_on__year=year).values_list("outcome", flat=True))
    counts = {"received": qs.filter(received_on__year=year).count()}
    counts.update({o.value: decided[o.value] for o in CorrectionOutcome})
    counts["pending"] = qs.filter(received_on__year__lte=year).filter(Q(decided_on__isnull=True) | Q(decided_on__year__gt=year)).count()
    return counts


# --- table 二 ------------------------------------------------------------------------


POLICY_ROWS = (("rules", lambda: _("Government rules")), ("normative", lambda: _("Administrative normative documents")))
POLICY_COLUMNS = ("made", "repealed", "in_force")


def build_table2(year: int, agency_ids) -> dict:
    ids = _ids(agency_ids)
    figures = list(AnnualReportFigures.objects.filter(year=year, agency_id__in=ids))
    policy_installed = bool(report_contributors())

    # 规章/规范性文件: an agency's entered figure wins; the others come from the policy library.
    policy_values, sources = {}, {}
    by_missing: dict[tuple, list[str]] = {}
    for prefix, _label in POLICY_ROWS:
        for col in POLICY_COLUMNS:
            key = f"{prefix}_{col}"
            entered = [f for f in figures if getattr(f, key) is not None]
            policy_values[key] = sum(getattr(f, key) for f in entered)
            missing = tuple(sorted(set(ids) - {f.agency_id for f in entered}))
            by_missing.setdefault(missing, []).append(key)
            sources.setdefault(prefix, set())
            if entered:
                sources[prefix].add("entered")
    if policy_installed:
        for missing, keys in by_missing.items():
            if not missing:
                continue
            contributed = collect_report_contributions(year, missing)
            for key in keys:
                if key in contributed:
                    policy_values[key] += contributed[key]
                    sources[key.split("_", 1)[0]].add("policy_library")

    totals = AnnualReportFigures.objects.filter(year=year, agency_id__in=ids).aggregate(
        licensing=Sum("licensing_decisions"), penalty=Sum("penalty_decisions"), coercion=Sum("coercion_decisions"), fees=Sum("fee_amount")
    )
    fee = (totals["fees"] or Decimal(0)).quantize(Decimal("0.0001")).normalize()
    decisions = _("Decisions made this year")
    info = _("Information")
    return {
        "heading": _("II. Proactive disclosure of government information"),
        "policy_library_installed": policy_installed,
        "blocks": [
            {
                "key": "article20_1",
                "item": _("Article 20 (1)"),
                "columns": [
                    {"key": "label", "label": info},
                    {"key": "made", "label": _("Made this year")},
                    {"key": "repealed", "label": _("Repealed this year")},
                    {"key": "in_force", "label": _("In force at year end")},
                ],
                "rows": [
                    {
                        "key": prefix,
                        "label": str(label()),
                        "values": {col: policy_values[f"{prefix}_{col}"] for col in POLICY_COLUMNS},
                        "sources": sorted(sources[prefix]),
                    }
                    for prefix, label in POLICY_ROWS
                ],
            },
            {
                "key": "article20_5",
                "item": _("Article 20 (5)"),
                "columns": [{"key": "label", "label": info}, {"key": "decisions", "label": decisions}],
                "rows": [{"key": "licensing", "label": _("Administrative licensing"), "values": {"decisions": totals["licensing"] or 0}}],
            },
            {
                "key": "article20_6",
                "item": _("Article 20 (6)"),
                "columns": [{"key": "label", "label": info}, {"key": "decisions", "label": decisions}],
                "rows": [
                    {"key": "penalty", "label": _("Administrative penalties"), "values": {"decisions": totals["penalty"] or 0}},
                    {"key": "coercion", "label": _("Administrative coercion"), "values": {"decisions": totals["coercion"] or 0}},
                ],
            },
            {
                "key": "article20_8",
                "item": _("Article 20 (8)"),
                "columns": [{"key": "label", "label": info}, {"key": "amount", "label": _("Amount collected this year (10,000 yuan)")}],
                "rows": [{"key": "fees", "label": _("Administrative and institutional fees"), "values": {"amount": float(fee)}}],
            },
        ],
    }


def table2_value(table2: dict, row_key: str, column: str):
    for block in table2["blocks"]:
        for row in block["rows"]:
            if row["key"] == row_key:
                return row["values"][column]
    raise KeyError(row_key)


# --- table 四 ------------------------------------------------------------------------


def build_table4(year: int, agency_ids) -> dict:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    cases = RemedyCase.objects.filter(agency_id__in=_ids(agency_ids), filed_on__lte=end).exclude(decided_on__lt=start)
    values = {kind.value: dict.fromkeys(REMEDY_COLUMNS, 0) for kind in RemedyKind}
    for case in cases.values("kind", "outcome", "decided_on"):
        decided = case["outcome"] and case["decided_on"] and case["decided_on"] <= end
        values[case["kind"]][case["outcome"] if decided else "pending"] += 1
    for row in values.values():
        row["total"] = sum(row[c] for c in REMEDY_COLUMNS if c != "total")
    outcome_labels = [
        {"key": RemedyOutcome.UPHELD.value, "label": _("Upheld")},
        {"key": RemedyOutcome.CORRECTED.value, "label": _("Corrected")},
        {"key": RemedyOutcome.OTHER.value, "label": _("Other result")},
        {"key": "pending", "label": _("Not yet concluded")},
        {"key": "total", "label": _("Total of cases")},
    ]
    return {
        "heading": _("IV. Administrative reconsideration and litigation concerning government information disclosure"),
        "groups": [
            {"key": "reconsideration", "label": _("Administrative reconsideration"), "kinds": [RemedyKind.RECONSIDERATION.value]},
            {
                "key": "litigation",
                "label": _("Administrative litigation"),
                "kinds": [RemedyKind.LITIGATION_DIRECT.value, RemedyKind.LITIGATION_AFTER.value],
            },
        ],
        "kinds": [
            {"key": RemedyKind.RECONSIDERATION.value, "label": _("Administrative reconsideration")},
            {"key": RemedyKind.LITIGATION_DIRECT.value, "label": _("Sued without prior reconsideration")},
            {"key": RemedyKind.LITIGATION_AFTER.value, "label": _("Sued after reconsideration")},
        ],
        "outcomes": outcome_labels,
        "values": values,
    }


# --- the whole report ----------------------------------------------------------------


def section_headings() -> dict:
    return {
        "overview": _("I. General situation"),
        "problems": _("V. Main problems and improvements"),
        "other": _("VI. Other matters to report"),
    }


def suggested_overview(year: int, agency_name: str, table2: dict, table3: dict, table4: dict) -> str:
    values = {row["key"]: row["values"] for row in table3["rows"] if row["values"] is not None}
    litigation = table4["values"][RemedyKind.LITIGATION_DIRECT]["total"] + table4["values"][RemedyKind.LITIGATION_AFTER]["total"]
    return _(
        "In %(year)d, %(agency)s received %(new)d disclosure requests and carried over %(carried_in)d from the previous year; "
        "%(total)d were concluded and %(carried_out)d are carried over to next year. Of those concluded, %(disclosed)d were "
        "disclosed in full and %(partly)d in part. It made %(normative)d normative documents and made %(licensing)d "
        "administrative licensing, %(penalty)d penalty and %(coercion)d coercion decisions. Government information "
        "disclosure gave rise to %(reconsideration)d administrative reconsideration cases and %(litigation)d lawsuits."
    ) % {
        "year": year,
        "agency": agency_name,
        "new": values["new"]["total"],
        "carried_in": values["carried_in"]["total"],
        "total": values["total"]["total"],
        "carried_out": values["carried_out"]["total"],
        "disclosed": values["1"]["total"],
        "partly": values["2"]["total"],
        "normative": table2_value(table2, "normative", "made"),
        "licensing": table2_value(table2, "licensing", "decisions"),
        "penalty": table2_value(table2, "penalty", "decisions"),
        "coercion": table2_value(table2, "coercion", "decisions"),
        "reconsideration": table4["values"][RemedyKind.RECONSIDERATION]["total"],
        "litigation": litigation,
    }


def report_title(year: int, agency: Agency | None) -> str:
    from .models import FoiaOfficeSettings

    name = agency.name if agency else (FoiaOfficeSettings.load().office_name or "")
    return _("%(agency)s annual report on government information disclosure work for %(year)d") % {"agency": name, "year": year}


def build_figures(year: int, agency: Agency | None = None) -> dict:
    """The generated part of the report: the three tables and the suggested
    text of section 一. Saved on the report page as its snapshot."""
    agencies = report_agencies(agency)
    ids = [a.pk for a in agencies]
    table2 = build_table2(year, ids)
    table3 = build_table3(year, ids)
    table4 = build_table4(year, ids)
    name = agency.name if agency else _("all agencies")
    return {
        "year": year,
        "agency": {"id": agency.pk, "name": agency.name} if agency else None,
        "agencies": [a.name for a in agencies],
        "table2": table2,
        "table3": table3,
        "table4": table4,
        "suggested_overview": suggested_overview(year, name, table2, table3, table4),
        "generated_on": datetime.date.today().isoformat(),
    }


def assemble_report(figures: dict, texts: dict | None = None, title: str = "") -> dict:
    """The whole report from *figures* (:func:`build_figures`) and the text
    sections (``overview``, ``problems``, ``other``); an empty overview is
    offered the suggested text."""
    texts = texts or {}
    headings = section_headings()
    sections = {}
    for key in SECTION_KEYS:
        text = (texts.get(key) or "").strip()
        sections[key] = {"heading": headings[key], "text": text}
    sections["overview"]["suggested"] = figures["suggested_overview"]
    return {
        "title": title,
        **{k: v for k, v in figures.items() if k != "suggested_overview"},
        "sections": sections,
        "consistent": figures["table3"]["consistent"],
    }


def build_report(year: int, agency: Agency | None = None, texts: dict | None = None) -> dict:
    """The whole report for *year* and *agency* (with the agencies under it;
    ``None``: every agency). Without *texts*, the texts of the agency's report
    page for the year are used when there is one."""
    if texts is None:
        from .models.report_page import AnnualReportPage

        page = AnnualReportPage.objects.filter(year=year, agency=agency).first() if agency else None
        if page is not None:
            page = page.get_latest_revision_as_object()
            texts = page.texts()
    return assemble_report(build_figures(year, agency), texts, report_title(year, agency))


# --- formats -------------------------------------------------------------------------


def report_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def section_text(section: dict) -> str:
    """A section's text, or for 一 without text the suggested one."""
    return section["text"] or section.get("suggested", "")


def _table3_layout(table3):
    """The body of table 三 in the official layout, shared by XLSX and DOCX:
    rows of three label cells and the values, and the merges ((r0, c0), (r1,
    c1)) of label cells, counted from the first body row."""
    rows = [r for r in table3["rows"] if r["values"] is not None]
    out, merges = [], []
    keys = [c["key"] for c in table3["columns"]]
    first_result = last_result = None
    i = 0
    while i < len(rows):
        row = rows[i]
        values = [row["values"][k] for k in keys]
        if row["level"] == 0:
            out.append([row["label"], "", ""] + values)
            merges.append(((len(out) - 1, 0), (len(out) - 1, 2)))
            i += 1
            continue
        # a group row (level 1) and its leaves
        leaves = []
        j = i + 1
        while j < len(rows) and rows[j]["level"] == 2:
            leaves.append(rows[j])
            j += 1
        if not leaves:
            out.append(["", row["label"], ""] + values)
            merges.append(((len(out) - 1, 1), (len(out) - 1, 2)))
        else:
            # As in the official layout: the group's label spans its leaves
            # (the group's sum is not a line of its own).
            first = len(out)
            for n, leaf in enumerate(leaves):
                out.append(["", row["label"] if n == 0 else "", leaf["label"]] + [leaf["values"][k] for k in keys])
            merges.append(((first, 1), (len(out) - 1, 1)))
        if first_result is None:
            first_result = len(out) - (len(leaves) or 1)
        last_result = len(out) - 1
        i = j
    if first_result is not None:
        merges.append(((first_result, 0), (last_result, 0)))
        out[first_result][0] = _("III. Outcomes this year")
    return out, merges


def span_rows(rows, merges, *, label_columns: int = 0) -> list[list[dict]]:
    """*rows* with *merges* applied, for HTML: each cell ``{value, rowspan,
    colspan, label}``, the cells a merge covers left out."""
    covered, spans = set(), {}
    for (r0, c0), (r1, c1) in merges:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    out = []
    for r, cells in enumerate(rows):
        row = []
        for c, value in enumerate(cells):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            row.append({"value": value, "rowspan": rowspan, "colspan": colspan, "label": c < label_columns})
        out.append(row)
    return out


def table3_html_rows(table3) -> list[list[dict]]:
    return span_rows(*_table3_layout(table3), label_columns=3)


def _table2_rows(table2):
    """Table 二 as rows: (kind, cells) with kind ``item`` (a merged heading
    row naming the article item), ``head`` or ``body``."""
    rows = []
    for block in table2["blocks"]:
        rows.append(("item", [block["item"]]))
        rows.append(("head", [c["label"] for c in block["columns"]]))
        for row in block["rows"]:
            rows.append(("body", [row["label"]] + [row["values"][c["key"]] for c in block["columns"][1:]]))
    return rows


def _table4_rows(table4):
    outcomes = [o["label"] for o in table4["outcomes"]]
    kinds = [k["key"] for k in table4["kinds"]]
    header1 = [table4["groups"][0]["label"]] + [""] * 4 + [table4["groups"][1]["label"]] + [""] * 9
    header2 = outcomes + [table4["kinds"][1]["label"]] + [""] * 4 + [table4["kinds"][2]["label"]] + [""] * 4
    header3 = [""] * 5 + outcomes + outcomes
    values = [table4["values"][k][o["key"]] for k in kinds for o in table4["outcomes"]]
    merges = [((0, 0), (0, 4)), ((0, 5), (0, 14)), ((1, 5), (1, 9)), ((1, 10), (1, 14))] + [((1, c), (2, c)) for c in range(5)]
    return [header1, header2, header3, values], merges


def report_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb = Workbook()

    # Sheet 1: the text sections.
    ws = wb.active
    ws.title = _("Report")
    ws.append([data["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([data["sections"]["overview"]["heading"]])
    ws.append([section_text(data["sections"]["overview"])])
    ws.append([data["table2"]["heading"] + " — " + _("see sheet “%(sheet)s”") % {"sheet": _("Table 2")}])
    ws.append([data["table3"]["heading"] + " — " + _("see sheet “%(sheet)s”") % {"sheet": _("Table 3")}])
    ws.append([data["table4"]["heading"] + " — " + _("see sheet “%(sheet)s”") % {"sheet": _("Table 4")}])
    for key in ("problems", "other"):
        ws.append([data["sections"][key]["heading"]])
        ws.append([section_text(data["sections"][key])])
    ws.column_dimensions["A"].width = 100
    for row in ws.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    def boxed(sheet, min_row, max_row, max_col):
        for r in sheet.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col):
            for cell in r:
                cell.border = border
                if cell.alignment is None or not cell.alignment.wrap_text:
                    cell.alignment = center

    # Table 二.
    t2 = wb.create_sheet(_("Table 2"))
    t2.append([data["table2"]["heading"]])
    t2["A1"].font = Font(bold=True, size=12)
    for kind, cells in _table2_rows(data["table2"]):
        t2.append(cells)
        r = t2.max_row
        if kind == "item":
            t2.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
            t2.cell(r, 1).font = Font(bold=True)
        elif len(cells) == 2:
            t2.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    boxed(t2, 2, t2.max_row, 4)
    t2.column_dimensions["A"].width = 30
    for col in "BCD":
        t2.column_dimensions[col].width = 18

    # Table 三.
    t3 = wb.create_sheet(_("Table 3"))
    table3 = data["table3"]
    ncols = 3 + len(table3["columns"])
    t3.append([table3["heading"]])
    t3["A1"].font = Font(bold=True, size=12)
    top = 2
    t3.cell(top, 1, table3["header"][0][0]["label"])
    t3.merge_cells(start_row=top, start_column=1, end_row=top + 2, end_column=3)
    t3.cell(top, 4, table3["header"][0][1]["label"])
    t3.merge_cells(start_row=top, start_column=4, end_row=top, end_column=ncols)
    t3.cell(top + 1, 4, table3["header"][1][0]["label"])
    t3.merge_cells(start_row=top + 1, start_column=4, end_row=top + 2, end_column=4)
    t3.cell(top + 1, 5, table3["header"][1][1]["label"])
    t3.merge_cells(start_row=top + 1, start_column=5, end_row=top + 1, end_column=4 + len(ORGANISATION_TYPES))
    t3.cell(top + 1, ncols, table3["header"][1][2]["label"])
    t3.merge_cells(start_row=top + 1, start_column=ncols, end_row=top + 2, end_column=ncols)
    for i, cell in enumerate(table3["header"][2]):
        t3.cell(top + 2, 5 + i, cell["label"])
    body_top = top + 3
    layout, merges = _table3_layout(table3)
    for offset, cells in enumerate(layout):
        for c, value in enumerate(cells):
            if value != "":
                t3.cell(body_top + offset, 1 + c, value)
    for (r0, c0), (r1, c1) in merges:
        t3.merge_cells(start_row=body_top + r0, start_column=1 + c0, end_row=body_top + r1, end_column=1 + c1)
    last = body_top + len(layout) - 1
    boxed(t3, top, last, ncols)
    for r in range(body_top, last + 1):
        for c in (2, 3):
            t3.cell(r, c).alignment = Alignment(vertical="center", wrap_text=True)
    t3.column_dimensions["A"].width = 16
    t3.column_dimensions["B"].width = 22
    t3.column_dimensions["C"].width = 34
    for c in range(4, ncols + 1):
        t3.column_dimensions[get_column_letter(c)].width = 11
    t3.append([])
    t3.append([table3["check_formula"], _("Consistent") if table3["consistent"] else _("Inconsistent")])
    for problem in table3["problems"]:
        t3.append([problem])
    corrections = table3.get("corrections") or {}
    t3.append([])
    t3.append([_("Correction requests (Article 41)"), _("Received"), _("Corrected"), _("Not corrected"), _("Forwarded"), _("Pending at year end")])
    t3.append([""] + [corrections.get(k, 0) for k in ("received", "corrected", "refused", "forwarded", "pending")])

    # Table 四.
    t4 = wb.create_sheet(_("Table 4"))
    t4.append([data["table4"]["heading"]])
    t4["A1"].font = Font(bold=True, size=12)
    rows4, merges4 = _table4_rows(data["table4"])
    for cells in rows4:
        t4.append(cells)
    for (r0, c0), (r1, c1) in merges4:
        t4.merge_cells(start_row=2 + r0, start_column=1 + c0, end_row=2 + r1, end_column=1 + c1)
    boxed(t4, 2, 5, 15)
    for c in range(1, 16):
        t4.column_dimensions[get_column_letter(c)].width = 10

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def report_docx(data: dict) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2.2)

    def heading(text, size=14, center=False):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        run.font.name = "SimHei"
        run._element.rPr.rFonts.set(qn("w:eastAsia"), "黑体")
        p.paragraph_format.space_before = Pt(12)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def paragraphs(text):
        for para in [p.strip() for p in (text or "").split("\n") if p.strip()]:
            p = doc.add_paragraph(para)
            p.paragraph_format.first_line_indent = Pt(24)

    def set_cell(cell, value, bold=False, size=9):
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run("" if value is None else str(value))
        run.font.size = Pt(size)
        run.bold = bold

    def grid(rows, ncols, merges, head_rows=0, size=9, widths=None):
        table = doc.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Cm(width)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if value not in ("", None):
                    set_cell(table.cell(r, c), value, bold=r < head_rows, size=size)
        for (r0, c0), (r1, c1) in merges:
            a, b = table.cell(r0, c0), table.cell(r1, c1)
            text = a.text
            merged = a.merge(b)
            set_cell(merged, text, bold=r0 < head_rows, size=size)
        return table

    heading(data["title"], size=16, center=True)
    s = data["sections"]
    heading(s["overview"]["heading"])
    paragraphs(section_text(s["overview"]))

    heading(data["table2"]["heading"])
    rows2 = _table2_rows(data["table2"])
    cells2, merges2 = [], []
    for i, (kind, cells) in enumerate(rows2):
        if kind == "item":
            cells2.append([cells[0], "", "", ""])
            merges2.append(((i, 0), (i, 3)))
        elif len(cells) == 2:
            cells2.append([cells[0], cells[1], "", ""])
            merges2.append(((i, 1), (i, 3)))
        else:
            cells2.append(list(cells))
    grid(cells2, 4, merges2, size=10, widths=[5, 4, 4, 4])

    heading(data["table3"]["heading"])
    table3 = data["table3"]
    ncols = 3 + len(table3["columns"])
    h = table3["header"]
    head_rows = [
        [h[0][0]["label"], "", "", h[0][1]["label"]] + [""] * (ncols - 4),
        ["", "", "", h[1][0]["label"], h[1][1]["label"]] + [""] * (len(ORGANISATION_TYPES) - 1) + [h[1][2]["label"]],
        ["", "", "", ""] + [cell["label"] for cell in h[2]] + [""],
    ]
    layout, merges = _table3_layout(table3)
    header_merges = [
        ((0, 0), (2, 2)),
        ((0, 3), (0, ncols - 1)),
        ((1, 3), (2, 3)),
        ((1, 4), (1, 3 + len(ORGANISATION_TYPES))),
        ((1, ncols - 1), (2, ncols - 1)),
    ]
    body_merges = [((r0 + 3, c0), (r1 + 3, c1)) for (r0, c0), (r1, c1) in merges]
    value_width = (17 - 1.6 - 2.2 - 4.4) / len(table3["columns"])
    grid(head_rows + layout, ncols, header_merges + body_merges, head_rows=3, size=8, widths=[1.6, 2.2, 4.4] + [value_width] * len(table3["columns"]))

    heading(data["table4"]["heading"])
    rows4, merges4 = _table4_rows(data["table4"])
    grid(rows4, 15, merges4, head_rows=3, size=8)

    heading(s["problems"]["heading"])
    paragraphs(section_text(s["problems"]))
    heading(s["other"]["heading"])
    paragraphs(section_text(s["other"]))

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
