"""The township's screens: the schedule overview with reminders, notices
waiting for review, and the alignment report against the government's lists."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import TaskState

from wagtail_gk.alignment import has_providers
from wagtail_gk.models import Agency, AgencyLevel
from wagtail_gk.tasks import enqueue_on_commit

from .. import access
from ..alignment import PairStatus, alignment_report
from ..models import TownshipPage, TownshipReviewTask, VillageNoticePage
from ..schedule import CellStatus, township_overview
from ..tasks import send_schedule_reminders


def _township(request, township_id) -> Agency:
    """The township, if the user reviews it: 403 for users who review none, 404
    for another township's id (its existence is not revealed)."""
    reviewed = access.reviewed_township_ids(request.user)
    if not reviewed:
        raise PermissionDenied
    if township_id not in reviewed:
        raise Http404
    return get_object_or_404(Agency, pk=township_id, level=AgencyLevel.TOWNSHIP)


def index(request):
    townships = Agency.objects.filter(pk__in=access.reviewed_township_ids(request.user)).order_by("name")
    if not townships:
        raise PermissionDenied
    if len(townships) == 1:
        return redirect("wagtail_gk_village_admin:overview", townships[0].pk)
    return TemplateResponse(request, "wagtail_gk_village/township/index.html", {"townships": townships})


def pending_reviews(township: Agency):
    """Notices of the township's villages waiting at the township review step."""
    ids = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, task__in=TownshipReviewTask.objects.all()
    ).values_list("workflow_state__object_id", flat=True)
    return (
        VillageNoticePage.objects.filter(pk__in=[int(i) for i in ids], village__parent=township)
        .select_related("village", "category")
        .order_by("latest_revision_created_at")
    )


def overview(request, township_id):
    township = _township(request, township_id)
    if request.method == "POST" and request.POST.get("action") == "remind":
        enqueue_on_commit(send_schedule_reminders, timezone.localdate().isoformat(), township.pk)
        messages.success(request, _("Reminders to villages that are overdue or nearly due have been scheduled."))
        return redirect("wagtail_gk_village_admin:overview", township.pk)
    data = township_overview(township)
    return TemplateResponse(
        request,
        "wagtail_gk_village/township/overview.html",
        {
            "township": township,
            "overview": data,
            "grid_rows": grid_rows_html(data),
            "totals": data.totals(),
            "status_labels": CellStatus.LABELS,
            "pending": pending_reviews(township),
            "township_page": TownshipPage.objects.filter(agency=township).first(),
            "alignment_available": has_providers(),
        },
    )


MISSING = gettext_noop("%(n)d period(s) missing")
PUBLISHED_COUNT = gettext_noop("%(n)d published")


def grid_rows_html(data) -> str:
    """The rows of the schedule grid, built in Python: with 200 villages × 12
    categories the template engine alone would take most of a second."""
    due_label = _("Due by")
    labels = {status: escape(str(label)) for status, label in CellStatus.LABELS.items()}
    period_labels: dict = {}
    counted: dict = {}  # gettext is slow with many catalogues: translate each text once

    def small(message, n):
        if (message, n) not in counted:
            counted[(message, n)] = "<br><small>" + escape(_(message) % {"n": n}) + "</small>"
        return counted[(message, n)]

    parts = []
    for row in data.rows:
        parts.append(format_html('<tr><th scope="row">{}</th>', row.village.display_name))
        for cell in row.cells:
            title = f"{due_label} {cell.due_on.isoformat()}" if cell.due_on else ""
            inner = labels[cell.status]
            if cell.period is not None:
                if cell.period not in period_labels:
                    period_labels[cell.period] = escape(cell.period.label)
                inner += "<br><small>" + period_labels[cell.period] + "</small>"
            if cell.missing > 1 or (cell.missing == 1 and cell.status != CellStatus.LATE):
                inner += small(MISSING, cell.missing)
            if cell.status == CellStatus.NOT_SCHEDULED and cell.count:
                inner += small(PUBLISHED_COUNT, cell.count)
            parts.append(f'<td class="gkv-cell gkv-status-{cell.status}" title="{escape(title)}">{inner}</td>')
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)


def alignment(request, township_id):
    township = _township(request, township_id)
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() else None
    pairs = alignment_report(township, year=year)
    counts = {status: sum(1 for p in pairs if p.status == status) for status in PairStatus.LABELS}
    return TemplateResponse(
        request,
        "wagtail_gk_village/township/alignment.html",
        {"township": township, "pairs": pairs, "counts": counts, "labels": PairStatus.LABELS, "year": year, "alignment_available": has_providers()},
    )


#: The page permissions Wagtail's page listing asks for (any one of them).
_LISTING_PERMISSIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


def _can_open_listing(user, parent) -> bool:
    """Wagtail's page listing of *parent* would open for *user* (not "Sorry, you
    do not have permission to access this area")."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    policy = PagePermissionPolicy()
    return policy.user_has_any_permission(user, _LISTING_PERMISSIONS) and (
        policy.explorable_instances(user).filter(pk=parent.pk).exists()
    )


def after_workflow_action(request, page):
    """``after_edit_page``: after a reviewer approves or sends back a village
    notice from the page editor, land on the township's review queue.

    Wagtail's editor ends a workflow action by redirecting to the page listing
    of the notice's parent, but a township reviewer holds no page permissions
    (the review task alone lets them act), so that listing refused them with a
    red "no permission" message. A ``next`` address, or a user who can open the
    listing, keeps Wagtail's behaviour."""
    from wagtail.admin.utils import get_valid_next_url_from_request

    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if get_valid_next_url_from_request(request):
        return None
    notice = VillageNoticePage.objects.filter(pk=page.pk).select_related("village").first()
    if notice is None or notice.village is None:
        return None
    parent = page.get_parent()
    if parent is not None and _can_open_listing(request.user, parent):
        return None
    if notice.village.parent_id in access.reviewed_township_ids(request.user):
        return redirect("wagtail_gk_village_admin:overview", notice.village.parent_id)
    return redirect("wagtailadmin_home")
