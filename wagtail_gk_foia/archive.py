"""Archive export: one ZIP per request, or per year of concluded requests,
with the application, the identity proof, attachments, every issued
document (DOCX and PDF), the timeline and the deadline explanation."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.utils.translation import gettext as _

from .models import CLOSED_STATUSES, DisclosureRequest
from .step_labels import step_label


def _application_json(req) -> str:
    fields = [
        "tracking_number", "channel", "external_reference", "received_on", "applicant_type", "applicant_name",
        "id_type", "id_number", "legal_representative", "contact_person", "phone", "email", "address", "postcode",
        "information_title", "document_reference", "description", "delivery_form", "delivery_channel", "pieces",
        "status", "outcome", "outcome_reasons", "published_where", "responsible_agency", "replied_on", "concluded_on",
        "reply_due_on", "extension_days", "extension_approved_by", "fee_method", "fee_quantity", "fee_amount",
        "fee_notice_on", "fee_notice_received_on", "fee_due_on", "fee_paid_on",
        "arrived_on", "receipt_confirmed_on", "receipt_confirmation_method",
    ]
    data = {name: str(getattr(req, name)) if getattr(req, name) is not None else None for name in fields}
    data["agency"] = req.agency.name
    data["withheld_parts"] = [
        {"description": p.description, "ground": p.ground, "reason": p.reason} for p in req.withheld_parts.all()
    ]
    data["consultations"] = [
        {"kind": c.kind, "party": c.party, "sent_on": str(c.sent_on), "letter_received_on": str(c.letter_received_on or ""), "answered_on": str(c.answered_on or ""), "result": c.result}
        for c in req.consultations.all()
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _timeline_csv(req) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Time"), _("Effective date"), _("Acting user"), _("Action taken"), _("Description"), _("Previous status"), _("New status"), _("Details"), _("Ledger entry")])
    # Read by people, in the archive: labels, not the stored codes.
    for e in req.events.select_related("actor"):
        writer.writerow([
            e.at.isoformat(), e.effective_on or "", e.actor.get_username() if e.actor else "", step_label(e.action), e.label,
            e.get_from_status_display(), e.get_to_status_display(), e.detail, e.ledger_entry_id or "",
        ])
    for n in req.notes.select_related("author"):
        writer.writerow([n.created_at.isoformat(), "", n.author.get_username() if n.author else "", step_label("note"), n.text, "", "", "", ""])
    return out.getvalue()


def _add_file(zf, arcname, field):
    if not field:
        return
    try:
        with field.open("rb") as fh:
            zf.writestr(arcname, fh.read())
    except FileNotFoundError:
        zf.writestr(arcname + ".missing.txt", _("File missing: %(name)s") % {"name": field.name})


def write_request(zf: zipfile.ZipFile, req, folder: str = "") -> None:
    base = f"{folder}{req.tracking_number}/"
    zf.writestr(base + "application.json", _application_json(req))
    zf.writestr(base + "timeline.csv", "\ufeff" + _timeline_csv(req))
    zf.writestr(base + "deadline.txt", "\n".join(req.due_explanation or []))
    if req.identity_proof:
        _add_file(zf, base + "identity/" + req.identity_proof.name.rsplit("/", 1)[-1], req.identity_proof)
    for a in req.attachments.all():
        _add_file(zf, f"{base}attachments/{a.pk}-{a.file.name.rsplit('/', 1)[-1]}", a.file)
    for d in req.documents.all():
        stem = f"{base}documents/{d.pk}-{d.kind}"
        _add_file(zf, stem + ".docx", d.docx)
        _add_file(zf, stem + ".pdf", d.pdf)


def request_zip(req) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        write_request(zf, req)
    return buffer.getvalue()


def year_zip(year: int) -> tuple[bytes, list]:
    """All requests concluded in *year* (closed or archived), one folder each."""
    requests = list(
        DisclosureRequest.objects.filter(status__in=CLOSED_STATUSES, concluded_on__year=year)
        .select_related("agency")
        .order_by("tracking_number")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        index = io.StringIO()
        writer = csv.writer(index)
        writer.writerow([_("Tracking number"), _("Information requested"), _("Date received"), _("Date concluded"), _("Outcome"), _("Status")])
        for req in requests:
            write_request(zf, req, folder=f"{year}/")
            writer.writerow([req.tracking_number, req.information_title, req.received_on, req.concluded_on, req.get_outcome_display(), req.get_status_display()])
        zf.writestr(f"{year}/index.csv", "\ufeff" + index.getvalue())
    return buffer.getvalue(), requests
