"""The procedures of village affairs: setting up a township's review, saving a
village member's draft, submitting it, signing it off, and reading its status.

Views and tasks call these; they call the models. Each write happens in one
transaction, after everything it needs has been validated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import (
    Collection,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from .models import (
    BeneficiaryListType,
    NoticeCategory,
    TownshipPage,
    TownshipReviewTask,
    VillageNoticeAttachment,
    VillageNoticePage,
    VillageNoticePhoto,
    VillagePage,
    VillageSupervisionTask,
)


class VillageAffairsError(Exception):
    """A request that cannot be carried out; the message is for the user, in Chinese."""


GATE_TASK_NAME = "自动内容检查"
SUPERVISION_TASK_NAME = "村务监督委员会确认"
REVIEW_TASK_NAME = "乡镇审核"


# --- township review -------------------------------------------------------


def ensure_township_workflow(township: TownshipPage) -> Workflow:
    """The review workflow of *township*, created or brought up to date and
    assigned to its page: the gate's automated check, the supervision
    committee's sign-off where the township asks for it, the township review."""
    from wagtail_gk.models import AutomatedCheckTask

    with transaction.atomic():
        gate_task = AutomatedCheckTask.objects.filter(name=GATE_TASK_NAME).first() or AutomatedCheckTask.objects.create(
            name=GATE_TASK_NAME
        )
        review_task = TownshipReviewTask.objects.filter(name=REVIEW_TASK_NAME).first() or TownshipReviewTask.objects.create(
            name=REVIEW_TASK_NAME
        )
        tasks = [gate_task]
        if township.supervision_signoff:
            supervision = VillageSupervisionTask.objects.filter(name=SUPERVISION_TASK_NAME).first()
            tasks.append(supervision or VillageSupervisionTask.objects.create(name=SUPERVISION_TASK_NAME))
        tasks.append(review_task)
        name = _("%(township)s village affairs review") % {"township": township.agency.display_name}
        assignment = WorkflowPage.objects.filter(page=township).select_related("workflow").first()
        workflow = assignment.workflow if assignment else Workflow.objects.filter(name=name).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=name, active=True)
        current = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").values_list("task_id", flat=True))
        if current != [task.pk for task in tasks]:
            WorkflowTask.objects.filter(workflow=workflow).delete()
            for order, task in enumerate(tasks):
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        WorkflowPage.objects.update_or_create(page=township.page_ptr, defaults={"workflow": workflow})
    return workflow


# --- the village member's draft --------------------------------------------


@dataclass
class NoticeInput:
    """What the simplified editor collected, already validated by its form."""

    category: NoticeCategory
    period_kind: str
    period_year: int | None
    period_number: int | None
    period_date: object
    title: str
    body: str
    photos: list = field(default_factory=list)  # uploaded image files
    board_photos: list = field(default_factory=list)
    attachments: list = field(default_factory=list)  # uploaded documents
    finance_rows: list | None = None  # None: keep what the draft has
    list_type: BeneficiaryListType | None = None
    beneficiary_rows: list | None = None
    remove_photo_ids: list = field(default_factory=list)
    remove_attachment_ids: list = field(default_factory=list)
    clear_finance: bool = False
    clear_list: bool = False


def village_collection(village_page: VillagePage) -> Collection:
    """The image/document collection of a village (村务公开 › 红星村), so uploads stay together."""
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name="村务公开").first() or root.add_child(name="村务公开")
    name = village_page.agency.display_name
    return parent.get_children().filter(name=name).first() or parent.add_child(name=name)


def _store_image(upload, collection, user, title):
    from wagtail.images import get_image_model

    image = get_image_model()(title=title[:255], file=upload, collection=collection, uploaded_by_user=user)
    image._set_image_file_metadata()
    image.save()
    return image


def _store_document(upload, collection, user, title):
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title[:255], file=upload, collection=collection, uploaded_by_user=user)
    document._set_document_file_metadata()
    document.save()
    return document


def editable_draft(notice: VillageNoticePage) -> VillageNoticePage:
    if notice.workflow_in_progress:
        raise VillageAffairsError(_("This notice is in review; it can be changed once the review ends (approved or sent back)."))
    return notice.get_latest_revision_as_object()


def save_notice_draft(user, village_page: VillagePage, data: NoticeInput, notice: VillageNoticePage | None = None) -> VillageNoticePage:
    """Create or update a village notice as a draft (never published from here)."""
    with transaction.atomic():
        collection = village_collection(village_page)
        if notice is None:
            page = VillageNoticePage(live=False, owner=user, category=data.category, title=data.title or "-")
        else:
            page = editable_draft(notice)
        page.category = data.category
        page.period_kind = data.period_kind
        page.period_year = data.period_year
        page.period_number = data.period_number
        page.period_date = data.period_date
        page.body = data.body
        if data.clear_finance:
            page.finance_rows = []
        elif data.finance_rows is not None:
            page.finance_rows = data.finance_rows
        if data.clear_list:
            page.beneficiary_rows, page.list_type = [], None
        elif data.beneficiary_rows is not None:
            page.list_type = data.list_type
            page.beneficiary_rows = data.beneficiary_rows
        if notice is None:
            page.title = data.title or "-"
            page.slug = _free_slug(village_page)
            village_page.add_child(instance=page)
            page.title = data.title or page.default_title()
        else:
            page.title = data.title or page.default_title()
        page.draft_title = page.title
        if data.remove_photo_ids:
            page.photos = [photo for photo in page.photos.all() if photo.pk not in set(data.remove_photo_ids)]
        if data.remove_attachment_ids:
            page.attachments = [a for a in page.attachments.all() if a.pk not in set(data.remove_attachment_ids)]
        photos = list(page.photos.all())
        for kind, uploads in ((VillageNoticePhoto.Kind.PHOTO, data.photos), (VillageNoticePhoto.Kind.BOARD, data.board_photos)):
            for upload in uploads:
                image = _store_image(upload, collection, user, f"{page.title} {upload.name}")
                photos.append(VillageNoticePhoto(image=image, kind=kind))
        page.photos = photos
        attachments = list(page.attachments.all())
        for upload in data.attachments:
            document = _store_document(upload, collection, user, upload.name)
            attachments.append(VillageNoticeAttachment(document=document, title=upload.name))
        page.attachments = attachments
        if not page.live:
            page.save()
        page.save_revision(user=user, log_action=True)
    return page


def _free_slug(village_page: VillagePage) -> str:
    import secrets

    return "n-" + secrets.token_hex(4)


# --- submission, sign-off and status ----------------------------------------


def submit_notice(user, notice: VillageNoticePage) -> WorkflowState:
    """Send the latest draft into the township's review workflow."""
    notice = notice.specific
    workflow = notice.get_workflow()
    if workflow is None:
        raise VillageAffairsError(_("This township has no village affairs review workflow yet; please contact the township government."))
    state = notice.current_workflow_state
    with transaction.atomic():
        if notice.latest_revision_id is None:  # created in code without a draft: review needs a revision
            notice.save_revision(user=user)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        elif notice.workflow_in_progress:
            raise VillageAffairsError(_("This notice has already been submitted and is in review."))
        else:
            state = workflow.start(notice, user)
    return state


def sign_off(user, notice: VillageNoticePage, approve: bool, comment: str = "") -> None:
    """The 村务监督委员会 member's decision on the supervision step."""
    state = notice.current_workflow_state
    task_state = state.current_task_state if state else None
    if task_state is None or not isinstance(task_state.task.specific, VillageSupervisionTask):
        raise VillageAffairsError(_("This notice is not at the supervision committee sign-off step."))
    if not task_state.task.specific.user_may_approve(notice, user):
        raise VillageAffairsError(_("You are not a member of this village's supervision committee, so you cannot sign off."))
    if not approve and not comment.strip():
        raise VillageAffairsError(_("When sending back, say what needs to be changed."))
    with transaction.atomic():
        if approve:
            task_state.approve(user=user, comment=comment)
        else:
            task_state.reject(user=user, comment=comment)


STATUS_LABELS = {
    "draft": gettext_lazy("Draft (not submitted)"),
    "checking": gettext_lazy("Automated check running"),
    "in_review": gettext_lazy("In review"),
    "needs_changes": gettext_lazy("Sent back, please make changes"),
    "live": gettext_lazy("Disclosed"),
    "live_draft": gettext_lazy("Published (with unsubmitted changes)"),
}


@dataclass
class NoticeStatus:
    code: str
    label: str
    step: str = ""  # the current workflow step's name
    comment: str = ""  # the reviewer's last comment, shown after a rejection


def notice_statuses(notices) -> dict[int, NoticeStatus]:
    """Status of each notice, in two queries whatever the number of notices."""
    ids = [str(n.pk) for n in notices]
    states = {}
    for state in (
        WorkflowState.objects.filter(
            base_content_type__model="page",
            object_id__in=ids,
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).select_related("current_task_state__task")
    ):
        states[int(state.object_id)] = state
    rejected = {}
    needs_changes_ids = [s.pk for s in states.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES]
    if needs_changes_ids:
        for task_state in TaskState.objects.filter(workflow_state_id__in=needs_changes_ids, status=TaskState.STATUS_REJECTED).order_by("finished_at"):
            rejected[task_state.workflow_state_id] = task_state.get_comment()
    result = {}
    for notice in notices:
        state = states.get(notice.pk)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            result[notice.pk] = NoticeStatus("needs_changes", str(STATUS_LABELS["needs_changes"]), comment=rejected.get(state.pk, ""))
        elif state is not None:
            step = state.current_task_state.task.name if state.current_task_state else ""
            result[notice.pk] = NoticeStatus("in_review", str(STATUS_LABELS["in_review"]), step=step)
        elif notice.live and notice.has_unpublished_changes:
            result[notice.pk] = NoticeStatus("live_draft", str(STATUS_LABELS["live_draft"]))
        elif notice.live:
            result[notice.pk] = NoticeStatus("live", str(STATUS_LABELS["live"]))
        else:
            result[notice.pk] = NoticeStatus("draft", str(STATUS_LABELS["draft"]))
    return result


def notices_for_village(village_page: VillagePage):
    return VillageNoticePage.objects.child_of(village_page).select_related("category").order_by("-latest_revision_created_at")


def awaiting_sign_off(user):
    """Notices of the user's villages waiting for the supervision committee."""
    from . import access

    villages = access.supervised_village_ids(user)
    if not villages:
        return VillageNoticePage.objects.none()
    ids = [
        int(object_id)
        for object_id in TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, task__in=VillageSupervisionTask.objects.all()
        ).values_list("workflow_state__object_id", flat=True)
    ]
    return VillageNoticePage.objects.filter(pk__in=ids, village_id__in=villages)


def village_page_for(agency) -> VillagePage | None:
    return VillagePage.objects.filter(agency=agency).first()


__all__ = [
    "NoticeInput",
    "VillageAffairsError",
    "awaiting_sign_off",
    "ensure_township_workflow",
    "notice_statuses",
    "save_notice_draft",
    "sign_off",
    "submit_notice",
]
