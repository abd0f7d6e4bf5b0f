"""How likely a quoted window answers the question: one small logistic model over several signals.

One score cannot both keep good answers and refuse near misses: a sentence about another year's
prize shares the question's words and meaning, and a paraphrased question shares few words with its
answer. So each candidate window is described by several signals, and a logistic model weighs them:

- meaning: cosine of the question and the window's lead sentence (MiniLM);
- words: the IDF-weighted share of the question's content words in the window;
- focus: the share of the question's names, numbers and years that the window names (a year may
  be the article's own);
- fit: whether the window holds a phrase of the kind the question wants (a place for "which
  city", a figure for "how many"), 0.5 when the kind has no phrase (why, how, yes/no);
- heading: it has no closing punctuation (a headline echoes words without the detail);
- window: it is two sentences (a sentence and the neighbour that names its subject or speaker);
- figures: it names every year and number the question does (a year may be its article's); a
  window that does not is never likely to answer, whatever the other signals say.

The weights and the refusal threshold are fitted by `evals/calibrate.py` on the SQuAD 2.0 articles
in `evals.squad2.FIT`, `evals/cases.yaml` and the paraphrase suite's dev split (never on the
held-out SQuAD articles or paraphrase questions) and stored in `answerability.json` beside this
module, with the date and the data they came from. It ships with the package (pyproject.toml's
package data).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FEATURES = ("meaning", "words", "focus", "fit", "heading", "window", "figures")
MODEL_FILE = Path(__file__).with_name("answerability.json")


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]  # one per feature in FEATURES
    bias: float
    refuse_below: float  # the best window's probability under which the answer is a refusal
    join_above: float  # further windows join the answer when this likely to answer

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, values))
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        # A rule, not a weight: the fitting data has few questions about a year or a count, but a
        # question about 2022, or the ninth city, is never answered by a 2021 report or the third.
        # (Until 2026-12-04 such a window was ten times less likely rather than never: on the
        # SQuAD FIT articles "never" refuses 7 more unanswerable questions, "the Scotland Act of
        # 1988" asked of the 1978 act, and no answerable one.)
        return p if values[FEATURES.index("figures")] else 0.0


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return Model(tuple(float(data["weights"][name]) for name in FEATURES), float(data["bias"]),
                 float(data["refuse_below"]), float(data["join_above"]))
