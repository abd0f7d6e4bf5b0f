"""The typed suite (evals/typed.yaml) is well formed and true to the articles: questions typed the
way people type them into a chat box, by a writer who saw neither the answerer nor the other
suites. The same rules as the paraphrase suite's (tests/test_paraphrase_cases.py)."""

from __future__ import annotations

import re
from collections import Counter

import yaml

from tests.conftest import ROOT, SEEDS
from tests.test_paraphrase_cases import (check_evidence, check_no_answer,
                                          check_questions_do_not_copy)

CASES = yaml.safe_load((ROOT / "evals" / "typed.yaml").read_text(encoding="utf-8"))
ANSWERABLE = [c for c in CASES if c["kind"] != "unanswerable"]
UNANSWERABLE = [c for c in CASES if c["kind"] == "unanswerable"]


def test_suite_is_typed_and_names_its_cases_apart() -> None:
    assert len(ANSWERABLE) >= 40 and len(UNANSWERABLE) >= 10
    paraphrase = yaml.safe_load((ROOT / "evals" / "paraphrase.yaml").read_text(encoding="utf-8"))
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), [i for i, k in Counter(ids).items() if k > 1]
    assert not set(ids) & {c["id"] for c in paraphrase}
    for case in CASES:
        assert re.fullmatch(r"typed(-[a-z0-9]+)+", case["id"]), case["id"]
        assert case["split"] == "typed" and case["question"].strip(), case["id"]


def test_every_quoted_sentence_is_in_its_cleaned_source_and_holds_the_facts() -> None:
    check_evidence(ANSWERABLE, SEEDS)


def test_questions_do_not_copy_the_evidence() -> None:
    check_questions_do_not_copy(ANSWERABLE)


def test_unanswerable_cases_have_no_answer() -> None:
    check_no_answer(UNANSWERABLE)
