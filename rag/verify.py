"""Check an LLM's answer against the passages it cites, sentence by sentence.

- Citations pointing at no passage ([9] of 3) are dropped.
- Every sentence must carry at least one valid citation, and be supported by what it cites:
  its content words must mostly appear in the cited sentences (words), every number it states must
  appear there (numbers), and it must mean something close to one of them (an embedding cosine).
- Unsupported sentences are removed; when nothing supported is left the caller falls back to the
  offline answer.

The thresholds are deliberately strict. Measured with `evals/calibrate_verify.py` (2026-11-22) on
the eval set's evidence sentences: for 70 pairs of sentences stating different facts, the share of
words found is 0.18 at the 90th percentile and the cosine 0.49, and none is accepted. Two outlets'
whole sentences about the same fact share few words (median 0.23) and only 9% are accepted: a claim
passes when it stays close to the words of what it cites, which is what the prompt asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from index.clean import sentence_spans
from index.embed import Embedder
from index.lexical import terms_of

WORDS_SUPPORTED = 0.6  # share of the claim's content words found in what it cites
WORDS_ALONE = 0.85  # enough on its own, whatever the embedding says
MEANING_SUPPORTED = 0.45

_MARKERS_RE = re.compile(r"(?:\s*\[\d+\])+")
_NUMBER_RE = re.compile(r"\d[\d,.]*\d|\d")


@dataclass
class Claim:
    text: str  # the sentence without its markers
    cited: list[int]  # passage numbers as the model wrote them
    valid: list[int] = field(default_factory=list)  # those that point at a passage
    supported: bool = False
    words: float = 0.0  # share of its content words found in what it cites
    meaning: float = 0.0  # cosine to what it cites


@dataclass
class Verification:
    claims: list[Claim]

    @property
    def kept(self) -> list[Claim]:
        return [c for c in self.claims if c.supported]

    @property
    def removed(self) -> list[Claim]:
        return [c for c in self.claims if not c.supported]


def split_claims(answer: str) -> list[Claim]:
    """Sentences of an answer with the markers that follow each one.

    >>> [(c.text, c.cited) for c in split_claims("Faizabad fell [1][2]. It is in Badakhshan. [3]")]
    [('Faizabad fell.', [1, 2]), ('It is in Badakhshan.', [3])]
    """
    claims: list[Claim] = []
    position = 0
    for match in _MARKERS_RE.finditer(answer):
        segment = answer[position : match.start()]
        numbers = [int(n) for n in re.findall(r"\d+", match.group())]
        position = match.end()
        # A full stop after the markers ("fell [1].") belongs to the sentence before them.
        if answer[position : position + 1] in (".", "!", "?"):
            segment += answer[position]
            position += 1
        sentences = [segment[s:e] for s, e in sentence_spans(segment)]
        for i, sentence in enumerate(sentences):
            claims.append(Claim(sentence.strip(), numbers if i == len(sentences) - 1 else []))
    for s, e in sentence_spans(answer[position:]):
        claims.append(Claim(answer[position:][s:e].strip(), []))
    return [c for c in claims if re.search(r"\w", c.text)]


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER_RE.findall(text)}


def verify(answer: str, passages: dict[int, str], embedder: Embedder) -> Verification:
    """Mark each sentence of `answer` supported or not by the passages (by number) it cites."""
    claims = split_claims(answer)
    for claim in claims:
        claim.valid = [n for n in dict.fromkeys(claim.cited) if n in passages]
    checkable = [c for c in claims if c.valid]
    if not checkable:
        return Verification(claims)
    cited_texts = [" ".join(passages[n] for n in c.valid) for c in checkable]
    claim_terms = terms_of([c.text for c in checkable])
    source_terms = terms_of(cited_texts)
    vectors = embedder.embed_texts([c.text for c in checkable] + cited_texts)
    claim_vectors, source_vectors = vectors[: len(checkable)], vectors[len(checkable) :]
    for i, claim in enumerate(checkable):
        wanted = set(claim_terms[i])
        claim.words = len(wanted & set(source_terms[i])) / len(wanted) if wanted else 0.0
        claim.meaning = float(np.dot(claim_vectors[i], source_vectors[i]))
        numbers_ok = _numbers(claim.text) <= _numbers(cited_texts[i])
        claim.supported = numbers_ok and (
            claim.words >= WORDS_ALONE
            or (claim.words >= WORDS_SUPPORTED and claim.meaning >= MEANING_SUPPORTED)
        )
    return Verification(claims)
