"""The genres suite (evals/genres.yaml over evals/genres/) is well formed and true to its articles:
news of other kinds than the seeds', asked the way people type, by a writer who saw neither the
answerer nor the other suites. The same rules as the paraphrase suite's
(tests/test_paraphrase_cases.py)."""

from __future__ import annotations

import json
import re
from collections import Counter

import yaml

from tests.conftest import ROOT
from tests.test_paraphrase_cases import (check_evidence, check_no_answer,
                                          check_questions_do_not_copy)

ARTICLES = ROOT / "evals" / "genres"
CASES = yaml.safe_load((ROOT / "evals" / "genres.yaml").read_text(encoding="utf-8"))
ANSWERABLE = [c for c in CASES if c["kind"] != "unanswerable"]
UNANSWERABLE = [c for c in CASES if c["kind"] == "unanswerable"]


def test_suite_has_both_splits_on_its_own_corpus_and_names_its_cases_apart() -> None:
    assert len(ANSWERABLE) >= 100 and len(UNANSWERABLE) >= 20
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), [i for i, k in Counter(ids).items() if k > 1]
    for case in CASES:
        assert re.fullmatch(r"genres(-[a-z0-9]+)+", case["id"]), case["id"]
        assert case["corpus"] == "genres" and case["question"].strip(), case["id"]
        assert case["split"] in ("genres-dev", "genres-heldout"), case["id"]
    # No article is in both splits: the held-out one is news nothing was tuned on.
    articles = {split: {c["id"].split("-")[1] for c in CASES if c["split"] == split}
                for split in ("genres-dev", "genres-heldout")}
    assert articles["genres-dev"] and not articles["genres-dev"] & articles["genres-heldout"]


def test_every_article_has_its_outlet_and_date_and_never_states_the_date() -> None:
    metadata = json.loads((ARTICLES / "metadata.json").read_text(encoding="utf-8"))
    assert set(metadata) == {p.name for p in ARTICLES.glob("*.txt")}
    for name, record in metadata.items():
        assert record["outlet"] and re.fullmatch(r"\d{4}-\d\d-\d\d", record["date"]), name
        assert record["date"][:4] not in (ARTICLES / name).read_text(encoding="utf-8"), name


def test_every_quoted_sentence_is_in_its_cleaned_source_and_holds_the_facts() -> None:
    check_evidence(ANSWERABLE, ARTICLES)


def test_questions_do_not_copy_the_evidence() -> None:
    check_questions_do_not_copy(ANSWERABLE)


def test_unanswerable_cases_have_no_answer() -> None:
    check_no_answer(UNANSWERABLE)
