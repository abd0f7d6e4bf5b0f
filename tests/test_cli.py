"""The `rag` command as a user runs it: exit codes and one-line messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


def run(args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args],
        env={**os.environ, "RAG_HOME": str(home), "PYTHONPATH": str(ROOT), **env},
        capture_output=True, text=True, timeout=300,
    )


def test_ingest_prints_the_report_and_exits_zero(tmp_path: Path) -> None:
    result = run(["ingest", str(SEEDS)], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "added          5 documents" in result.stdout
    again = run(["ingest", str(SEEDS), "--json"], tmp_path / "home")
    assert again.returncode == 0
    report = json.loads(again.stdout)
    assert report["unchanged"]["documents"] == 5
    assert report["added"] == {"documents": 0, "chunks": 0}


def test_skipped_files_set_exit_code_three(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = run(["ingest", str(SEEDS), str(tmp_path / "empty.txt")], tmp_path / "home")
    assert result.returncode == 3
    assert "empty.txt: empty file" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["ingest", "seeds"], {"RAG_CHUNK_SIZE": "600"}, "RAG_CHUNK_SIZE must be between 32 and 240"),
        (["ingest", "seeds"], {"RAG_CHUNK_OVERLAP": "300"}, "RAG_CHUNK_OVERLAP must be smaller"),
        (["ingest", "seeds"], {"RAG_TOP_K": "many"}, "RAG_TOP_K must be a whole number"),
        (["ingest", "seeds"], {"RAG_CHROMA_URL": "localhost:1"}, "RAG_CHROMA_URL must look like"),
    ],
)
def test_bad_settings_give_one_line(tmp_path: Path, args: list[str], env: dict[str, str],
                                    message: str) -> None:
    result = run(args, tmp_path / "home", **env)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"rag: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_busy_index_gives_one_line(tmp_path: Path) -> None:
    from newsrag.index.store import WriterLock
    from newsrag.settings import Settings

    home = tmp_path / "home"
    with WriterLock(Settings.from_env({"RAG_HOME": str(home)})):
        result = run(["ingest", str(SEEDS)], home)
    assert result.returncode == 1
    assert "is writing to" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    assert run(["ingest", str(SEEDS)], home).returncode == 0
    return home


def test_ask_prints_answer_and_sources(ingested: Path) -> None:
    result = run(["ask", "How many families were displaced?"], ingested)
    assert result.returncode == 0, result.stderr
    assert "60,000 families had been displaced" in result.stdout
    assert "Sources: " in result.stdout and "independent outlet" in result.stdout
    assert "(004_3c46c6d2562e4cd0.txt, chars" in result.stdout
    assert "Press TV, 2021-08-11" in result.stdout


def test_ask_prints_the_direct_answer_first(ingested: Path) -> None:
    # 001: "Ghani arrived in Mazar as the Taliban captured Faizabad overnight, making it the ninth
    # city to be overrun since Friday."
    result = run(["ask", "What was the ninth city the insurgents seized?"], ingested)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Answer: Faizabad [")
    data = json.loads(run(["ask", "What was the ninth city the insurgents seized?", "--json"],
                          ingested).stdout)
    assert data["direct"] == "Faizabad" and data["text"].startswith("Faizabad [")


def test_ask_json_is_answer_to_dict(ingested: Path) -> None:
    result = run(["ask", "What is the population of Mazar-i-Sharif?", "--json"], ingested)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["refused"] is True and data["citations"] == []


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "rag: the question is empty"), ("q" * 3000, "rag: the question is 3,000 characters")],
)
def test_ask_bad_question_one_line(ingested: Path, question: str, message: str) -> None:
    result = run(["ask", question], ingested)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_ask_without_index_one_line(tmp_path: Path) -> None:
    result = run(["ask", "Who is Dostum?"], tmp_path / "empty-home")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"rag: no index at {tmp_path / 'empty-home'}/ - run 'rag ingest seeds/' first"
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["ui", "--host", "0.0.0.0"], {}, "rag: --host 0.0.0.0 would expose the page"),
        (["ui"], {"RAG_UI_AUTH": "no-colon"}, "rag: RAG_UI_AUTH must look like user:password"),
    ],
)
def test_ui_refuses_unsafe_settings_in_one_line(tmp_path: Path, args: list[str],
                                                env: dict[str, str], message: str) -> None:
    result = run(args, tmp_path / "home", **env)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_chroma_failure_deep_in_a_command_gives_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Chroma's own exception types, raised from inside a read or write, name the index's place
    # as the settings give it (not as a second reading of the environment would).
    from chromadb.errors import InternalError

    import rag.cli

    def failing(args: object) -> int:
        raise InternalError("database disk image is malformed")

    monkeypatch.setattr(rag.cli, "_ask", failing)
    monkeypatch.setenv("RAG_HOME", str(tmp_path / "home"))
    assert rag.cli.main(["ask", "Who fled?"]) == rag.cli.EXIT_ERROR
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith(f"rag: the index in {tmp_path / 'home'} could not be used "
                          "(InternalError: database disk image is malformed)")
