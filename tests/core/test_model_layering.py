"""Models never import views, services, forms, tasks or admin modules.

The models are the bottom layer of each app: views, services, forms and
tasks import them, never the reverse, so no import cycle is hidden behind an
import inside a function. Every models module of every app (``models.py`` or
``models/``) is parsed, and an import at module *or* function level fails:

- of a module of the same app in a layer above the models (a path part named
  ``views``, ``services``, ``forms``, ``tasks``, ``admin``, ``viewsets``,
  ``wagtail_hooks`` or ``routes``: a page names its ``routes`` module, see
  ``wagtail_gk/page_routes.py``);
- of any other module of the same app that imports such a module (the layer
  reached through a helper, as the catalog's ``public`` reached its services);
- of a module of the publication gate (``wagtail_gk.gate``, core's procedure
  layer) that imports core's models: text helpers that import no model
  (``gate.normalise``, ``gate.checkers``) are fine.

Where a model needs behaviour from above it, it sends a signal
(``wagtail_gk/signals.py``) or names a module Django loads (a URLconf), and
the upper layer answers.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

#: app package -> its models package or module (dotted)
APPS = {
    "wagtail_gk": "wagtail_gk.models",
    "wagtail_gk.policy": "wagtail_gk.policy.models",
    "wagtail_gk_catalog": "wagtail_gk_catalog.models",
    "wagtail_gk_foia": "wagtail_gk_foia.models",
    "wagtail_gk_village": "wagtail_gk_village.models",
    "wagtail_gk_interaction": "wagtail_gk_interaction.models",
    "example_site.home": "example_site.home.models",
}
LAYERS = {"views", "services", "forms", "tasks", "admin", "viewsets", "wagtail_hooks", "routes"}
#: app package -> packages that are a layer above its models when they import them
UPPER_PACKAGES = {"wagtail_gk": ["wagtail_gk.gate"]}

#: "<models module>:<imported module>" -> why it cannot be avoided (yet).
EXCEPTIONS: dict[str, str] = {}


def module_path(module: str) -> pathlib.Path | None:
    """The file of a dotted module of this repository, or None."""
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: pathlib.Path) -> list[tuple[int, str]]:
    """[(line, dotted module)] of every import in the file, at any level,
    relative imports resolved; ``from package import name`` counts as an
    import of ``package.name`` when that is a module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            for alias in node.names:
                if module_path(f"{target}.{alias.name}") is not None:
                    found.append((node.lineno, f"{target}.{alias.name}"))
    return found


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def app_of(module: str) -> str | None:
    """The innermost app package *module* belongs to."""
    matches = [app for app in APPS if within(module, app)]
    return max(matches, key=len) if matches else None


def models_files(app: str) -> list[pathlib.Path]:
    path = module_path(APPS[app])
    if path is None:
        return []
    return sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]


def is_models(module: str, app: str) -> bool:
    return within(module, APPS[app])


def in_layer(module: str, app: str) -> bool:
    return bool(set(module[len(app) + 1 :].split(".")) & LAYERS)


def imports_any(module: str, test) -> bool:
    path = module_path(module)
    return path is not None and any(test(target) for _line, target in imported_modules(path))


def violations(app: str) -> list[str]:
    problems = []
    for path in models_files(app):
        if "migrations" in path.parts:
            continue
        source = module_name(path)
        for line, target in imported_modules(path):
            if app_of(target) != app or is_models(target, app) or module_path(target) is None:
                continue
            if in_layer(target, app):
                reason = "a layer above the models"
            elif imports_any(target, lambda module: app_of(module) == app and in_layer(module, app)):
                reason = "a module that imports a layer above the models"
            elif any(within(target, upper) for upper in UPPER_PACKAGES.get(app, [])) and imports_any(target, lambda module: is_models(module, app)):
                reason = "a module that imports the models (a cycle)"
            else:
                continue
            if f"{source}:{target}" not in EXCEPTIONS:
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {target}, {reason}")
    return problems


def test_every_app_has_models():
    for app in APPS:
        assert models_files(app), app


@pytest.mark.parametrize("app", sorted(APPS))
def test_models_import_no_upper_layer_and_no_module_that_imports_them(app):
    assert violations(app) == []


def test_exceptions_are_still_needed():
    """An exception whose import has gone is taken off the list."""
    present = set()
    for app in APPS:
        for path in models_files(app):
            present |= {f"{module_name(path)}:{target}" for _line, target in imported_modules(path)}
    assert sorted(set(EXCEPTIONS) - present) == []


def test_the_check_sees_function_level_and_relative_imports(tmp_path, monkeypatch):
    """Both rules fail on a made-up app, at module and function level."""
    package = tmp_path / "gk_probe"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "views.py").write_text("")
    (package / "helpers.py").write_text("def f():\n    from .views import something\n")
    (package / "leaf.py").write_text("from .models import Thing\n")
    (package / "models" / "__init__.py").write_text("from .things import Thing\n")
    (package / "models" / "things.py").write_text(
        "from .. import leaf\nfrom ..views import something\n\nclass Thing:\n    def go(self):\n        from ..helpers import f\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.APPS", {"gk_probe": "gk_probe.models"})
    found = violations("gk_probe")
    assert len(found) == 2, found
    assert "things.py:2 imports gk_probe.views, a layer above the models" in found[0]
    assert "things.py:6 imports gk_probe.helpers, a module that imports a layer above the models" in found[1]


def test_the_gate_counts_as_a_layer_above_core_models_where_it_imports_them():
    found = [(path.name, target) for path in models_files("wagtail_gk") for _line, target in imported_modules(path)]
    assert ("gate.py", "wagtail_gk.gate.normalise") in found  # a text helper: allowed
    assert not imports_any("wagtail_gk.gate.normalise", lambda module: is_models(module, "wagtail_gk"))
    assert imports_any("wagtail_gk.gate.runner", lambda module: is_models(module, "wagtail_gk"))  # would be refused
