"""Stable short links for QR codes (扫码查阅) and their daily scan counts.

A short link points at a page; its code never changes, so a printed poster
keeps working when the page moves. Scans are counted per link per day and
nothing about the person scanning is stored.
"""

import secrets

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# No 0/O/1/l/I: codes are typed by hand from printed posters.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ShortLinkManager(models.Manager):
    def for_page(self, page) -> "ShortLink":
        """The page's short link, created on first use."""
        existing = self.filter(page=page).first()
        if existing:
            return existing
        for _attempt in range(10):
            try:
                with transaction.atomic():
                    return self.create(page=page, code=new_code())
            except IntegrityError:
                existing = self.filter(page=page).first()
                if existing:
                    return existing
        raise RuntimeError("Could not allocate a unique short link code")


class ShortLink(models.Model):
    code = models.CharField(_("Short code"), max_length=16, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("Page"), related_name="gk_short_link", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)

    objects = ShortLinkManager()

    class Meta:
        verbose_name = _("Short link")
        verbose_name_plural = _("Short link")

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("wagtail_gk:short_link", args=[self.code])


class ShortLinkScan(models.Model):
    link = models.ForeignKey(ShortLink, related_name="scans", on_delete=models.CASCADE)
    day = models.DateField(_("Date"))
    count = models.PositiveIntegerField(_("Count"), default=0)

    class Meta:
        verbose_name = _("Scan count")
        verbose_name_plural = _("Scan count")
        constraints = [
            models.UniqueConstraint(fields=["link", "day"], name="wagtail_gk_scan_unique_day"),
        ]

    def __str__(self):
        return f"{self.link} {self.day}: {self.count}"
