"""Eval scorers against values worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsrag.evals import scoring
from newsrag.evals.run import gate


def test_normalize_follows_squad() -> None:
    assert scoring.normalize("The Taliban’s  “victory” - again!") == "talibans victory again"


def test_contains_matches_whole_words_only() -> None:
    assert scoring.contains("About 60,000 families fled.", "60,000")
    assert scoring.contains("Taloqan, capital of Takhar", "takhar")
    assert not scoring.contains("Sar-e-Pol fell", "Pol fell down")
    assert not scoring.contains("Tajikistan", "Tajik")


def test_fact_recall() -> None:
    facts = [["Dostum"], ["Atta Mohammad Noor", "Ata Mohammad Noor", "Noor"]]
    assert scoring.fact_recall("He met Dostum.", facts) == 0.5
    assert scoring.fact_recall("He met Dostum and Ata Mohammad Noor.", facts) == 1.0
    assert scoring.fact_recall("anything", []) == 1.0


def test_token_f1_by_hand() -> None:
    # "faizabad fell on wednesday" vs "city of faizabad fell": 2 common of 4 and 4 -> F1 0.5
    assert scoring.token_f1("Faizabad fell on Wednesday", "the city of Faizabad fell") == 0.5
    # 3 predicted, 1 reference token, 1 common: P 1/3, R 1 -> F1 = 2*(1/3)/(4/3) = 0.5
    assert scoring.token_f1("Faizabad in Badakhshan", "Faizabad") == 0.5
    assert scoring.token_f1("", "") == 1.0
    assert scoring.token_f1("Kabul", "Faizabad") == 0.0


def test_mrr_and_hit_of_a_known_ranking() -> None:
    ranking = ["003.txt", "001.txt", "004.txt"]
    assert scoring.reciprocal_rank(ranking, ["004.txt", "001.txt"]) == 0.5
    assert scoring.reciprocal_rank(ranking, ["000.txt"]) == 0.0
    assert scoring.hit(ranking, ["004.txt"], k=2) == 0.0
    assert scoring.hit(ranking, ["004.txt"], k=3) == 1.0


def test_citation_precision_and_recall() -> None:
    citations = [("004.txt", "The latest city to fall was Faizabad."),  # right source, fact
                 ("004.txt", "Fighting in Balkh has displaced hundreds of families."),  # no fact
                 ("003.txt", "Faizabad is in the north.")]  # fact, but not an expected source
    assert scoring.citation_precision(citations, ["004.txt", "001.txt"], [["Faizabad"]]) == 1 / 3
    assert scoring.citation_precision([], ["004.txt"], [["Faizabad"]]) == 1.0
    # three statements citing [1], [2][3], nothing; only citation 1 supports: 1 of 3 statements
    assert scoring.citation_recall([[1], [2, 3], []], {1}) == pytest.approx(1 / 3)
    assert scoring.citation_recall([], {1}) == 0.0


def test_percentile_nearest_rank() -> None:
    assert scoring.percentile([30, 10, 20, 40], 0.5) == 20
    assert scoring.percentile([30, 10, 20, 40], 0.95) == 40
    assert scoring.percentile([], 0.5) == 0.0


def test_gate_names_missed_thresholds() -> None:
    metrics = {"fact_recall": 0.5, "answerable_wrongly_refused": 0.4, "retrieval_mrr": 0.95}
    assert gate(metrics, {"fact_recall": {"min": 0.6}, "answerable_wrongly_refused": {"max": 0.3},
                          "retrieval_mrr": {"min": 0.9}, "typo": {"min": 1}}) == [
        "fact_recall = 0.5 is below its threshold 0.6",
        "answerable_wrongly_refused = 0.4 is above its threshold 0.3",
        "typo: no such metric",
    ]


@pytest.mark.slow
def test_rag_eval_json_end_to_end(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "rag.cli", "eval", "--json", "--out", str(tmp_path / "report")],
        env={**os.environ, "RAG_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["metrics"]["cases"] == len(data["cases"]) >= 60
    first = data["cases"][0]
    assert {"id", "kind", "question", "answer", "passed"} <= set(first)
    for name in ("report.json", "report.md", "by_kind.png"):
        assert (tmp_path / "report" / name).stat().st_size > 0
    # Retrieval baselines are measured in the same run: fusion must beat dense-only.
    metrics = data["metrics"]
    assert metrics["retrieval_mrr"] > metrics["dense_only_retrieval_mrr"]
    assert metrics["retrieval_mrr"] >= metrics["lexical_only_retrieval_mrr"]
