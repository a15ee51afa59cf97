"""The database search index of the policy library and its user dictionary.

:class:`PolicySearchEntry` is one row per live policy, with its text already
segmented into words (jieba) and its facet values denormalised, so that a
search with all facets is a handful of indexed queries. Full-text matching
uses, on PostgreSQL, the narrow table ``wagtail_gk_policy_match`` (migration
0003: facet values and GIN-indexed ``tsvector``s of the token columns) and,
on SQLite, an FTS5 table; triggers keep both in step with this table, and
Django code never writes them directly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicySearchEntry(models.Model):
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    url_path = models.CharField(max_length=255, blank=True)
    document_number = models.CharField(max_length=80, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)  # plain text, for snippets
    # Space-separated words (jieba, search mode): what the full-text index reads.
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    agency_id = models.IntegerField(null=True, db_index=True)
    agency_name = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, db_index=True)
    release_date = models.DateField(null=True, db_index=True)
    topic_id = models.IntegerField(null=True, db_index=True)
    topic_root_id = models.IntegerField(null=True, db_index=True)
    document_kind = models.CharField(max_length=16, blank=True, db_index=True)
    validity = models.CharField(max_length=16, blank=True, db_index=True)
    validity_changed_on = models.DateField(null=True)
    has_interpretation = models.BooleanField(default=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Policy search index")
        verbose_name_plural = _("Policy search index")
        indexes = [models.Index(fields=["-release_date", "-id"], name="wagtail_gk_policy_entry_date")]

    def __str__(self):
        return self.title


class SegmentationTerm(models.Model):
    """A word of the government-terms user dictionary (政务词典): jieba keeps
    it whole when segmenting documents and queries (e.g. 征地补偿, 低保户)."""

    word = models.CharField(_("Word"), max_length=40, unique=True)
    weight = models.PositiveIntegerField(
        _("Weight"), default=50000, help_text=_("The higher the weight, the more likely the word is kept whole when text is split into words. Usually there is no need to change it.")
    )
    note = models.CharField(_("Description"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Dictionary term")
        verbose_name_plural = _("Government term dictionary")
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        from django.core.exceptions import ValidationError

        word = (self.word or "").strip()
        if not word or any(ch.isspace() for ch in word):
            raise ValidationError({"word": _("The word cannot be empty or contain spaces.")})
        self.word = word
