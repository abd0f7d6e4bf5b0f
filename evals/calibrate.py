"""Fit the offline answerer's answerability model and refusal threshold, and report them held out.

    RAG_HOME=/tmp/calib python evals/calibrate.py [--write]

What it fits (see rag/answerability.py): a logistic model over the signals of each candidate
window (`rag.answerability.FEATURES`), trained to tell windows that contain a gold answer from
those that don't, and the threshold on the best answering window's probability under which the
answer is a refusal.

What it fits on: the SQuAD 2.0 articles in `evals.squad2.FIT`, the seeds' first suite
(`evals/cases.yaml`) and the `dev` split of the paraphrase suite, the news questions weighted
`SEED_WEIGHT` times (SQuAD alone teaches the model Wikipedia, not news). It never sees the held-out
SQuAD articles or the paraphrase suite's `heldout` split, whose figures are the ones to trust.
It prints:
- k-fold by article inside the fitting data (fit on all but one SQuAD article, report on it):
  refusal precision and recall, and answerable wrongly refused, at the threshold chosen without it;
- the model fitted on all of it: refusal by threshold on every group (to choose from), then
  its figures on what it was fitted on (labelled so) and on the held-out SQuAD articles and the
  paraphrase suite's held-out split: figures nothing was fitted on.
`--write` stores that model in rag/answerability.json.

What refuses is, first, that no window can answer (`rag.compose.answers_the_question`: it names
the question's focus and holds a phrase of the wanted kind), then that the best one that can is
less likely than the threshold. The threshold is the highest one that wrongly refuses at most
`MAX_WRONGLY_REFUSED` of the answerable questions it is fitted on, the rule above included. No
score separates answerable questions from near-topic ones well on these signals (the table shows
each step up refusing about as many good questions as bad), so the threshold stays low and the
focus rule does most of the refusing.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from rag.answerability import FEATURES
from rag.compose import FOCUS_NEEDED

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED_WEIGHT = 10.0
MAX_WRONGLY_REFUSED = 0.12
JOIN_PRECISION = 0.6  # further windows join the answer where this share of windows answers
L2 = 1.0


@dataclass
class Asked:
    """One question's candidate windows: their signals and whether each holds a gold answer."""

    group: str  # the article (squad2) or suite it belongs to
    answerable: bool
    features: np.ndarray  # windows x FEATURES
    labels: np.ndarray  # 1 where the window contains a gold answer in a gold source
    weight: float = 1.0


def candidates(eng: Any, question: str) -> list[Any]:
    return list(eng.evidence(question, eng.settings.top_k))


def holds_gold(window: Any, sources: set[str], answers: list[str]) -> bool:
    """Whether a candidate window quotes a gold source and contains a gold answer."""
    from newsrag.evals.scoring import contains

    return window.passage.doc_id in sources and any(
        contains(window.sentence.text, a) for a in answers)


def asked(group: str, answerable: bool, windows: list[Any], sources: set[str],
          answers: list[str]) -> Asked:
    features = np.array([e.features for e in windows], dtype=float).reshape(len(windows), -1)
    labels = np.array([float(answerable and holds_gold(e, sources, answers)) for e in windows])
    return Asked(group, answerable, features, labels)


def squad_questions(settings: Any) -> list[Asked]:
    from newsrag.evals import squad2
    from rag.pipeline import engine

    corpus = squad2.load()
    built = squad2.build_index(corpus.paragraphs, settings)
    eng = engine(built.settings)
    out = []
    for case in corpus.cases:
        if case.doc_id in built.missing:
            continue
        windows = candidates(eng, case.question)
        out.append(asked(case.title, case.answerable, windows, {case.doc_id}, list(case.answers)))
    return out


def seeds_engine(settings: Any) -> Any:
    """The answer engine over the seeds, ingested (if not yet) beside the eval runner's."""
    from newsrag.index import ingest
    from rag.pipeline import engine

    seeds = settings.with_(home=settings.home / "eval-index-seeds")
    ingest([ROOT / "seeds"], settings=seeds, progress=False)
    return engine(seeds)


def seed_cases(suite: Path) -> Iterator[tuple[dict[str, Any], str, set[str], list[str]]]:
    """(case, the question as searched, its gold sources, every form of its facts) for each case
    of a seeds suite (a follow-up is searched as the standalone question it stands for)."""
    import yaml

    from rag.conversation import resolve_follow_up

    for case in yaml.safe_load(suite.read_text(encoding="utf-8")):
        if case.get("corpus", "seeds") != "seeds":
            continue
        history = [(t["question"], t.get("answer", "")) for t in case.get("history") or []]
        yield (case, resolve_follow_up(case["question"], history), set(case.get("sources") or []),
               [form for forms in case.get("facts") or [] for form in forms])


def seed_questions(settings: Any, suite: Path) -> list[Asked]:
    eng = seeds_engine(settings)
    return [asked(case.get("split", suite.stem), bool(sources), candidates(eng, query), sources,
                  facts)
            for case, query, sources, facts in seed_cases(suite)]


def fit_logistic(features: np.ndarray, labels: np.ndarray,
                 sample_weight: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised, weighted logistic regression (Newton's method)."""
    x = np.hstack([features, np.ones((len(features), 1))])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * L2
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (sample_weight * (p - labels)) + penalty @ w
        hessian = (x * (sample_weight * p * (1 - p))[:, None]).T @ x + penalty + 1e-9 * np.eye(
            len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def best_scores(questions: list[Asked], weights: np.ndarray, bias: float) -> np.ndarray:
    """Each question's best window probability (0 when it has no window)."""
    best = []
    for q in questions:
        if len(q.features) == 0:
            best.append(0.0)
            continue
        z = q.features @ weights + bias
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        p = np.where(q.features[:, FEATURES.index("figures")] > 0, p, 0.0)
        # As rag.compose.answers_the_question: only windows that name the question's focus and
        # hold a phrase of the wanted kind may answer.
        eligible = ((q.features[:, FEATURES.index("fit")] > 0)
                    & (q.features[:, FEATURES.index("focus")] >= FOCUS_NEEDED))
        best.append(float(p[eligible].max()) if eligible.any() else 0.0)
    return np.array(best)


def choose_threshold(questions: list[Asked], best: np.ndarray) -> float:
    """The highest threshold that wrongly refuses at most MAX_WRONGLY_REFUSED of the answerable
    questions (counted with their weights)."""
    keep = np.array([q.answerable for q in questions])
    if not keep.any():
        return 0.5
    scores = best[keep]
    weights = np.array([q.weight for q in questions])[keep]
    order = np.argsort(scores)
    below = np.cumsum(weights[order]) / weights.sum()  # share refused at each score's threshold
    allowed = int(np.searchsorted(below, MAX_WRONGLY_REFUSED, side="right"))
    return float(scores[order][min(allowed, len(scores) - 1)])


def join_threshold(questions: list[Asked], weights: np.ndarray, bias: float) -> float:
    """The probability above which at least JOIN_PRECISION of windows hold an answer."""
    z = np.concatenate([q.features @ weights + bias for q in questions if len(q.features)])
    labels = np.concatenate([q.labels for q in questions if len(q.features)])
    p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
    for threshold in np.arange(0.3, 0.96, 0.01):
        kept = p >= threshold
        if kept.sum() >= 20 and labels[kept].mean() >= JOIN_PRECISION:
            return round(float(threshold), 3)
    return 0.9


def refusal_figures(questions: list[Asked], best: np.ndarray, threshold: float) -> dict[str, Any]:
    refused = best < threshold
    answerable = np.array([q.answerable for q in questions])
    found = refused & ~answerable
    return {
        "questions": len(questions),
        "refusal_recall": round(float(found.sum() / max(1, (~answerable).sum())), 3),
        "refusal_precision": round(float(found.sum() / max(1, refused.sum())), 3),
        "answerable_wrongly_refused": round(float((refused & answerable).sum()
                                                  / max(1, answerable.sum())), 3),
    }


def fit(questions: list[Asked]) -> tuple[np.ndarray, float, float]:
    features = np.concatenate([q.features for q in questions if len(q.features)])
    labels = np.concatenate([q.labels for q in questions if len(q.features)])
    sample_weight = np.concatenate([np.full(len(q.features), q.weight) for q in questions
                                    if len(q.features)])
    weights, bias = fit_logistic(features, labels, sample_weight)
    return weights, bias, choose_threshold(questions, best_scores(questions, weights, bias))


def main() -> None:
    from newsrag.evals import squad2
    from rag.answerability import MODEL_FILE
    from newsrag.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the model fitted on FIT")
    args = parser.parse_args()
    settings = Settings.from_env()

    squad = squad_questions(settings)
    seeds = seed_questions(settings, ROOT / "evals" / "cases.yaml")
    paraphrase = seed_questions(settings, ROOT / "evals" / "paraphrase.yaml")
    dev = [q for q in paraphrase if q.group == "dev"]
    for q in seeds + dev:
        q.weight = SEED_WEIGHT
    fit_part = [q for q in squad if q.group in squad2.FIT] + seeds + dev
    print(f"fitting on {len(fit_part)} questions: SQuAD 2.0 FIT {squad2.FIT}, "
          f"{len(seeds)} of evals/cases.yaml and {len(dev)} of the paraphrase dev split")

    print("\nk-fold by article (fit on the rest, report on the one left out):")
    for held in squad2.FIT:
        weights, bias, threshold = fit([q for q in fit_part if q.group != held])
        rest = [q for q in fit_part if q.group == held]
        print(f"  {held:22s} threshold {threshold:.3f}  "
              f"{refusal_figures(rest, best_scores(rest, weights, bias), threshold)}")

    weights, bias, threshold = fit(fit_part)
    join = max(threshold, join_threshold(fit_part, weights, bias))
    print("\nfitted on all of FIT: " + ", ".join(
        f"{n} {w:+.2f}" for n, w in zip(FEATURES, weights)) + f", bias {bias:+.2f}")
    print(f"refuse below {threshold:.3f}, join above {join:.3f}")
    if args.write:
        MODEL_FILE.write_text(json.dumps({
            "fitted": date.today().isoformat(),
            "data": f"SQuAD 2.0 public half, articles {', '.join(squad2.FIT)}; evals/cases.yaml; "
                    f"evals/paraphrase.yaml dev split ({len(fit_part)} questions); "
                    "evals/calibrate.py",
            "weights": {n: round(float(w), 4) for n, w in zip(FEATURES, weights)},
            "bias": round(bias, 4),
            "refuse_below": round(threshold, 4),
            "join_above": round(join, 4),
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)}")

    print("\nrefusal by threshold (wrongly refused / unanswerable refused):")
    print(f"  {'threshold':>9s}  {'squad2 FIT':>11s}  {'cases.yaml':>11s}  {'para dev':>11s}  "
          f"{'squad2 HELD':>11s}  {'para HELD':>11s}")
    groups = [[q for q in squad if q.group in squad2.FIT], seeds, dev,
              [q for q in squad if q.group in squad2.HELDOUT],
              [q for q in paraphrase if q.group == "heldout"]]
    for t in (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2):
        cells = []
        for group in groups:
            f = refusal_figures(group, best_scores(group, weights, bias), t)
            cells.append(f"{f['answerable_wrongly_refused']:.2f} / {f['refusal_recall']:.2f}")
        print(f"  {t:9.2f}  " + "  ".join(f"{c:>11s}" for c in cells))

    print("\nheld out (nothing here was fitted on):")
    heldout = [q for q in squad if q.group in squad2.HELDOUT]
    _report("squad2 HELDOUT", heldout, weights, bias, threshold)
    _report("paraphrase heldout", [q for q in paraphrase if q.group == "heldout"], weights, bias,
            threshold)
    print("\nfitted on (not a result):")
    _report("squad2 FIT", [q for q in squad if q.group in squad2.FIT], weights, bias, threshold)
    _report("cases.yaml", seeds, weights, bias, threshold)
    _report("paraphrase dev", dev, weights, bias, threshold)


def _report(name: str, questions: list[Asked], weights: np.ndarray, bias: float,
            threshold: float) -> None:
    figures = refusal_figures(questions, best_scores(questions, weights, bias), threshold)
    print(f"  {name:20s} {figures}")



if __name__ == "__main__":
    main()
