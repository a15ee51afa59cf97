"""Actions on a catalog: XLSX import and export, issuing a guide revision,
deriving a local catalog, merging a guide revision, removing and restoring
an item of a local catalog, and the list of local adjustments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..exporting import LAYOUT_PER_DOMAIN, LAYOUT_SINGLE, export_catalog_xlsx
from ..forms import DeriveCatalogForm, ImportForm, IssueRevisionForm, MergeForm, ReasonForm
from ..importing import import_catalog
from ..models import CatalogItem, CatalogKind
from ..permissions import can_edit_catalog, visible_catalogs
from .base import CatalogAdminView, catalog_for_download


def items_url(catalog) -> str:
    return reverse("wagtail_gk_catalog_items:index") + "?catalog=%d" % catalog.pk


class CatalogOverviewView(CatalogAdminView):
    """One catalog at a glance: its domains, actions, revisions and adjustments."""

    template_name = "wagtail_gk_catalog/admin/catalog_overview.html"
    page_title = gettext_lazy("Standard catalog")

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        context = super().get_context_data(**kwargs)
        catalog = self.catalog
        user = self.request.user
        context.update(
            catalog=catalog,
            domains=catalog.items.active().values("domain_id", "domain__name").annotate(n=Count("pk")).order_by("domain__sort_order"),
            items_url=items_url(catalog),
            can_edit=can_edit_catalog(user, catalog),
            can_import=user.has_perm("wagtail_gk_catalog.import_catalog") and can_edit_catalog(user, catalog),
            can_merge=user.has_perm("wagtail_gk_catalog.merge_guide") and can_edit_catalog(user, catalog),
            revisions=catalog.revisions.all()[:10] if catalog.is_guide else [],
            derived=catalog.derived_catalogs.select_related("agency", "guide_revision") if catalog.is_guide else [],
            adjustments=catalog.adjustments.select_related("user")[:50],
            latest=catalog.guide.latest_revision() if catalog.guide_id else None,
            public_pages=catalog.public_pages.live(),
        )
        return context


class ImportView(CatalogAdminView):
    permission = "wagtail_gk_catalog.import_catalog"
    needs_edit = True
    template_name = "wagtail_gk_catalog/admin/import.html"
    page_title = gettext_lazy("Import standard catalog (XLSX)")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm(catalog=self.catalog))
        context["catalog"] = self.catalog
        return context

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES, catalog=self.catalog)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        result = import_catalog(
            self.catalog, form.cleaned_data["file"].read(), reason=form.cleaned_data.get("reason", ""), user=request.user
        )
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, problems=result.problems))
        messages.success(
            request,
            _("Import complete: %(created)d items added, %(updated)d updated.") % {"created": result.created, "updated": result.updated},
        )
        return redirect("wagtail_gk_catalog_admin:catalog", self.catalog.pk)


def export_view(request, catalog_id):
    catalog = catalog_for_download(request, catalog_id)
    layout = LAYOUT_SINGLE if request.GET.get("layout") == LAYOUT_SINGLE else LAYOUT_PER_DOMAIN
    response = HttpResponse(
        export_catalog_xlsx(catalog, layout),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="catalog-%s.xlsx"' % (catalog.agency.code or catalog.pk)
    return response


class IssueRevisionView(CatalogAdminView):
    permission = "wagtail_gk_catalog.change_catalog"
    needs_edit = True
    template_name = "wagtail_gk_catalog/admin/form.html"
    page_title = gettext_lazy("Issue new guide revision")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.catalog.is_guide:
            raise PermissionDenied
        context.setdefault("form", IssueRevisionForm())
        context["intro"] = _("Fixes all current items of the standard guide as a new revision. Local catalogs compiled from the guide can then merge the new revision.")
        context["submit_label"] = _("Issue")
        return context

    def post(self, request, *args, **kwargs):
        form = IssueRevisionForm(request.POST)
        if not self.catalog.is_guide:
            raise PermissionDenied
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        revision = services.issue_guide_revision(self.catalog, note=form.cleaned_data["note"], user=request.user)
        messages.success(request, _("Revision %(number)d issued.") % {"number": revision.number})
        return redirect("wagtail_gk_catalog_admin:catalog", self.catalog.pk)


class DeriveView(CatalogAdminView):
    permission = "wagtail_gk_catalog.add_catalog"
    template_name = "wagtail_gk_catalog/admin/form.html"
    page_title = gettext_lazy("Compile local catalog from guide")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.catalog.is_guide:
            raise PermissionDenied
        context.setdefault("form", DeriveCatalogForm(user=self.request.user))
        context["intro"] = _("Builds the local catalog from the items of the guide's latest revision whose disclosure level matches the level of the chosen government. Items can then be added, removed or adjusted to local circumstances.")
        context["submit_label"] = _("Compile")
        return context

    def post(self, request, *args, **kwargs):
        if not self.catalog.is_guide:
            raise PermissionDenied
        form = DeriveCatalogForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        catalog = services.derive_local_catalog(
            self.catalog, form.cleaned_data["agency"], name=form.cleaned_data["name"], user=request.user
        )
        messages.success(request, _("Compiled “%(name)s” with %(count)d items.") % {"name": catalog.name, "count": catalog.items.count()})
        return redirect("wagtail_gk_catalog_admin:catalog", catalog.pk)


class MergeView(CatalogAdminView):
    """Preview of a later guide revision against the local catalog; conflicts
    are shown with the base, guide and local values and need a choice."""

    permission = "wagtail_gk_catalog.merge_guide"
    needs_edit = True
    template_name = "wagtail_gk_catalog/admin/merge.html"
    page_title = gettext_lazy("Merge guide revision")
    header_icon = "resubmit"

    def get_plan(self):
        if self.catalog.kind != CatalogKind.LOCAL or not self.catalog.guide_id:
            raise PermissionDenied
        return services.plan_guide_merge(self.catalog)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = kwargs.get("plan") or self.get_plan()
        context.setdefault("form", MergeForm(plan=plan))
        context.update(catalog=self.catalog, plan=plan)
        return context

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        form = MergeForm(request.POST, plan=plan)
        if not plan.changes or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, plan=plan))
        applied = services.apply_guide_merge(plan, form.cleaned_data, user=request.user)
        messages.success(
            request,
            _("Merged guide revision %(number)d: %(applied)d changes taken from the guide, %(kept)d kept local.")
            % {"number": plan.target.number, "applied": applied, "kept": len(plan.changes) - applied},
        )
        return redirect("wagtail_gk_catalog_admin:catalog", self.catalog.pk)


class ItemRemoveView(CatalogAdminView):
    permission = "wagtail_gk_catalog.change_catalogitem"
    template_name = "wagtail_gk_catalog/admin/form.html"
    restore = False

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(CatalogItem.objects.select_related("catalog"), pk=kwargs["item_id"])
        if not visible_catalogs(request.user).filter(pk=self.item.catalog_id).exists():
            raise PermissionDenied
        if not can_edit_catalog(request.user, self.item.catalog) or self.item.catalog.kind != CatalogKind.LOCAL:
            raise PermissionDenied
        self.catalog = self.item.catalog
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Restore item") if self.restore else _("Remove item from local catalog")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ReasonForm())
        context["intro"] = str(self.item)
        context["submit_label"] = _("Restore") if self.restore else _("Remove")
        return context

    def post(self, request, *args, **kwargs):
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        action = services.restore_local_item if self.restore else services.remove_local_item
        action(self.item, reason=form.cleaned_data["reason"], user=request.user)
        messages.success(request, _("Adjustment recorded: %(item)s") % {"item": self.item})
        return redirect(items_url(self.catalog))

