"""Admin screens of the policy library as Wagtail ``ModelViewSet``s, grouped
under one "政策库" menu: packages, subscriptions, the delivery log, tags
and the 政务词典."""

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from ..admin_columns import YesNoColumn
from . import compat
from .models import (
    PolicyAudienceTag,
    PolicyDelivery,
    PolicyPackage,
    PolicySubscription,
    SegmentationTerm,
)


class PolicyPackageViewSet(ModelViewSet):
    model = PolicyPackage
    icon = "folder-open-inverse"
    menu_label = _("Policy package")
    list_display = ["name", "slug", YesNoColumn("is_public", label=_("Show on the subscription page")), "created_at"]
    search_fields = ["name", "description"]
    form_fields = ["name", "slug", "description", "target_tags", "policies", "is_public"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["target_tags"].widget = forms.CheckboxSelectMultiple()
        form_class.base_fields["target_tags"].queryset = PolicyAudienceTag.objects.all()
        return form_class


class ContactColumn(Column):
    """Full contact only for users allowed to change subscriptions; others
    see it masked (personal data by role)."""

    def get_value(self, instance):
        return instance.masked_contact

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = parent_context["request"].user
        if user.has_perm("wagtail_gk_policy.change_policysubscription"):
            context["value"] = " / ".join(v for v in (instance.email, instance.phone) if v)
        return context


class PolicySubscriptionViewSet(ModelViewSet):
    model = PolicySubscription
    icon = "mail"
    menu_label = _("Policy subscription")
    list_display = ["name", ContactColumn("contact", label=_("Contact")), "package", YesNoColumn("is_active", label=_("In force")), "created_at"]
    list_filter = ["is_active", "package", "tags"]
    search_fields = ["name", "email", "phone"]
    form_fields = ["name", "email", "phone", "tags", "package", "is_active"]


class RetryColumn(Column):
    def get_value(self, instance):
        if instance.status in (PolicyDelivery.Status.FAILED, PolicyDelivery.Status.RETRYING):
            url = reverse("wagtail_gk_policy_admin:retry_delivery", args=[instance.pk])
            return format_html('<a class="button button-small button-secondary" href="{}">{}</a>', url, _("Retry"))
        return ""


class PolicyDeliveryViewSet(ModelViewSet):
    model = PolicyDelivery
    icon = "resubmit"
    menu_label = _("Delivery log")
    list_display = ["policy", "subscription", "channel", "status", "attempts", "last_error", "created_at", "sent_at", RetryColumn("retry", label="")]
    list_filter = ["status", "channel"]
    search_fields = ["policy__title", "subscription__name"]
    inspect_view_enabled = True
    form_fields = ["status"]

    def get_add_url(self):  # deliveries are created by publishing, never by hand
        return None


class PolicyAudienceTagViewSet(ModelViewSet):
    model = PolicyAudienceTag
    icon = "tag"
    menu_label = _("Policy tag")
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name"]
    form_fields = ["kind", "name", "sort_order"]


class DictionaryIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return super().header_buttons + [
            HeaderButton(_("Rebuild search index"), url=reverse("wagtail_gk_policy_admin:rebuild_index"), icon_name="rotate")
        ]


class SegmentationTermViewSet(ModelViewSet):
    model = SegmentationTerm
    icon = "openquote"
    menu_label = _("Government term dictionary")
    list_display = ["word", "weight", "note", "updated_at"]
    search_fields = ["word", "note"]
    form_fields = ["word", "weight", "note"]
    index_view_class = DictionaryIndexView


class PolicyLibraryViewSetGroup(ViewSetGroup):
    menu_label = _("Policy library")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    # wagtail_hooks.py adds the poster-sheet and scan-report items through this hook.
    submenu_hook = "register_gk_policy_menu_item"
    items = (
        PolicyPackageViewSet("wagtail_gk_policy_packages"),
        PolicySubscriptionViewSet("wagtail_gk_policy_subscriptions"),
        PolicyDeliveryViewSet("wagtail_gk_policy_deliveries"),
        PolicyAudienceTagViewSet("wagtail_gk_policy_tags"),
        SegmentationTermViewSet("wagtail_gk_policy_dictionary"),
    )

    def get_menu_item(self, order=None):
        return compat.with_submenu_hook(super().get_menu_item(order), self.submenu_hook)
