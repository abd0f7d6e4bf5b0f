"""Fit and report the verifier (rag/verify.py) on the labelled claims of evals/claims/.

    python evals/calibrate_verify.py            # the figures: dev and held-out, per kind and way
    python evals/calibrate_verify.py --dev      # also every dev case it gets wrong, with reasons
    python evals/calibrate_verify.py --sweep    # dev errors over a grid of the wording thresholds

Thresholds are chosen on the dev split only (`--sweep`, `--dev`); the held-out split is what is
reported and gated (`rag eval --suite verify`).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _table(report: dict, split: str) -> list[str]:  # type: ignore[type-arg]
    from newsrag.evals.verifier import ERROR_KINDS

    m = report["columns"][split]
    lines = [f"{split}: {int(m['claims'])} claims   false acceptance {m['false_acceptance']:.3f}"
             f"   false rejection {m['false_rejection']:.3f}"]
    lines.append("  accepted though wrong, by kind: " + ", ".join(
        f"{kind} {m[f'false_acceptance_{kind}']:.2f}" for kind in ERROR_KINDS))
    lines.append("  rejected though right, by way of wording: " + ", ".join(
        f"{how} {rate:.2f}" for how, rate in report["by_how"][split].items()))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="list the dev cases it gets wrong")
    parser.add_argument("--sweep", action="store_true", help="dev errors over a threshold grid")
    args = parser.parse_args()

    from newsrag.evals import verifier
    from newsrag.index.embed import query_embedder
    from rag import verify

    embedder = query_embedder()
    cases = verifier.load()
    if args.sweep:
        dev = [c for c in cases if c["split"] == "dev"]
        print("word_match words_supported max_missing   false acc.  false rej.")
        for word, share, missing in itertools.product(
                (0.30, 0.35, 0.40, 0.45), (0.6, 0.75), (0, 1, 2)):
            verify.WORD_MATCH, verify.WORDS_SUPPORTED, verify.MAX_MISSING = word, share, missing
            m = verifier.aggregate(verifier.run(embedder, dev))
            print(f"{word:>10.2f} {share:>15.2f} {missing:>11}   {m['false_acceptance']:>10.3f}"
                  f"  {m['false_rejection']:>10.3f}")
        return
    results = verifier.run(embedder, cases)
    report = verifier.report(results)
    for split in verifier.SPLITS:
        print("\n".join(_table(report, split)))
    for corpus, m in report["by_corpus"].items():
        print(f"held-out {corpus}: false acceptance {m['false_acceptance']:.3f}, "
              f"false rejection {m['false_rejection']:.3f} ({int(m['claims'])} claims)")
    timing = verifier.latency_ms(embedder, cases)
    print(f"verifying a 4-sentence answer (warm): p50 {timing['p50']} ms, p95 {timing['p95']} ms")
    if args.dev:
        for r in results:
            if r.split == "dev" and not r.correct:
                print(f"\n[{r.label}{'/' + r.how if r.how else ''}] {r.id}: {r.claim}\n"
                      f"   words {r.words:.2f} meaning {r.meaning:.2f} "
                      f"{'ACCEPTED' if r.accepted else 'rejected: ' + '; '.join(r.problems)}")


if __name__ == "__main__":
    main()
