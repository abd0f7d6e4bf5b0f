"""Dependencies point one way: newsrag (base) <- index (write side) <- rag (read side) <- ui."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Each package and the packages of this project it must never import.
FORBIDDEN = {"newsrag": {"index", "rag", "ui", "evals"},
             "index": {"rag", "ui", "evals"},
             "rag": {"ui", "evals"}}
# The command line is the outermost adapter (it starts the page and the evals); it lives in rag/ so
# that `rag` and `python -m rag.cli` need no package of their own.
ADAPTERS = {"rag/cli.py"}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # module level and inside functions (lazy imports) alike
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_layering(package: str) -> None:
    offending = {str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
                 for path in sorted((ROOT / package).rglob("*.py"))
                 if str(path.relative_to(ROOT)) not in ADAPTERS}
    assert {p: pkgs for p, pkgs in offending.items() if pkgs} == {}


def test_the_checker_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from rag.pipeline import answer\n    import ui.app\n")
    assert imported_packages(module) == {"rag", "ui"}
