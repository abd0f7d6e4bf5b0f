"""Sentence vectors pooled inside their chunk against windows encoded on their own: which tells the
windows that answer a question better?

The index stores one vector per sentence, pooled from the token vectors of its chunk's single
MiniLM pass (free at ingest). Encoding each sentence by itself would cost about a second encoder
pass over every chunk, so it has to earn that. This measures, on the questions anything may be
tuned on (the SQuAD 2.0 FIT articles, the seeds' `evals/cases.yaml` and the paraphrase suite's dev
split; never the held-out ones), for every candidate window the answerer scores:

- window AUC: how well each signal ranks the windows that hold a gold answer (in a gold source)
  above those that don't, over the answerable questions;
- top-1: the share of answerable questions (with any gold window) whose best window by that
  signal holds the answer;
- refusal AUC: how well the best window that may answer (it names the question's focus and holds
  a phrase of the wanted kind) tells answerable questions from unanswerable ones.

Signals: `pooled`, the cosine of the question to the lead sentence's stored vector (the answerer's
`meaning`); `own`, its cosine to the whole quoted window encoded by itself (the question encoder);
`score`, the answerer's fitted probability, which combines `pooled` with the other signals.

    RAG_HOME=/tmp/sq python benchmarks/sentence_vectors.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIGNALS = ("pooled", "own", "score")


@dataclass
class Window:
    question: str  # the question's id
    answerable: bool
    holds_answer: bool
    may_answer: bool  # rag.compose.answers_the_question
    signals: dict[str, float]


def auc(positive: list[float], negative: list[float]) -> float:
    """The chance that a random positive outranks a random negative (ties count half)."""
    if not positive or not negative:
        return float("nan")
    values = np.array(positive + negative)
    order = values.argsort()
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    for value in np.unique(values):  # average the ranks of ties
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return float((ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2)
                 / (len(positive) * len(negative)))


def windows_of(eng: Any, encoder: Any, qid: str, question: str, sources: set[str],
               answers: list[str], cache: dict[str, np.ndarray]) -> list[Window]:
    from newsrag.evals.calibrate import candidates, holds_gold
    from rag.compose import answers_the_question

    found = candidates(eng, question)
    texts = [e.sentence.text for e in found if e.sentence.text not in cache]
    for start in range(0, len(texts), 64):
        for text, vector in zip(texts[start:start + 64],
                                encoder.embed_texts(texts[start:start + 64])):
            cache[text] = vector
    asked = encoder.embed_query(question)
    return [Window(qid, bool(sources), holds_gold(e, sources, answers), answers_the_question(e),
                   {"pooled": e.meaning, "own": float(cache[e.sentence.text] @ asked),
                    "score": e.score})
            for e in found]


def report(name: str, windows: list[Window]) -> None:
    answerable = [w for w in windows if w.answerable]
    by_question: dict[str, list[Window]] = defaultdict(list)
    for w in windows:
        by_question[w.question].append(w)
    with_gold = [ws for ws in by_question.values() if any(w.holds_answer for w in ws)]
    print(f"{name}: {len(by_question)} questions, {len(windows)} windows")
    for signal in SIGNALS:
        window_auc = auc([w.signals[signal] for w in answerable if w.holds_answer],
                         [w.signals[signal] for w in answerable if not w.holds_answer])
        top = np.mean([max(ws, key=lambda w: w.signals[signal]).holds_answer for ws in with_gold])
        best = {q: max((w.signals[signal] for w in ws if w.may_answer), default=-1.0)
                for q, ws in by_question.items()}
        refusal_auc = auc([best[q] for q, ws in by_question.items() if ws[0].answerable],
                          [best[q] for q, ws in by_question.items() if not ws[0].answerable])
        print(f"  {signal:<7} window AUC {window_auc:.3f}   top-1 {top:.3f}   "
              f"refusal AUC {refusal_auc:.3f}")


def main() -> None:
    from newsrag.evals import squad2
    from newsrag.evals.calibrate import seed_cases, seeds_engine
    from newsrag.index.embed import query_embedder
    from newsrag.settings import Settings
    from rag.pipeline import engine

    settings = Settings.from_env()
    encoder = query_embedder()
    cache: dict[str, np.ndarray] = {}

    corpus = squad2.load()
    built = squad2.build_index(corpus.paragraphs, settings)
    eng = engine(built.settings)
    squad = [w for n, case in enumerate(corpus.cases)
             if case.doc_id not in built.missing and squad2.split_of(case.title) == "fit"
             for w in windows_of(eng, encoder, f"squad{n}", case.question,
                                 {case.doc_id} if case.answerable else set(),
                                 list(case.answers), cache)]
    report("SQuAD 2.0, FIT articles", squad)

    eng = seeds_engine(settings)
    for suite, split in (("cases", None), ("paraphrase", "dev")):
        news = [w for case, query, sources, facts in seed_cases(ROOT / "evals" / f"{suite}.yaml")
                if not split or case.get("split") == split
                for w in windows_of(eng, encoder, case["id"], query, sources, facts, cache)]
        report(f"evals/{suite}.yaml" + (f", {split} split" if split else ""), news)


if __name__ == "__main__":
    main()
