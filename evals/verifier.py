"""The verifier suite: labelled (claim, cited passages) pairs through `rag.verify`.

evals/claims/seeds.yaml (over the seed articles) and evals/claims/squad2.yaml (over SQuAD 2.0
paragraphs) hold sentences written the way a capable model answers, each with the passage(s) it
cites and a label: `supported` (with `how` it words the passage: synonyms, reordered, glue,
header, combined, summary, yes_no) or the kind of error it makes (entity_swap, number_changed,
date_changed, negation, attribution, uncited_fact, invented). Each case is `dev` or `heldout` by
its position; the verifier's thresholds are fitted on dev (evals/calibrate_verify.py), and the
held-out figures are the headline and the gate.

Figures: false acceptance (unsupported claims the verifier keeps), per error kind; false
rejection (supported claims it removes), per way of wording; the reasons it gives.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import yaml

from newsrag.errors import RagError

EVALS = Path(__file__).resolve().parent
ROOT = EVALS.parent
CLAIMS = EVALS / "claims"
SPLITS = ("heldout", "dev")  # the headline first
ERROR_KINDS = ("entity_swap", "number_changed", "date_changed", "negation", "attribution",
               "uncited_fact", "invented")
LABELS = ("supported", *ERROR_KINDS)


@dataclass
class ClaimResult:
    id: str
    corpus: str
    split: str
    label: str
    how: str | None
    claim: str
    accepted: bool
    problems: list[str]
    words: float
    meaning: float

    @property
    def correct(self) -> bool:
        return self.accepted == (self.label == "supported")


def load(folder: Path = CLAIMS) -> list[dict[str, Any]]:
    """Every labelled claim, with the corpus it is over (the file's name)."""
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if case.get("label") not in LABELS or case.get("split") not in SPLITS:
                raise RagError(f"{path.name}: case {case.get('id')} has label "
                               f"{case.get('label')!r} and split {case.get('split')!r}")
            cases.append({**case, "corpus": path.stem})
    return cases


@lru_cache(maxsize=None)
def _seed(name: str) -> Any:
    """A seed article as ingest loads it (title, outlet and date from its metadata sidecar)."""
    from newsrag.index.load import load as load_article

    return load_article(ROOT / "seeds" / name)


def source_of(cited: dict[str, str]) -> Any:
    """A cited passage with its article's title, outlet and date. A seed's are those its ingested
    record has; a SQuAD paragraph's title is its Wikipedia article's, and its outlet Wikipedia,
    which the claims' writers could use as a header ("According to Wikipedia's article on the
    Normans, ..."; the squad2 answer suite ingests paragraphs without them)."""
    from newsrag.evals.squad2 import parse_doc_name
    from rag.verify import Source

    name = cited["source"]
    if (ROOT / "seeds" / name).is_file():
        seed = _seed(name)
        return Source(cited["text"], seed.title, seed.outlet, seed.date)
    title, _ = parse_doc_name(name)
    return Source(cited["text"], title.replace("_", " "), "Wikipedia")


def sentence_embedder() -> Any:
    """What the LLM path verifies sentences with (`rag.llm_answer`): the int8 encoder, made here
    if this machine has not made it yet."""
    from newsrag.index.embed import int8_embedder

    return int8_embedder()


def run(embedder: Any, cases: Sequence[dict[str, Any]] | None = None) -> list[ClaimResult]:
    from rag.verify import verify

    sentences = sentence_embedder()
    results = []
    for case in load() if cases is None else cases:
        passages = {n: source_of(c) for n, c in enumerate(case["cited"], 1)}
        markers = "".join(f"[{n}]" for n in passages)
        claim = verify(f"{case['claim']} {markers}", passages, embedder, sentences).claims
        accepted = bool(claim) and all(c.supported for c in claim)
        results.append(ClaimResult(
            case["id"], case["corpus"], case["split"], case["label"], case.get("how"),
            case["claim"], accepted, [p for c in claim for p in c.problems],
            round(min((c.words for c in claim), default=0.0), 3),
            round(min((c.meaning for c in claim), default=0.0), 3)))
    return results


def _rate(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def aggregate(results: Sequence[ClaimResult]) -> dict[str, float]:
    supported = [r for r in results if r.label == "supported"]
    unsupported = [r for r in results if r.label != "supported"]
    metrics: dict[str, float] = {
        "claims": len(results),
        "false_acceptance": _rate([r.accepted for r in unsupported]),
        "false_rejection": _rate([not r.accepted for r in supported]),
    }
    for kind in ERROR_KINDS:
        metrics[f"false_acceptance_{kind}"] = _rate([r.accepted for r in unsupported
                                                     if r.label == kind])
    return metrics


def by_how(results: Sequence[ClaimResult]) -> dict[str, float]:
    """False rejection per way a supported claim words its passage."""
    hows = sorted({r.how or "-" for r in results if r.label == "supported"})
    return {how: _rate([not r.accepted for r in results
                        if r.label == "supported" and (r.how or "-") == how]) for how in hows}


def latency_ms(embedder: Any, cases: Sequence[dict[str, Any]], rounds: int = 20) -> dict[str, float]:
    """Warm time to verify a 4-sentence answer citing 4 passages (claims of the suite, grouped by
    four), median and 95th percentile over `rounds` answers."""
    from rag.verify import verify

    times = []
    sentences = sentence_embedder()
    groups = [cases[i : i + 4] for i in range(0, len(cases) - 3, 4)][:rounds]
    for warm in (True, False):
        for group in groups:
            passages = {n: source_of(c["cited"][0]) for n, c in enumerate(group, 1)}
            text = " ".join(f"{c['claim']} [{n}]" for n, c in enumerate(group, 1))
            start = time.perf_counter()
            verify(text, passages, embedder, sentences)
            if not warm:
                times.append((time.perf_counter() - start) * 1000)
    ordered = sorted(times)
    return {"p50": round(statistics.median(ordered), 1),
            "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 1)} if ordered else {}


def report(results: Sequence[ClaimResult]) -> dict[str, Any]:
    columns = {split: aggregate([r for r in results if r.split == split]) for split in SPLITS}
    return {"columns": columns,
            "by_how": {split: by_how([r for r in results if r.split == split])
                       for split in SPLITS},
            "by_corpus": {corpus: aggregate([r for r in results
                                             if r.corpus == corpus and r.split == "heldout"])
                          for corpus in sorted({r.corpus for r in results
                                                if r.split == "heldout"})},
            "cases": [{**asdict(r), "correct": r.correct} for r in results]}
