"""The open-government office's own settings (editable in the admin)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class FoiaOfficeSettings(BaseGenericSetting):
    """Who signs the documents and how they are numbered and worded."""

    office_name = models.CharField(
        _("Openness office name"), max_length=100, blank=True, help_text=_("Signature on documents, e.g. “Office of the Yongning County People's Government”.")
    )
    document_number_prefix = models.CharField(
        _("Document number prefix"), max_length=60, blank=True, help_text=_("E.g. “永宁县政府公开办复”. Document numbers then read prefix〔year〕serial号.")
    )
    address = models.CharField(_("Office address"), max_length=200, blank=True)
    phone = models.CharField(_("Enquiry phone number"), max_length=50, blank=True)
    office_hours = models.CharField(_("Office hours"), max_length=100, blank=True)
    reconsideration_body = models.CharField(
        _("Administrative reconsideration body"), max_length=100, blank=True, help_text=_("The administrative reconsideration body named in the remedies, e.g. “Yongning County People's Government”.")
    )
    remedy_reconsideration_first = models.TextField(
        _("Remedies (reconsideration first)"),
        blank=True,
        help_text=_("Used in replies that withhold information; leave blank for the default wording. You can use {reconsideration_body}."),
    )
    remedy_general = models.TextField(
        _("Remedies (general)"), blank=True, help_text=_("Used in all other replies; leave blank for the default wording. You can use {reconsideration_body}.")
    )
    payment_instructions = models.TextField(_("Payment instructions"), blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head of the openness office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Approves extensions and receives deadline reminders."),
    )

    class Meta:
        verbose_name = _("Disclosure request settings")
        verbose_name_plural = _("Disclosure request settings")
