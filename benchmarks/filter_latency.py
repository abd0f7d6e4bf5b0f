"""What date and outlet filters cost: warm retrieval and `answer()` latency with and without them.

A corpus generated from the seeds (benchmarks/corpus.py, about 10k chunks by default) gets a
`metadata.json` sidecar spreading its articles over 10 outlets and 100 days, and is ingested once
into benchmarks/.cache. Then each eval question is asked unfiltered and under filters admitting
about 10%, 7% and 1% of the articles, and the p50/p95 latencies are printed with their ratio to
the unfiltered run measured in the same process. Filters apply inside retrieval (a Chroma `where`
on the admitted documents, a BM25 mask), so their cost is what these ratios show.

    python benchmarks/filter_latency.py [--chunks 10000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CHUNKS_PER_ARTICLE, build  # noqa: E402
from benchmarks.scale import CACHE, RESULTS, machine, percentile  # noqa: E402

OUTLETS = [f"Outlet {n}" for n in range(10)]
FIRST_DAY = date(2021, 6, 1)
DAYS = 100


def corpus_with_metadata(articles: int) -> Path:
    """The generated corpus, each article given an outlet and a day (round robin, so every
    outlet and every day holds about the same share)."""
    folder = build(CACHE / f"filter-corpus-{articles}", articles)
    metadata = {f"gen_{i:06d}.txt": {"title": f"Bulletin {i}", "outlet": OUTLETS[i % len(OUTLETS)],
                                     "published": str(FIRST_DAY + timedelta(days=i % DAYS))}
                for i in range(articles)}
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return folder


def timed(calls: list, rounds: int) -> list[float]:  # type: ignore[type-arg]
    for call in calls:  # warm-up
        call()
    ms = []
    for _ in range(rounds):
        for call in calls:
            start = time.perf_counter()
            call()
            ms.append((time.perf_counter() - start) * 1000)
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    import yaml

    from newsrag.index import ingest
    from rag.filters import Filters
    from rag.pipeline import answer, engine
    from newsrag.settings import Settings

    articles = round(args.chunks / CHUNKS_PER_ARTICLE)
    corpus = corpus_with_metadata(articles)
    settings = Settings.from_env({"RAG_HOME": str(CACHE / f"filter-home-{articles}")})
    ingest([corpus], settings=settings, progress=True)  # unchanged articles are skipped
    questions = [c["question"] for c in yaml.safe_load(
        (ROOT / "evals" / "cases.yaml").read_text(encoding="utf-8"))]
    eng = engine(settings)
    filters = {
        "none": Filters(),
        "one outlet (10%)": Filters.of(outlets=OUTLETS[3]),
        "one week (7%)": Filters.of(FIRST_DAY + timedelta(days=40), FIRST_DAY + timedelta(days=46)),
        "one outlet, one month (3%)": Filters.of(FIRST_DAY, FIRST_DAY + timedelta(days=29),
                                                 OUTLETS[5]),
        "one day (1%)": Filters.of(FIRST_DAY + timedelta(days=70), FIRST_DAY + timedelta(days=70)),
    }
    print(machine())
    print(f"{len(eng.retriever.records):,} articles; {len(questions)} questions x {args.rounds} "
          f"rounds per row\n")
    header = ("| filter | articles | retrieve p50/p95 ms | answer p50/p95 ms "
              "| answer p50 vs unfiltered |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    rows = []
    base = None
    for name, f in filters.items():
        view = eng.within(f)
        retrieve = timed([lambda q=q: view.passages(q, settings.top_k) for q in questions],
                         args.rounds)
        answers = timed([lambda q=q: answer(q, settings=settings, since=f.since, until=f.until,
                                            outlets=f.outlets) for q in questions], args.rounds)
        row = {"filter": name, "articles": len(view.retriever.records),
               "retrieve_p50_ms": statistics.median(retrieve),
               "retrieve_p95_ms": percentile(retrieve, 0.95),
               "answer_p50_ms": statistics.median(answers),
               "answer_p95_ms": percentile(answers, 0.95)}
        base = base or row["answer_p50_ms"]
        row["ratio"] = row["answer_p50_ms"] / base
        rows.append(row)
        print(f"| {name} | {row['articles']:,} | {row['retrieve_p50_ms']:.1f} / "
              f"{row['retrieve_p95_ms']:.1f} | {row['answer_p50_ms']:.1f} / "
              f"{row['answer_p95_ms']:.1f} | {row['ratio']:.2f} |", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "filter_latency.json").write_text(
        json.dumps({"machine": machine(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
