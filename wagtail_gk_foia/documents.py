"""Rendering the standard documents to DOCX (python-docx) and PDF (reportlab).

A document is the office's :class:`DocumentTemplate` rendered with the
request's data (:func:`document_context`), numbered from the per-year
sequence of the office's prefix (e.g. 永宁县政府公开办复〔2026〕12号) and kept
on the request as :class:`IssuedDocument` with both files.
"""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.template import Context
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail_gk import workdays
from wagtail_gk.dates import chinese_long_date
from wagtail_gk.sequences import allocate

from .conf import foia_setting
from .models import (
    DOCUMENT_NUMBER,
    DocumentKind,
    DocumentTemplate,
    FoiaCounter,
    FoiaOfficeSettings,
    IssuedDocument,
    Outcome,
)
from .models.choices import REFUSAL_OUTCOMES, outcome_leaf_label
from .models.documents import compile_body


def ensure_templates() -> None:
    """Create the shipped template for every kind the office has not got yet.

    The shipped templates are the Chinese documents the Regulations prescribe,
    so their titles are written in Chinese too, whatever language is active
    (``migrate`` runs this with translations deactivated)."""
    from .default_templates import default_template

    existing = set(DocumentTemplate.objects.values_list("kind", flat=True))
    with translation.override("zh-hans"):
        for kind in DocumentKind:
            if kind.value not in existing:
                DocumentTemplate.objects.get_or_create(kind=kind.value, defaults=default_template(kind))


def template_for(kind: str) -> DocumentTemplate:
    template = DocumentTemplate.objects.filter(kind=kind).first()
    if template is None:
        ensure_templates()
        template = DocumentTemplate.objects.get(kind=kind)
    return template


def office_settings() -> FoiaOfficeSettings:
    return FoiaOfficeSettings.load()


# The documents are Chinese legal texts whatever the officer's admin language.
_date = chinese_long_date


def _due(day):
    """A computed due date; a provisional one (its year's holiday schedule not
    yet imported) says so in the document itself, in Chinese like the rest of it."""
    if workdays.is_provisional(day):
        with translation.override("zh-hans"):
            return _("%(date)s (provisional: subject to the State Council's %(year)d holiday schedule)") % {
                "date": _date(day),
                "year": day.year,
            }
    return _date(day)


def remedy_wording(outcome: str, office: FoiaOfficeSettings | None = None) -> str:
    """The remedy paragraph: 复议前置 for 不予公开 (since 2024-01-01), the general one otherwise."""
    office = office or office_settings()
    if outcome in REFUSAL_OUTCOMES or outcome == Outcome.PARTIAL:
        text = office.remedy_reconsideration_first or foia_setting("GK_FOIA_REMEDY_RECONSIDERATION_FIRST")
    else:
        text = office.remedy_general or foia_setting("GK_FOIA_REMEDY_GENERAL")
    body = office.reconsideration_body or _("the people's government at the same level")
    return text.replace("{reconsideration_body}", body)


def document_context(req, *, number: str = "", issued_on: datetime.date | None = None, note: str = "", officer=None) -> dict:
    office = office_settings()
    issued_on = issued_on or timezone.localdate()
    consultation = req.consultations.order_by("-sent_on", "-pk").first()
    information = req.information_title + (f"（{req.document_reference}）" if req.document_reference else "")
    correction = req.correction_requests.exclude(outcome="").order_by("-decided_on", "-pk").first() or req.correction_requests.last()
    return {
        **_duty_context(req, correction),
        "applicant": req.applicant_name,
        "applicant_type": req.get_applicant_type_display(),
        "id_type": req.get_id_type_display() if req.id_type else "",
        "id_number": req.id_number,
        "phone": req.phone,
        "email": req.email,
        "address": req.address,
        "tracking_number": req.tracking_number,
        "channel": req.get_channel_display(),
        "received_on": _date(req.received_on),
        "information": information,
        "description": req.description,
        "delivery": f"{req.get_delivery_form_display()}／{req.get_delivery_channel_display()}",
        "office": office.office_name or req.agency.name,
        "agency": req.agency.name,
        "office_address": office.address,
        "office_phone": office.phone,
        "number": number,
        "issued_on": _date(issued_on),
        "reply_due_on": _due(req.reply_due_on),
        "reasonable_due_on": _date(req.reasonable_due_on),
        "extension_days": req.extension_days,
        "extension_reason": req.extension_reason,
        "correction_items": req.correction_items,
        "correction_requested_on": _date(req.correction_requested_on),
        "correction_due_on": _due(req.correction_due_on),
        "consultation_party": consultation.party if consultation else "",
        "consultation_due_on": _due(consultation.answer_due_on) if consultation and consultation.answer_due_on else "",
        "consultation_sent_on": _date(consultation.sent_on) if consultation else "",
        "consultation_received_on": _date(consultation.letter_received_on) if consultation else "",
        "fee_amount": f"{req.fee_amount:.2f}",
        "fee_lines": list(req.fee_explanation or []),
        "fee_notice_on": _date(req.fee_notice_on),
        "fee_due_on": _due(req.fee_due_on) if req.fee_due_on else "",
        "fee_notice_received_on": _date(req.fee_notice_received_on),
        "payment_instructions": office.payment_instructions,
        "outcome": req.get_outcome_display() if req.outcome else "",
        "outcome_short": outcome_leaf_label(req.outcome).split(".", 1)[-1] if req.outcome else "",
        "reasons": req.outcome_reasons,
        "published_where": req.published_where,
        "responsible_agency": req.responsible_agency,
        "provided": list(req.attachments.filter(kind="provided").values_list("title", flat=True)),
        "withheld_parts": [
            {"description": p.description, "ground": outcome_leaf_label(p.ground).split(".", 1)[-1], "reason": p.reason}
            for p in req.withheld_parts.all()
        ],
        "concluded_on": _date(req.concluded_on),
        "note": note,
        "officer": (f"{officer.last_name}{officer.first_name}" or officer.get_username()) if officer else "",
        "today": _date(timezone.localdate()),
    }


def _duty_context(req, correction) -> dict:
    """Variables of the 第41条 and 第44条 notices: the latest correction request and proposal."""
    proposal = req.proactive_proposals.order_by("-pk").first()
    return {
        "record_correction_information": correction.information if correction else "",
        "record_correction_received_on": _date(correction.received_on) if correction else "",
        "record_correction_decided_on": _date(correction.decided_on) if correction else "",
        "record_correction_made": correction.correction_made if correction else "",
        "record_correction_reasons": correction.reasons if correction else "",
        "record_correction_agency": correction.competent_agency if correction else "",
        "proposal_information": proposal.information if proposal else "",
        "proposal_received_on": _date(proposal.received_on) if proposal else "",
        "proposal_decided_on": _date(proposal.decided_on) if proposal else "",
        "proposal_accepted": bool(proposal and proposal.accepted),
        "proposal_url": proposal.published_url if proposal else "",
        "proposal_reasons": proposal.reasons if proposal else "",
    }


def render_text(template: DocumentTemplate, context: dict, outcome: str = "") -> dict:
    """Render a template to its parts: title, addressee, paragraphs, remedy, signature."""
    ctx = Context(context, autoescape=False)
    body = compile_body(template.body).render(ctx)
    paragraphs = [p.strip() for p in body.replace("\r\n", "\n").split("\n") if p.strip()]
    return {
        "title": template.title,
        "addressee": compile_body(template.addressee).render(ctx).strip(),
        "paragraphs": paragraphs,
        "remedy": remedy_wording(outcome) if template.show_remedy else "",
        "signature": context["office"],
        "date": context["issued_on"],
        "number": context["number"],
    }


def as_plain_text(parts: dict) -> str:
    lines = [parts["title"]]
    if parts["number"]:
        lines.append(parts["number"])
    if parts["addressee"]:
        lines.append(parts["addressee"])
    lines += parts["paragraphs"]
    if parts["remedy"]:
        lines.append(parts["remedy"])
    lines += [parts["signature"], parts["date"]]
    return "\n".join(lines)


def render_docx(parts: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(parts["title"])
    run.bold = True
    run.font.size = Pt(22)
    if parts["number"]:
        number = doc.add_paragraph(parts["number"])
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if parts["addressee"]:
        doc.add_paragraph(parts["addressee"])
    for text in parts["paragraphs"]:
        p = doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(32)
    if parts["remedy"]:
        p = doc.add_paragraph(parts["remedy"])
        p.paragraph_format.first_line_indent = Pt(32)
    for text in (parts["signature"], parts["date"]):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_pdf(parts: dict) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from wagtail_gk.pdf import doc_template_options, pdf_font

    body = ParagraphStyle("body", fontName=pdf_font(), fontSize=14, leading=24, firstLineIndent=28, wordWrap="CJK")
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    title = ParagraphStyle("title", parent=plain, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=6)
    center = ParagraphStyle("center", parent=plain, alignment=TA_CENTER, spaceAfter=12)
    right = ParagraphStyle("right", parent=plain, alignment=TA_RIGHT)

    story = [Paragraph(escape(parts["title"]), title)]
    if parts["number"]:
        story.append(Paragraph(escape(parts["number"]), center))
    if parts["addressee"]:
        story.append(Paragraph(escape(parts["addressee"]), plain))
    for text in parts["paragraphs"]:
        story.append(Paragraph(escape(text), body))
    if parts["remedy"]:
        story.append(Paragraph(escape(parts["remedy"]), body))
    story += [Spacer(1, 12 * mm), Paragraph(escape(parts["signature"]), right), Paragraph(escape(parts["date"]), right)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm, bottomMargin=35 * mm,
        title=parts["title"], author=parts["signature"], **doc_template_options(),
    ).build(story)
    return buffer.getvalue()


def number_prefix() -> str:
    return office_settings().document_number_prefix or foia_setting("GK_FOIA_DOCUMENT_NUMBER_PREFIX")


def allocate_document_number(prefix: str, year: int) -> tuple[int, str]:
    """Next serial for *prefix* in *year*; must run inside the caller's transaction
    so a failed issue does not consume it, and it never repeats."""
    serial = allocate(FoiaCounter, DOCUMENT_NUMBER, scope=prefix, year=year)
    text = foia_setting("GK_FOIA_DOCUMENT_NUMBER_FORMAT").format(prefix=prefix, year=year, serial=serial)
    return serial, text


def issue_document(req, kind: str, *, user=None, note: str = "", issued_on: datetime.date | None = None) -> IssuedDocument:
    """Render *kind* for *req*, number it, store DOCX and PDF on the request and record it."""
    from .services.audit import record_event
    from .services.errors import TransitionError

    if kind not in DocumentKind.values:
        raise TransitionError(_("Invalid document type."))
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    template = template_for(kind)
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        serial, prefix, number, year = None, "", "", None
        if template.numbered:
            prefix, year = number_prefix(), issued_on.year
            serial, number = allocate_document_number(prefix, year)
        parts = render_text(
            template, document_context(req, number=number, issued_on=issued_on, note=note, officer=user), req.outcome
        )
        doc = IssuedDocument(
            request=req,
            kind=kind,
            title=template.title,
            number=number,
            number_prefix=prefix,
            number_year=year,
            number_serial=serial,
            text=as_plain_text(parts),
            issued_on=issued_on,
            issued_by=user if getattr(user, "is_authenticated", False) else None,
        )
        stem = f"{req.tracking_number}-{kind}"
        doc.docx.save(f"{stem}.docx", ContentFile(render_docx(parts)), save=False)
        doc.pdf.save(f"{stem}.pdf", ContentFile(render_pdf(parts)), save=False)
        doc.save()
        record_event(
            req, "issue_document", user,
            _("Document issued: %(title)s %(number)s") % {"title": template.title, "number": number},
            public=doc.for_applicant,
        )
    return doc
