"""Where the suite's section pages may be created in a host's page tree.

A section page heads a part of the site (政策库, 依申请公开, 标准目录, a
township's 村务公开). By default it may be created at a site's root page and
directly under one of its top-level columns (e.g. 首页 › 政务公开 › 依申请公开),
not anywhere deeper, so that a host's editors do not see five unfamiliar page
types under every page. ``GK_SECTION_PARENT_PAGE_TYPES`` (model labels such
as ``"home.SectionPage"``) widens that: pages of those types may hold section
pages at any depth.
"""

from __future__ import annotations

from django.apps import apps
from wagtail.models import Site

from ..conf import gk_setting


def _root_paths() -> list[str]:
    return [root.path for root in (site.root_page for site in Site.objects.select_related("root_page"))]


def is_section_parent(parent) -> bool:
    """Whether section pages may be created under *parent*."""
    allowed = [apps.get_model(label) for label in gk_setting("GK_SECTION_PARENT_PAGE_TYPES")]
    if allowed and isinstance(parent.specific, tuple(allowed)):
        return True
    for path in _root_paths():
        # The site root itself, or one of its direct children.
        if parent.path == path or (parent.path.startswith(path) and parent.depth == len(path) // parent.steplen + 1):
            return True
    return False


class SectionPageMixin:
    """Mix into a page type that heads a section; see the module docstring."""

    @classmethod
    def can_create_at(cls, parent) -> bool:
        return super().can_create_at(parent) and is_section_parent(parent)
