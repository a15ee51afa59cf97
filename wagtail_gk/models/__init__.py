from .agencies import Agency, AgencyLevel, AgencyMembership, agencies_of
from .calendar import CalendarDay, CalendarYear, DayKind
from .metadata import (
    DisclosureMethod,
    DisclosureScope,
    IndexNumberAssignment,
    IndexNumberSequence,
    OpennessMetadataMixin,
    TopicCategory,
    Validity,
)
from .short_links import ShortLink, ShortLinkScan
from .site_settings import GovernmentSiteSettings

__all__ = [
    "Agency",
    "AgencyLevel",
    "AgencyMembership",
    "CalendarDay",
    "CalendarYear",
    "DayKind",
    "DisclosureMethod",
    "DisclosureScope",
    "GovernmentSiteSettings",
    "IndexNumberAssignment",
    "IndexNumberSequence",
    "OpennessMetadataMixin",
    "ShortLink",
    "ShortLinkScan",
    "TopicCategory",
    "Validity",
    "agencies_of",
]
