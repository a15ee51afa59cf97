from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class GovernmentSiteSettings(BaseSiteSetting):
    """Identity of a government website, printed in its footer and meta tags."""

    site_name = models.CharField(_("Site name"), max_length=100, blank=True)
    site_id_code = models.CharField(
        _("Website ID code"), max_length=16, blank=True, help_text=_("The government website ID code, e.g. 6401000001.")
    )
    host_agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("Sponsoring organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    icp_number = models.CharField(_("ICP filing number"), max_length=50, blank=True)
    public_security_number = models.CharField(_("Public security filing number"), max_length=50, blank=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=50, blank=True)
    address = models.CharField(_("Address"), max_length=200, blank=True)
    public_base_url = models.URLField(
        _("Public base URL"),
        max_length=200,
        blank=True,
        help_text=_(
            "Scheme and host that QR codes, posters, village boards, share links, e-mails and receipts use, "
            "e.g. https://www.yongning.gov.cn. Leave empty to use the site's own hostname and port."
        ),
    )

    def clean(self):
        super().clean()
        from urllib.parse import urlsplit

        from django.core.exceptions import ValidationError

        if self.public_base_url:
            parts = urlsplit(self.public_base_url)
            if parts.query or parts.fragment:
                raise ValidationError({"public_base_url": _("Give only the scheme, host and (optionally) a path, without ? or #.")})
            self.public_base_url = self.public_base_url.rstrip("/")

    class Meta:
        verbose_name = _("Government website details")
        verbose_name_plural = _("Government website details")


# 条例 第二十三、二十四、二十五条.
DEFAULT_PROACTIVE_CHANNELS = (
    _("The “Government openness” section of this website"),
    _("The government gazette"),
    _("Reading points at the government service centre, the archives and the public library"),
    _("Press conferences, newspapers, radio and television"),
)


@register_setting(icon="info-circle")
class OpennessOfficeSettings(BaseSiteSetting):
    """The government information openness office (政府信息公开工作机构) of a
    site: the contact details and channels the generated 政府信息公开指南
    publishes (条例 第十二条). A blank field is taken from an app that holds it
    (the disclosure request settings), else left out of the guide."""

    office_name = models.CharField(
        _("Openness office name"), max_length=100, blank=True, help_text=_("E.g. “Office of the Yongning County People's Government”.")
    )
    address = models.CharField(_("Office address"), max_length=200, blank=True)
    postcode = models.CharField(_("Postcode"), max_length=12, blank=True)
    office_hours = models.CharField(_("Office hours"), max_length=100, blank=True)
    phone = models.CharField(_("Telephone"), max_length=50, blank=True)
    fax = models.CharField(_("Fax"), max_length=50, blank=True)
    email = models.EmailField(_("E-mail address"), blank=True)
    proactive_channels = models.TextField(
        _("Channels of proactive disclosure"),
        blank=True,
        help_text=_("One per line. Leave blank for the usual channels (this website, the government gazette, reading points …)."),
    )

    class Meta:
        verbose_name = _("Openness office")
        verbose_name_plural = _("Openness office")

    def channels(self) -> list[str]:
        lines = [line.strip() for line in self.proactive_channels.splitlines() if line.strip()]
        return lines or [str(channel) for channel in DEFAULT_PROACTIVE_CHANNELS]
