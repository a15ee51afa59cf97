from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class GovernmentSiteSettings(BaseSiteSetting):
    """Identity of a government website, printed in its footer and meta tags."""

    site_name = models.CharField(_("网站名称"), max_length=100, blank=True)
    site_id_code = models.CharField(
        _("网站标识码"), max_length=16, blank=True, help_text=_("政府网站标识码，如 6401000001。")
    )
    host_agency = models.ForeignKey(
        "wagtail_gk.Agency",
        verbose_name=_("主办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    public_security_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("政府网站信息")
        verbose_name_plural = _("政府网站信息")
