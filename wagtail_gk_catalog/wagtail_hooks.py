"""Registration only: viewsets, admin URLs, role permissions and the demo loader."""

from wagtail import hooks

from wagtail_gk.demo import DemoLoader

from .demo import load_catalog_demo


@hooks.register("register_gk_demo_loader")
def catalog_demo():
    return DemoLoader(order=20, load=load_catalog_demo)


@hooks.register("register_gk_role_permissions")
def catalog_role_permissions():
    view = [
        "wagtail_gk_catalog.view_catalog",
        "wagtail_gk_catalog.view_catalogitem",
        "wagtail_gk_catalog.view_domain",
        "wagtail_gk_catalog.view_catalogadjustment",
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
