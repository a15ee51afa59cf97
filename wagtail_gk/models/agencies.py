"""Government bodies (机构) and who works for which.

The feature apps meet here: the catalog belongs to an agency, a disclosure
request is handled by one, a village page is linked to the village's agency
and a village committee member is a member of it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyLevel(models.TextChoices):
    REGION = "region", _("Region or province level")
    CITY = "city", _("City level")
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")
    VILLAGE = "village", _("Village level")


class AgencyQuerySet(models.QuerySet):
    def descendants_of(self, agency, include_self=True):
        """All agencies under *agency* (any depth), found by walking the tree in Python
        once per level: government trees are shallow (region → village is four hops)."""
        ids = {agency.pk}
        frontier = {agency.pk}
        while frontier:
            frontier = set(self.model.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        if not include_self:
            ids.discard(agency.pk)
        return self.filter(pk__in=ids)


class Agency(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    short_name = models.CharField(_("Short name"), max_length=50, blank=True)
    level = models.CharField(_("Administrative level"), max_length=16, choices=AgencyLevel.choices)
    code = models.CharField(
        _("Agency code"),
        max_length=32,
        blank=True,
        help_text=_("The agency's code used in index numbers, such as its administrative division code or unified social credit code."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Parent agency"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Agency")
        verbose_name_plural = _("Agency")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="wagtail_gk_agency_unique_name_per_parent"),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class AgencyMembership(models.Model):
    """A user works for an agency. Role groups say what they may do; the
    membership says where (which village, which township)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        related_name="gk_memberships",
        on_delete=models.CASCADE,
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("Agency"), related_name="memberships", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("Agency member")
        verbose_name_plural = _("Agency member")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="wagtail_gk_membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.agency}"


def agencies_of(user):
    """The agencies *user* is a member of."""
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user)
