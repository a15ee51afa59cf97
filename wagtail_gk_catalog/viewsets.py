"""Admin screens of the catalog as Wagtail viewsets.

Listings are narrowed to the catalogs a user's agencies own (see
:mod:`wagtail_gk_catalog.permissions`); the item chooser used when filing a
page offers only items in force of local catalogs.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from wagtail_gk.admin_columns import YesNoColumn

from .forms import CatalogItemForm
from .models import Catalog, CatalogAdjustment, CatalogItem, CatalogKind, CatalogReminder, Domain
from .permissions import editable_catalogs, visible_catalogs

# --- catalogs -----------------------------------------------------------------


class CatalogIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_catalogs(self.request.user).select_related("agency", "guide", "guide_revision")


class CatalogEditView(generic.EditView):
    def get_queryset(self):
        return editable_catalogs(self.request.user)


class CatalogDeleteView(generic.DeleteView):
    def get_queryset(self):
        return editable_catalogs(self.request.user)


class CatalogViewSet(ModelViewSet):
    model = Catalog
    icon = "list-ul"
    menu_label = _("Catalogs and guides")
    index_view_class = CatalogIndexView
    edit_view_class = CatalogEditView
    delete_view_class = CatalogDeleteView
    copy_view_enabled = False
    list_filter = ["kind"]
    search_fields = ["name"]
    form_fields = ["name", "kind", "agency", "guide", "version_label", "issued_on", "description"]

    @property
    def list_display(self):
        return [
            TitleColumn("name", label=_("Catalog name"), get_url=lambda obj: reverse("wagtail_gk_catalog_admin:catalog", args=[obj.pk])),
            "kind",
            "agency",
            Column("guide_revision", label=_("Based on guide revision")),
            "updated_at",
        ]


# --- items ----------------------------------------------------------------------


class ItemIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            CatalogItem.objects.filter(catalog__in=visible_catalogs(self.request.user))
            .select_related("catalog", "domain")
            .order_by("catalog", "domain__sort_order", "sort_order", "pk")
        )


class ItemEditView(generic.EditView):
    def get_queryset(self):
        return CatalogItem.objects.filter(catalog__in=editable_catalogs(self.request.user))


class ItemCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("catalog", "").isdigit():
            initial["catalog"] = int(self.request.GET["catalog"])
        return initial


class ItemDeleteView(generic.DeleteView):
    """Deleting is for guide items; a local item is removed with a reason instead."""

    def get_queryset(self):
        return CatalogItem.objects.filter(catalog__in=editable_catalogs(self.request.user), catalog__kind=CatalogKind.GUIDE)


def _item_actions_url(item):
    if item.catalog.kind != CatalogKind.LOCAL:
        return None
    name = "item_restore" if item.removed else "item_remove"
    return reverse("wagtail_gk_catalog_admin:" + name, args=[item.pk])


class CatalogItemViewSet(ModelViewSet):
    model = CatalogItem
    icon = "list-ol"
    menu_label = _("Disclosure item")
    index_view_class = ItemIndexView
    add_view_class = ItemCreateView
    edit_view_class = ItemEditView
    delete_view_class = ItemDeleteView
    copy_view_enabled = False
    list_filter = ["catalog", "domain", "removed", "layer"]
    search_fields = ["level1", "level2", "level3", "content"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("catalog"), FieldPanel("domain"), FieldPanel("sort_order")]),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("level1"), FieldPanel("level2"), FieldPanel("level3")])],
                heading=_("Disclosure item"),
            ),
            FieldPanel("content"),
            FieldPanel("basis"),
            InlinePanel("basis_links", heading=_("Basis documents (policy library)"), label=_("Basis document"), panels=[PageChooserPanel("page")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("time_limit_kind"), FieldPanel("time_limit_event")]),
                    FieldRowPanel([FieldPanel("time_limit_days"), FieldPanel("time_limit_day_type")]),
                    FieldRowPanel([FieldPanel("publicity_days"), FieldPanel("publicity_day_type")]),
                    FieldPanel("time_limit_wording"),
                ],
                heading=_("Disclosure deadline"),
            ),
            FieldRowPanel([FieldPanel("subject"), FieldPanel("subject_agency")]),
            MultiFieldPanel(
                [FieldPanel("required_channels"), FieldPanel("optional_channels")], heading=_("Disclosure channels and media")
            ),
            FieldRowPanel([FieldPanel("audience"), FieldPanel("method"), FieldPanel("layer")]),
            FieldPanel("adjustment_reason"),
        ],
        base_form_class=CatalogItemForm,
    )

    @property
    def list_display(self):
        return [
            TitleColumn("title", label=_("Item"), accessor=str, get_url=lambda obj: reverse(self.get_url_name("edit"), args=[obj.pk])),
            "domain",
            "catalog",
            Column("time_limit_display", label=_("Disclosure deadline")),
            "subject",
            Column("removed", label=_("Removed"), accessor=lambda obj: _("Removed") if obj.removed else ""),
            TitleColumn(
                "adjust", label=_("Local adjustment"), accessor=lambda obj: (_("Restore") if obj.removed else _("Remove (with reason)")) if obj.catalog.kind == CatalogKind.LOCAL else "",
                get_url=_item_actions_url,
            ),
        ]


# --- domains and adjustments --------------------------------------------------------


class DomainViewSet(ModelViewSet):
    model = Domain
    icon = "folder-open-1"
    menu_label = _("Disclosure area")
    list_display = ["name", "code", "sort_order", YesNoColumn("is_pilot", label=_("National pilot area"))]
    search_fields = ["name", "code"]
    form_fields = ["name", "code", "sort_order", "is_pilot", "description"]
    copy_view_enabled = False


class ReadOnlyIndexView(generic.IndexView):
    """A listing without add or edit links; rows open the inspect view."""

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None


class ReadOnlyViewSet(ModelViewSet):
    """Records written by the app itself: only the listing and inspect view are routed."""

    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in ("index", "index_results", "inspect")]


class AdjustmentIndexView(ReadOnlyIndexView):
    def get_base_queryset(self):
        return CatalogAdjustment.objects.filter(catalog__in=visible_catalogs(self.request.user)).select_related("catalog", "user")


class CatalogAdjustmentViewSet(ReadOnlyViewSet):
    """Adjustments are written by the item form, removals and merges."""

    model = CatalogAdjustment
    icon = "history"
    menu_label = _("Local adjustment log")
    index_view_class = AdjustmentIndexView
    list_display = ["item_label", "catalog", "kind", "element", "local_value", "reason", "user", "created_at"]
    list_filter = ["catalog", "kind"]
    search_fields = ["item_label", "reason"]
    form_fields = ["reason"]


class ReminderIndexView(ReadOnlyIndexView):
    def get_base_queryset(self):
        return (
            CatalogReminder.objects.filter(filings__item__catalog__in=visible_catalogs(self.request.user))
            .distinct()
            .select_related("agency")
        )


class CatalogReminderViewSet(ReadOnlyViewSet):
    """Reminders are written by the periodic reminder task."""

    model = CatalogReminder
    icon = "mail"
    menu_label = _("Deadline reminder log")
    index_view_class = ReminderIndexView
    list_display = ["agency", "reminder_date", "due_soon_count", "late_count", "recipients_display", "sent_at"]
    list_filter = ["agency", "reminder_date"]
    form_fields = ["reminder_date"]
    inspect_view_fields = ["agency", "reminder_date", "sent_at", "recipients_display", "due_soon_count", "late_count", "filings"]


# --- the chooser used when filing a page --------------------------------------------


class ItemChooserFilterForm(BaseFilterForm):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Item name or content")}))
    catalog = forms.ModelChoiceField(label=_("Catalog"), queryset=Catalog.objects.local(), required=False)
    domain = forms.ModelChoiceField(label=_("Area"), queryset=Domain.objects.all(), required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        data = self.cleaned_data
        if data.get("catalog"):
            objects = objects.filter(catalog=data["catalog"])
        if data.get("domain"):
            objects = objects.filter(domain=data["domain"])
        if data.get("q"):
            from django.db.models import Q

            q = data["q"]
            objects = objects.filter(Q(level1__icontains=q) | Q(level2__icontains=q) | Q(level3__icontains=q) | Q(content__icontains=q))
            self.is_searching, self.search_query = True, q
        return objects


class CatalogItemChooseViewMixin:
    filter_form_class = ItemChooserFilterForm
    per_page = 20

    def get_filter_form(self):
        form = super().get_filter_form()
        # Offer only the catalogs the user may file under, not every county's.
        form.fields["catalog"].queryset = visible_catalogs(self.request.user).filter(kind=CatalogKind.LOCAL)
        return form

    def get_object_list(self):
        return (
            CatalogItem.objects.active()
            .filter(catalog__kind=CatalogKind.LOCAL, catalog__in=visible_catalogs(self.request.user))
            .select_related("catalog", "domain")
            .order_by("catalog", "domain__sort_order", "sort_order", "pk")
        )

    @property
    def columns(self):
        return [
            self.title_column,
            Column("domain", label=_("Area"), accessor="domain"),
            Column("catalog", label=_("Catalog"), accessor="catalog"),
            Column("time_limit", label=_("Disclosure deadline"), accessor="time_limit_display"),
        ]


class CatalogItemChooseView(CatalogItemChooseViewMixin, generic.chooser.ChooseView):
    pass


class CatalogItemChooseResultsView(CatalogItemChooseViewMixin, generic.chooser.ChooseResultsView):
    pass


class CatalogItemChooserViewSet(ChooserViewSet):
    model = CatalogItem
    icon = "list-ol"
    choose_one_text = _("Choose a catalog item")
    choose_another_text = _("Choose again")
    edit_item_text = _("Edit item")
    choose_view_class = CatalogItemChooseView
    choose_results_view_class = CatalogItemChooseResultsView


class CatalogViewSetGroup(ViewSetGroup):
    menu_label = _("Standard catalog")
    menu_icon = "list-ul"
    menu_order = 310
    items = (
        CatalogViewSet("wagtail_gk_catalogs"),
        CatalogItemViewSet("wagtail_gk_catalog_items"),
        CatalogAdjustmentViewSet("wagtail_gk_catalog_adjustments"),
        CatalogReminderViewSet("wagtail_gk_catalog_reminders"),
        DomainViewSet("wagtail_gk_catalog_domains"),
    )


catalog_item_chooser_viewset = CatalogItemChooserViewSet("wagtail_gk_catalog_item_chooser")


