"""The hand-written ground truth stays true to the articles as the project cleans them."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from newsrag.index.load import load
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
    articles = [*SEEDS.glob("*.txt"), *(ROOT / "evals" / "syndicated").glob("*.txt")]
    cleaned = {p.name: _norm(load(p).text) for p in articles}
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


def test_news_fields_are_well_formed() -> None:
    """Dates are the cited articles' publication dates; stories are groups of listed sources."""
    dated = {name: meta["published"] for name, meta in
             yaml.safe_load((SEEDS / "metadata.json").read_text(encoding="utf-8")).items()}
    kinds = Counter(c["kind"] for c in CASES)
    assert kinds["syndication"] >= 3
    assert sum(bool(c.get("conflict")) for c in CASES) >= 5
    assert sum("dates" in c for c in CASES) >= 3
    for case in CASES:
        for day in case.get("dates", []):
            assert str(day) in {dated[s] for s in case["sources"] if s in dated}, case["id"]
        if "stories" in case:
            assert case.get("corpus") == "syndicated", case["id"]
            for story in case["stories"]:
                assert len(story) >= 2 and set(story) <= set(case["sources"]), case["id"]
