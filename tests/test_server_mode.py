"""RAG_CHROMA_URL: ingest and answer through a real `chroma run` server on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from newsrag.index import ingest
from newsrag.index.store import Store, chunk_doc_id
from rag.pipeline import answer
from newsrag.settings import Settings
from tests.conftest import ROOT, SEEDS
from tests.servers import free_port, running

CHROMA = Path(sys.executable).parent / "chroma"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    url = f"http://127.0.0.1:{port}"
    command = [str(CHROMA), "run", "--path", str(data / "db"), "--port", str(port),
               "--host", "127.0.0.1"]
    with running(command, f"{url}/api/v2/heartbeat", data / "server.log", timeout=60):
        yield url


def server_settings(url: str, home: Path, collection: str) -> Settings:
    return Settings.from_env({"RAG_HOME": str(home), "RAG_CHROMA_URL": url,
                              "RAG_COLLECTION": collection})


def test_ingest_and_answer_through_the_server(chroma_url: str, tmp_path: Path) -> None:
    settings = server_settings(chroma_url, tmp_path / "home", "served")
    report = ingest([SEEDS], settings=settings, progress=False)
    assert report.added.documents == 5
    assert not (tmp_path / "home" / "chroma").exists()  # nothing embedded: it all went to the server
    result = answer("How many families were displaced?", settings=settings)
    assert "60,000 families had been displaced" in result.text
    # A second client with its own RAG_HOME sees the same index and builds its own BM25 from it.
    other = server_settings(chroma_url, tmp_path / "other-home", "served")
    assert "Faizabad" in answer("Which city was the ninth provincial capital to fall?",
                                settings=other).text


def test_two_ingests_at_once_lose_nothing_and_duplicate_nothing(chroma_url: str,
                                                                tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    for i in range(12):
        (extra / f"bulletin_{i:02d}.txt").write_text(
            f"Bulletin {i}\n" + (SEEDS / "004_3c46c6d2562e4cd0.txt").read_text(encoding="utf-8"),
            encoding="utf-8")
    env = {**os.environ, "RAG_CHROMA_URL": chroma_url, "RAG_COLLECTION": "concurrent",
           "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", str(folder)],
                         env={**env, "RAG_HOME": str(tmp_path / f"home-{n}")},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n, folder in enumerate([SEEDS, extra, SEEDS])
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    store = Store(server_settings(chroma_url, tmp_path / "check", "concurrent"))
    records = store.documents()
    assert len(records) == 5 + 12
    ids = store.chunk_ids()
    assert len(ids) == len(set(ids)) == sum(r.chunks for r in records.values())
    counts: dict[str, int] = {}
    for chunk_id in ids:
        counts[chunk_doc_id(chunk_id)] = counts.get(chunk_doc_id(chunk_id), 0) + 1
    assert counts == {d: r.chunks for d, r in records.items()}


def test_unreachable_server_gives_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    for args in (["ask", "Who is Dostum?"], ["ingest", str(SEEDS)]):
        result = subprocess.run(
            [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, timeout=300,
            env={**os.environ, "RAG_CHROMA_URL": url, "RAG_HOME": str(tmp_path),
                 "PYTHONPATH": str(ROOT)})
        assert result.returncode == 1
        assert result.stderr.strip().startswith(f"rag: cannot reach the Chroma server at {url}")
        assert len(result.stderr.strip().splitlines()) == 1


def test_answers_see_what_another_client_committed_to_the_server(chroma_url: str,
                                                                  tmp_path: Path) -> None:
    from tests.test_freshness import another_process_ingests_then_removes

    another_process_ingests_then_removes(
        {"RAG_HOME": str(tmp_path / "home"), "RAG_CHROMA_URL": chroma_url,
         "RAG_COLLECTION": "fresh"}, tmp_path / "articles")
