"""The engine is plain Python: no Django, no other Waspada app, and numpy alone to screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import waspada.screening

PACKAGE = Path(waspada.screening.__file__).parent


def test_package_imports_without_django() -> None:
    """Importing and using it must not pull Django in."""
    code = (
        "import sys\n"
        "import waspada.screening as s\n"
        "import waspada.screening.cli, waspada.screening.training\n"
        "from waspada.screening.normalize import normalize\n"
        "normalize('gaji 15jt')\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def foreign_imports(source: str, module: str) -> list[str]:
    """Modules of ``waspada`` outside ``waspada.screening`` that ``source`` (the text of
    ``module``) imports: absolute, relative, or by name through importlib."""
    if module.endswith(".__init__"):
        package = module.removesuffix(".__init__")
    else:
        package = module.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                names = [".".join([*base, node.module] if node.module else base)]
            else:
                names = [node.module or ""]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in
            ("import_module", "__import__")
        ):  # fmt: skip
            names = [node.args[0].value]
        for name in names:
            inside = name == "waspada.screening" or name.startswith("waspada.screening.")
            if (name == "waspada" or name.startswith("waspada.")) and not inside:
                found.append(name)
    return found


def test_the_engine_imports_nothing_from_the_rest_of_waspada() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = "waspada." + ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found = foreign_imports(path.read_text("utf-8"), module)
        if found:
            offenders[str(path.relative_to(PACKAGE))] = found
    assert offenders == {}


def test_the_import_check_sees_every_form() -> None:
    source = (
        "import waspada.prevention\n"
        "from waspada.prevention.export import reviewed_jsonl\n"
        "from .. import cases\n"
        "from ..audit import services\n"
        "from waspada import __version__\n"
        "importlib.import_module('waspada.legal')\n"
        "from . import engine\n"
        "from .engine import Screener\n"
        "from waspada.screening.model import load_model\n"
        "import numpy\n"
    )
    assert foreign_imports(source, "waspada.screening.cli") == [
        "waspada.prevention",
        "waspada.prevention.export",
        "waspada",
        "waspada.audit",
        "waspada",
        "waspada.legal",
    ]


def test_screening_needs_neither_scikit_learn_nor_scipy(tmp_path: Path) -> None:
    """A fresh install without the 'train' extra screens with the shipped model, and
    training says which extra it needs."""
    code = (
        "import sys\n"
        "sys.modules['sklearn'] = sys.modules['scipy'] = None  # not installed\n"
        "from waspada.screening import Screener\n"
        "from waspada.screening.cli import main\n"
        f"s = Screener({str(tmp_path / 'empty')!r})\n"
        "assert s.model_source == 'shipped model', s.model_source\n"
        "assert s.screen('Dibutuhkan CS di Kamboja, gaji USD 1.000, visa turis').risk > 0.5\n"
        f"assert main(['screening', 'train', '--out', {str(tmp_path / 'out')!r}]) == 1\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy'))\n"
        "assert loaded == ['scipy', 'sklearn'], loaded  # only the two blocked entries\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "needs scikit-learn, which the 'train' extra installs" in result.stderr
    assert not (tmp_path / "out").exists()
