"""The labelled claims of evals/claims/ (the verifier suite) are well formed and true to their
sources: every cited passage is quoted verbatim from the cleaned article or SQuAD paragraph, each
label has enough cases, and the dev/held-out split follows the fixed rule."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newsrag.evals import squad2
from newsrag.evals.verifier import ERROR_KINDS, load
from newsrag.index.load import load as load_article
from tests.conftest import SEEDS

CASES = load()
SPLIT_BY_POSITION = ("seeds", "squad2")  # split by position; each other file is one split
HOWS = {"synonyms", "reordered", "glue", "header", "combined", "summary", "yes_no"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_claims_are_many_and_cover_every_kind_of_error() -> None:
    held_out = [c for c in CASES if c["split"] == "heldout"]
    labels = Counter(c["label"] for c in held_out)
    assert len(CASES) >= 300 and len(held_out) >= 200
    assert labels["supported"] >= 80
    for kind in ERROR_KINDS:
        assert labels[kind] >= 12, kind
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert (case.get("how") in HOWS) == (case["label"] == "supported"), case["id"]


@pytest.mark.parametrize("corpus", SPLIT_BY_POSITION)
def test_split_follows_the_position_rule(corpus: str) -> None:
    cases = [c for c in CASES if c["corpus"] == corpus]
    assert cases
    for position, case in enumerate(cases):
        assert case["split"] == ("dev" if position % 5 in (0, 1) else "heldout"), case["id"]


def test_cited_passages_are_verbatim() -> None:
    seeds = {p.name: _norm(load_article(p).text) for p in SEEDS.glob("*.txt")}
    paragraphs = {p.doc_id: _norm(p.context) for p in squad2.load().paragraphs}
    for case in CASES:
        for cited in case["cited"]:
            source = seeds.get(cited["source"]) or paragraphs.get(cited["source"])
            assert source is not None, (case["id"], cited["source"])
            assert _norm(cited["text"]) in source, case["id"]


def test_a_squad_paragraph_is_cited_with_its_article_and_outlet() -> None:
    """A writer may say "According to Wikipedia's article on the Normans": the paragraph's header
    is its article's title and Wikipedia, as a news passage's is its title and outlet."""
    from newsrag.evals.verifier import source_of

    source = source_of({"source": "Normans_003.txt", "text": "The Normans were famed."})
    assert (source.title, source.outlet) == ("Normans", "Wikipedia")
