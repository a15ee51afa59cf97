"""Workflow steps whose approvers are chosen by agency membership.

A role group alone is not enough in village affairs: the 乡镇审核人 of 杨和镇
must not approve a notice of a 望洪镇 village, and the 村务监督委员会 of 红星村
signs off only 红星村's notices. These tasks ask :mod:`wagtail_gk_village.access`
who may act on each notice.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from .. import access
from .pages import VillageNoticePage


def _village_id(obj) -> int | None:
    """The notice's village; the admin's workflow views pass a plain ``Page``."""
    village_id = getattr(obj, "village_id", None)
    if village_id is None and getattr(obj, "pk", None):
        village_id = VillageNoticePage.objects.filter(pk=obj.pk).values_list("village_id", flat=True).first()
    return village_id


class _MembershipApprovalTask(Task):
    """Approvers are decided per object by :meth:`user_may_approve`."""

    class Meta:
        abstract = True

    def user_may_approve(self, obj, user) -> bool:
        raise NotImplementedError

    def village_ids_for(self, user) -> set[int]:
        raise NotImplementedError

    def user_can_access_editor(self, obj, user):
        return self.user_may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_may_approve(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_may_approve(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if self.user_may_approve(obj, user):
            return [
                ("reject", _("Send back for changes"), True),
                ("approve", _("Agree"), False),
                ("approve", _("Agree with comment"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        villages = self.village_ids_for(user)
        if not villages:
            return TaskState.objects.none()
        notice_ids = [str(pk) for pk in VillageNoticePage.objects.filter(village_id__in=villages).values_list("pk", flat=True)]
        return states.filter(Q(workflow_state__object_id__in=notice_ids))


class TownshipReviewTask(_MembershipApprovalTask):
    """乡镇审核: a township reviewer who is a member of the notice's township approves it."""

    class Meta:
        verbose_name = _("Township review (by the village's township)")
        verbose_name_plural = _("Township review (by the village's township)")

    def user_may_approve(self, obj, user) -> bool:
        return user.is_active and (user.is_superuser or access.can_review_village(user, _village_id(obj)))

    def village_ids_for(self, user) -> set[int]:
        return access.reviewed_village_ids(user)

    @classmethod
    def get_description(cls):
        return _("Reviewers of the village's township review the notices submitted by its villages.")


class VillageSupervisionTask(_MembershipApprovalTask):
    """村务监督委员会签字确认: a supervision committee member of the notice's village."""

    class Meta:
        verbose_name = _("Supervision committee sign-off")
        verbose_name_plural = _("Supervision committee sign-off")

    def user_may_approve(self, obj, user) -> bool:
        return user.is_active and access.can_supervise_village(user, _village_id(obj))

    def village_ids_for(self, user) -> set[int]:
        return access.supervised_village_ids(user)

    @classmethod
    def get_description(cls):
        return _("A member of the village supervision committee confirms that the notice is complete and true before it goes to township review.")
