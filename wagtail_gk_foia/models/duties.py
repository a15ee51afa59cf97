"""The other duties of the 条例 that hang off disclosure requests:
correction of inaccurate information about the applicant (第41条) and
proactive disclosure of information several applicants ask for, or that an
applicant proposes (第44条)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectionOutcome(models.TextChoices):
    """The three answers of 第41条 (the report counts them)."""

    CORRECTED = "corrected", _("Corrected")
    REFUSED = "refused", _("Not corrected (with reasons)")
    FORWARDED = "forwarded", _("Forwarded to the agency competent to correct")


class CorrectionRequest(models.Model):
    """第41条: the applicant shows, with evidence, that government information
    about them is recorded inaccurately and asks for it to be corrected."""

    request = models.ForeignKey(
        "wagtail_gk_foia.DisclosureRequest", verbose_name=_("Disclosure request"), on_delete=models.CASCADE,
        related_name="correction_requests",
    )
    received_on = models.DateField(_("Date received"))
    information = models.CharField(_("Information to be corrected"), max_length=300)
    inaccuracy = models.TextField(_("What is inaccurate, and the evidence"))
    requested_correction = models.TextField(_("Correction asked for"), blank=True)
    outcome = models.CharField(_("Outcome"), max_length=12, choices=CorrectionOutcome.choices, blank=True, db_index=True)
    decided_on = models.DateField(_("Date decided"), null=True, blank=True)
    correction_made = models.TextField(_("Correction made"), blank=True)
    reasons = models.TextField(_("Reasons for not correcting"), blank=True)
    competent_agency = models.CharField(_("Agency competent to correct"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Correction request (Article 41)")
        verbose_name_plural = _("Correction requests (Article 41)")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return self.information

    @property
    def is_pending(self) -> bool:
        return not self.outcome


class ProactiveSource(models.TextChoices):
    SEVERAL_APPLICANTS = "several_applicants", _("Requested by several applicants")
    PROPOSAL = "proposal", _("Proposed by an applicant")


class ProactiveDisclosure(models.Model):
    """第44条: information made 主动公开, with the link to the published page
    and the requests it answers (the ledger of these decisions)."""

    title = models.CharField(_("Information made proactively public"), max_length=300)
    published_url = models.CharField(_("Link to the published page"), max_length=500)
    published_on = models.DateField(_("Date published"))
    source = models.CharField(_("Reason"), max_length=20, choices=ProactiveSource.choices)
    requests = models.ManyToManyField(
        "wagtail_gk_foia.DisclosureRequest", verbose_name=_("Disclosure requests"), related_name="proactive_disclosures"
    )
    note = models.TextField(_("Note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Proactive disclosure (Article 44)")
        verbose_name_plural = _("Proactive disclosures (Article 44)")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title


class ProactiveProposal(models.Model):
    """第44条第二款: an applicant proposes that information be made 主动公开;
    the agency publishes it if it agrees."""

    request = models.ForeignKey(
        "wagtail_gk_foia.DisclosureRequest", verbose_name=_("Disclosure request"), on_delete=models.CASCADE,
        related_name="proactive_proposals",
    )
    received_on = models.DateField(_("Date received"))
    information = models.CharField(_("Information proposed for proactive disclosure"), max_length=300)
    grounds = models.TextField(_("The applicant's grounds"), blank=True)
    decided_on = models.DateField(_("Date decided"), null=True, blank=True)
    accepted = models.BooleanField(_("Accepted"), null=True)
    reasons = models.TextField(_("Reasons for not accepting"), blank=True)
    disclosure = models.ForeignKey(
        ProactiveDisclosure, verbose_name=_("Proactive disclosure"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="proposals",
    )

    class Meta:
        verbose_name = _("Proposal of proactive disclosure (Article 44)")
        verbose_name_plural = _("Proposals of proactive disclosure (Article 44)")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return self.information

    @property
    def is_pending(self) -> bool:
        return self.accepted is None

    @property
    def published_url(self) -> str:
        return self.disclosure.published_url if self.disclosure_id else ""
