"""Models of the standard catalog (政务公开事项标准目录).

Callers import from ``wagtail_gk_catalog.models``; the modules are split by
concern (domains, catalogs and guide revisions, items and their elements,
local adjustments, filings of pages under items, reminders about them, public pages).
"""

from .adjustments import AdjustmentKind, CatalogAdjustment
from .catalogs import Catalog, CatalogKind, GuideRevision
from .domains import Domain
from .filings import CatalogFiling
from .items import (
    Audience,
    CatalogItem,
    CatalogItemBasisLink,
    CatalogItemChannel,
    Channel,
    DisclosureLayer,
    ItemOrigin,
    PublicityDayType,
    TimeLimitKind,
)
from .pages import CatalogIndexPage, StandardCatalogPage
from .reminders import CatalogReminder

__all__ = [
    "AdjustmentKind",
    "Audience",
    "Catalog",
    "CatalogAdjustment",
    "CatalogFiling",
    "CatalogIndexPage",
    "CatalogItem",
    "CatalogItemBasisLink",
    "CatalogItemChannel",
    "CatalogKind",
    "CatalogReminder",
    "Channel",
    "DisclosureLayer",
    "Domain",
    "GuideRevision",
    "ItemOrigin",
    "PublicityDayType",
    "StandardCatalogPage",
    "TimeLimitKind",
]
