"""Models of ``wagtail_gk_village``; import from here."""

from .categories import (
    BeneficiaryListType,
    ColumnKind,
    ListTypeColumn,
    NoticeCategory,
    PublicationRule,
)
from .pages import (
    GovernmentListPage,
    TownshipPage,
    VillageNoticeAttachment,
    VillageNoticePage,
    VillageNoticePhoto,
    VillagePage,
)
from .reminders import ScheduleReminder
from .workflow_tasks import TownshipReviewTask, VillageSupervisionTask

__all__ = [
    "BeneficiaryListType",
    "ColumnKind",
    "GovernmentListPage",
    "ListTypeColumn",
    "NoticeCategory",
    "PublicationRule",
    "ScheduleReminder",
    "TownshipPage",
    "TownshipReviewTask",
    "VillageNoticeAttachment",
    "VillageNoticePage",
    "VillageNoticePhoto",
    "VillagePage",
    "VillageSupervisionTask",
]
