"""The printable notice for the village board (村公示栏), as PDF.

A full notice, not just a pointer: title, the village and period, the text,
the finance statement with its totals and the masked beneficiary list, each
table repeating its header on every sheet, and at the foot of the last sheet
a QR code to the online notice (its stable short link) with the URL printed
under it, the publication date and the supervision phone. A4 or A3, portrait.
Chinese uses core's embedded PDF font (:mod:`wagtail_gk.pdf`), and the sheet
takes the optional print-shop bleed ``GK_PRINT_BLEED_MM``.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from wagtail_gk.dates import long_date
from wagtail_gk.pdf import SAFE_MARGIN, doc_template_options, page_geometry, pdf_font
from wagtail_gk.qr import qr_png

from .tables import finance_column_labels

RED = colors.HexColor("#b5121b")


def _styles(scale: float) -> dict[str, ParagraphStyle]:
    font = pdf_font()
    base = ParagraphStyle("base", fontName=font, fontSize=11 * scale, leading=17 * scale, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=22 * scale, leading=30 * scale, alignment=TA_CENTER, textColor=RED, spaceAfter=4 * mm),
        "meta": ParagraphStyle("meta", parent=base, alignment=TA_CENTER, textColor=colors.HexColor("#444444"), spaceAfter=4 * mm),
        "body": ParagraphStyle("body", parent=base, firstLineIndent=22 * scale, spaceAfter=2 * mm),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13 * scale, leading=20 * scale, spaceBefore=3 * mm, spaceAfter=2 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5 * scale, leading=13 * scale),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=9.5 * scale, leading=13 * scale, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=9 * scale, leading=13 * scale),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_RIGHT),
    }


def _table(headers, rows, styles, widths, numeric_columns=()):
    def cell(value, index):
        style = styles["cell_right"] if index in numeric_columns else styles["cell"]
        return Paragraph(escape(str(value)), style)

    data = [[Paragraph(escape(str(h)), styles["cell"]) for h in headers]]
    data += [[cell(value, index) for index, value in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                # Cells left empty would otherwise name reportlab's (unembedded) Helvetica.
                ("FONTNAME", (0, 0), (-1, -1), pdf_font()),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _money(value) -> str:
    from decimal import Decimal

    return f"{Decimal(str(value)):,.2f}"


def render_board_pdf(notice, url: str, paper: str = "A4") -> bytes:
    """The PDF of *notice* for the board; *url* is what the QR code encodes."""
    geometry = page_geometry("A3" if paper == "A3" else "A4")
    scale = 1.0 if geometry.paper == "A4" else 1.35
    styles = _styles(scale)
    buffer = io.BytesIO()
    margin = max(SAFE_MARGIN, 15 * mm * scale)
    page_margin = margin + geometry.bleed
    doc = SimpleDocTemplate(
        buffer, pagesize=geometry.media, leftMargin=page_margin, rightMargin=page_margin, topMargin=page_margin,
        bottomMargin=page_margin, title=notice.title, author=notice.village.name if notice.village_id else "",
        **doc_template_options(geometry),
    )
    width = geometry.width - 2 * margin
    period = notice.period
    village_page = notice.village_page
    published = notice.effective_release_date or timezone.localdate()
    story = [
        Paragraph(escape(notice.title), styles["title"]),
        Paragraph(
            escape(
                _("Notice category: %(category)s · Period covered: %(period)s · Publication date: %(date)s")
                % {"category": notice.category.name, "period": period.label if period else "", "date": published.isoformat()}
            ),
            styles["meta"],
        ),
    ]
    for paragraph in (notice.body or "").splitlines():
        if paragraph.strip():
            story.append(Paragraph(escape(paragraph.strip()), styles["body"]))
    if notice.finance_rows:
        labels = finance_column_labels()
        story.append(Paragraph(escape(_("Income and expenses")), styles["heading"]))
        rows = [
            [r["date"], r["item"], _money(r["income"]) if r["income"] != "0.00" else "", _money(r["expense"]) if r["expense"] != "0.00" else "", _money(r["balance"]), r["voucher"]]
            for r in notice.finance_rows
        ]
        totals = notice.finance_summary
        rows.append(["", _("Total"), _money(totals["income"]), _money(totals["expense"]), _money(totals["balance"]), ""])
        widths = [w * width for w in (0.14, 0.34, 0.13, 0.13, 0.14, 0.12)]
        story.append(_table([labels[c] for c in ("date", "item", "income", "expense", "balance", "voucher")], rows, styles, widths, numeric_columns=(2, 3, 4)))
    table = notice.beneficiary_table()
    if table["rows"]:
        story.append(Paragraph(escape(str(notice.list_type)), styles["heading"]))
        count = len(table["headers"]) + 1
        rows = [[index] + row for index, row in enumerate(table["rows"], start=1)]
        if table["total_amount"] is not None:
            total_row = [""] * count
            total_row[1] = _("Total (%(count)d households)") % {"count": len(table["rows"])}
            total_row[table["amount_index"] + 1] = _money(table["total_amount"])
            rows.append(total_row)
        widths = [0.07 * width] + [0.93 * width / (count - 1)] * (count - 1)
        numeric = (table["amount_index"] + 1,) if table["amount_index"] is not None else ()
        story.append(_table([_("No.")] + list(table["headers"]), rows, styles, widths, numeric_columns=numeric))
        story.append(Paragraph(escape(_("Note: as the law requires, the middle eight digits of ID numbers and some digits of bank account and phone numbers are hidden; home addresses and similar data are not published.")), styles["small"]))
    story.append(Spacer(1, 6 * mm))
    signer = village_page.agency.name if village_page else ""
    story.append(Paragraph(escape(signer), styles["sign"]))
    story.append(Paragraph(escape(long_date(published)), styles["sign"]))
    qr = Image(io.BytesIO(qr_png(url, box_size=8)), width=32 * mm * scale, height=32 * mm * scale)
    phone = village_page.supervision_phone if village_page else ""
    foot_lines = [_("Scan to see this notice online. Objections to its content can be raised with the village supervision committee or the township."), url]
    if phone:
        foot_lines.append(_("Supervision phone: %(phone)s") % {"phone": phone})
    foot = Table(
        [[qr, [Paragraph(escape(line), styles["small"]) for line in foot_lines]]],
        colWidths=[36 * mm * scale, width - 36 * mm * scale],
    )
    foot.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), pdf_font()), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey)]))
    story.append(Spacer(1, 4 * mm))
    story.append(KeepTogether([foot]))
    doc.build(story)
    return buffer.getvalue()
