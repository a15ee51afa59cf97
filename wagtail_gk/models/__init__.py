from .agencies import Agency, AgencyLevel, AgencyMembership, agencies_of
from .calendar import CalendarDay, CalendarReminderSent, CalendarYear, DayKind
from .gate import (
    AutomatedCheckTask,
    AutomatedCheckTaskState,
    DocumentCheck,
    FindingDismissal,
    RescanFinding,
    RescanKind,
    SensitiveLibraryState,
    SensitiveTerm,
    TermSeverity,
    TermSource,
)
from .guide import OpennessGuidePage
from .ledger import LedgerDecision, LedgerEntry, LedgerHead
from .metadata import (
    DisclosureMethod,
    DisclosureScope,
    IndexNumberAssignment,
    OpennessMetadataMixin,
    TopicCategory,
    Validity,
)
from .sequences import Counter, SequenceCounter
from .short_links import ShortLink, ShortLinkScan
from .site_settings import GovernmentSiteSettings, OpennessOfficeSettings

__all__ = [
    "AutomatedCheckTask",
    "AutomatedCheckTaskState",
    "DocumentCheck",
    "FindingDismissal",
    "LedgerDecision",
    "LedgerEntry",
    "LedgerHead",
    "RescanFinding",
    "RescanKind",
    "SensitiveLibraryState",
    "SensitiveTerm",
    "TermSeverity",
    "TermSource",
    "Agency",
    "AgencyLevel",
    "AgencyMembership",
    "CalendarDay",
    "CalendarReminderSent",
    "CalendarYear",
    "Counter",
    "DayKind",
    "DisclosureMethod",
    "DisclosureScope",
    "GovernmentSiteSettings",
    "IndexNumberAssignment",
    "OpennessGuidePage",
    "OpennessMetadataMixin",
    "OpennessOfficeSettings",
    "SequenceCounter",
    "ShortLink",
    "ShortLinkScan",
    "TopicCategory",
    "Validity",
    "agencies_of",
]
