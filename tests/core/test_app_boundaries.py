"""Apps meet only through ``wagtail_gk``: a feature app (``wagtail_gk_*``)
imports no other feature app, and core imports none of them.

Every module is parsed, so imports inside functions count, and so do
``importlib.import_module("…")``, ``import_string("…")`` and
``apps.get_model("<app label>", …)`` / ``apps.get_model("<app label>.<Model>")``.
"""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORE = "wagtail_gk"
FEATURE_APPS = sorted(path.name for path in ROOT.glob("wagtail_gk_*") if (path / "__init__.py").exists())
STRING_CALLS = {"import_module", "import_string", "get_model", "get_app_config"}


def package_of(name: str) -> str:
    """The top-level package a module path or app label belongs to (the
    policy app's label ``wagtail_gk_policy`` is core's)."""
    top = name.split(".")[0]
    return CORE if top == "wagtail_gk_policy" else top


def referenced_packages(source: str, filename: str = "<module>") -> list[tuple[int, str]]:
    """[(line, package)] of every package the module imports or names as an app."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, package_of(alias.name)) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, package_of(node.module)))
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0] if node.args else None
            if name in STRING_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, package_of(first.value)))
    return found


def violations(package: str) -> list[str]:
    allowed = {CORE, package}
    forbidden = set(FEATURE_APPS) - allowed
    problems = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, referenced in referenced_packages(path.read_text(encoding="utf-8"), str(path)):
            if referenced in forbidden:
                problems.append(f"{path.relative_to(ROOT)}:{line} uses {referenced}")
    return problems


def test_feature_apps_are_found():
    assert {"wagtail_gk_catalog", "wagtail_gk_foia", "wagtail_gk_village", "wagtail_gk_interaction"} <= set(FEATURE_APPS)


@pytest.mark.parametrize("package", [CORE, *FEATURE_APPS])
def test_no_imports_of_sibling_feature_apps(package):
    assert violations(package) == []


@pytest.mark.parametrize(
    "source",
    [
        "import wagtail_gk_catalog",
        "import wagtail_gk_catalog.models as m",
        "from wagtail_gk_catalog.models import CatalogItem",
        "def f():\n    from wagtail_gk_catalog import services\n",
        "import importlib\nimportlib.import_module('wagtail_gk_catalog.models')",
        "from django.apps import apps\napps.get_model('wagtail_gk_catalog', 'CatalogItem')",
        "from django.apps import apps\napps.get_model('wagtail_gk_catalog.CatalogItem')",
    ],
)
def test_every_form_of_import_is_seen(source):
    assert "wagtail_gk_catalog" in {package for _line, package in referenced_packages(source)}


def test_core_and_relative_imports_are_allowed():
    source = "from wagtail_gk.alignment import has_providers\nfrom .models import Item\napps.get_model('wagtail_gk_policy', 'Tag')\n"
    assert {package for _line, package in referenced_packages(source)} == {CORE}
