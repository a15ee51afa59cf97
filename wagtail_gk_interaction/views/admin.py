"""The officer workspace of a letter: its data, timeline and the allowed steps.

Mounted by :class:`~..viewsets.LetterViewSet` under the admin's URLs (login
and ``access_admin`` are enforced there); each view checks the permission it
needs. The writer's personal data is shown only to users with
``view_letter_personal_data``, and each showing is in the review ledger.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..deadlines import due_state, unanswered_consultations
from ..forms import AgencyForm, ExtendForm, FaqForm, NoteForm, ReplyForm, ReviewForm
from ..masking import mask_text
from ..models import Letter, LetterEvent

URL_NAMESPACE = "wagtail_gk_interaction_letters"
STEP_FORMS = {"assign": AgencyForm, "transfer": AgencyForm, "extend": ExtendForm, "draft_reply": ReplyForm, "approve": ReviewForm, "return": NoteForm,
              "make_faq": FaqForm}


def url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _require(request, codename):
    if not request.user.has_perm(f"wagtail_gk_interaction.{codename}"):
        raise PermissionDenied


def step_labels():
    return {
        "assign": _("Assign to an agency"),
        "transfer": _("Transfer to another agency"),
        "extend": _("Extend the reply limit"),
        "draft_reply": _("Draft the reply"),
        "approve": _("Approve and send the reply"),
        "return": _("Return the reply for changes"),
        "make_faq": _("Make a frequently asked question of it"),
    }


def _step_form(name, letter, data=None):
    form_class = STEP_FORMS[name]
    initial = {}
    if name == "draft_reply":
        initial = {"reply_text": letter.reply_text, "public_subject": letter.public_subject or mask_text(letter.subject),
                   "public_body": letter.public_body or mask_text(letter.body)}
    if name == "make_faq":
        initial = {"question": letter.public_subject, "answer": letter.reply_text}
    return form_class(data, initial=initial, prefix=name)


def workspace(request, pk, forms=None):
    _require(request, "view_letter")
    letter = get_object_or_404(Letter.objects.select_related("agency", "reply_agency", "mailbox"), pk=pk)
    show_personal = request.user.has_perm("wagtail_gk_interaction.view_letter_personal_data")
    if show_personal and not letter.anonymous:
        services.log_personal_data_view(letter, request.user)
    steps = services.allowed_steps(letter, request.user)
    labels = step_labels()
    forms = forms or {}
    context = {
        "letter": letter,
        "show_personal": show_personal,
        "due_state": due_state(letter),
        "steps": [(name, labels[name], forms.get(name) or _step_form(name, letter)) for name in steps],
        "events": LetterEvent.objects.filter(letter=letter).select_related("user", "from_agency", "to_agency"),
        "note_form": NoteForm(prefix="note"),
        "index_url": url("index"),
        "header_title": str(letter),
        "page_title": letter.tracking_number,
    }
    context["step_urls"] = {name: url("step", letter.pk, name) for name in steps}
    context["note_url"] = url("note", letter.pk)
    return TemplateResponse(request, "wagtail_gk_interaction/admin/workspace.html", context, status=400 if forms else 200)


@require_POST
def step(request, pk, name):
    _require(request, "view_letter")
    letter = get_object_or_404(Letter, pk=pk)
    if name not in services.allowed_steps(letter, request.user):
        raise PermissionDenied
    form = _step_form(name, letter, request.POST)
    if not form.is_valid():
        return workspace(request, pk, forms={name: form})
    data = form.cleaned_data
    try:
        if name == "assign":
            services.assign(letter, data["agency"], user=request.user, note=data["note"])
        elif name == "transfer":
            services.transfer(letter, data["agency"], user=request.user, note=data["note"])
        elif name == "extend":
            services.extend(letter, data["days"], data["reason"], user=request.user)
        elif name == "draft_reply":
            services.draft_reply(letter, data["reply_text"], public_subject=data["public_subject"], public_body=data["public_body"], user=request.user)
        elif name == "approve":
            services.approve_reply(letter, publish=data["publish"], user=request.user)
        elif name == "return":
            services.return_reply(letter, data["note"], user=request.user)
        elif name == "make_faq":
            services.make_faq(letter, data["question"], data["answer"], user=request.user)
    except services.StepRefused as exc:
        form.add_error(None, str(exc))
        return workspace(request, pk, forms={name: form})
    messages.success(request, _("Done: %(step)s.") % {"step": step_labels()[name]})
    return redirect(url("edit", pk))


@require_POST
def note(request, pk):
    _require(request, "change_letter")
    letter = get_object_or_404(Letter, pk=pk)
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        LetterEvent.objects.create(letter=letter, user=request.user, action="note", note=form.cleaned_data["note"])
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("The note is empty or too long."))
    return redirect(url("edit", pk))


def alarm(request):
    """Every 咨询 unanswered for more than the alarm's months (the inspection's veto line)."""
    _require(request, "view_letter")
    letters = unanswered_consultations()
    return TemplateResponse(
        request, "wagtail_gk_interaction/admin/alarm.html",
        {"letters": letters, "today": timezone.localdate(), "page_title": _("Unanswered enquiries over 3 months"),
         "header_title": _("Unanswered enquiries over 3 months")},
    )


def due_first(queryset, today=None):
    """Open letters first, the most overdue on top; replied ones after."""
    today = today or timezone.localdate()
    return queryset.annotate(
        gk_open=Case(When(status__in=["received", "in_hand", "review"], then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("gk_open", "reply_due_on", "pk")


def _stats_year(request) -> int:
    value = (request.GET.get("year") or "").strip()
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def _stats_rows(data):
    from ..conf import kind_label

    for entry in data["agencies"]:
        for kind, row in entry["kinds"].items():
            yield entry["agency"] or _("(not assigned yet)"), kind_label(kind), row


def statistics(request):
    """Per agency and kind: received, replied, on time, open, overdue, over 3 months, average working days."""
    _require(request, "view_interaction_stats")
    from ..stats import year_statistics

    year = _stats_year(request)
    data = year_statistics(year)
    return TemplateResponse(
        request, "wagtail_gk_interaction/admin/statistics.html",
        {"year": year, "rows": list(_stats_rows(data)), "as_of": data["as_of"], "xlsx_url": url("statistics_xlsx") + f"?year={year}",
         "page_title": _("Letter statistics"), "header_title": _("Letter statistics %(year)d") % {"year": year}},
    )


def statistics_xlsx(request):
    _require(request, "view_interaction_stats")
    import io

    from django.http import HttpResponse
    from openpyxl import Workbook

    from ..stats import year_statistics

    year = _stats_year(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(year))
    sheet.append([_("Agency"), _("Kind"), _("Letters received"), _("Replied"), _("Replied on time"), _("Open letters"), _("Overdue"),
                  _("Unanswered over 3 months"), _("Average working days to reply"), _("Satisfied"), _("Fairly satisfied"), _("Dissatisfied")])
    for agency, kind, row in _stats_rows(year_statistics(year)):
        sheet.append([agency, kind, row["received"], row["replied"], row["replied_on_time"], row["open"], row["overdue"],
                      row["unanswered_over_3_months"], row["average_working_days_to_reply"],
                      row["ratings"]["satisfied"], row["ratings"]["fairly"], row["ratings"]["dissatisfied"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="letters-{year}.xlsx"'
    return response
