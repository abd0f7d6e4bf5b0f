"""Ingest throughput against the raw encoder's: how much faster than `SentenceTransformer.encode`
does `rag ingest` embed and store a corpus?

Builds a corpus of generated articles (benchmarks/corpus.py: seed sentences in new combinations,
numbers perturbed; every paragraph is new text, so no cache inside the cleaner or the chunker
flatters the ingest, as repeated copies of the seeds would), then in the same run measures:

- baseline: `SentenceTransformer.encode` over exactly the chunk texts the ingest will embed, at
  its best batch size of 4, 8, 16 and 32;
- ingest, int8 encoder (the default): `index.ingest()` of the corpus into a fresh RAG_HOME (load,
  clean, chunk, embed with sentence vectors, write to Chroma, group copies, build BM25), after the
  model is loaded;
- ingest, float32 encoder (sentence-transformers), the same way;
- the cosine of the int8 encoder's chunk vectors to sentence-transformers' (mean and minimum).

Prints chunks/s and the ratios to the baseline (goal for the default: >= 2.0) and writes
benchmarks/results/ingest.json.

    python benchmarks/ingest_throughput.py [--articles 120] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH_SIZES = (4, 8, 16, 32)
GOAL = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    from benchmarks.corpus import build
    from newsrag.index import ingest
    from newsrag.index.chunk import _splitter, chunk, model_tokenizer
    from newsrag.index.clean import _line_spans
    from newsrag.index.embed import FLOAT32, INT8, default_embedder, int8_embedder
    from newsrag.index.load import load
    from newsrag.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        corpus = build(Path(tmp) / "corpus", args.articles)
        settings = Settings.from_env({"RAG_HOME": str(Path(tmp) / "home")})
        texts = [c.text for p in sorted(corpus.glob("*.txt")) for c in chunk(load(p))]
        embedders = {FLOAT32: default_embedder(settings.embed_batch_size), INT8: int8_embedder()}
        model = embedders[FLOAT32].model
        for embedder in embedders.values():
            embedder.embed_texts(texts[:64])  # warm up
        cosines = (model.encode(texts, normalize_embeddings=True)
                   * embedders[INT8].embed_texts(texts)).sum(axis=1)

        # Alternate the runs and keep each one's best: this machine's speed drifts by ~10% from
        # minute to minute, which would otherwise swamp the ratios.
        raw_times: dict[int, list[float]] = {size: [] for size in BATCH_SIZES}
        ingest_times: dict[str, list[float]] = {FLOAT32: [], INT8: []}
        chunks = 0
        for attempt in range(args.repeats):
            for size in BATCH_SIZES:
                start = time.perf_counter()
                model.encode(texts, batch_size=size, normalize_embeddings=True,
                             show_progress_bar=False)
                raw_times[size].append(time.perf_counter() - start)
            for encoder, embedder in embedders.items():
                run_settings = settings.with_(home=Path(tmp) / f"home-{encoder}-{attempt}")
                # Chunking the texts above filled the sentence splitter's caches: start each
                # ingest as cold as a real one.
                _line_spans.cache_clear()
                model_tokenizer.cache_clear()
                _splitter.cache_clear()
                start = time.perf_counter()
                report = ingest([corpus], settings=run_settings, embedder=embedder,
                                progress=False)
                ingest_times[encoder].append(time.perf_counter() - start)
                chunks = report.added.chunks
        raw_by_size = {size: len(texts) / min(times) for size, times in raw_times.items()}
        best_size = max(raw_by_size, key=raw_by_size.__getitem__)
        raw = raw_by_size[best_size]
        ingest_rates = {encoder: chunks / min(times) for encoder, times in ingest_times.items()}

    result = {
        "documents": report.added.documents,
        "chunks": chunks,
        "raw_encode_chunks_per_s": round(raw, 1),
        "raw_encode_best_batch_size": best_size,
        "raw_encode_by_batch_size": {str(k): round(v, 1) for k, v in raw_by_size.items()},
        "ingest_chunks_per_s": round(ingest_rates[INT8], 1),
        "ratio": round(ingest_rates[INT8] / raw, 3),
        "ingest_float32_chunks_per_s": round(ingest_rates[FLOAT32], 1),
        "ratio_float32": round(ingest_rates[FLOAT32] / raw, 3),
        "int8_cosine_mean": round(float(np.mean(cosines)), 4),
        "int8_cosine_min": round(float(np.min(cosines)), 4),
        "goal": GOAL,
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}",
    }
    print(f"chunks {chunks} from {result['documents']} documents")
    for size, rate in raw_by_size.items():
        print(f"raw SentenceTransformer.encode, batch {size:2d}   {rate:8.1f} chunks/s")
    print(f"rag ingest, int8 encoder (default)    {ingest_rates[INT8]:8.1f} chunks/s  "
          f"ratio {result['ratio']:.3f} (goal >= {GOAL})")
    print(f"rag ingest, float32 encoder           {ingest_rates[FLOAT32]:8.1f} chunks/s  "
          f"ratio {result['ratio_float32']:.3f}")
    print(f"int8 vs float32 chunk vectors: cosine mean {result['int8_cosine_mean']}, "
          f"min {result['int8_cosine_min']}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
