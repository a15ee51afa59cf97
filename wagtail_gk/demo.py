"""The demo-data framework behind ``manage.py gk_demo``.

``wagtail_gk`` builds the base: a county government site with two townships
and three villages, their agencies, the role groups and one user per role.
Each app adds its own content through the ``register_gk_demo_loader`` hook::

    @hooks.register("register_gk_demo_loader")
    def foia_demo():
        return DemoLoader(order=40, load=load_foia_demo)

``load(context)`` receives the :class:`DemoContext` and must be idempotent:
running ``gk_demo`` twice leaves the same data as running it once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

DEMO_PASSWORD = "gk-demo-2026"  # noqa: S105  (printed by gk_demo; demo sites only)


@dataclass
class DemoContext:
    site: object  # wagtail Site
    home: object  # the site's root page (specific)
    openness_index: object  # the 政务公开 column page
    agencies: dict = field(default_factory=dict)  # key → Agency: region, county, township_a/b, village_a1/a2/b1
    users: dict = field(default_factory=dict)  # role key → User
    stdout: object = None

    def log(self, message: str):
        if self.stdout is not None:
            self.stdout.write(message)


@dataclass(frozen=True)
class DemoLoader:
    load: Callable[[DemoContext], None]
    order: int = 100  # lower runs first: catalog (20) before village (50)


def demo_loaders() -> list[DemoLoader]:
    loaders = [fn() for fn in hooks.get_hooks("register_gk_demo_loader")]
    return sorted(loaders, key=lambda loader: loader.order)
