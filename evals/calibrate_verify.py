"""Measure the verifier's support scores on real paraphrases and on unrelated sentences.

Positives: two outlets' sentences that the eval set marks as proving the same fact (cases with
evidence from more than one document) - one stands for the model's claim, the other for the cited
passage. Negatives: evidence sentences of two different cases. For both it prints how many pairs
`rag.verify` would accept, and the distribution of the word and meaning scores it uses.

    python evals/calibrate_verify.py
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _q(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else 0.0


def main() -> None:
    from index.embed import default_embedder
    from rag.verify import verify

    cases = yaml.safe_load((ROOT / "evals" / "cases.yaml").read_text(encoding="utf-8"))
    positives = [
        (a, b) for c in cases if len(set(c.get("sources") or [])) > 1
        for a, b in itertools.permutations(c["evidence"], 2)
    ]
    evidence = [c["evidence"][0] for c in cases if c.get("evidence")]
    negatives = [(a, b) for a, b in zip(evidence, evidence[7:] + evidence[:7]) if a != b]
    embedder = default_embedder()
    for label, pairs in (("same fact", positives), ("different facts", negatives)):
        claims = [verify(f"{claim} [1]", {1: source}, embedder).claims[-1]
                  for claim, source in pairs]
        accepted = sum(c.supported for c in claims)
        words = [c.words for c in claims]
        meaning = [c.meaning for c in claims]
        print(f"{label:<16} {len(pairs):>4} pairs   accepted {accepted:>4} "
              f"({accepted / max(len(pairs), 1):.0%})   words p10/p50/p90 "
              f"{_q(words, .1):.2f}/{_q(words, .5):.2f}/{_q(words, .9):.2f}   meaning "
              f"{_q(meaning, .1):.2f}/{_q(meaning, .5):.2f}/{_q(meaning, .9):.2f}")


if __name__ == "__main__":
    main()
