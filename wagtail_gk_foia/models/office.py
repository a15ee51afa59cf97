"""The open-government office's own settings (editable in the admin)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class FoiaOfficeSettings(BaseGenericSetting):
    """Who signs the documents and how they are numbered and worded."""

    office_name = models.CharField(
        _("公开工作机构名称"), max_length=100, blank=True, help_text=_("文书落款，如“永宁县人民政府办公室”。")
    )
    document_number_prefix = models.CharField(
        _("文号前缀"), max_length=60, blank=True, help_text=_("如“永宁县政府公开办复”，文号为 前缀〔年份〕序号号。")
    )
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    reconsideration_body = models.CharField(
        _("行政复议机关"), max_length=100, blank=True, help_text=_("救济途径中的行政复议机关，如“永宁县人民政府”。")
    )
    remedy_reconsideration_first = models.TextField(
        _("救济途径（复议前置）"),
        blank=True,
        help_text=_("不予公开答复使用；留空则用系统默认表述。可用 {reconsideration_body}。"),
    )
    remedy_general = models.TextField(
        _("救济途径（一般）"), blank=True, help_text=_("其他答复使用；留空则用系统默认表述。可用 {reconsideration_body}。")
    )
    payment_instructions = models.TextField(_("缴费方式说明"), blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("公开工作机构负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("批准延期答复，并接收到期提醒。"),
    )

    class Meta:
        verbose_name = _("依申请公开设置")
        verbose_name_plural = _("依申请公开设置")
