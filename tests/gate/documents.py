"""Builders of small real files (PDF, DOCX, XLSX) for the gate tests and the benchmark."""

import io


def pdf_bytes(pages, *, encrypt_password=None, blank=False):
    """A PDF with one page per string of *pages* (Chinese through STSong-Light)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    kwargs = {}
    if encrypt_password:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt_password, canPrint=0)
    pdf = canvas.Canvas(buffer, **kwargs)
    for text in pages:
        if not blank:
            pdf.setFont("STSong-Light", 11)
            y = 800
            for line in text.splitlines() or [""]:
                pdf.drawString(40, y, line)
                y -= 14
                if y < 40:
                    pdf.showPage()
                    pdf.setFont("STSong-Light", 11)
                    y = 800
        else:
            pdf.rect(50, 50, 100, 100)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(paragraphs, table=None):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(sheets):
    """*sheets*: {title: [[cell, …], …]}."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
