"""System checks of the policy library."""

from django.core.checks import Error, Warning, register
from django.db import connection

from .conf import policy_setting


@register()
def check_search_backend(app_configs, **kwargs):
    from django.utils.module_loading import import_string

    config = policy_setting("GK_POLICY_SEARCH_BACKEND")
    if not isinstance(config, dict) or "BACKEND" not in config:
        return [
            Error(
                "GK_POLICY_SEARCH_BACKEND must be a dict with a 'BACKEND' dotted path (and optional 'OPTIONS').",
                id="wagtail_gk_policy.E001",
            )
        ]
    try:
        backend_class = import_string(config["BACKEND"])
    except ImportError as exc:
        return [Error(f"GK_POLICY_SEARCH_BACKEND: cannot import {config['BACKEND']}: {exc}", id="wagtail_gk_policy.E002")]
    problems = [
        Error(f"GK_POLICY_SEARCH_BACKEND: {message}", id="wagtail_gk_policy.E003")
        for message in backend_class(config.get("OPTIONS") or {}).check()
    ]
    if connection.vendor not in ("postgresql", "sqlite"):
        problems.append(
            Warning(
                "The policy library's database search backend supports PostgreSQL and SQLite only.",
                id="wagtail_gk_policy.W001",
            )
        )
    return problems


@register()
def check_interpretation_days(app_configs, **kwargs):
    days = policy_setting("GK_POLICY_INTERPRETATION_WORKING_DAYS")
    if not isinstance(days, int) or days < 0:
        return [Error("GK_POLICY_INTERPRETATION_WORKING_DAYS must be a whole number ≥ 0.", id="wagtail_gk_policy.E004")]
    return []
