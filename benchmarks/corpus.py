"""Reproducible benchmark corpora built from the seed articles.

Each generated article is a seed with its paragraphs rotated, a numbered dateline in front, and
numbers perturbed deterministically (seeded by its index), so copies are distinct documents with
their own chunks and BM25 statistics while reading like the originals. About 5.6 chunks per article.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNKS_PER_ARTICLE = 5.6


def build(folder: Path, articles: int) -> Path:
    """Write `articles` generated articles into `folder` (skipping ones already there)."""
    from index.load import load

    folder.mkdir(parents=True, exist_ok=True)
    seeds = [load(p).text for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for i in range(articles):
        path = folder / f"gen_{i:06d}.txt"
        if path.exists():
            continue
        rng = random.Random(i)
        paragraphs = seeds[i % len(seeds)].split("\n\n")
        turn = rng.randrange(len(paragraphs))
        paragraphs = paragraphs[turn:] + paragraphs[:turn]
        text = "\n\n".join(paragraphs)
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randrange(1, 9)), text)
        path.write_text(f"Bulletin {i} from the wire desk.\n\n{text}\n", encoding="utf-8")
    return folder
