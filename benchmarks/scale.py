"""How the assistant scales: ingest, memory, disk and latency at about 1k, 10k and 100k chunks.

For each size, on a corpus generated from the seeds (benchmarks/corpus.py: every article 30
sentences drawn from the seeds, numbers perturbed; reproducible from the article's index):

- ingest: `rag ingest` of the corpus into a fresh RAG_HOME with the default encoder (int8; set
  RAG_ENCODER=float32 for the other), in a child process, timed, with the child's peak resident
  memory. The child is warm, as the raw encode is: it first ingests the seeds into a throwaway
  home (model loaded, modules imported, encoder run on real passages), and that first ingest's
  seconds are reported apart (`first_ingest_s`: what a new process pays once);
- raw encode: `SentenceTransformer.encode` (at its best batch size) in the same run on the same
  chunk texts (all of them,
  or a seeded random sample of `--encode-sample` when there are more: encoding 100k chunks twice
  would double an hour's run, and throughput per chunk does not depend on how many there are);
  ingest chunks/s divided by raw chunks/s is the ratio (goal >= 2.0);
- index size on disk;
- warm retrieval and warm offline `answer()` latency, p50/p95 over the eval questions;
- cold `rag ask`: a new process, from start to printed answer, median of three.

Prints a table; writes benchmarks/results/scale.json and scale.png. `--record` also writes
benchmarks/RESULTS.md and docs/scale.png (the figures the README quotes).

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--rounds 2] [--record]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"
RESULTS = ROOT / "benchmarks" / "results"
RAG = Path(sys.executable).parent / "rag"
COLD_QUESTION = "Which city was the ninth provincial capital to fall to the Taliban?"
GOALS = {"ratio": 2.0, "retrieve_p95_ms": 20, "answer_p50_ms": 50, "answer_p95_ms": 100,
         "peak_mb": 2048, "cold_ask_s": 4.0}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def child_ingest(corpus: Path, home: Path) -> None:
    """Run in a fresh process: load the model, then time the ingest alone; print JSON."""
    from newsrag.index import ingest
    from newsrag.index.embed import DEFAULT_ENCODER, embedder_for_encoder, save_query_model
    from newsrag.settings import Settings

    settings = Settings.from_env({"RAG_HOME": str(home)})
    encoder = settings.encoder or DEFAULT_ENCODER
    embedder = embedder_for_encoder(encoder, settings.embed_batch_size)
    save_query_model()  # a one-time export per machine, not part of any ingest
    # Warm, as the raw encode is (its model loaded and run on real chunks first): the seeds are
    # ingested into a throwaway home, which imports what an ingest needs (llama-index's splitter,
    # chromadb) and runs the encoder on real passages. That one-time cost of a new process is
    # timed and reported on its own ("first_ingest_s").
    warm_home = home.with_name(home.name + "-warm")
    start = time.perf_counter()
    ingest([ROOT / "seeds"], settings=settings.with_(home=warm_home), embedder=embedder,
           progress=False)
    first_ingest = time.perf_counter() - start
    shutil.rmtree(warm_home, ignore_errors=True)
    start = time.perf_counter()
    report = ingest([corpus], settings=settings, embedder=embedder, progress=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "chunks": report.added.chunks,
                      "documents": report.added.documents, "peak_mb": peak_kb / 1024,
                      "first_ingest_s": first_ingest}))


# SentenceTransformer.encode's best batch sizes here (benchmarks/ingest_throughput.py tries 4-32).
RAW_BATCH_SIZES = (8, 16)


def raw_encode(corpus: Path, sample: int) -> tuple[float, int]:
    """chunks/s of SentenceTransformer.encode on (a seeded sample of) the corpus's chunk texts,
    at the better of its best batch sizes."""
    from newsrag.index.chunk import chunk
    from newsrag.index.embed import default_embedder
    from newsrag.index.load import load
    from newsrag.settings import Settings

    settings = Settings.from_env()
    texts = [c.text for p in sorted(corpus.glob("*.txt")) for c in chunk(load(p))]
    if len(texts) > sample:
        texts = random.Random(0).sample(texts, sample)
    model = default_embedder(settings.embed_batch_size).model
    model.encode(texts[:64], batch_size=settings.embed_batch_size)
    best = float("inf")
    for size in RAW_BATCH_SIZES:
        start = time.perf_counter()
        model.encode(texts, batch_size=size, normalize_embeddings=True, show_progress_bar=False)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best, len(texts)


def latencies(home: Path, questions: list[str], rounds: int) -> dict[str, float]:
    from rag.pipeline import answer, engine
    from newsrag.settings import Settings

    settings = Settings.from_env({"RAG_HOME": str(home)})
    eng = engine(settings)
    for q in questions:
        answer(q, settings=settings)
    answer_ms, retrieve_ms = [], []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            answer(q, settings=settings)
            answer_ms.append((time.perf_counter() - start) * 1000)
            # The engine keeps its last retrieval (a question is retrieved again as recased),
            # so the answer just timed would leave this one a lookup: forget it first.
            eng._recent = {}
            start = time.perf_counter()
            eng.passages(q, settings.top_k)
            retrieve_ms.append((time.perf_counter() - start) * 1000)
    # The answerer remembers what it read of each sentence (its names, figures and terms), so a
    # question asked again is cheaper than one over sentences not read before: timed apart, with
    # those memories emptied before each question.
    from newsrag.index.lexical import _terms
    from rag.conflicts import counter_cue
    from rag.spans import _spans_of

    first_ms = []
    for q in questions:
        for memory in (_terms, _spans_of, counter_cue):
            memory.cache_clear()
        start = time.perf_counter()
        answer(q, settings=settings)
        first_ms.append((time.perf_counter() - start) * 1000)
    return {"answer_p50_ms": statistics.median(answer_ms),
            "answer_p95_ms": percentile(answer_ms, 0.95),
            "unread_answer_p50_ms": statistics.median(first_ms),
            "unread_answer_p95_ms": percentile(first_ms, 0.95),
            "retrieve_p50_ms": statistics.median(retrieve_ms),
            "retrieve_p95_ms": percentile(retrieve_ms, 0.95)}


def cold_ask(home: Path, runs: int = 3) -> float:
    env = {**os.environ, "RAG_HOME": str(home)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(RAG), "ask", COLD_QUESTION], env=env, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(size: int, questions: list[str], rounds: int, sample: int,
            reuse: bool = False) -> dict[str, Any]:
    from benchmarks.corpus import CHUNKS_PER_ARTICLE, build

    articles = round(size / CHUNKS_PER_ARTICLE)
    corpus = build(CACHE / f"corpus-{articles}", articles)
    home = CACHE / f"scale-home-{articles}"
    record_path = CACHE / f"scale-ingest-{articles}.json"
    if reuse and record_path.exists() and home.exists():
        ingested = json.loads(record_path.read_text())  # an earlier run's ingest of this corpus
    else:
        shutil.rmtree(home, ignore_errors=True)
        child = subprocess.run([sys.executable, __file__, "--child-ingest", str(corpus),
                                str(home)], check=True, stdout=subprocess.PIPE, text=True)
        ingested = json.loads(child.stdout.strip().splitlines()[-1])
    if "raw_chunks_per_s" not in ingested:  # measured right after the ingest, in the same run
        ingested["raw_chunks_per_s"], ingested["raw_sample"] = raw_encode(corpus, sample)
        record_path.write_text(json.dumps(ingested) + "\n")
    raw, encoded = ingested["raw_chunks_per_s"], ingested["raw_sample"]
    ingest_rate = ingested["chunks"] / ingested["seconds"]
    row = {
        "chunks": ingested["chunks"], "documents": ingested["documents"],
        "ingest_chunks_per_s": ingest_rate, "raw_chunks_per_s": raw, "raw_sample": encoded,
        "ratio": ingest_rate / raw, "ingest_minutes": ingested["seconds"] / 60,
        "first_ingest_s": ingested.get("first_ingest_s"),
        "peak_mb": ingested["peak_mb"], "disk_mb": disk_mb(home),
        **latencies(home, questions, rounds), "cold_ask_s": cold_ask(home),
    }
    print(format_row(row), flush=True)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}


HEADER = ("| chunks | docs | ingest chunks/s | raw encode chunks/s | ratio | peak MB | disk MB "
          "| retrieve p50/p95 ms | answer p50/p95 ms | cold ask s |")


def format_row(r: dict[str, Any]) -> str:
    return (f"| {r['chunks']:,} | {r['documents']:,} | {r['ingest_chunks_per_s']:.1f} | "
            f"{r['raw_chunks_per_s']:.1f} | {r['ratio']:.2f} | {r['peak_mb']:.0f} | "
            f"{r['disk_mb']:.0f} | {r['retrieve_p50_ms']:.1f} / {r['retrieve_p95_ms']:.1f} | "
            f"{r['answer_p50_ms']:.1f} / {r['answer_p95_ms']:.1f} | {r['cold_ask_s']:.2f} |")


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    for key, label in (("retrieve_p95_ms", "retrieval p95"), ("answer_p50_ms", "answer() p50"),
                       ("answer_p95_ms", "answer() p95")):
        left.plot(chunks, [r[key] for r in rows], marker="o", label=label)
    left.axhline(GOALS["answer_p95_ms"], color="grey", ls=":", lw=1)
    left.set_xscale("log")
    left.set_xlabel("chunks")
    left.set_ylabel("ms (warm)")
    left.legend(fontsize=8)
    right.plot(chunks, [r["ratio"] for r in rows], marker="o", label="ingest / raw encode")
    right.axhline(GOALS["ratio"], color="grey", ls=":", lw=1)
    right.set_xscale("log")
    right.set_ylim(0, 1.05)
    right.set_xlabel("chunks")
    right.legend(fontsize=8, loc="lower left")
    fig.suptitle("newsrag at scale (2-core CPU)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def machine() -> str:
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, {cores} cores, {memory:.0f} GiB RAM, no GPU, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--encode-sample", type=int, default=4_000)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--reuse-ingest", action="store_true",
                        help="keep an index (and its ingest figures) left by an earlier run")
    parser.add_argument("--child-ingest", nargs=2, metavar=("CORPUS", "HOME"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_ingest:
        child_ingest(Path(args.child_ingest[0]), Path(args.child_ingest[1]))
        return

    import yaml

    cases = yaml.safe_load((ROOT / "evals" / "cases.yaml").read_text(encoding="utf-8"))
    questions = [c["question"] for c in cases]
    print(machine())
    print(HEADER)
    print("|" + "---|" * (HEADER.count("|") - 1))
    rows = [measure(size, questions, args.rounds, args.encode_sample, args.reuse_ingest)
            for size in args.sizes]
    print("A new process's first ingest (the 5 seeds: imports, Chroma's first open) took "
          + ", ".join(f"{r['first_ingest_s']:.1f} s" for r in rows if r.get("first_ingest_s"))
          + "; the rows above are the ingests after it.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps({"machine": machine(), "goals": GOALS,
                                                    "rows": rows}, indent=2) + "\n")
    plot(rows, RESULTS / "scale.png")
    if args.record:
        shutil.copy(RESULTS / "scale.png", ROOT / "docs" / "scale.png")
        record(rows)


def record(rows: list[dict[str, Any]]) -> None:
    lines = ["# Benchmark results", "",
             f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/scale.py --record` on: "
             f"{machine()}.", "", HEADER, "|" + "---|" * (HEADER.count("|") - 1)]
    lines += [format_row(r) for r in rows]
    lines += ["", "![latency and ingest ratio by corpus size](../docs/scale.png)", "",
              "Goals: " + ", ".join(f"{k} {'>=' if k == 'ratio' else '<='} {v}"
                                    for k, v in GOALS.items()) + ".", ""]
    path = ROOT / "benchmarks" / "RESULTS.md"
    notes = path.read_text(encoding="utf-8").split("<!-- notes -->", 1)[1] \
        if path.exists() and "<!-- notes -->" in path.read_text(encoding="utf-8") else "\n"
    path.write_text("\n".join(lines) + "<!-- notes -->" + notes, encoding="utf-8")


if __name__ == "__main__":
    main()
