"""Every format a county office uses (docs/gate.md, "Attachment formats"):
legacy Office and WPS, OpenDocument, OFD, zip archives, and what DOCX, XLSX
and PDF hold beyond their body text. Files are recognised by content."""

import io
import shutil

import pytest
from django.utils import translation

from wagtail_gk.gate.documents import extract_file_text

from .conftest import valid_id
from .documents import docx_bytes, libreoffice_convert, ofd_bytes, pdf_bytes, xlsx_bytes, zip_bytes

ID = valid_id()
needs_libreoffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
# antiword refuses documents whose text stream is tiny; real notices are longer.
LONG_DOC = ["关于困难群众救助情况的公示"] * 20



@pytest.fixture(autouse=True)
def _english_locations():
    """The readers' location labels are looked up in English below."""
    with translation.override("en"):
        yield


def all_text(result):
    return "\n".join(text for _label, text in result.pages)


def _needs_soffice():
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: the test files are made by converting DOCX/XLSX")


@pytest.fixture
def doc_file():
    _needs_soffice()
    return libreoffice_convert(docx_bytes([*LONG_DOC, f"张三 身份证{ID}"]), "docx", "doc")


@pytest.fixture
def xls_file():
    _needs_soffice()
    return libreoffice_convert(xlsx_bytes({"汇总": [["总数", 3]], "明细": [["张三", ID]]}), "xlsx", "xls")


@needs_libreoffice
@pytest.mark.parametrize("name", ["名单.doc", "名单.wps", "名单.docx", "名单.txt"])
def test_word_97_document_is_read_whatever_its_name(doc_file, name):
    # WPS Office saves .wps in the Word 97 format; a renamed file is read by content.
    result = extract_file_text(name, doc_file)
    assert not result.unreadable, result.unreadable
    assert ID in all_text(result)


@needs_libreoffice
def test_doc_without_antiword_is_read_by_libreoffice(doc_file, monkeypatch):
    monkeypatch.setattr("wagtail_gk.gate.readers.legacy.antiword_binary", lambda: None)
    result = extract_file_text("名单.doc", doc_file)
    assert ID in all_text(result)


@needs_libreoffice
@pytest.mark.parametrize("name", ["表.xls", "表.et", "表.xlsx"])
def test_excel_97_workbook_sheets_are_labelled(xls_file, name):
    result = extract_file_text(name, xls_file)
    assert [label for label, _ in result.pages] == ["Sheet “汇总”", "Sheet “明细”"]
    assert ID in result.pages[1][1]


def test_without_any_reader_a_doc_is_unreadable_and_says_which_tool(doc_file, monkeypatch):
    monkeypatch.setattr("wagtail_gk.gate.readers.legacy.antiword_binary", lambda: None)
    monkeypatch.setattr("wagtail_gk.gate.readers.legacy.libreoffice_binary", lambda: None)
    result = extract_file_text("名单.doc", doc_file)
    assert result.pages == [] and "antiword" in result.unreadable


@needs_libreoffice
def test_odt_body_and_headers_are_read():
    import docx

    document = docx.Document()
    document.add_paragraph("正文没有问题")
    document.sections[0].header.paragraphs[0].text = "页眉 机密★一年"
    buffer = io.BytesIO()
    document.save(buffer)
    result = extract_file_text("通知.odt", libreoffice_convert(buffer.getvalue(), "docx", "odt"))
    assert "正文没有问题" in result.pages[0][1]
    assert "机密★一年" in all_text(result)


@needs_libreoffice
def test_ods_sheets_are_labelled_and_cells_stay_on_their_row():
    result = extract_file_text("表.ods", libreoffice_convert(xlsx_bytes({"明细": [["张三", ID], ["李四", "无"]]}), "xlsx", "ods"))
    sheet = dict(result.pages)["Sheet “明细”"]
    assert [line.split() for line in sheet.splitlines() if line.strip()][:2] == [["张三", ID], ["李四", "无"]]


def test_ofd_pages_in_order_and_document_info():
    result = extract_file_text("公告.ofd", ofd_bytes(["第一页 正常", f"第二页\n身份证{ID}"], title="内部资料", keywords="名单"))
    assert [label for label, _ in result.pages][:2] == ["Page 1", "Page 2"]
    assert ID in result.pages[1][1]
    assert "内部资料" in all_text(result)


def test_zip_members_are_read_recursively_with_their_names():
    inner = zip_bytes({"附件/名单.docx": docx_bytes([f"身份证{ID}"]), "说明.txt": "没有问题".encode()})
    result = extract_file_text("材料.zip", zip_bytes({"第一批/材料.zip": inner, "封面.pdf": pdf_bytes(["机密★"])}))
    labels = [label for label, _ in result.pages]
    assert "第一批/材料.zip › 附件/名单.docx" in labels and "封面.pdf › Page 1" in labels
    assert ID in dict(result.pages)["第一批/材料.zip › 附件/名单.docx"]
    assert not result.unreadable


def test_zip_with_gbk_member_names_shows_the_names_in_chinese():
    result = extract_file_text("材料.zip", zip_bytes({"名单.txt": f"身份证{ID}".encode()}, utf8_names=False))
    assert result.pages[0][0] == "名单.txt"


def test_a_zip_named_txt_is_read_as_a_zip():
    result = extract_file_text("说明.txt", zip_bytes({"内/名单.docx": docx_bytes([f"身份证{ID}"])}))
    assert ID in all_text(result) and "PK" not in all_text(result)


def test_zip_member_that_cannot_be_read_is_named_and_the_rest_still_checked():
    result = extract_file_text("材料.zip", zip_bytes({"坏.docx": b"PK\x03\x04broken", "好.txt": f"身份证{ID}".encode()}))
    assert "坏.docx" in result.unreadable
    assert ID in all_text(result)


# --- DOCX beyond the body ---------------------------------------------------------


def _docx_with_extras():
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    paragraph = document.add_paragraph("详见")
    document.core_properties.title = "内部资料 请勿外传"
    document.core_properties.author = f"经办人{ID}"
    rel = paragraph.part.relate_to("https://pan.example.cn/s/机密名单", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = docx.oxml.OxmlElement("w:hyperlink")
    hyperlink.set(docx.oxml.ns.qn("r:id"), rel)
    run = docx.oxml.OxmlElement("w:r")
    text = docx.oxml.OxmlElement("w:t")
    text.text = "链接"
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)
    document.add_comment(paragraph.runs[0], text="批注：此件为机密★", author="审核人")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_properties_link_targets_and_comments_are_read():
    result = extract_file_text("通知.docx", _docx_with_extras())
    pages = dict(result.pages)
    assert "内部资料" in pages["Document properties"] and ID in pages["Document properties"]
    assert "https://pan.example.cn/s/机密名单" in pages["Link targets"]
    assert "此件为机密★" in pages[""]


def _rename_part(data, old, new):
    """The same package with part *old* stored as *new*, the content types
    and relationships pointing at the new name, as other editors write it."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            name = info.filename
            if name in ("[Content_Types].xml", "_rels/.rels") or name.endswith(".rels"):
                content = content.replace(old.encode(), new.encode())
            if name == old:
                name = new
            elif name == f"word/_rels/{old.rsplit('/', 1)[-1]}.rels":
                name = f"word/_rels/{new.rsplit('/', 1)[-1]}.rels"
            target.writestr(name, content)
    return out.getvalue()


def test_docx_body_found_through_relationships_not_its_file_name():
    data = _rename_part(docx_bytes([f"身份证{ID}"]), "word/document.xml", "word/body9.xml")
    result = extract_file_text("通知.docx", data)
    assert not result.unreadable
    assert ID in result.pages[0][1]


# --- XLSX beyond the cached values ------------------------------------------------


def _xlsx_with_extras():
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet["A1"] = "姓名"
    sheet["B1"] = f'="{ID[:6]}"&"{ID[6:]}"'  # a formula: openpyxl stores no cached value
    sheet["A2"].comment = Comment("批注 机密★", "审核人")
    sheet.oddFooter.center.text = "内部资料"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_formula_text_comments_and_footer_are_read():
    result = extract_file_text("表.xlsx", _xlsx_with_extras())
    pages = dict(result.pages)
    assert ID[:6] in pages["Sheet “名单”"] and ID[6:] in pages["Sheet “名单”"]
    assert "内部资料" in pages["Sheet “名单”"]
    assert "机密★" in pages["Comments on sheet “名单”"]


def test_xlsx_rows_beyond_the_declared_dimension_are_read():
    import re
    import zipfile

    data = xlsx_bytes({"名单": [["序号", "姓名"]] + [[n, f"人员{n}"] for n in range(1, 50)] + [[50, ID]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', content)
                assert b'ref="A1:B2"' in content
            target.writestr(info, content)
    result = extract_file_text("表.xlsx", out.getvalue())
    assert ID in result.pages[0][1]


# --- PDF beyond the text layer ----------------------------------------------------


def _pdf_with_extras():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setTitle("内部资料")
    pdf.setAuthor(f"经办人{ID}")
    pdf.drawString(40, 800, "public text")
    pdf.linkURL("https://pan.example.cn/s/secret-list", (40, 700, 200, 720))
    pdf.textAnnotation("批注 机密★", Rect=(40, 600, 200, 620))
    pdf.acroForm.textfield(name="idno", value=valid_id("11010519491231002"), x=40, y=500, width=200, height=20)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("extractor", ["pdftotext", "pypdf"])
def test_pdf_metadata_annotations_links_and_form_fields_are_read(extractor, settings):
    if extractor == "pdftotext" and not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    settings.GK_GATE_PDF_EXTRACTOR = extractor
    pages = dict(extract_file_text("表.pdf", _pdf_with_extras()).pages)
    assert "内部资料" in pages["PDF properties"] and ID in pages["PDF properties"]
    assert "https://pan.example.cn/s/secret-list" in pages["Annotations on page 1"]
    assert "机密★" in pages["Annotations on page 1"]
    assert valid_id("11010519491231002") in pages["Form fields"]
