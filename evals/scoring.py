"""Small scorers for the eval suite. Pure functions over strings, ids and numbers.

Text comparison uses SQuAD's normalisation: lower case, no punctuation, no articles (a, an, the),
single spaces.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from typing import Sequence

_PUNCTUATION = set(string.punctuation) | set("“”‘’–—…")


def normalize(text: str) -> str:
    """SQuAD normalisation.

    >>> normalize("The  Taliban’s “victory”, again!")
    'talibans victory again'
    >>> normalize("Dyrrachium—one of the naval bases (1081–1085)")
    'dyrrachium one of naval bases 1081 1085'
    """
    # A dash between words separates them, as a space does ("Dyrrachium—one of the most
    # important naval bases" contains "Dyrrachium"); other punctuation is dropped, as SQuAD's
    # script drops it.
    text = text.lower().replace("\u00a0", " ").replace("—", " ").replace("–", " ")
    text = "".join(c for c in text if c not in _PUNCTUATION)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def contains(text: str, form: str) -> bool:
    """Whether `form` appears in `text` as whole words, after normalisation."""
    needle = normalize(form)
    return bool(needle) and f" {needle} " in f" {normalize(text)} "


def fact_recall(answer: str, facts: Sequence[Sequence[str]]) -> float:
    """Share of facts of which the answer contains at least one acceptable form."""
    if not facts:
        return 1.0
    return sum(any(contains(answer, form) for form in forms) for forms in facts) / len(facts)


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD token F1 between two strings.

    Worked by hand: 4 predicted tokens, 4 reference tokens ("the" is dropped), 2 in common
    (faizabad, fell): precision 2/4, recall 2/4, F1 0.5.

    >>> token_f1("Faizabad fell on Wednesday", "the city of Faizabad fell")
    0.5
    """
    pred = normalize(prediction).split()
    ref = normalize(reference).split()
    if not pred or not ref:
        return float(pred == ref)
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def reciprocal_rank(ranked_docs: Sequence[str], expected: Sequence[str]) -> float:
    """1/rank of the first expected document in the ranking, 0 when none is there.

    >>> reciprocal_rank(["b.txt", "a.txt", "c.txt"], ["a.txt", "c.txt"])
    0.5
    """
    wanted = set(expected)
    for rank, doc in enumerate(ranked_docs, start=1):
        if doc in wanted:
            return 1.0 / rank
    return 0.0


def hit(ranked_docs: Sequence[str], expected: Sequence[str], k: int) -> float:
    return float(any(doc in set(expected) for doc in ranked_docs[:k]))


def citation_precision(
    citations: Sequence[tuple[str, str]], sources: Sequence[str], facts: Sequence[Sequence[str]]
) -> float:
    """Share of citations (source, quoted text) that come from an expected source and contain at
    least one form of an expected fact. 1.0 when there are no citations (nothing wrong cited)."""
    if not citations:
        return 1.0
    good = sum(
        1 for source, text in citations
        if source in set(sources) and any(contains(text, f) for forms in facts for f in forms)
    )
    return good / len(citations)


def citation_recall(
    statements: Sequence[Sequence[int]], supporting: set[int]
) -> float:
    """Share of the answer's statements (each given as its citation numbers) that carry at least
    one supporting citation number."""
    if not statements:
        return 0.0
    return sum(1 for numbers in statements if set(numbers) & supporting) / len(statements)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1).

    >>> percentile([10, 20, 30, 40], 0.5)
    20
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 1)) - 1))]
