"""What each role may do in the policy library: the permission lists that core's role
groups receive through the ``register_gk_role_permissions`` hook."""


def role_permissions() -> dict[str, list[str]]:
    """The permissions each role of ``wagtail_gk.roles`` needs in the policy library."""
    editor = [
        f"wagtail_gk_policy.{action}_{model}"
        for model in ("policypackage", "policyaudiencetag", "segmentationterm")
        for action in ("add", "change", "delete", "view")
    ] + ["wagtail_gk_policy.view_policydelivery", "wagtail_gk_policy.view_policysubscription"]
    officer = [
        "wagtail_gk_policy.view_policysubscription",
        "wagtail_gk_policy.change_policysubscription",
        "wagtail_gk_policy.view_policydelivery",
        "wagtail_gk_policy.change_policydelivery",
    ]
    return {"editor": editor, "officer": officer}
