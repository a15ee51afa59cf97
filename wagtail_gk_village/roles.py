"""What each role may do in village affairs: the permission lists that core's role
groups receive through the ``register_gk_role_permissions`` hook."""


def role_permissions() -> dict[str, list[str]]:
    """The permissions each role of ``wagtail_gk.roles`` needs in village affairs."""
    return {"township_reviewer": ["wagtail_gk_village.view_noticecategory", "wagtail_gk_village.view_beneficiarylisttype"]}
