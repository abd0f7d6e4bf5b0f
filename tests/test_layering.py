"""Dependencies point one way: newsrag (base) <- index (write side) <- rag (read side) <- ui."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import zipfile
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


def package_of(module: str) -> str:
    """The folder a module lives in: `newsrag.index.store` is `index`, `newsrag.errors` is
    `newsrag` (the write side, the page and the evals install under `newsrag.`)."""
    parts = module.split(".")
    if parts[0] == "newsrag" and len(parts) > 1 and parts[1] in {"index", "ui", "evals"}:
        return parts[1]
    return parts[0]


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # module level and inside functions (lazy imports) alike
        if isinstance(node, ast.Import):
            found |= {package_of(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(package_of(node.module))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_layering(package: str) -> None:
    offending = {str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
                 for path in sorted((ROOT / package).rglob("*.py"))
                 if str(path.relative_to(ROOT)) not in ADAPTERS}
    assert {p: pkgs for p, pkgs in offending.items() if pkgs} == {}


def test_the_checker_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from rag.pipeline import answer\n    import newsrag.ui.app\n"
                      "from newsrag.errors import RagError\n")
    assert imported_packages(module) == {"rag", "ui", "newsrag"}


def test_the_installed_distribution_adds_no_generic_top_level_names(tmp_path: Path) -> None:
    """`pip install .` puts `newsrag` and `rag` into site-packages, nothing called `index`, `ui`
    or `evals`: those install as `newsrag.index`, `newsrag.ui` and `newsrag.evals`."""
    source = tmp_path / "source"  # a copy: a build in the checkout would reuse its build/ folder
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("newsrag", "rag", "index", "ui", "evals"):
        shutil.copytree(ROOT / folder, source / folder, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(source)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("newsrag-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if ".dist-info/" not in n} == {"newsrag", "rag"}
    for package in ("index", "ui", "evals"):
        assert f"newsrag/{package}/__init__.py" in names
    assert "newsrag/index/store.py" in names and "newsrag/evals/run.py" in names
    for data in ("answerability.json", "capitals.json", "places.json", "people.json"):  # data
        assert f"rag/{data}" in names


def test_index_by_its_folder_name_is_the_installed_package_loaded_once() -> None:
    """In a checkout, DESIGN.md's `from index import ingest` works, and every module under `index`
    is the module under `newsrag.index`: one `Store` class, one model cache."""
    check = ("from index import ingest\n"
             "from index.store import Store\n"
             "import index, index.embed, newsrag.index, newsrag.index.store, newsrag.index.embed\n"
             "assert index is newsrag.index and index.embed is newsrag.index.embed\n"
             "assert Store is newsrag.index.store.Store\n"
             "assert ingest is newsrag.index.pipeline.ingest\n"
             "assert newsrag.index.store.__spec__.name == 'newsrag.index.store'\n")
    subprocess.run([sys.executable, "-c", check], cwd=ROOT, check=True)


CODE_NAMING_A_FOLDER = re.compile(r"(?:^|;)\s*(?:from|import)\s+(?:index|ui|evals)\b", re.MULTILINE)


def test_no_code_run_from_a_string_imports_a_folder_by_its_top_level_name() -> None:
    """Code that a child process runs (`python -c "..."`) imports `newsrag.index`: outside a
    checkout there is no `index` to import (it once broke the encoder's first export there)."""
    offending = []
    for package in ("newsrag", "index", "rag", "ui", "evals"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offending += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                          if isinstance(node, ast.Constant) and isinstance(node.value, str)
                          and CODE_NAMING_A_FOLDER.search(node.value)]
    assert offending == []


def test_only_the_settings_module_touches_the_environment() -> None:
    """Options are read by `Settings.from_env`; what libraries read when imported (no model hub,
    no analytics) is set by `quiet_libraries()` beside it. No other module reads or changes the
    environment."""
    settings = (ROOT / "newsrag" / "settings.py").resolve()
    offending = sorted({str(path.relative_to(ROOT))
                        for package in ("newsrag", "index", "rag", "ui", "evals")
                        for path in (ROOT / package).rglob("*.py")
                        if path.resolve() != settings and re.search(
                            r"\bos\.environ\b|\bgetenv\(", path.read_text(encoding="utf-8"))})
    assert offending == []
