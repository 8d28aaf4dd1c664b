"""The layering rules that import-linter cannot see.

import-linter (``make lint``, contract in pyproject.toml) checks that every import points down
a layer. Two ways around it stay: an import inside a function (legitimate for set-up order,
but a hiding place for an upward import) and importing by dotted string. Neither may cross
from one top-level package of ``waspada`` into another.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import waspada

ROOT = Path(waspada.__file__).parent


def _package_of(path: Path) -> str:
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


def _function_level_imports(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if inside and isinstance(child, ast.ImportFrom) and child.module and not child.level:
                found.append((child.lineno, child.module))
            elif inside and isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            visit(child, nested)

    visit(tree, False)
    return found


def _sources() -> list[Path]:
    return [p for p in sorted(ROOT.rglob("*.py")) if "migrations" not in p.parts]


def test_no_function_level_import_crosses_a_package_boundary():
    crossing = []
    for path in _sources():
        own = _package_of(path)
        for line, module in _function_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            if parts[0] == "waspada" and len(parts) > 1 and parts[1] != own:
                crossing.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert crossing == [], "move these imports to module level (or down a layer):\n" + "\n".join(
        crossing
    )


def _imports_by_string(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls of import_string/import_module/__import__ naming a waspada module, or a name
    computed at run time (which could be one)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in ("import_string", "import_module", "__import__"):
            continue
        target = node.args[0]
        text = target.value if isinstance(target, ast.Constant) else "<computed>"
        if not isinstance(text, str) or text == "<computed>" or text.startswith("waspada"):
            found.append((node.lineno, str(text)))
    return found


def test_nothing_of_waspada_is_imported_by_dotted_string():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {target}"
        for path in _sources()
        for line, target in _imports_by_string(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_the_checker_sees_a_hidden_import():
    """The scan itself must find what it looks for (a check that cannot fail is no check)."""
    tree = ast.parse("def f():\n    from waspada.cases import models\n")
    assert _function_level_imports(tree) == [(2, "waspada.cases")]
    tree = ast.parse("import_string('waspada.cases.views.x')\nimport_module('re._parser')\n")
    assert _imports_by_string(tree) == [(1, "waspada.cases.views.x")]


def test_every_package_has_a_layer():
    """A package missing from the contract would be checked by nobody."""
    import tomllib

    config = tomllib.loads((ROOT.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = config["tool"]["importlinter"]["contracts"]
    layered = {name.strip() for layer in contract["layers"] for name in re.split("[|:]", layer)}
    packages = {
        path.name.removesuffix(".py")
        for path in ROOT.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists())
        or (path.suffix == ".py" and path.name != "__init__.py")
    }
    assert packages - layered == set()
