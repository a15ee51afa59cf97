"""Admin URLs of the publication gate, mounted under ``/admin/gk-gate/`` with
the namespace ``wagtail_gk_gate``."""

from django.urls import path

from .views import findings, ledger, rescan, sensitive_words

app_name = "wagtail_gk_gate"

urlpatterns = [
    path("findings/<str:app_label>/<str:model_name>/<str:pk>/", findings.object_findings, name="findings"),
    path("findings/<str:app_label>/<str:model_name>/<str:pk>/dismiss/", findings.dismiss_finding, name="dismiss_finding"),
    path("ledger/", ledger.LedgerReportView.as_view(), name="ledger"),
    path("ledger/results/", ledger.LedgerReportView.as_view(results_only=True), name="ledger_results"),
    path("terms/import/", sensitive_words.import_terms, name="terms_import"),
    path("terms/export/<str:fmt>/", sensitive_words.export_terms, name="terms_export"),
    path("terms/sync/", sensitive_words.sync_terms, name="terms_sync"),
    path("rescan/", rescan.RescanReportView.as_view(), name="rescan"),
    path("rescan/results/", rescan.RescanReportView.as_view(results_only=True), name="rescan_results"),
    path("rescan/<int:pk>/resolve/", sensitive_words.resolve_rescan, name="resolve_rescan"),
    path("documents/<int:pk>/findings/", rescan.document_findings, name="document_findings"),
]
