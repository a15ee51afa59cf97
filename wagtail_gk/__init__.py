"""wagtail-gk: reusable Wagtail apps for government-affairs openness (政务公开).

Core owns the publication gate and its review ledger, openness metadata and
索引号, agencies, the working-day calendar, QR short links and posters, role
groups and ``gk_setup``, background tasks, and the helpers and registries
through which the feature apps (``wagtail_gk_*``) meet; see
docs/architecture.md."""

__version__ = "0.1.0"
