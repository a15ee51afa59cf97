"""The policy library's layers: models depend on nothing above them."""

import ast
from pathlib import Path

import pytest

POLICY = Path(__file__).resolve().parents[2] / "wagtail_gk" / "policy"
ABOVE_MODELS = ("search", "services", "views", "tasks", "forms", "notifications")


def imported_modules(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, inside a function) of every import in *path*, relative
    imports resolved against the policy package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom):
                module = child.module or ""
                if child.level:
                    package = path.relative_to(POLICY.parent.parent).with_suffix("").parts[: -child.level]
                    module = ".".join([*package, module]) if module else ".".join(package)
                found.append((child.lineno, module, in_function))
            elif isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name, in_function) for alias in child.names)
            visit(child, nested)

    visit(tree, False)
    return found


@pytest.mark.parametrize("path", sorted((POLICY / "models").glob("*.py")), ids=lambda p: p.name)
def test_models_do_not_import_the_layers_above(path):
    bad = [
        f"{path.name}:{line} imports {module}"
        for line, module, _inside in imported_modules(path)
        if any(module == f"wagtail_gk.policy.{layer}" or module.startswith(f"wagtail_gk.policy.{layer}.") for layer in ABOVE_MODELS)
    ]
    assert not bad, bad


def test_page_models_have_no_function_level_imports():
    inside = [f"line {line}: {module}" for line, module, in_function in imported_modules(POLICY / "models" / "pages.py") if in_function]
    assert not inside, inside


@pytest.mark.django_db
def test_the_library_page_gets_its_results_through_the_hook(rf, library):
    from wagtail import hooks

    calls = []
    with hooks.register_temporarily("gk_policy_library_context", lambda page, request: calls.append(page) or {"extra": 1}):
        context = library.get_context(rf.get("/", {"q": "!!!"}))
    assert calls == [library] and context["extra"] == 1
    assert context["results"].searched is False  # the search layer's own provider ran too
