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


# --- formats beyond PDF/DOCX/XLSX (docs/gate.md, "Attachment formats") -----------

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian fonts-noto-cjk


def cjk_font_path():
    """A font with Chinese glyphs (Noto Sans CJK), or None when fonts-noto-cjk is absent."""
    import os
    import subprocess

    if os.path.exists(CJK_FONT):
        return CJK_FONT
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found if found and "CJK" in found else None


def text_image(lines, *, size=(1240, 1754), font_size=28):
    """A grey page image (default: A4 at 150 dpi) with *lines* of Chinese text,
    as a scanner would give it; a Pillow Image."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(cjk_font_path(), font_size)
    y = 80
    for line in lines:
        draw.text((80, y), line, font=font, fill=0)
        y += int(font_size * 1.8)
    return image


def png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scanned_pdf_bytes(images, dpi=150):
    """A PDF whose pages are only pictures (no text layer), like a scanner's."""
    buffer = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(buffer, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return buffer.getvalue()


def zip_bytes(members, *, utf8_names=True):
    """A zip of *members* ({name: bytes}); *utf8_names* False stores the names
    in GBK without the UTF-8 flag, as zips made on Chinese Windows do."""
    import zipfile

    buffer = io.BytesIO()
    raw_names = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members.items()):
            if not utf8_names:
                # zipfile writes any non-ASCII name as UTF-8: store an ASCII
                # stand-in of the same length and put the GBK bytes in after.
                gbk = name.encode("gb18030")
                stand_in = (chr(65 + index % 26) * len(gbk)).encode()
                raw_names[stand_in] = gbk
                name = stand_in.decode()
            archive.writestr(name, data)
    data = buffer.getvalue()
    for stand_in, gbk in raw_names.items():
        data = data.replace(stand_in, gbk)
    return data


def ofd_bytes(pages, *, title="", keywords=""):
    """A minimal OFD (GB/T 33190) package: OFD.xml, one Document.xml and one
    Content.xml per page whose TextCode elements hold the lines of *pages*."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    members = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
            f"<ofd:DocInfo><ofd:DocID>0</ofd:DocID><ofd:Title>{title}</ofd:Title><ofd:Keywords><ofd:Keyword>{keywords}</ofd:Keyword></ofd:Keywords></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ).encode(),
        "Doc_0/Document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>'
            '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>'
            + "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
            + "</ofd:Pages></ofd:Document>"
        ).encode(),
    }
    for index, text in enumerate(pages):
        codes = "".join(
            f'<ofd:TextObject ID="{100 + n}" Boundary="10 {10 + 8 * n} 190 8" Font="1" Size="5"><ofd:TextCode X="0" Y="5">{line}</ofd:TextCode></ofd:TextObject>'
            for n, line in enumerate(text.splitlines())
        )
        members[f"Doc_0/Pages/Page_{index}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{codes}</ofd:Layer></ofd:Content></ofd:Page>'
        ).encode()
    return zip_bytes(members)


_CONVERTED: dict = {}


def libreoffice_convert(data, source_ext, target_ext):
    """*data* converted by LibreOffice (``soffice --headless``) to *target_ext*
    (doc, xls, odt, ods…): how the tests get genuine legacy and OpenDocument
    files without shipping binaries. Memoised for the test session."""
    import os
    import subprocess
    import tempfile

    key = (data, source_ext, target_ext)
    if key not in _CONVERTED:
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, f"input.{source_ext}")
            with open(source, "wb") as handle:
                handle.write(data)
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", target_ext, "--outdir", folder, source],
                capture_output=True,
                timeout=180,
                check=True,
            )
            with open(os.path.join(folder, f"input.{target_ext}"), "rb") as handle:
                _CONVERTED[key] = handle.read()
    return _CONVERTED[key]
