"""The officer workspace: registering, handling, documents, downloads, archive.

Every view is mounted by :class:`~wagtail_gk_foia.viewsets.DisclosureRequestViewSet`
under the admin's URLs (login and ``access_admin`` are enforced there); each
view checks the model permission it needs. Applicant personal data is shown
only to users of the officer role, and every showing is logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_gk.roles import OFFICER, user_has_role

from .. import archive, documents
from ..actions import registry as actions
from ..antispam import client_ip
from ..forms import AssignForm, AttachmentForm, IssueDocumentForm, NoteForm, RegistrationForm
from ..models import DisclosureRequest, DocumentKind, IssuedDocument, RequestAttachment
from ..models.documents import OUTCOME_DOCUMENTS
from ..services import casework
from ..services.audit import log_personal_data_access
from ..services.deadlines import compute_deadlines, due_state
from ..services.errors import TransitionError
from ..services.registration import register_request

URL_NAMESPACE = "wagtail_gk_foia_requests"


def url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _require(request, codename):
    if not request.user.has_perm(f"wagtail_gk_foia.{codename}"):
        raise PermissionDenied


def officers():
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(Q(groups__name=OFFICER.group_name) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def sees_personal_data(user) -> bool:
    return user_has_role(user, OFFICER)


def _document_choices(req):
    kinds = []
    if req.outcome:
        kinds += OUTCOME_DOCUMENTS.get(req.outcome, [])
    kinds += [k for k in DocumentKind if k not in kinds]
    return [(k.value, k.label) for k in kinds]


def workspace(request, pk):
    _require(request, "view_disclosurerequest")
    req = get_object_or_404(DisclosureRequest.objects.select_related("agency", "assignee"), pk=pk)
    can_handle = request.user.has_perm("wagtail_gk_foia.change_disclosurerequest") and not req.is_read_only
    show_personal = sees_personal_data(request.user)
    if show_personal:
        log_personal_data_access(req, user=request.user, what="workspace", ip_address=client_ip(request) or None)
    deadlines = compute_deadlines(req)
    available = actions.for_request(req, request.user) if can_handle else []
    context = {
        "req": req,
        "header_title": req.tracking_number,
        "page_title": _("Request %(number)s") % {"number": req.tracking_number},
        "page_subtitle": req.information_title,
        "header_icon": "mail",
        "deadlines": deadlines,
        "due_state": due_state(req),
        "show_personal": show_personal,
        "can_handle": can_handle,
        "actions": [(a, a.form(req)) for a in available],
        # The timeline names each step by its action (registration, notes… have none).
        "events": [(e, actions.label(e.action)) for e in req.events.select_related("actor")],
        "notes": req.notes.select_related("author"),
        "attachments": req.attachments.all(),
        "consultations": req.consultations.all(),
        "withheld_parts": req.withheld_parts.all(),
        "corrections": req.correction_requests.all(),
        "proposals": req.proactive_proposals.select_related("disclosure"),
        "proactive": req.proactive_disclosures.all(),
        "issued": req.documents.all(),
        "assign_form": AssignForm(officers=officers(), initial={"assignee": req.assignee_id}),
        "note_form": NoteForm(),
        "attachment_form": AttachmentForm(),
        "document_form": IssueDocumentForm(kinds=_document_choices(req)),
        "suggested_document": request.GET.get("document", ""),
        "accesses": req.personal_data_accesses.select_related("user")[:20] if show_personal else [],
        "url": {
            "index": url("index"),
            "assign": url("assign", req.pk),
            "note": url("note", req.pk),
            "attachment": url("attachment", req.pk),
            "issue": url("issue_document", req.pk),
            "identity": url("identity_proof", req.pk),
            "zip": url("archive_zip", req.pk),
        },
    }
    return TemplateResponse(request, "wagtail_gk_foia/admin/workspace.html", context)


@require_POST
def perform_action(request, pk, name):
    _require(request, "change_disclosurerequest")
    req = get_object_or_404(DisclosureRequest, pk=pk)
    action = actions.get(name)
    if action is None:
        raise Http404
    if not action.allowed_for(request.user):
        raise PermissionDenied
    refusal = actions.refusal(req, name)
    if refusal:  # before the form: a step the status does not allow is refused as such
        messages.error(request, refusal)
        return redirect(url("edit", req.pk))
    form = action.form(req, request.POST)
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect(url("edit", req.pk))
    try:
        action.run(req, form, request.user)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(url("edit", req.pk))
    messages.success(request, _("Done: %(action)s") % {"action": action.label})
    target = url("edit", req.pk)
    follow_up = action.follow_up_document(req)
    if follow_up:
        target += f"?document={follow_up}#documents"
    return redirect(target)


@require_POST
def assign(request, pk):
    _require(request, "change_disclosurerequest")
    req = get_object_or_404(DisclosureRequest, pk=pk)
    form = AssignForm(request.POST, officers=officers())
    if form.is_valid():
        try:
            casework.assign(req, user=request.user, assignee=form.cleaned_data["assignee"])
            messages.success(request, _("Case officer assigned."))
        except TransitionError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Invalid case officer."))
    return redirect(url("edit", req.pk))


@require_POST
def add_note(request, pk):
    _require(request, "change_disclosurerequest")
    req = get_object_or_404(DisclosureRequest, pk=pk)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise TransitionError(_("The note cannot be empty."))
        casework.add_note(req, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Note added."))
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect(url("edit", req.pk) + "#notes")


@require_POST
def add_attachment(request, pk):
    _require(request, "change_disclosurerequest")
    req = get_object_or_404(DisclosureRequest, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(url("edit", req.pk) + "#attachments")
    try:
        casework.add_attachment(
            req, user=request.user, kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"], pages=form.cleaned_data.get("pages") or 0,
        )
        messages.success(request, _("Attachment uploaded."))
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect(url("edit", req.pk) + "#attachments")


@require_POST
def issue_document(request, pk):
    _require(request, "change_disclosurerequest")
    req = get_object_or_404(DisclosureRequest, pk=pk)
    form = IssueDocumentForm(request.POST, kinds=_document_choices(req))
    if not form.is_valid():
        messages.error(request, _("Choose a document type."))
        return redirect(url("edit", req.pk) + "#documents")
    try:
        doc = documents.issue_document(req, form.cleaned_data["kind"], user=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Issued: %(doc)s") % {"doc": doc})
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect(url("edit", req.pk) + "#documents")


def download_document(request, doc_pk, fmt):
    _require(request, "view_disclosurerequest")
    doc = get_object_or_404(IssuedDocument.objects.select_related("request"), pk=doc_pk)
    if fmt not in ("pdf", "docx"):
        raise Http404
    if sees_personal_data(request.user):
        log_personal_data_access(doc.request, user=request.user, what=f"document:{doc.pk}", ip_address=client_ip(request) or None)
    elif doc.kind == DocumentKind.REGISTRATION_FORM:
        raise PermissionDenied  # the registration form is the applicant's personal data
    field = doc.pdf if fmt == "pdf" else doc.docx
    content_type = (
        "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return FileResponse(field.open("rb"), as_attachment=True, filename=f"{doc.title}{doc.number}.{fmt}", content_type=content_type)


def identity_proof(request, pk):
    _require(request, "view_disclosurerequest")
    req = get_object_or_404(DisclosureRequest, pk=pk)
    if not sees_personal_data(request.user):
        raise PermissionDenied
    if not req.identity_proof:
        raise Http404
    log_personal_data_access(req, user=request.user, what="identity_proof", ip_address=client_ip(request) or None)
    name = req.identity_proof.name.rsplit("/", 1)[-1]
    return FileResponse(req.identity_proof.open("rb"), as_attachment=True, filename=name)


def download_attachment(request, att_pk):
    _require(request, "view_disclosurerequest")
    attachment = get_object_or_404(RequestAttachment, pk=att_pk)
    if attachment.kind == RequestAttachment.Kind.INCOMING and not sees_personal_data(request.user):
        raise PermissionDenied
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


def archive_zip(request, pk):
    _require(request, "view_disclosurerequest")
    if not sees_personal_data(request.user):
        raise PermissionDenied
    req = get_object_or_404(DisclosureRequest, pk=pk)
    log_personal_data_access(req, user=request.user, what="archive_zip", ip_address=client_ip(request) or None)
    response = HttpResponse(archive.request_zip(req), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{req.tracking_number}.zip"'
    return response


def year_zip(request, year):
    _require(request, "view_disclosurerequest")
    if not sees_personal_data(request.user):
        raise PermissionDenied
    data, requests = archive.year_zip(year)
    for req in requests:
        log_personal_data_access(req, user=request.user, what="archive_year_zip", ip_address=client_ip(request) or None)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="foia-archive-{year}.zip"'
    return response


def register(request):
    """Officers register an application received in person, by post or fax."""
    _require(request, "add_disclosurerequest")
    form = RegistrationForm(request.POST or None, request.FILES or None, officers=officers())
    if not request.POST:
        from wagtail_gk.models import agencies_of

        own = agencies_of(request.user).first()
        form.initial.update({"received_on": timezone.localdate(), "agency": own.pk if own else None, "assignee": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.application_data()
        data["pieces"] = form.cleaned_data["pieces"]
        data["external_reference"] = form.cleaned_data["external_reference"]
        try:
            req, code = register_request(
                agency=form.cleaned_data["agency"],
                data=data,
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"],
                user=request.user,
                identity_proof=form.cleaned_data.get("identity_proof"),
                assignee=form.cleaned_data.get("assignee"),
            )
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Registered: tracking number %(number)s, query code %(code)s (shown only this once: write it on the receipt for the applicant).")
                % {"number": req.tracking_number, "code": code},
            )
            return redirect(url("edit", req.pk) + f"?document={DocumentKind.RECEIPT}#documents")
    return TemplateResponse(
        request,
        "wagtail_gk_foia/admin/register.html",
        {"form": form, "header_title": _("Register request"), "page_title": _("Register a request made in person, by post or by fax"), "header_icon": "mail"},
    )


def report(request):
    from .report import report_screen

    return report_screen(request)


def frequent_requests(request):
    """第44条: information asked for by several applicants, and its conversion to 主动公开."""
    from ..forms import ConvertToProactiveForm
    from ..models import ProactiveDisclosure
    from ..services import duties

    _require(request, "view_disclosurerequest")
    can_handle = request.user.has_perm("wagtail_gk_foia.change_disclosurerequest")
    if request.method == "POST":
        _require(request, "change_disclosurerequest")
        ids = request.POST.getlist("requests")
        choices = [(int(i), i) for i in ids if i.isdigit()]
        form = ConvertToProactiveForm(request.POST, request_choices=choices)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}：{error}" if label else error)
            return redirect(url("frequent"))
        try:
            disclosure = duties.convert_to_proactive(
                ids, user=request.user, title=form.cleaned_data["title"], published_url=form.cleaned_data["published_url"],
                on=form.cleaned_data["on"], note=form.cleaned_data.get("note", ""),
            )
        except TransitionError as exc:
            messages.error(request, str(exc))
            return redirect(url("frequent"))
        messages.success(
            request,
            _("Recorded as proactive disclosure (Article 44) for %(n)d requests: %(title)s") % {"n": disclosure.requests.count(), "title": disclosure.title},
        )
        return redirect(url("frequent"))
    clusters = duties.frequent_requests()
    groups = [
        (cluster, ConvertToProactiveForm(
            prefix=f"c{n}", request_choices=[(r.pk, r.tracking_number) for r in cluster.open_requests],
            initial={"title": cluster.title, "requests": [r.pk for r in cluster.open_requests]},
        ))
        for n, cluster in enumerate(clusters)
    ]
    return TemplateResponse(
        request,
        "wagtail_gk_foia/admin/frequent.html",
        {
            "groups": groups,
            "can_handle": can_handle,
            "recent": ProactiveDisclosure.objects.prefetch_related("requests")[:50],
            "header_title": _("Information requested by several applicants"),
            "page_title": _("Information requested by several applicants (Article 44)"),
            "header_icon": "list-ul",
            "action_url": url("frequent"),
            "edit_url_name": f"{URL_NAMESPACE}:edit",
        },
    )
