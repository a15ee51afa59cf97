"""Editor panels a host project adds to its page types.

``catalog_filing_panel`` files a page under catalog items: add it to any page
type with openness metadata, e.g. in its "公开属性" tab::

    ObjectList([OpennessMetadataMixin.openness_metadata_panel, catalog_filing_panel], heading=_("公开属性"))

The inline rows are :class:`~wagtail_gk_catalog.models.CatalogFiling` objects
keyed to the page; they take effect when the page is published.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel

catalog_filing_panel = InlinePanel(
    "gk_catalog_filings",
    heading=_("Standard catalog filing"),
    label=_("Catalog item"),
    help_text=_("Which item of the local standard catalog this information belongs to. Compliance figures are computed from the information creation date and the disclosure deadline."),
)
