"""The annual report's request table (表三, 国办公开办函〔2021〕30号) built
from the stored outcome leaves.

A request counts as 本年新收 in the year of its receipt date, as 上年结转 in
every later year it is still open on 1 January, in 办理结果 in the year it was
concluded, and as 结转下年度 when it is still open on 31 December. Hence
新收 + 上年结转 = 总计 + 结转下年度 for every column; :func:`build_report`
verifies it and lists the requests that break it.
"""

from __future__ import annotations

import datetime
import io
import json
from collections import Counter

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from .models import ApplicantType, DisclosureRequest
from .models.choices import TABLE3_GROUPS, outcome_leaf_label

COLUMNS = [t.value for t in ApplicantType]


def _counts(queryset) -> dict:
    counts = {row["applicant_type"]: row["n"] for row in queryset.values("applicant_type").annotate(n=Count("pk"))}
    values = {col: counts.get(col, 0) for col in COLUMNS}
    values["total"] = sum(values.values())
    return values


def _row(key, label, values, level=0):
    return {"key": key, "label": str(label), "level": level, "values": values}


def build_report(year: int) -> dict:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = DisclosureRequest.objects.all()
    new = qs.filter(received_on__range=(start, end))
    carried_in = qs.filter(received_on__lt=start).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start))
    concluded = qs.filter(concluded_on__range=(start, end))
    carried_out = qs.filter(received_on__lte=end).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end))

    by_outcome = Counter()
    for row in concluded.values("outcome", "applicant_type").annotate(n=Count("pk")):
        by_outcome[(row["outcome"], row["applicant_type"])] += row["n"]

    def leaf_values(codes):
        values = {col: sum(by_outcome[(code, col)] for code in codes) for col in COLUMNS}
        values["total"] = sum(values.values())
        return values

    rows = [
        _row("new", _("I. New disclosure requests received this year"), _counts(new)),
        _row("carried_in", _("II. Disclosure requests carried over from last year"), _counts(carried_in)),
    ]
    rows.append(_row("results", _("III. Outcomes this year"), None))
    for key, label, codes in TABLE3_GROUPS:
        rows.append(_row(key, label, leaf_values(codes) if len(codes) == 1 else leaf_values(codes), level=1))
        if len(codes) > 1:
            for code in codes:
                rows.append(_row(code, outcome_leaf_label(code), leaf_values([code]), level=2))
    all_codes = [code for _k, _l, codes in TABLE3_GROUPS for code in codes]
    total = leaf_values(all_codes)
    rows.append(_row("total", _("(7) Total"), total, level=1))
    rows.append(_row("carried_out", _("IV. Carried over to next year"), _counts(carried_out)))

    values = {row["key"]: row["values"] for row in rows if row["values"] is not None}
    check = []
    for col in COLUMNS + ["total"]:
        left = values["new"][col] + values["carried_in"][col]
        right = values["total"][col] + values["carried_out"][col]
        check.append({"column": col, "new_plus_carried_in": left, "total_plus_carried_out": right, "ok": left == right})

    problems = []
    for req in concluded.filter(Q(outcome="") | Q(concluded_on__lt=F("received_on"))).values_list("tracking_number", flat=True):
        problems.append(_("%(number)s: incomplete closing record (no outcome, or concluded before the date of receipt)") % {"number": req})
    unknown = concluded.exclude(outcome="").exclude(outcome__in=all_codes).values_list("tracking_number", flat=True)
    for number in unknown:
        problems.append(_("%(number)s: the outcome is not one of the cases of table 3") % {"number": number})

    return {
        "year": year,
        "corrections": correction_counts(year),
        "columns": [{"key": t.value, "label": str(t.label)} for t in ApplicantType] + [{"key": "total", "label": _("Grand total")}],
        "rows": rows,
        "check": check,
        "consistent": all(c["ok"] for c in check) and not problems,
        "problems": problems,
        "check_formula": _("New + carried over from last year = total of outcomes + carried over to next year"),
    }


def correction_counts(year: int) -> dict:
    """第41条 correction requests of *year*: received, and decided by outcome."""
    from .models.duties import CorrectionOutcome, CorrectionRequest

    qs = CorrectionRequest.objects.all()
    decided = Counter(qs.filter(decided_on__year=year).values_list("outcome", flat=True))
    counts = {"received": qs.filter(received_on__year=year).count()}
    counts.update({o.value: decided[o.value] for o in CorrectionOutcome})
    counts["pending"] = qs.filter(received_on__year__lte=year).filter(Q(decided_on__isnull=True) | Q(decided_on__year__gt=year)).count()
    return counts


def report_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def report_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = _("Table 3")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([_("Disclosure requests received and handled in %(year)d") % {"year": data["year"]}])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(data["columns"]) + 1)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([_("In each column, item I plus item II equals item III plus item IV")] + [c["label"] for c in data["columns"]])
    for row in data["rows"]:
        label = ("    " * row["level"]) + row["label"]
        values = [row["values"][c["key"]] for c in data["columns"]] if row["values"] else [""] * len(data["columns"])
        ws.append([label] + values)
    ws.append([])
    ws.append([data["check_formula"], _("Consistent") if data["consistent"] else _("Inconsistent")])
    for problem in data["problems"]:
        ws.append([problem])
    corrections = data.get("corrections") or {}
    ws.append([])
    ws.append([_("Correction requests (Article 41)"), _("Received"), _("Corrected"), _("Not corrected"), _("Forwarded"), _("Pending at year end")])
    ws.append([""] + [corrections.get(k, 0) for k in ("received", "corrected", "refused", "forwarded", "pending")])
    ws.column_dimensions["A"].width = 60
    for r in ws.iter_rows(min_row=2, max_row=2 + len(data["rows"])):
        for cell in r:
            cell.border = border
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
