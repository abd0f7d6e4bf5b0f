"""Warm `answer()` latency (offline answerer), p50/p95, on the seeds and on a ~10k-chunk corpus.

For each corpus: ingest it into its own RAG_HOME (kept under benchmarks/.cache, so a rerun reuses
it), answer every eval question once to warm up, then time `answer()` and retrieval alone over
`--rounds` passes of the eval questions. Goal: answer() p50 <= 50 ms at 10k chunks.

    python benchmarks/answer_latency.py [--chunks 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"


def measure(label: str, paths: list[Path], home: Path, questions: list[str], rounds: int) -> dict:
    from benchmarks.scale import latencies
    from newsrag.index import ingest
    from rag.pipeline import engine
    from newsrag.settings import Settings

    settings = Settings.from_env({"RAG_HOME": str(home)})
    ingest(paths, settings=settings, progress=True)
    records = engine(settings).retriever.records
    row = {"corpus": label, "documents": len(records),
           "chunks": sum(r.chunks for r in records.values()),
           **{k: round(v, 1) for k, v in latencies(home, questions, rounds).items()}}
    print(f"{label:<10} {row['documents']:>6} docs {row['chunks']:>7} chunks   answer p50 "
          f"{row['answer_p50_ms']:>6} ms  p95 {row['answer_p95_ms']:>6} ms   (sentences not read "
          f"before: p50 {row['unread_answer_p50_ms']:>6} ms  p95 {row['unread_answer_p95_ms']:>6} ms)"
          f"   retrieve p50 "
          f"{row['retrieve_p50_ms']:>6} ms  p95 {row['retrieve_p95_ms']:>6} ms")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from benchmarks.corpus import CHUNKS_PER_ARTICLE, build

    cases = yaml.safe_load((ROOT / "evals" / "cases.yaml").read_text(encoding="utf-8"))
    questions = [c["question"] for c in cases]
    rows = [measure("seeds", [ROOT / "seeds"], CACHE / "home-seeds", questions, args.rounds)]
    articles = int(args.chunks / CHUNKS_PER_ARTICLE)
    corpus = build(CACHE / f"corpus-{articles}", articles)
    rows.append(measure(f"~{args.chunks // 1000}k", [ROOT / "seeds", corpus],
                        CACHE / f"home-{articles}", questions, args.rounds))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "answer_latency.json").write_text(json.dumps(
        {"machine": f"{platform.machine()}, python {platform.python_version()}", "rows": rows},
        indent=2) + "\n")


if __name__ == "__main__":
    main()
