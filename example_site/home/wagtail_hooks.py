from wagtail import hooks

from wagtail_gk.demo import DemoLoader


@hooks.register("register_gk_demo_loader")
def alignment_demo():
    from .demo_alignment import align_demo_lists

    return DemoLoader(order=60, load=align_demo_lists)
