"""The simplified editor for village committee members (村务公开手机编辑器).

A handful of screens made for a phone, under the admin's URLs (so they get
the admin's login, session and CSRF handling) but with their own light
layout: my village's notices and their status, what is due, a form to write
one (category, period, text, photos, a spreadsheet), a preview and a submit
button. A member only ever reaches notices of villages they belong to; any
other id is a 404, whether it exists or not.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, services
from ..forms import FINANCE, SignOffForm, VillageNoticeForm
from ..imports import finance_template_workbook, list_template_workbook
from ..models import BeneficiaryListType, VillageNoticePage, VillagePage
from ..schedule import township_overview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _member_villages(request):
    return VillagePage.objects.filter(agency_id__in=access.member_village_ids(request.user)).select_related("agency", "agency__parent").order_by("title")


def _member_notice(request, notice_id) -> VillageNoticePage:
    villages = access.member_village_ids(request.user)
    return get_object_or_404(VillageNoticePage.objects.select_related("category"), pk=notice_id, village_id__in=villages)


def home(request):
    villages = list(_member_villages(request))
    sign_offs = list(services.awaiting_sign_off(request.user))
    if not villages and not sign_offs and not access.supervised_village_ids(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "wagtail_gk_village/editor/home.html", home_context(request, villages, sign_offs))


def home_context(request, villages, sign_offs) -> dict:
    sections = []
    for village in villages:
        notices = list(services.notices_for_village(village)[:50])
        statuses = services.notice_statuses(notices)
        overview = township_overview(village.agency.parent, villages=[village.agency]) if village.agency.parent_id else None
        todo = [cell for cell in overview.rows[0].cells if cell.needs_action] if overview and overview.rows else []
        sections.append({"village": village, "notices": [(n, statuses[n.pk]) for n in notices], "todo": todo})
    return {"sections": sections, "sign_offs": sign_offs}


def _notice_input(form, notice=None) -> services.NoticeInput:
    data = form.cleaned_data
    return services.NoticeInput(
        category=data["category"],
        period_kind=data["period_kind"],
        period_year=data.get("period_year"),
        period_number=data.get("period_number"),
        period_date=data.get("period_date") if data["period_kind"] == "date" else None,
        title=(data.get("title") or "").strip(),
        body=(data.get("body") or "").strip(),
        photos=data.get("photos", []),
        board_photos=data.get("board_photos", []),
        attachments=data.get("attachments", []),
        finance_rows=form.finance_rows,
        list_type=form.list_type,
        beneficiary_rows=form.beneficiary_rows,
        remove_photo_ids=[int(x) for x in form.data.getlist("remove_photo") if x.isdigit()],
        remove_attachment_ids=[int(x) for x in form.data.getlist("remove_attachment") if x.isdigit()],
        clear_finance=data.get("clear_finance", False),
        clear_list=data.get("clear_list", False),
    )


def create(request, village_page_id):
    village = get_object_or_404(_member_villages(request), pk=village_page_id)
    if request.method == "POST":
        form = VillageNoticeForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                notice = services.save_notice_draft(request.user, village, _notice_input(form))
            except services.VillageAffairsError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Draft saved. Preview it, then submit it for review."))
                return redirect("wagtail_gk_village_admin:preview", notice.pk)
    else:
        form = VillageNoticeForm()
    return TemplateResponse(request, "wagtail_gk_village/editor/form.html", {"form": form, "village": village, "notice": None, "list_types": BeneficiaryListType.objects.all()})


def edit(request, notice_id):
    notice = _member_notice(request, notice_id)
    if notice.workflow_in_progress:
        messages.warning(request, _("This notice is in review; it can be changed once the review ends (approved or sent back)."))
        return redirect("wagtail_gk_village_admin:preview", notice.pk)
    draft = notice.get_latest_revision_as_object()
    if request.method == "POST":
        form = VillageNoticeForm(request.POST, request.FILES, notice=draft)
        if form.is_valid():
            try:
                services.save_notice_draft(request.user, notice.village_page, _notice_input(form), notice=notice)
            except services.VillageAffairsError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Changes saved. Preview them, then submit for review."))
                return redirect("wagtail_gk_village_admin:preview", notice.pk)
    else:
        form = VillageNoticeForm(initial=VillageNoticeForm.initial_for(draft), notice=draft)
    return TemplateResponse(
        request, "wagtail_gk_village/editor/form.html", {"form": form, "village": notice.village_page, "notice": draft, "list_types": BeneficiaryListType.objects.all()}
    )


def preview(request, notice_id):
    notice = _member_notice(request, notice_id)
    draft = notice.get_latest_revision_as_object()
    status = services.notice_statuses([notice])[notice.pk]
    return TemplateResponse(
        request,
        "wagtail_gk_village/editor/preview.html",
        {"notice": notice, "page": draft, "status": status, "can_submit": status.code in ("draft", "needs_changes", "live_draft"), "preview": True},
    )


@require_POST
def submit(request, notice_id):
    notice = _member_notice(request, notice_id)
    try:
        services.submit_notice(request.user, notice)
    except services.VillageAffairsError as exc:
        messages.error(request, str(exc))
        return redirect("wagtail_gk_village_admin:preview", notice.pk)
    status = services.notice_statuses([notice])[notice.pk]
    if status.code == "needs_changes":
        messages.error(request, _("The automated check found problems and sent the notice back: %(comment)s") % {"comment": status.comment})
        return redirect("wagtail_gk_village_admin:preview", notice.pk)
    messages.success(request, _("Submitted for township review; the notice is published automatically once approved."))
    return redirect("wagtail_gk_village_admin:home")


def spreadsheet_template(request, kind):
    if not (access.member_village_ids(request.user) or access.reviewed_township_ids(request.user)):
        raise PermissionDenied
    if kind == FINANCE:
        data, name = finance_template_workbook(), "finance.xlsx"
    else:
        list_type = get_object_or_404(BeneficiaryListType, code=kind)
        data, name = list_template_workbook(list_type), f"{list_type.code}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def sign_off(request, notice_id):
    villages = access.supervised_village_ids(request.user)
    notice = get_object_or_404(VillageNoticePage, pk=notice_id, village_id__in=villages)
    draft = notice.get_latest_revision_as_object()
    if request.method == "POST":
        form = SignOffForm(request.POST)
        if form.is_valid():
            try:
                services.sign_off(request.user, notice, form.cleaned_data["decision"] == "approve", form.cleaned_data["comment"])
            except services.VillageAffairsError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your sign-off has been recorded."))
                return redirect("wagtail_gk_village_admin:home")
    else:
        form = SignOffForm()
    return TemplateResponse(request, "wagtail_gk_village/editor/sign_off.html", {"notice": notice, "page": draft, "form": form, "preview": True})


def editor_url_for(user) -> str | None:
    if access.member_village_ids(user) or access.supervised_village_ids(user):
        return reverse("wagtail_gk_village_admin:home")
    return None


__all__ = ["Http404", "create", "edit", "home", "preview", "sign_off", "spreadsheet_template", "submit"]
