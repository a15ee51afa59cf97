from django.apps import AppConfig


class HostHomeConfig(AppConfig):
    name = "tests.foreign_host.home"
    label = "host_home"
    default_auto_field = "django.db.models.BigAutoField"
