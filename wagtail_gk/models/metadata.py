"""Openness metadata (公开属性) carried by published pages.

:class:`OpennessMetadataMixin` is an abstract page mixin; a host page type
inherits it to get the fields of a government information item (索引号,
发布机构, 主题分类, 公开方式, 公开范围, 成文日期, 发布日期, 有效性), the
metadata box and the page meta tags that government website inspections read.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ..conf import gk_setting
from .site_settings import GovernmentSiteSettings


class TopicCategory(models.Model):
    """主题分类: two levels, shipped with the State Council's theme classification."""

    name = models.CharField(_("Name"), max_length=60)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Parent category"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.CASCADE,
    )
    sort_order = models.PositiveIntegerField(_("Sort order"), default=0)

    class Meta:
        verbose_name = _("Subject category")
        verbose_name_plural = _("Subject category")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="wagtail_gk_topic_unique_name"),
        ]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} / {self.name}"
        return self.name


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive disclosure")
    ON_REQUEST = "on_request", _("Disclosure on request")


class DisclosureScope(models.TextChoices):
    PUBLIC = "public", _("General public")
    SPECIFIC = "specific", _("Specific groups")


class Validity(models.TextChoices):
    VALID = "valid", _("In force")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")
    AMENDED = "amended", _("Amended")


class IndexNumberAssignment(models.Model):
    """The index number a page holds for good. Kept apart from the page row so
    that publishing an older revision (which may predate the number) cannot
    lose or change it."""

    page = models.OneToOneField(
        "wagtailcore.Page", related_name="gk_index_number", on_delete=models.CASCADE
    )
    number = models.CharField(_("Index number"), max_length=64, unique=True)
    assigned_at = models.DateTimeField(_("Assigned at"), default=timezone.now)

    class Meta:
        verbose_name = _("Index number")
        verbose_name_plural = _("Index number")

    def __str__(self):
        return self.number


class OpennessMetadataMixin(models.Model):
    """Abstract page mixin for government information published under 政务公开.

    Contract: the concrete class is a Wagtail ``Page``. ``index_number`` is
    filled in when the page is first published (see
    :mod:`wagtail_gk.index_numbers`) and editors cannot change it.
    ``openness_metadata_panel`` is a ready panel group for ``content_panels``
    or a "公开属性" tab; ``gk_meta_tags()`` gives the meta tags that the
    template tag ``{% gk_meta_tags %}`` prints.
    """

    index_number = models.CharField(_("Index number"), max_length=64, blank=True, editable=False)
    publishing_agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Issuing agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        "wagtail_gk.TopicCategory",
        verbose_name=_("Subject category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disclosure_method = models.CharField(
        _("Disclosure form"), max_length=16, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    disclosure_scope = models.CharField(
        _("Disclosure scope"), max_length=16, choices=DisclosureScope.choices, default=DisclosureScope.PUBLIC
    )
    written_on = models.DateField(_("Date written"), null=True, blank=True)
    release_date = models.DateField(
        _("Publication date"), null=True, blank=True, help_text=_("Leave empty to use the date of first publication.")
    )
    validity = models.CharField(_("Validity"), max_length=16, choices=Validity.choices, default=Validity.VALID)
    keywords = models.CharField(_("Keywords"), max_length=200, blank=True, help_text=_("Separate with spaces or commas."))

    openness_metadata_panel = MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("publishing_agency"), FieldPanel("topic")]),
            FieldRowPanel([FieldPanel("disclosure_method"), FieldPanel("disclosure_scope")]),
            FieldRowPanel([FieldPanel("written_on"), FieldPanel("release_date")]),
            FieldRowPanel([FieldPanel("validity"), FieldPanel("keywords")]),
        ],
        heading=_("Disclosure metadata"),
    )

    class Meta:
        abstract = True

    @property
    def effective_release_date(self):
        if self.release_date:
            return self.release_date
        if getattr(self, "first_published_at", None):
            return timezone.localdate(self.first_published_at)
        return None

    def get_index_year(self) -> int:
        """The year in this page's index number: the document's own date (成文日期,
        else 发布日期), so that a 2025 document published in 2026 is numbered
        in 2025; the current year only when the page has neither."""
        for day in (self.written_on, self.release_date):
            if day:
                return day.year
        return timezone.localdate().year

    def get_index_agency_code(self) -> str:
        """The agency code used in this page's index number."""
        if self.publishing_agency_id and self.publishing_agency.code:
            return self.publishing_agency.code
        return gk_setting("GK_DEFAULT_AGENCY_CODE")

    def gk_meta_tags(self, request=None):
        """(name, content) pairs of the meta tags government sites carry."""
        site_settings = GovernmentSiteSettings.for_request(request) if request else None
        column = self.get_parent().specific if self.get_parent() else None
        release = self.effective_release_date
        agency = self.publishing_agency.name if self.publishing_agency_id else ""
        description = getattr(self, "search_description", "") or ""
        pairs = [
            ("SiteName", site_settings.site_name if site_settings else ""),
            ("SiteDomain", request.get_host() if request else ""),
            ("SiteIDCode", site_settings.site_id_code if site_settings else ""),
            ("ColumnName", column.title if column else ""),
            ("ColumnType", column.specific_class._meta.verbose_name if column else ""),
            ("ArticleTitle", self.title),
            ("PubDate", release.strftime("%Y-%m-%d") if release else ""),
            ("ContentSource", agency),
            ("Keywords", self.keywords),
            ("Author", agency),
            ("Description", description),
            ("Url", request.build_absolute_uri(self.url) if request and self.url else ""),
        ]
        return [(name, str(value)) for name, value in pairs if value]
