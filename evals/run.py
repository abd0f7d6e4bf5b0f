"""Run the eval suites: every case through the public `answer()`, scored, gated and reported.

    rag eval [--suite seeds|paraphrase|squad2|verify|timeline|all] [--full] [--json] [--out DIR]
             [--update-baseline] [--answerer auto|offline|llm]

Five suites, each gated by its own section of evals/thresholds.yaml:

- `seeds`: the hand-written cases of evals/cases.yaml over the seed articles. The seeds are
  ingested into their own index under $RAG_HOME/eval-index-seeds (so a user's other articles cannot
  change the figures); the syndication cases use a second index that also holds evals/syndicated/.
  Each case is answered with hybrid retrieval, and, as baselines in the same run, with dense-only
  and BM25-only retrieval. Per-case results are compared with evals/baseline.json.
- `paraphrase`: evals/paraphrase.yaml, cases of the same schema asked in words the articles do not
  use, on the same corpora, hybrid only. Each case has `split: dev|heldout`: the dev cases may be
  looked at while improving the answerer, the held-out ones are the headline and the gate.
- `squad2`: SQuAD 2.0 questions over Wikipedia paragraphs (evals/squad2.py), held-out articles the
  headline and the gate, FIT articles reported beside them.
- `verify`: the citation verifier (rag/verify.py) on the labelled claims of evals/claims/
  (evals/verifier.py): how often it keeps a wrong sentence, per kind of error, and removes a
  right one; the held-out split the headline and the gate.
- `timeline`: `rag.timelines` of the seeds against the hand-written timeline of
  evals/timeline.yaml (evals/timeline.py): events found, on the right day, in the right order.

A suite's figures come in labelled columns (`SuiteResult.columns`), the gated one first; `rag eval`
prints each suite, then one table of comparable rows across all suites, and writes report.json
(a section per suite) and report.md.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml

from newsrag.evals import scoring
from newsrag.errors import RagError
from rag.cite import long_date
from rag.pipeline import Answerer
from rag.retrieve import Mode

EVALS = Path(__file__).resolve().parent
ROOT = EVALS.parent
MODES: tuple[Mode, ...] = ("hybrid", "dense", "lexical")
SUITES = ("seeds", "paraphrase", "squad2", "verify", "timeline")
PARAPHRASE = EVALS / "paraphrase.yaml"
# Questions typed as people type them into a chat box (contractions, lower case, fragments), by a
# writer who saw neither the answerer nor the other suites: reported beside the paraphrase splits.
TYPED = EVALS / "typed.yaml"
# Questions over news of other kinds (football, courts, earnings, a wildfire...; evals/genres/), by
# a writer who saw neither: what the answerer does on news it was not built on.
GENRES = EVALS / "genres.yaml"
PARAPHRASE_SPLITS = ("heldout", "dev", "typed", "genres-heldout", "genres-dev")  # headline first


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
    direct: str | None = None  # the answer's direct phrase (`Answer.direct`), when it gives one
    direct_has_fact: bool | None = None  # it contains a form of one of the case's facts


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
    direct = getattr(result, "direct", None) if not result.refused else None
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
        direct=direct, direct_has_fact=None if direct is None or not answerable else any(
            scoring.contains(direct, f) for forms in facts for f in forms),
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
        # Direct answers (a short phrase before the quotes): how often the answerable cases get
        # one, and how many of those contain one of the case's facts.
        "direct_rate": _mean([float(r.direct is not None) for r in answerable]),
        "direct_contains_fact": _mean(_checked(results, "direct_has_fact")),
        # An unanswerable question given a direct answer: a phrase stated as the answer where
        # the articles give none.
        "unanswerable_direct": _mean([float(r.direct is not None) for r in unanswerable]),
        "latency_p50_ms": scoring.percentile(latencies, 0.5),
        "latency_p95_ms": scoring.percentile(latencies, 0.95),
    }
    # The single-mode baselines, when the run measured them (the seeds suite does).
    for mode in [m for m in MODES[1:] if answerable and all(m in r.baselines for r in answerable)]:
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


# Corpora the cases run on: the seeds, the seeds beside syndicated copies of two of them
# (evals/syndicated/: constructed republications, see its README), and news of other kinds.
CORPORA = {"seeds": [ROOT / "seeds"],
           "syndicated": [ROOT / "seeds", *sorted((EVALS / "syndicated").glob("*.txt"))],
           "genres": [EVALS / "genres"]}


def ingest_corpora(settings: Any) -> dict[str, Any]:
    """Each corpus in its own index under settings.home; their settings by corpus name. A corpus
    already ingested (an earlier suite of the same run) is left as it is."""
    from newsrag.index import ingest

    corpora = {}
    for name, paths in CORPORA.items():
        corpora[name] = settings.with_(home=settings.home / f"eval-index-{name}")
        ingest(paths, settings=corpora[name], progress=False)
    return corpora


def run(settings: Any, answerer: Answerer = "auto", cases: list[dict[str, Any]] | None = None,
        modes: Sequence[Mode] = MODES) -> list[CaseResult]:
    """Answer every case (by default evals/cases.yaml) with each retrieval mode and score it; the
    first mode's results are returned, the others kept as their `baselines`."""
    from rag.conversation import resolve_follow_up
    from rag.pipeline import answer, engine

    corpora = ingest_corpora(settings)
    results = []
    for case in load_cases() if cases is None else cases:
        corpus = case.get("corpus", "seeds")
        if corpus not in corpora:
            raise RagError(f"case {case['id']}: no corpus {corpus!r} (use one of "
                           f"{', '.join(corpora)})")
        case_settings = corpora[corpus]
        eng = engine(case_settings)
        k = case_settings.top_k
        history = [(t["question"], t.get("answer", "")) for t in case.get("history") or []]
        query = resolve_follow_up(case["question"], history)
        per_mode: dict[str, CaseResult] = {}
        for mode in modes:
            ranked = list(dict.fromkeys(p.doc_id for p in eng.passages(query, k, mode)[0]))
            start = time.perf_counter()
            result = answer(case["question"], history=history, mode=mode,
                            answerer=answerer, settings=case_settings)
            latency = (time.perf_counter() - start) * 1000
            per_mode[mode] = score_case(case, result, ranked, k, latency)
        main = per_mode[modes[0]]
        main.baselines = {m: {"reciprocal_rank": per_mode[m].reciprocal_rank,
                              "fact_recall": per_mode[m].fact_recall,
                              "passed": float(per_mode[m].passed)} for m in modes[1:]}
        results.append(main)
    return results


def changed_cases(results: list[CaseResult], baseline_path: Path) -> list[dict[str, Any]]:
    if not baseline_path.exists():
        return []
    before = json.loads(baseline_path.read_text(encoding="utf-8"))
    return [{"id": r.id, "was": before[r.id], "now": r.passed}
            for r in results if r.id in before and before[r.id] != r.passed]


# ---------------------------------------------------------------------------------- suites ----


@dataclass
class SuiteResult:
    """One suite's outcome. `columns` are its labelled figures, the gated (headline) set first:
    {"seeds": ...}, {"heldout": ..., "dev": ...}, {"heldout": ..., "fit": ...}."""

    name: str
    columns: dict[str, dict[str, float]] = field(default_factory=dict)
    section: dict[str, Any] = field(default_factory=dict)  # its part of report.json
    notes: list[str] = field(default_factory=list)  # extra lines for the terminal and report.md
    skipped: str | None = None  # why the suite did not run
    results: list[Any] = field(default_factory=list)  # per-case results (CaseResult, Scored)

    @property
    def headline(self) -> dict[str, float]:
        return next(iter(self.columns.values()), {})


def seeds_suite(settings: Any, answerer: Answerer = "auto") -> SuiteResult:
    results = run(settings, answerer=answerer)
    metrics = aggregate(results)
    kinds = by_kind(results)
    changed = changed_cases(results, EVALS / "baseline.json")
    notes = ["by kind: " + ", ".join(f"{k} {v['passed']:.0%}" for k, v in kinds.items())]
    notes += [f"changed: {c['id']} {'passed' if c['was'] else 'failed'} -> "
              f"{'passed' if c['now'] else 'failed'}" for c in changed]
    section = {"metrics": metrics, "by_kind": kinds, "changed": changed,
               "cases": [asdict(r) for r in results]}
    return SuiteResult("seeds", {"seeds": metrics}, section, notes, results=results)


def load_paraphrase(path: Path = PARAPHRASE) -> list[dict[str, Any]]:
    """The paraphrase cases; each must say which split it belongs to."""
    cases = load_cases(path) or []
    for case in cases:
        if case.get("split") not in PARAPHRASE_SPLITS:
            raise RagError(f"{path.name}: case {case.get('id')} has split {case.get('split')!r} "
                           f"(use {' or '.join(PARAPHRASE_SPLITS)})")
    return cases


def paraphrase_suite(settings: Any, answerer: Answerer = "auto",
                     path: Path = PARAPHRASE) -> SuiteResult:
    """The seeds scorer over the paraphrased cases, hybrid retrieval only, per split."""
    if not path.exists():
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        return SuiteResult("paraphrase", skipped=f"{shown} does not exist yet")
    cases = load_paraphrase(path) + [case for extra in (TYPED, GENRES) if extra.exists()
                                     for case in load_paraphrase(extra)]
    split_of = {c["id"]: c["split"] for c in cases}
    results = run(settings, answerer=answerer, cases=cases, modes=("hybrid",))
    columns = {split: _asked(aggregate([r for r in results if split_of[r.id] == split]),
                             [c for c in cases if c["split"] == split])
               for split in PARAPHRASE_SPLITS}
    kinds = {split: by_kind([r for r in results if split_of[r.id] == split])
             for split in PARAPHRASE_SPLITS}
    notes = [f"{split} by kind: " + ", ".join(f"{k} {v['passed']:.0%}" for k, v in ks.items())
             for split, ks in kinds.items() if ks]
    section = {**columns, "by_kind": kinds,
               "cases": [{**asdict(r), "split": split_of[r.id]} for r in results]}
    return SuiteResult("paraphrase", columns, section, notes, results=results)


def verify_suite() -> SuiteResult:
    """The verifier over the labelled claims of evals/claims/ (no index, no answerer)."""
    from newsrag.evals import verifier
    from newsrag.index.embed import query_embedder

    embedder = query_embedder()
    results = verifier.run(embedder)
    report = verifier.report(results)
    timing = verifier.latency_ms(embedder, verifier.load())
    notes = [f"held-out {corpus}: false acceptance {m['false_acceptance']}, false rejection "
             f"{m['false_rejection']} ({int(m['claims'])} claims)"
             for corpus, m in report["by_corpus"].items()]
    notes += [f"{split} false rejection by way of wording: " + ", ".join(
        f"{how} {rate}" for how, rate in hows.items()) for split, hows in report["by_how"].items()]
    notes.append(f"verifying a 4-sentence answer, warm: p50 {timing['p50']} ms, "
                 f"p95 {timing['p95']} ms")
    return SuiteResult("verify", report["columns"], {**report, "latency_ms": timing}, notes,
                       results=results)


def squad2_suite(settings: Any, answerer: Answerer = "auto", full: bool = False) -> SuiteResult:
    from newsrag.evals import squad2

    outcome = squad2.run(settings, answerer=answerer, full=full)
    columns = outcome.splits()
    notes = [f"{'every question' if full else 'sample'}: "
             f"{columns['heldout']['questions']} held-out and {columns['fit']['questions']} FIT "
             "questions (FIT: the articles anything may be fitted on)"]
    notes += [f"{title}: contains gold {m['contains_gold']:.2f}, cites gold {m['cites_gold']:.2f}, "
              f"wrongly refused {m['wrongly_refused']:.2f}, unanswerable refused {m['refused']:.2f}"
              f" ({m['questions']} questions, {squad2.split_of(title)})"
              for title, m in outcome.by_article().items() if m["questions"]]
    if outcome.dropped_questions:
        notes.append(f"{outcome.dropped_questions} questions left out: their paragraphs are not "
                     f"in the index ({', '.join(sorted(outcome.dropped))})")
    return SuiteResult("squad2", columns, outcome.to_dict(), notes, results=outcome.results)


def timeline_suite(settings: Any) -> SuiteResult:
    """`rag.timelines` on the seeds against evals/timeline.yaml (evals/timeline.py)."""
    from newsrag.evals import timeline

    seeds = ingest_corpora(settings)["seeds"]
    outcome = timeline.run(seeds)
    metrics = outcome["metrics"]
    notes = [f"{metrics['lines']} lines for {metrics['events']} hand-written events"]
    if outcome["missed"]:
        notes.append("not found: " + ", ".join(outcome["missed"]))
    if outcome["wrong_day"]:
        notes.append("found on another day: " + ", ".join(outcome["wrong_day"]))
    return SuiteResult("timeline", {"seeds": metrics}, outcome, notes)


# The news-aware metrics and the case field that asks for each.
NEWS_CHECKS = {"conflicts_reported": "conflict", "dates_told_apart": "dates",
               "one_citation_per_story": "stories"}


def _asked(metrics: dict[str, float], cases: list[dict[str, Any]]) -> dict[str, float]:
    """The metrics without the news-aware checks that no case asks for (they would read 0.0)."""
    return {name: value for name, value in metrics.items()
            if name not in NEWS_CHECKS or any(NEWS_CHECKS[name] in c for c in cases)}


def run_suites(names: Sequence[str], settings: Any, answerer: Answerer = "auto",
               full: bool = False) -> list[SuiteResult]:
    """Run the named suites in order (`all`: every suite)."""
    runners: dict[str, Callable[[], SuiteResult]] = {
        "seeds": lambda: seeds_suite(settings, answerer),
        "paraphrase": lambda: paraphrase_suite(settings, answerer),
        "squad2": lambda: squad2_suite(settings, answerer, full),
        "verify": verify_suite,
        "timeline": lambda: timeline_suite(settings),
    }
    chosen = SUITES if "all" in names else names
    return [runners[name]() for name in chosen]


Bounds = dict[str, dict[str, float]]  # metric -> {"min": x} or {"max": x}


def load_thresholds(path: Path = EVALS / "thresholds.yaml") -> dict[str, Bounds]:
    """The bounds of each suite (`seeds:`, `paraphrase:`, `squad2:`, `verify:` sections)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = sorted(set(data) - set(SUITES))
    if unknown:
        raise RagError(f"{path.name}: unknown suite {unknown[0]!r} (sections are "
                       f"{', '.join(SUITES)})")
    return {name: data.get(name) or {} for name in SUITES}


def gate_suites(suites: Sequence[SuiteResult], thresholds: dict[str, Bounds]) -> list[str]:
    """The bounds each suite's headline figures miss, one line each, prefixed by the suite.
    Skipped suites are not gated."""
    return [f"{suite.name}: {failure}" for suite in suites if not suite.skipped
            for failure in gate(suite.headline, thresholds.get(suite.name, {}))]


def bound_note(bound: dict[str, float]) -> str:
    return (f"(min {bound['min']})" if "min" in bound
            else f"(max {bound['max']})" if "max" in bound else "")


def suite_lines(suite: SuiteResult, bounds: Bounds) -> list[str]:
    """A suite's figures for the terminal: one line per metric, a column per label, the bound of
    the gated (first) column at the end. The seeds suite prints as it always has."""
    if suite.skipped:
        return [f"{suite.name}: skipped - {suite.skipped}"]
    names = list(dict.fromkeys(n for figures in suite.columns.values() for n in figures))
    width = max(len(n) for n in names)
    if suite.name == "seeds":
        lines = [f"{n:<{width}}  {v}{'  ' + bound_note(bounds[n]) if n in bounds else ''}"
                 for n, v in suite.headline.items()]
        return [*lines, "", *suite.notes]
    labels = list(suite.columns)
    lines = [f"{suite.name}: " + ", ".join(labels) + f" (gated: {labels[0]})",
             f"{'':<{width}}  " + "  ".join(f"{label:>10}" for label in labels)]
    lines += [f"{n:<{width}}  " + "  ".join(f"{_cell(suite.columns[label].get(n)):>10}"
                                           for label in labels)
              + (f"  {bound_note(bounds[n])}" if n in bounds else "") for n in names]
    return [*lines, "", *suite.notes]


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() and value > 1 else f"{value}"


# Rows of the table across suites: a label and, per suite, the metric that measures it. The
# suites' metrics are not all alike; a row lists only suites where the measure is the same idea.
SUMMARY_ROWS: list[tuple[str, dict[str, str]]] = [
    ("questions", {"seeds": "cases", "paraphrase": "cases", "squad2": "questions"}),
    ("claims verified", {"verify": "claims"}),
    ("wrong claims kept (false acceptance)", {"verify": "false_acceptance"}),
    ("right claims removed (false rejection)", {"verify": "false_rejection"}),
    ("cases passed", {"seeds": "passed", "paraphrase": "passed"}),
    ("answer has the fact / a gold answer", {"seeds": "fact_recall", "paraphrase": "fact_recall",
                                            "squad2": "contains_gold"}),
    ("cites the gold paragraph", {"squad2": "cites_gold"}),
    ("first citation is the gold paragraph", {"squad2": "first_cites_gold"}),
    ("citation precision", {"seeds": "citation_precision", "paraphrase": "citation_precision"}),
    ("retrieval MRR", {"seeds": "retrieval_mrr", "paraphrase": "retrieval_mrr"}),
    ("answerable wrongly refused", {"seeds": "answerable_wrongly_refused",
                                    "paraphrase": "answerable_wrongly_refused",
                                    "squad2": "wrongly_refused"}),
    ("unanswerable refused", {"seeds": "refusal_recall", "paraphrase": "refusal_recall",
                              "squad2": "refused"}),
    ("refusal precision", {"seeds": "refusal_precision", "paraphrase": "refusal_precision",
                           "squad2": "refusal_precision"}),
    ("direct answer given", {"seeds": "direct_rate", "paraphrase": "direct_rate",
                             "squad2": "direct_rate"}),
    ("direct answer contains gold", {"seeds": "direct_contains_fact",
                                     "paraphrase": "direct_contains_fact",
                                     "squad2": "direct_contains_gold"}),
    ("unanswerable given a direct answer", {"seeds": "unanswerable_direct",
                                            "paraphrase": "unanswerable_direct",
                                            "squad2": "unanswerable_direct"}),
    ("latency p50 ms", {"seeds": "latency_p50_ms", "paraphrase": "latency_p50_ms",
                        "squad2": "latency_p50_ms"}),
    ("timeline events found", {"timeline": "events_found"}),
    ("timeline events on the right day", {"timeline": "dates_right"}),
    ("timeline pairs in order", {"timeline": "order_right"}),
]


def summary(suites: Sequence[SuiteResult]) -> tuple[list[str], list[list[str]]]:
    """The table across suites: its column headers and rows (metric rows x suite columns)."""
    columns = [(s.name, label) for s in suites if not s.skipped for label in s.columns]
    header = ["metric", *[name if name == label else f"{name} {label}" for name, label in columns]]
    by_name = {s.name: s for s in suites}
    rows = [[label, *[_cell(by_name[name].columns[col].get(metrics[name]))
                      if name in metrics else "-" for name, col in columns]]
            for label, metrics in SUMMARY_ROWS]
    return header, rows


def summary_lines(suites: Sequence[SuiteResult]) -> list[str]:
    header, rows = summary(suites)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                      for i, (cell, w) in enumerate(zip(row, widths))) for row in [header, *rows]]


def write_reports(out: Path, suites: Sequence[SuiteResult], failures: list[str]) -> None:
    """report.json (a section per suite, and every missed bound), report.md, and the seeds'
    by_kind.png."""
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        s.name: {"skipped": s.skipped} if s.skipped else
        {**s.section, "failures": [f for f in failures if f.startswith(f"{s.name}: ")]}
        for s in suites}
    report["failures"] = failures
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    header, rows = summary(suites)
    lines = ["# Eval report", "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += [f"\nSkipped: {s.name} ({s.skipped})." for s in suites if s.skipped]
    lines += ["", "## Thresholds", ""]
    lines += [f"- MISSED: {f}" for f in failures] or ["- all met"]
    for suite in suites:
        if suite.skipped:
            continue
        if suite.name == "seeds":
            lines += _seeds_markdown(out, suite)
        else:
            lines += ["", f"## {suite.name}", "", *[f"- {n}" for n in suite.notes], "",
                      "| metric | " + " | ".join(suite.columns) + " |",
                      "|---|" + "---|" * len(suite.columns)]
            names = dict.fromkeys(n for figures in suite.columns.values() for n in figures)
            lines += [f"| {n} | " + " | ".join(_cell(f.get(n)) for f in suite.columns.values())
                      + " |" for n in names]
            lines += _failed_markdown(suite)
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _seeds_markdown(out: Path, suite: SuiteResult) -> list[str]:
    metrics, kinds = suite.section["metrics"], suite.section["by_kind"]
    changed: list[dict[str, Any]] = suite.section["changed"]
    _plot(out / "by_kind.png", kinds)
    lines = ["", "## seeds", "", f"{metrics['cases']} cases, {metrics['passed']:.1%} passed.", "",
             "| metric | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in metrics.items()]
    lines += ["", "### By kind", "", "![metrics by kind](by_kind.png)", "",
              "| kind | cases | passed | fact recall | retrieval hit |", "|---|---|---|---|---|"]
    lines += [f"| {k} | {v['cases']} | {v['passed']} | {v['fact_recall']} | {v['retrieval_hit']} |"
              for k, v in kinds.items()]
    lines += ["", "### Changed against the baseline", ""]
    lines += [f"- {c['id']}: {'passed' if c['was'] else 'failed'} → "
              f"{'passed' if c['now'] else 'failed'}" for c in changed] or ["- none"]
    return lines + _failed_markdown(suite)


def _failed_markdown(suite: SuiteResult) -> list[str]:
    """The cases a suite got wrong (for squad2, the first 40: the rest are in report.json)."""
    if suite.name == "squad2":
        wrong = [r for r in suite.results
                 if (r.answerable and not r.contains_gold) or (not r.answerable and not r.refused)]
        items = [f"- `{r.id}` ({r.title}, {'answerable' if r.answerable else 'unanswerable'}): "
                 f"{r.question} → {r.answer[:160]}" for r in wrong[:40]]
        return ["", f"### Wrong ({len(wrong)} questions; the first 40)", "",
                *(items or ["- none"])]
    if suite.name == "verify":
        # Only dev's: the held-out cases are what is reported, not what is looked at while
        # changing the verifier (every case is in report.json).
        wrong = [r for r in suite.results if r.split == "dev" and not r.correct]
        items = [f"- `{r.id}` ({r.label}): {r.claim} → "
                 f"{'kept' if r.accepted else 'removed: ' + '; '.join(r.problems)}" for r in wrong]
        return ["", f"### Wrong on dev ({len(wrong)} claims)", "", *(items or ["- none"])]
    items = [f"- `{r.id}` ({r.kind}): {r.question} → {r.answer[:160]}"
             for r in suite.results if not r.passed]
    return ["", "### Failed cases", "", *(items or ["- none"])]


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
