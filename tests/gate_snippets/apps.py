from django.apps import AppConfig


class GateSnippetsConfig(AppConfig):
    name = "tests.gate_snippets"
    label = "gate_snippets"
    default_auto_field = "django.db.models.BigAutoField"
