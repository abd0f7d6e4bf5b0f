"""Syndicated copies: the same story republished by several outlets, found with MinHash.

A wire story (AFP, Reuters, AP) runs in many outlets with small edits: a changed headline, a dropped
paragraph, a line of attribution. Counted as separate articles, copies would pass for independent
confirmation and crowd out other reports. At ingest each article gets a MinHash signature of its
word 5-grams (datasketch); articles whose estimated Jaccard similarity reaches `NEAR_DUPLICATE`
join one group, represented by its earliest-published member (the likely original).

Word 5-grams because a small edit changes only the few shingles that span it: two copies that
differ in one sentence of thirty keep a Jaccard near 0.9, while two different reports of the same
event (same names, same places, different wording) share few 5-grams and stay well under 0.3.
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
# Jaccard of 5-gram sets at or above which two articles are copies of one story. Measured on the
# seeds: different reports of the same week score under 0.01; copies with a new headline, a
# sentence reworded or two paragraphs dropped score 0.74 to 0.92 (tests/test_news.py).
NEAR_DUPLICATE = 0.5
_SCHEME = "affine32"
_WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """The article's word 5-grams, lower-cased (all its words when it is shorter than that)."""
    words = _WORD_RE.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode()
            for i in range(len(words) - SHINGLE_WORDS + 1)}


@functools.cache
def _permutations() -> Any:
    """The hash permutations, made once: making them is most of the cost of a MinHash."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=_SCHEME).permutations


def signature(text: str) -> str:
    """The article's MinHash signature, packed for a Chroma metadata field."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=_SCHEME, permutations=_permutations())
    minhash.update_batch(sorted(shingles(text)))
    return base64.b64encode(np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()).decode()


def _minhash(packed: str):  # type: ignore[no-untyped-def]
    """A stored signature, ready to compare (a LeanMinHash: no permutations to make)."""
    from datasketch import LeanMinHash

    values = np.frombuffer(base64.b64decode(packed), dtype=np.uint64)
    return LeanMinHash(seed=1, hashvalues=values, scheme=_SCHEME)


@dataclass(frozen=True)
class Member:
    """What grouping needs to know of an article."""

    id: str
    signature: str
    date: str | None  # ISO; the earliest-dated member represents its group


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two packed signatures."""
    return float(_minhash(a).jaccard(_minhash(b)))


def group(members: Iterable[Member]) -> dict[str, str]:
    """Each article's group representative (itself when it has no copies).

    LSH proposes candidate pairs without comparing every pair; each candidate is confirmed on the
    estimated Jaccard, and confirmed pairs are joined transitively (a copy of a copy is a copy).
    """
    from datasketch import MinHashLSH

    members = sorted(members, key=lambda m: m.id)
    hashes = {m.id: _minhash(m.signature) for m in members if m.signature}
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    for doc_id, minhash in hashes.items():
        lsh.insert(doc_id, minhash)
    parent = {m.id: m.id for m in members}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for doc_id, minhash in hashes.items():
        for other in lsh.query(minhash):
            # Already joined (through another copy): no need to compare again.
            if root(other) == root(doc_id):
                continue
            if minhash.jaccard(hashes[other]) >= NEAR_DUPLICATE:
                parent[root(other)] = root(doc_id)

    by_root: dict[str, list[Member]] = {}
    for m in members:
        by_root.setdefault(root(m.id), []).append(m)
    representative = {}
    for group_members in by_root.values():
        # Earliest date first (an undated copy never displaces a dated original), then by id.
        first = min(group_members, key=lambda m: (m.date is None, m.date or "", m.id))
        for m in group_members:
            representative[m.id] = first.id
    return representative

