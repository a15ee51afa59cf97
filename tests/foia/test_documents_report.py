"""Standard documents (DOCX and PDF, numbered), fees, reminders, the annual
report (table 3 and its consistency check across years) and the archive."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from tests.pdf_checks import assert_fonts_embedded, needs_poppler
from wagtail_gk_foia import documents, fees, services
from wagtail_gk_foia.models import DocumentTemplate, FoiaOfficeSettings, ReminderSent, Status
from wagtail_gk_foia.report import build_report

from .conftest import D

pytestmark = pytest.mark.django_db


def docx_text(field) -> str:
    from docx import Document

    with field.open("rb") as fh:
        return "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)


def pdf_text(field) -> str:
    from pypdf import PdfReader

    with field.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")


@pytest.fixture
def office(db):
    office = FoiaOfficeSettings.load()
    office.office_name = "永宁县人民政府办公室"
    office.document_number_prefix = "永宁县政府公开办复"
    office.reconsideration_body = "永宁县人民政府"
    office.save()
    return office


def test_reply_documents_numbered_in_docx_and_pdf(register, officer, office):
    req, _code = register(received_on=D(2026, 3, 2))
    services.reply(req, user=officer, outcome="3.6", on=D(2026, 3, 20), reasons="属于内部研究过程中的讨论记录。")
    first = documents.issue_document(req, "reply_withheld", user=officer, issued_on=D(2026, 3, 20))
    second = documents.issue_document(req, "reply_withheld", user=officer, issued_on=D(2026, 3, 21))
    assert first.number == "永宁县政府公开办复〔2026〕1号"
    assert second.number == "永宁县政府公开办复〔2026〕2号"
    for text in (docx_text(first.docx), pdf_text(first.pdf)):
        assert "永宁县政府公开办复〔2026〕1号" in text
        assert req.applicant_name in text
        assert req.information_title in text
        assert "永宁县人民政府办公室" in text
        assert "2026年3月20日" in text
        # 不予公开: 行政复议 comes first (复议前置) since 2024.
        assert "申请行政复议；对行政复议决定不服的" in text
    assert first in req.documents.all()
    assert first.for_applicant


def test_numbering_restarts_each_year_and_unnumbered_templates(register, officer, office):
    documents.ensure_templates()
    DocumentTemplate.objects.filter(kind__in=["correction", "extension"]).update(numbered=True)
    DocumentTemplate.objects.filter(kind="withdrawal_confirmation").update(numbered=False)
    req, _code = register(received_on=D(2025, 12, 30))
    last_year = documents.issue_document(req, "correction", user=officer, issued_on=D(2025, 12, 31))
    this_year = documents.issue_document(req, "extension", user=officer, issued_on=D(2026, 1, 5))
    assert last_year.number == "永宁县政府公开办复〔2025〕1号"
    assert this_year.number == "永宁县政府公开办复〔2026〕1号"
    assert documents.issue_document(req, "withdrawal_confirmation", user=officer).number == ""


def test_office_edits_template_and_remedy_wording(register, officer, office):
    template = DocumentTemplate.objects.get(kind="reply_disclosed")
    template.body = "经审查，您申请的“{{ information }}”予以公开。编号{{ tracking_number }}。{{ note }}"
    template.save()
    office.remedy_general = "不服的，可向{reconsideration_body}申请复议（本办自定表述）。"
    office.save()
    req, _code = register()
    services.reply(req, user=officer, outcome="1", on=D(2026, 3, 10), published_where="县政府网站")
    doc = documents.issue_document(req, "reply_disclosed", user=officer, note="请查收附件。")
    text = docx_text(doc.docx)
    assert f"编号{req.tracking_number}。请查收附件。" in text
    assert "不服的，可向永宁县人民政府申请复议（本办自定表述）。" in text


def test_template_syntax_errors_refused():
    from django.core.exceptions import ValidationError

    from wagtail_gk_foia.models.documents import validate_template_syntax

    with pytest.raises(ValidationError):
        validate_template_syntax("{% if %}")


def test_every_document_kind_renders(register, officer, office):
    from wagtail_gk_foia.models import DocumentKind

    req, _code = register()
    for kind in DocumentKind:
        doc = documents.issue_document(req, kind.value, user=officer)
        assert doc.pdf.size > 0 and doc.docx.size > 0
        assert str(kind.label)[:4] in docx_text(doc.docx)


@needs_poppler
def test_every_document_pdf_embeds_its_fonts(register, officer, office):
    """Replies and notices print the same on the applicant's computer, which may have no Chinese font."""
    from wagtail_gk_foia.models import DocumentKind

    req, _code = register()
    for kind in DocumentKind:
        doc = documents.issue_document(req, kind.value, user=officer)
        doc.pdf.open("rb")
        try:
            fonts = assert_fonts_embedded(doc.pdf.read())
        finally:
            doc.pdf.close()
        assert all(font["subset"] for font in fonts), kind


def test_partial_disclosure_document_lists_withheld_parts(register, officer, office):
    req, _code = register()
    services.reply(
        req, user=officer, outcome="2", on=D(2026, 3, 10), reasons="其余予以公开",
        withheld_parts=[("评标专家名单", "3.4", "涉及第三方个人信息")],
    )
    doc = documents.issue_document(req, "reply_partial", user=officer)
    assert "评标专家名单" in docx_text(doc.docx)
    assert "涉及第三方个人信息" in pdf_text(doc.pdf)


# --- fees ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prior, pieces, amount",
    [(0, 10, 0), (0, 11, 100), (5, 10, 500), (0, 30, 2000), (0, 35, 3000), (30, 11, 2300)],
)
def test_piece_fee_bands(prior, pieces, amount):
    assert fees.piece_fee(prior, pieces)[0] == Decimal(amount)


@pytest.mark.parametrize("pages, amount", [(30, 0), (31, 10), (100, 700), (200, 2700), (201, 2740)])
def test_page_fee_bands(pages, amount):
    assert fees.page_fee(pages)[0] == Decimal(amount)


def test_fee_notice_counts_earlier_pieces_of_the_month(register, officer, office):
    register(received_on=D(2026, 3, 2), pieces=8)
    req, _code = register(received_on=D(2026, 3, 3))
    services.issue_fee_notice(req, user=officer, method="piece", quantity=5, on=D(2026, 3, 4), received_on=D(2026, 3, 4), delivery="in_person")
    assert req.status == Status.FEE_PENDING
    assert req.fee_amount == Decimal("300.00")  # pieces 9–10 free, 11–13 at 100元
    assert req.fee_due_on is not None and req.fee_due_on > D(2026, 3, 4)
    doc = documents.issue_document(req, "fee_notice", user=officer)
    text = docx_text(doc.docx)
    assert "300.00" in text
    with pytest.raises(services.TransitionError, match="无需收费"):
        other, _c = register(received_on=D(2026, 4, 1))
        services.issue_fee_notice(other, user=officer, method="page", quantity=20, on=D(2026, 4, 2))


# --- reminders -------------------------------------------------------------------


def test_periodic_run_sends_the_daily_reminders(register, officer, office):
    """``gk_run_periodic`` (the cron entry) runs the FOIA reminders for today."""
    from zoneinfo import ZoneInfo

    import time_machine

    officer.email = "officer@example.cn"
    officer.save()
    req, _code = register(received_on=D(2026, 3, 2))  # due 2026-03-30
    services.assign(req, user=officer, assignee=officer)
    with time_machine.travel(datetime.datetime(2026, 3, 26, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        call_command("gk_run_periodic", "--only", "wagtail_gk_foia.tasks.send_deadline_reminders", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["officer@example.cn"]]
    assert "即将到期" in mail.outbox[0].subject
    assert ReminderSent.objects.filter(request=req).count() == 1


def test_reminders_before_and_on_deadline_to_assignee_and_head(register, officer, office, django_user_model):
    from wagtail_gk_foia.tasks import send_deadline_reminders

    head = django_user_model.objects.create_user("zhuren", email="head@example.cn")
    office.head = head
    office.save()
    officer.email = "officer@example.cn"
    officer.save()
    req, _code = register(received_on=D(2026, 3, 2))  # due 2026-03-30
    services.assign(req, user=officer, assignee=officer)
    result = send_deadline_reminders.call("2026-03-26")
    assert result["due_soon"] == 1
    assert set(mail.outbox[0].to) == {"officer@example.cn", "head@example.cn"}
    assert "即将到期" in mail.outbox[0].subject
    assert send_deadline_reminders.call("2026-03-27")["due_soon"] == 0  # once per due date
    assert send_deadline_reminders.call("2026-03-31")["overdue"] == 1
    assert "已超期" in mail.outbox[-1].subject
    assert ReminderSent.objects.filter(request=req).count() == 2


def test_unpaid_fee_closed_by_the_daily_task(register, officer, office):
    from wagtail_gk_foia.tasks import send_deadline_reminders

    req, _code = register(received_on=D(2026, 3, 2))
    services.issue_fee_notice(req, user=officer, method="page", quantity=100, on=D(2026, 3, 3))
    services.record_fee_notice_receipt(req, user=officer, on=D(2026, 3, 5), delivery="post")
    req.refresh_from_db()
    assert send_deadline_reminders.call(req.fee_due_on.isoformat())["closed_unpaid"] == 0
    after = req.fee_due_on + datetime.timedelta(days=1)
    assert send_deadline_reminders.call(after.isoformat())["closed_unpaid"] == 1
    req.refresh_from_db()
    assert (req.status, req.outcome) == (Status.ABANDONED, "6.2")


# --- annual report ------------------------------------------------------------------


@pytest.fixture
def two_years(register, officer):
    """2025: three received (one natural person replied in 2025, one research
    institute carried into 2026, one company withdrawn); 2026: two received
    (one still open at year end)."""
    a, _ = register(received_on=D(2025, 11, 3))
    services.reply(a, user=officer, outcome="1", on=D(2025, 11, 20), published_where="网站")
    b, _ = register(received_on=D(2025, 12, 22), applicant_type="research", id_number="X")
    c, _ = register(received_on=D(2025, 12, 1), applicant_type="commercial")
    services.withdraw(c, user=officer, on=D(2025, 12, 2))
    services.reply(b, user=officer, outcome="3.4", on=D(2026, 1, 15), reasons="第三方不同意公开")
    d, _ = register(received_on=D(2026, 3, 2))
    services.reply(d, user=officer, outcome="4.1", on=D(2026, 3, 20), reasons="本机关未制作")
    e, _ = register(received_on=D(2026, 11, 2), applicant_type="legal_service")
    return a, b, c, d, e


def _values(report, key):
    return next(r["values"] for r in report["table3"]["rows"] if r["key"] == key)


def test_table3_counts_and_carry_over(two_years):
    r2025 = build_report(2025)
    assert _values(r2025, "new")["total"] == 3
    assert _values(r2025, "1")["natural"] == 1
    assert _values(r2025, "6.3")["commercial"] == 1
    assert _values(r2025, "carried_out") == {**_values(r2025, "carried_out"), "research": 1, "total": 1}
    assert r2025["consistent"]

    r2026 = build_report(2026)
    assert _values(r2026, "carried_in")["research"] == 1
    assert _values(r2026, "new")["total"] == 2
    assert _values(r2026, "3.4")["research"] == 1
    assert _values(r2026, "3")["total"] == 1  # group row sums its leaves
    assert _values(r2026, "4.1")["natural"] == 1
    assert _values(r2026, "total")["total"] == 2
    assert _values(r2026, "carried_out")["legal_service"] == 1
    assert r2026["consistent"]
    for check in r2026["table3"]["check"]:
        assert check["new_plus_carried_in"] == check["total_plus_carried_out"]


def test_report_command_json_and_xlsx(two_years, tmp_path):
    out = io.StringIO()
    call_command("gk_foia_report", "--year", "2026", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["year"] == 2026 and data["consistent"] is True
    target = tmp_path / "r.xlsx"
    call_command("gk_foia_report", "--year", "2026", "--format", "xlsx", "--output", str(target), stdout=io.StringIO())
    from openpyxl import load_workbook

    sheet = load_workbook(target)["表三"]
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("新收" in str(c) for c in cells) and "一致" in cells


def test_admin_report_screen(two_years, admin_client_zh):
    from django.urls import reverse

    url = reverse("wagtail_gk_foia_requests:report")
    html = admin_client_zh.get(url + "?year=2026").content.decode()
    assert "新收 + 上年结转 = 办理结果总计 + 结转下年度" in html
    assert "4.属于行政执法案卷" in html or "保护第三方合法权益" in html
    xlsx = admin_client_zh.get(url + "?year=2026&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
