from .packages import PolicyDelivery, PolicyPackage, PolicySubscription
from .pages import (
    REPEALED_STATES,
    DocumentKind,
    PolicyAttachment,
    PolicyAudienceTag,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    PolicyLibraryIndexPage,
    PolicyTopicItem,
    PolicyTopicPage,
)
from .search import PolicySearchEntry, SegmentationTerm

__all__ = [
    "REPEALED_STATES",
    "DocumentKind",
    "PolicyAttachment",
    "PolicyAudienceTag",
    "PolicyDelivery",
    "PolicyDocumentPage",
    "PolicyInterpretationPage",
    "PolicyLibraryIndexPage",
    "PolicyPackage",
    "PolicySearchEntry",
    "PolicySubscription",
    "PolicyTopicItem",
    "PolicyTopicPage",
    "SegmentationTerm",
]
