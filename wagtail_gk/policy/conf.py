"""Settings of the policy library (``wagtail_gk_policy``), each with its default.

Read at call time through :func:`policy_setting`, so ``override_settings``
works. The reference is ``docs/reference/settings-wagtail_gk_policy.md``.
"""

from django.conf import settings

DEFAULTS = {
    # The search backend: {"BACKEND": dotted path of a PolicySearchBackend
    # subclass, "OPTIONS": {...}}. The database backend needs no service; the
    # Elasticsearch backend takes OPTIONS "URL" (default GK_ELASTICSEARCH_URL),
    # "INDEX" (alias name), "TIMEOUT" (seconds) and "ANALYZER" ("auto",
    # "jieba", "smartcn" or "ik").
    "GK_POLICY_SEARCH_BACKEND": {
        "BACKEND": "wagtail_gk.policy.search.database.DatabaseSearchBackend",
        "OPTIONS": {},
    },
    # Results per page of the public policy search.
    "GK_POLICY_SEARCH_PAGE_SIZE": 10,
    # Longest query (in characters) that is searched; longer ones are cut with a notice.
    "GK_POLICY_SEARCH_MAX_QUERY_LENGTH": 60,
    # Highest result page a reader may request (deep paging is costly and useless).
    "GK_POLICY_SEARCH_MAX_PAGE": 200,
    # An interpretation (政策解读) must be live, or approved and scheduled to go
    # live within this many working days after its policy (同步解读).
    "GK_POLICY_INTERPRETATION_WORKING_DAYS": 3,
    # Attempts at indexing a policy in Elasticsearch before giving up.
    "GK_POLICY_INDEX_MAX_ATTEMPTS": 5,
    # Attempts at delivering one notification (email or webhook) before it is
    # marked failed; retries wait RETRY_SECONDS × 2^(attempt−1).
    "GK_POLICY_NOTIFY_MAX_ATTEMPTS": 5,
    "GK_POLICY_NOTIFY_RETRY_SECONDS": 300,
    # A host's SMS/WeChat gateway: notifications for subscribers who gave a
    # phone number or WeChat id are POSTed here as JSON. Empty: no webhook.
    "GK_POLICY_NOTIFY_WEBHOOK_URL": "",
    # Shared secret; when set, webhook requests carry an
    # X-GK-Signature: sha256=<HMAC of the body> header.
    "GK_POLICY_NOTIFY_WEBHOOK_SECRET": "",
    # Seconds to wait for the webhook to answer.
    "GK_POLICY_NOTIFY_WEBHOOK_TIMEOUT": 10,
    # Sender of notification emails; empty means DEFAULT_FROM_EMAIL.
    "GK_POLICY_NOTIFY_FROM_EMAIL": "",
}


def policy_setting(name: str):
    """Return the value of the policy-library setting *name*, or its default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail_gk_policy setting {name}")
    return getattr(settings, name, DEFAULTS[name])
