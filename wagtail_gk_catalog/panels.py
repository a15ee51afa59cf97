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
    heading=_("标准目录归集"),
    label=_("目录事项"),
    help_text=_("本信息属于本级政务公开事项标准目录中的哪个事项；合规统计按信息形成日期和公开时限计算。"),
)
