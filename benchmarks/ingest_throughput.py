"""Ingest throughput against the encoder's own: how close does `rag ingest` get to raw encode speed?

Builds a corpus of generated articles (benchmarks/corpus.py: seed sentences in new combinations,
numbers perturbed; every paragraph is new text, so no cache inside the cleaner or the chunker
flatters the ingest, as repeated copies of the seeds would), then in the same run measures:

- baseline: `SentenceTransformer.encode` over exactly the chunk texts the ingest will embed, at the
  same batch size;
- ingest: `index.ingest()` of the corpus into a fresh RAG_HOME (load, clean, chunk, embed with
  sentence vectors, write to Chroma, group copies, build BM25), after the model is already loaded.

Prints chunks/s for both and their ratio (goal >= 0.9) and writes benchmarks/results/ingest.json.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    from benchmarks.corpus import build
    from index import ingest
    from index.chunk import _splitter, chunk, model_tokenizer
    from index.clean import _line_spans
    from index.embed import default_embedder
    from index.load import load
    from rag.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        corpus = build(Path(tmp) / "corpus", args.articles)
        settings = Settings.from_env({"RAG_HOME": str(Path(tmp) / "home")})
        texts = [c.text for p in sorted(corpus.glob("*.txt")) for c in chunk(load(p))]
        embedder = default_embedder(settings.embed_batch_size)
        embedder.embed_texts(texts[:64])  # warm up

        # Alternate the two and keep each one's best run: this machine's speed drifts by ~10%
        # from minute to minute, which would otherwise swamp the ratio.
        raw_times, ingest_times = [], []
        for attempt in range(args.repeats):
            start = time.perf_counter()
            embedder.model.encode(texts, batch_size=settings.embed_batch_size,
                                  normalize_embeddings=True, show_progress_bar=False)
            raw_times.append(time.perf_counter() - start)

            run_settings = settings.with_(home=Path(tmp) / f"home-{attempt}")
            # Chunking the texts above filled the sentence splitter's caches: start the ingest
            # as cold as a real one.
            _line_spans.cache_clear()
            model_tokenizer.cache_clear()
            _splitter.cache_clear()
            start = time.perf_counter()
            report = ingest([corpus], settings=run_settings, embedder=embedder, progress=False)
            ingest_times.append(time.perf_counter() - start)
        raw = len(texts) / min(raw_times)
        full = report.added.chunks / min(ingest_times)

    result = {
        "documents": report.added.documents,
        "chunks": report.added.chunks,
        "raw_encode_chunks_per_s": round(raw, 1),
        "ingest_chunks_per_s": round(full, 1),
        "ratio": round(full / raw, 3),
        "goal": 0.9,
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}",
    }
    print(f"chunks {result['chunks']} from {result['documents']} documents")
    print(f"raw SentenceTransformer.encode  {raw:8.1f} chunks/s")
    print(f"rag ingest (end to end)         {full:8.1f} chunks/s")
    print(f"ratio                           {full / raw:8.3f}  (goal >= 0.9)")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
