"""Run the eval suite: every case through the public `answer()`, scored, gated and reported.

    rag eval [--json] [--out DIR] [--update-baseline] [--answerer auto|offline|llm]

The seeds are ingested into their own index under $RAG_HOME/eval-index-seeds (so a user's other
articles cannot change the figures); the syndication cases use a second index that also holds
evals/syndicated/. Each case is answered with hybrid retrieval, and, as
baselines in the same run, with dense-only and BM25-only retrieval. Aggregates are checked against
evals/thresholds.yaml; per-case results are compared with evals/baseline.json.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evals import scoring
from rag.pipeline import Answerer, long_date
from rag.retrieve import Mode

EVALS = Path(__file__).resolve().parent
ROOT = EVALS.parent
MODES: tuple[Mode, ...] = ("hybrid", "dense", "lexical")


@dataclass
class CaseResult:
    id: str
    kind: str
    question: str
    answer: str
    refused: bool
    passed: bool
    answerable: bool
    fact_recall: float
    token_f1: float
    citation_precision: float
    citation_recall: float
    hit: float
    reciprocal_rank: float
    latency_ms: float
    cited_sources: list[str]
    expected_sources: list[str]
    notice: str | None = None
    conflicts: list[str] = field(default_factory=list)  # the answer's conflict summaries
    # News-aware checks, None where the case does not ask for them (see news_checks).
    conflict_found: bool | None = None
    dates_told_apart: bool | None = None
    one_per_story: bool | None = None
    baselines: dict[str, dict[str, float]] = field(default_factory=dict)


def load_cases(path: Path = EVALS / "cases.yaml") -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score_case(case: dict[str, Any], result: Any, ranked_docs: list[str], k: int,
               latency_ms: float) -> CaseResult:
    """Score one answer (an `rag.Answer`) against its case."""
    from rag.verify import split_claims

    facts = case.get("facts") or []
    sources = case.get("sources") or []
    answerable = bool(sources)
    citations = [(c.source, c.text) for c in result.citations]
    supporting = {
        c.number for c in result.citations
        if c.source in sources and any(scoring.contains(c.text, f) for fs in facts for f in fs)
    }
    statements = [c.cited for c in split_claims(result.text)] if not result.refused else []
    fact_recall = scoring.fact_recall(result.text, facts) if not result.refused else 0.0
    precision = scoring.citation_precision(citations, sources, facts)
    checks = news_checks(case, result)
    if answerable:
        passed = not result.refused and fact_recall == 1.0 and bool(supporting)
    else:
        passed = result.refused
    passed = passed and all(v is not False for v in checks.values())
    return CaseResult(
        id=case["id"], kind=case["kind"], question=case["question"], answer=result.text,
        refused=result.refused, passed=passed, answerable=answerable,
        fact_recall=fact_recall if answerable else 0.0,
        token_f1=scoring.token_f1(result.text, " ".join(case.get("evidence") or [])),
        citation_precision=precision,
        citation_recall=scoring.citation_recall(statements, supporting),
        hit=scoring.hit(ranked_docs, sources, k), reciprocal_rank=scoring.reciprocal_rank(
            ranked_docs, sources), latency_ms=round(latency_ms, 1),
        cited_sources=sorted({c.source for c in result.citations}), expected_sources=sources,
        notice=result.notice, conflicts=[c.summary for c in result.conflicts],
        conflict_found=checks.get("conflict_found"),
        dates_told_apart=checks.get("dates_told_apart"), one_per_story=checks.get("one_per_story"),
    )


def news_checks(case: dict[str, Any], result: Any) -> dict[str, bool | None]:
    """The news-aware checks a case asks for.

    - `conflict: true`: the answer reports a conflict whose two sides are both cited from the
      case's sources.
    - `dates: [ISO, ...]`: every date is among the cited articles' dates and the answer names
      that day ("As of 9 August 1998: ..."), so reports of different moments are told apart.
    - `stories: [[doc ids], ...]` (groups of syndicated copies): the answer cites at most one
      article of each group, lists the group's other articles as its copies, and counts
      `outlets` independent outlets when the case gives the number.
    """
    checks: dict[str, bool | None] = {}
    if "conflict" in case:
        sources = set(case.get("sources") or [])
        by_number = {c.number: c.source for c in result.citations}
        checks["conflict_found"] = any(
            all(by_number.get(n) in sources for n in conflict.citations)
            for conflict in result.conflicts
        ) == bool(case["conflict"])
    if "dates" in case:
        cited_dates = {c.date for c in result.citations}
        checks["dates_told_apart"] = not result.refused and all(
            str(iso) in cited_dates and (long_date(str(iso)) or str(iso)) in result.text
            for iso in case["dates"])
    if "stories" in case:
        ok = not result.refused
        for story in case["stories"]:
            cited = [c for c in result.citations if c.source in story]
            ok = ok and len({c.source for c in cited}) <= 1 and all(
                set(c.copies) == set(story) - {c.source} for c in cited)
        if "outlets" in case:
            ok = ok and len(result.outlets) == case["outlets"]
        checks["one_per_story"] = ok
    return checks


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 4) if values else 0.0


def aggregate(results: list[CaseResult]) -> dict[str, float]:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    answered = [r for r in answerable if not r.refused]
    refused = [r for r in results if r.refused]
    latencies = [r.latency_ms for r in results]
    metrics = {
        "cases": len(results),
        "passed": _mean([float(r.passed) for r in results]),
        "retrieval_hit": _mean([r.hit for r in answerable]),
        "retrieval_mrr": _mean([r.reciprocal_rank for r in answerable]),
        "fact_recall": _mean([r.fact_recall for r in answerable]),
        "token_f1": _mean([r.token_f1 for r in answerable]),
        "citation_precision": _mean([r.citation_precision for r in answered]),
        "citation_recall": _mean([r.citation_recall for r in answered]),
        "refusal_precision": round(sum(not r.answerable for r in refused) / len(refused), 4)
        if refused else 1.0,
        "refusal_recall": _mean([float(r.refused) for r in unanswerable]),
        "answerable_wrongly_refused": _mean([float(r.refused) for r in answerable]),
        "conflicts_reported": _mean(_checked(results, "conflict_found")),
        # Answers that report a disagreement where the case names none: a false alarm, or one the
        # ground truth missed (report.md lists them).
        "conflicts_unexpected": _mean([float(bool(r.conflicts)) for r in answered
                                       if r.conflict_found is None]),
        "dates_told_apart": _mean(_checked(results, "dates_told_apart")),
        "one_citation_per_story": _mean(_checked(results, "one_per_story")),
        "latency_p50_ms": scoring.percentile(latencies, 0.5),
        "latency_p95_ms": scoring.percentile(latencies, 0.95),
    }
    for mode in MODES[1:]:
        metrics[f"{mode}_only_retrieval_mrr"] = _mean(
            [r.baselines[mode]["reciprocal_rank"] for r in answerable])
        metrics[f"{mode}_only_fact_recall"] = _mean(
            [r.baselines[mode]["fact_recall"] for r in answerable])
    return metrics


def _checked(results: list[CaseResult], name: str) -> list[float]:
    return [float(v) for r in results if (v := getattr(r, name)) is not None]


def by_kind(results: list[CaseResult]) -> dict[str, dict[str, float]]:
    kinds: dict[str, list[CaseResult]] = {}
    for r in results:
        kinds.setdefault(r.kind, []).append(r)
    return {
        kind: {"cases": len(rs), "passed": _mean([float(r.passed) for r in rs]),
               "fact_recall": _mean([r.fact_recall for r in rs if r.answerable]),
               "retrieval_hit": _mean([r.hit for r in rs if r.answerable])}
        for kind, rs in sorted(kinds.items())
    }


def gate(metrics: dict[str, float], thresholds: dict[str, dict[str, float]]) -> list[str]:
    """The thresholds that the metrics miss, as readable lines."""
    failures = []
    for name, bound in thresholds.items():
        value = metrics.get(name)
        if value is None:
            failures.append(f"{name}: no such metric")
        elif "min" in bound and value < bound["min"]:
            failures.append(f"{name} = {value} is below its threshold {bound['min']}")
        elif "max" in bound and value > bound["max"]:
            failures.append(f"{name} = {value} is above its threshold {bound['max']}")
    return failures


# Corpora the cases run on: the seeds, and the seeds beside syndicated copies of two of them
# (evals/syndicated/: constructed republications, see its README).
CORPORA = {"seeds": [ROOT / "seeds"],
           "syndicated": [ROOT / "seeds", *sorted((EVALS / "syndicated").glob("*.txt"))]}


def run(settings: Any, answerer: Answerer = "auto") -> list[CaseResult]:
    """Answer every case with each retrieval mode and score it."""
    from index import ingest
    from rag.pipeline import answer, engine, resolve_follow_up

    corpora = {}
    for name, paths in CORPORA.items():
        corpora[name] = settings.with_(home=settings.home / f"eval-index-{name}")
        ingest(paths, settings=corpora[name], progress=False)
    results = []
    for case in load_cases():
        case_settings = corpora[case.get("corpus", "seeds")]
        eng = engine(case_settings)
        k = case_settings.top_k
        history = [(t["question"], t.get("answer", "")) for t in case.get("history") or []]
        query = resolve_follow_up(case["question"], history)
        per_mode: dict[str, CaseResult] = {}
        for mode in MODES:
            ranked = list(dict.fromkeys(p.doc_id for p in eng.passages(query, k, mode)[0]))
            start = time.perf_counter()
            result = answer(case["question"], history=history, mode=mode,
                            answerer=answerer, settings=case_settings)
            latency = (time.perf_counter() - start) * 1000
            per_mode[mode] = score_case(case, result, ranked, k, latency)
        main = per_mode["hybrid"]
        main.baselines = {m: {"reciprocal_rank": per_mode[m].reciprocal_rank,
                              "fact_recall": per_mode[m].fact_recall,
                              "passed": float(per_mode[m].passed)} for m in MODES[1:]}
        results.append(main)
    return results


def changed_cases(results: list[CaseResult], baseline_path: Path) -> list[dict[str, Any]]:
    if not baseline_path.exists():
        return []
    before = json.loads(baseline_path.read_text(encoding="utf-8"))
    return [{"id": r.id, "was": before[r.id], "now": r.passed}
            for r in results if r.id in before and before[r.id] != r.passed]


def write_reports(out: Path, metrics: dict[str, float], kinds: dict[str, dict[str, float]],
                  results: list[CaseResult], changed: list[dict[str, Any]],
                  failures: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    report = {"metrics": metrics, "by_kind": kinds, "changed": changed, "failures": failures,
              "cases": [asdict(r) for r in results]}
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _plot(out / "by_kind.png", kinds)
    lines = ["# Eval report", "", f"{metrics['cases']} cases, {metrics['passed']:.1%} passed.", "",
             "| metric | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in metrics.items()]
    lines += ["", "## By kind", "", "![metrics by kind](by_kind.png)", "",
              "| kind | cases | passed | fact recall | retrieval hit |", "|---|---|---|---|---|"]
    lines += [f"| {k} | {v['cases']} | {v['passed']} | {v['fact_recall']} | {v['retrieval_hit']} |"
              for k, v in kinds.items()]
    lines += ["", "## Changed against the baseline", ""]
    lines += [f"- {c['id']}: {'passed' if c['was'] else 'failed'} → "
              f"{'passed' if c['now'] else 'failed'}" for c in changed] or ["- none"]
    lines += ["", "## Thresholds", ""]
    lines += [f"- MISSED: {f}" for f in failures] or ["- all met"]
    lines += ["", "## Failed cases", ""]
    lines += [f"- `{r.id}` ({r.kind}): {r.question} → {r.answer[:160]}"
              for r in results if not r.passed] or ["- none"]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _plot(path: Path, kinds: dict[str, dict[str, float]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(kinds)
    series = ("passed", "fact_recall", "retrieval_hit")
    fig, ax = plt.subplots(figsize=(9, 3.6))
    width = 0.27
    for i, metric in enumerate(series):
        ax.bar([x + (i - 1) * width for x in range(len(names))],
               [kinds[n][metric] for n in names], width, label=metric.replace("_", " "))
    ax.set_xticks(range(len(names)), names, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title("Eval metrics by case kind")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
