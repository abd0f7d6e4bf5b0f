"""Calibrate the offline answerer's refusal threshold on the eval set.

For every case in evals/cases.yaml (follow-ups searched with their history, as `answer()` does)
it takes the best evidence score, which the refusal threshold (rag.compose.REFUSE_BELOW) cuts, and
prints, for a grid of thresholds, refusal precision/recall on the unanswerable cases and how many
answerable cases would be wrongly refused, so the threshold can be chosen from measurements.

    RAG_HOME=/tmp/eval-home python evals/calibrate.py   # ingests seeds/ there first if needed

Retrieval by mode (hybrid, dense-only, BM25-only) is part of `rag eval`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from evals.run import load_cases
    from index import ingest
    from rag.compose import REFUSE_BELOW, quotable
    from rag.evidence import score_sentences
    from rag.pipeline import engine, resolve_follow_up
    from rag.settings import Settings

    settings = Settings.from_env()
    ingest([ROOT / "seeds"], settings=settings, progress=False)
    eng = engine(settings)
    cases = load_cases()
    k = settings.top_k

    rows = []
    for case in cases:
        history = [(t["question"], t.get("answer", "")) for t in case.get("history") or []]
        query = resolve_follow_up(case["question"], history)
        passages, vector = eng.passages(query, k)
        scored = quotable(score_sentences(query, vector, passages, eng.retriever.lexical))
        rows.append((case, scored[0].score if scored else 0.0))

    print(f"{len(rows)} cases, {sum(1 for c, _ in rows if c.get('sources'))} answerable, k={k}")
    print("\nthreshold  refusal-precision  refusal-recall  answerable-wrongly-refused")
    for threshold in sorted({x / 100 for x in range(40, 66, 2)} | {REFUSE_BELOW}):
        refused = [r for r in rows if r[1] < threshold]
        true_refusals = [r for r in refused if not r[0].get("sources")]
        unanswerable = [r for r in rows if not r[0].get("sources")]
        precision = len(true_refusals) / len(refused) if refused else 1.0
        recall = len(true_refusals) / len(unanswerable) if unanswerable else 1.0
        wrong = len(refused) - len(true_refusals)
        mark = "  <- current" if threshold == REFUSE_BELOW else ""
        print(f"  {threshold:.2f}     {precision:.3f}              {recall:.3f}           "
              f"{wrong}{mark}")


if __name__ == "__main__":
    main()
