"""Shared fixtures. Tests use the real model and a real Chroma in a temporary RAG_HOME.

The network is denied: any connection to a non-loopback address fails the test, so nothing can
silently call a hosted API or a model hub.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# The exported question encoder (index/embed.py) goes to a cache of this test session's own: the
# first ingest exports it, as on a fresh machine, and later ones reuse it.
os.environ["RAG_MODEL_CACHE"] = tempfile.mkdtemp(prefix="rag-model-cache-")
for _name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "RAG_CHROMA_URL", "RAG_LLM_MODEL"):
    os.environ.pop(_name, None)

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _allowed(address: object) -> bool:
    if isinstance(address, (str, bytes)):
        return True  # a Unix socket
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _allowed(address):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _allowed(address):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture
def rag_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "rag-home"
    monkeypatch.setenv("RAG_HOME", str(home))
    return home


@pytest.fixture
def settings(rag_home: Path):  # type: ignore[no-untyped-def]
    from newsrag.settings import Settings

    return Settings.from_env()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed articles (with their metadata sidecar)."""
    target = tmp_path / "articles"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seeded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ingest of the seeds shared by read-only tests."""
    from newsrag.index import ingest
    from newsrag.settings import Settings

    home = tmp_path_factory.mktemp("seeded") / "rag-home"
    ingest([SEEDS], settings=Settings.from_env({"RAG_HOME": str(home)}), progress=False)
    return home
