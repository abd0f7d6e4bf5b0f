"""The hand-written ground truth stays true to the articles as the project cleans them."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from index.load import load
from tests.conftest import ROOT, SEEDS

CASES = yaml.safe_load((ROOT / "evals" / "cases.yaml").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_cases_are_many_and_varied() -> None:
    assert len(CASES) >= 60
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    kinds = Counter(c["kind"] for c in CASES)
    assert kinds["unanswerable"] / len(CASES) >= 0.15
    for kind in ("single", "number", "list", "multi_source", "conflict", "time", "paraphrase",
                 "followup"):
        assert kinds[kind] >= 3, kind


def test_every_quoted_sentence_is_in_its_cleaned_source() -> None:
    """Evidence must survive cleaning: a citation can only quote the cleaned article."""
    cleaned = {p.name: _norm(load(p).text) for p in SEEDS.glob("*.txt")}
    for case in CASES:
        if case["kind"] == "unanswerable":
            assert not case.get("sources") and not case.get("evidence"), case["id"]
            continue
        assert case["sources"] and case["evidence"] and case["facts"], case["id"]
        assert set(case["sources"]) <= set(cleaned), case["id"]
        for quote in case["evidence"]:
            assert any(_norm(quote) in cleaned[s] for s in case["sources"]), (case["id"], quote)
        if case["kind"] == "followup":
            assert case.get("history"), case["id"]
