"""Answers see every commit: a process that has answered once notices, at its next question, that
another process ingested or removed articles, and answers from the new state (records, BM25 and
vectors). The server-mode twin of this test is in test_server_mode.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsrag.index import ingest
from rag.pipeline import answer, engine
from newsrag.settings import Settings
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow
LATE = "004_3c46c6d2562e4cd0.txt"  # the article another process adds, then removes
QUESTION = "Which city was the ninth provincial capital to fall to the Taliban?"


def _cli(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True,
                          text=True, timeout=600,
                          env={**os.environ, **env, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr


def another_process_ingests_then_removes(env: dict[str, str], folder: Path) -> None:
    """Answer in this process while another process adds the late article, then removes it."""
    settings = Settings.from_env(env)
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        if path.name != LATE:
            shutil.copy(path, folder)
    shutil.copy(SEEDS / "metadata.json", folder)
    ingest([folder], settings=settings, progress=False)
    before = answer(QUESTION, settings=settings)
    assert LATE not in {c.source for c in before.citations}
    stale = engine(settings)

    shutil.copy(SEEDS / LATE, folder)
    _cli(env, "ingest", str(folder))
    after = answer(QUESTION, settings=settings)
    assert engine(settings) is not stale and LATE in engine(settings).retriever.records
    assert LATE in {c.source for c in after.citations}, after.text
    # The new article's words are in BM25 too (lexical-only retrieval finds it).
    assert LATE in {p.doc_id for p in engine(settings).passages(
        "ninth provincial capital Faizabad Badakhshan", 8, "lexical")[0]}
    unchanged = engine(settings)
    assert engine(settings) is unchanged  # no commit, no rebuild

    (folder / LATE).unlink()
    _cli(env, "ingest", str(folder), "--prune")
    removed = answer(QUESTION, settings=settings)
    assert LATE not in engine(settings).retriever.records
    assert LATE not in {c.source for c in removed.citations}


def test_an_embedded_index_answers_from_what_another_process_committed(tmp_path: Path) -> None:
    another_process_ingests_then_removes({"RAG_HOME": str(tmp_path / "home")},
                                         tmp_path / "articles")
