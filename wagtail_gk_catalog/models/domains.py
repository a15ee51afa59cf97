"""The pilot domains (试点领域) a catalog is organised by."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.Model):
    """One of the 26 pilot domains of 国办发〔2019〕54号, or a domain a region
    adds. Shipped as data (migration 0002) and editable in the admin."""

    name = models.CharField(_("Area name"), max_length=50, unique=True)
    code = models.SlugField(_("Code"), max_length=50, unique=True)
    sort_order = models.PositiveIntegerField(_("Sort order"), default=0)
    is_pilot = models.BooleanField(_("National pilot area"), default=True)
    description = models.TextField(_("Description"), blank=True)

    class Meta:
        verbose_name = _("Disclosure area")
        verbose_name_plural = _("Disclosure area")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
