"""Admin URLs of the catalog (namespace ``wagtail_gk_catalog_admin``)."""

from django.urls import path

from .views import catalogs, compliance

app_name = "wagtail_gk_catalog_admin"

urlpatterns = [
    path("compliance/", compliance.ComplianceOverviewView.as_view(), name="compliance"),
    path("compliance/<int:catalog_id>/", compliance.CatalogComplianceView.as_view(), name="compliance_catalog"),
    path("compliance/<int:catalog_id>/domain/<int:domain_id>/", compliance.DomainComplianceView.as_view(), name="compliance_domain"),
    path("compliance/<int:catalog_id>/export.xlsx", compliance.compliance_export, name="compliance_export"),
    path("catalogs/<int:catalog_id>/", catalogs.CatalogOverviewView.as_view(), name="catalog"),
    path("catalogs/<int:catalog_id>/import/", catalogs.ImportView.as_view(), name="import"),
    path("catalogs/<int:catalog_id>/export.xlsx", catalogs.export_view, name="export"),
    path("catalogs/<int:catalog_id>/issue/", catalogs.IssueRevisionView.as_view(), name="issue_revision"),
    path("catalogs/<int:catalog_id>/derive/", catalogs.DeriveView.as_view(), name="derive"),
    path("catalogs/<int:catalog_id>/merge/", catalogs.MergeView.as_view(), name="merge"),
    path("items/<int:item_id>/remove/", catalogs.ItemRemoveView.as_view(), name="item_remove"),
    path("items/<int:item_id>/restore/", catalogs.ItemRemoveView.as_view(restore=True), name="item_restore"),
]
