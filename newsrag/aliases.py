"""One package under two names, loaded once.

The write side installs as `newsrag.index`; in a checkout its folder is also importable as `index`
(DESIGN.md's `from index import ingest`). Python would load the folder's modules a second time
under the second name, with their own caches and classes; `alias_package` makes the second name
and every module under it the very modules of the first.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds `alias.x.y` as the module `real.x.y`, importing that one if need be."""

    def __init__(self, alias: str, real: str) -> None:
        self.alias, self.real = alias, real
        self._specs: dict[str, importlib.machinery.ModuleSpec | None] = {}

    def find_spec(self, fullname: str, path: object = None, target: object = None
                  ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(self.alias + "."):
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(self.real + spec.name[len(self.alias):])
        self._specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run (the module ran once, under its real name); the import system has just
        given it the alias's spec, and it gets its own back."""
        module.__spec__ = self._specs.pop(module.__name__)


def alias_package(alias: str, real: str) -> None:
    """Make `alias` (a package being imported now) and its submodules the modules of `real`.

    Called from the package's `__init__` while it runs under `alias`: the import system returns
    whatever `sys.modules[alias]` holds once that module body ends.
    """
    sys.modules[alias] = importlib.import_module(real)
    if not any(isinstance(f, _Alias) and f.alias == alias for f in sys.meta_path):
        sys.meta_path.insert(0, _Alias(alias, real))
