"""Where the Wagtail versions the policy library supports (7.4 LTS, 8.0) differ."""

from __future__ import annotations

from wagtail.admin.menu import SubmenuMenuItem


def with_submenu_hook(item: SubmenuMenuItem, hook_name: str | None) -> SubmenuMenuItem:
    """*item*, a viewset group's submenu, also holding the menu items that
    Wagtail hooks named *hook_name* return.

    Wagtail 8.0 builds the group's submenu from ``submenu_hook`` itself; 7.4
    has no such attribute and would leave the hooked items (the poster wall,
    the scan report) out of the menu.
    """
    if hook_name and item.menu.register_hook_name is None:
        item.menu.register_hook_name = hook_name
    return item
