"""What each role may do in the standard catalog: the permission lists that core's role
groups receive through the ``register_gk_role_permissions`` hook."""


def role_permissions() -> dict[str, list[str]]:
    """The permissions each role of ``wagtail_gk.roles`` needs in the standard catalog."""
    view = [
        "wagtail_gk_catalog.view_catalog",
        "wagtail_gk_catalog.view_catalogitem",
        "wagtail_gk_catalog.view_domain",
        "wagtail_gk_catalog.view_catalogadjustment",
        "wagtail_gk_catalog.view_catalogreminder",
        "wagtail_gk_catalog.view_compliance",
    ]
    maintain = [
        "wagtail_gk_catalog.add_catalog",
        "wagtail_gk_catalog.change_catalog",
        "wagtail_gk_catalog.add_catalogitem",
        "wagtail_gk_catalog.change_catalogitem",
        "wagtail_gk_catalog.delete_catalogitem",
        "wagtail_gk_catalog.import_catalog",
        "wagtail_gk_catalog.merge_guide",
    ]
    return {
        "editor": view,
        "reviewer": view,
        "officer": view + maintain,
        "township_reviewer": view,
    }
