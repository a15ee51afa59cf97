from wagtail import hooks

from wagtail_gk.demo import DemoLoader


@hooks.register("register_gk_demo_loader")
def alignment_demo():
    from .demo_alignment import align_demo_lists

    return DemoLoader(order=60, load=align_demo_lists)


@hooks.register("register_gk_demo_loader")
def portal_demo():
    from .demo import build_portal_content

    # Last: the apps' pages exist by then.
    return DemoLoader(order=90, load=build_portal_content)
