"""Hybrid retrieval: dense (Chroma, MiniLM) and lexical (BM25) hits fused by reciprocal rank.

Overlapping chunks of one article are merged into one passage, so the same sentences are never
shown or cited twice. Only chunks of committed documents are returned (see `index.store`).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Collection, Literal, Sequence

import numpy as np

from newsrag.index.embed import Embedder, unpack_vectors
from newsrag.index.lexical import LexicalIndex
from newsrag.index.store import DocumentRecord, Store, StoredChunk, chunk_doc_id, is_committed
from rag.filters import Filters

Mode = Literal["hybrid", "dense", "lexical"]
RRF_K = 60  # the constant from Cormack et al.; damps the head of each list
MAX_VIEWS = 64  # filtered views kept per retriever (see `Retriever.within`)


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the cleaned article
    end: int
    text: str
    vector: np.ndarray


@dataclass
class Passage:
    """A contiguous span of one article, made of one or more retrieved chunks."""

    doc_id: str
    start: int
    end: int
    text: str
    score: float  # fused retrieval score
    sentences: list[Sentence] = field(default_factory=list)
    chunk_ids: list[str] = field(default_factory=list)


def fuse(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: each list adds 1/(k + rank) to the ids it ranks.

    >>> fuse([["a", "b"], ["b", "c"]])["b"] > fuse([["a", "b"], ["b", "c"]])["a"]
    True
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


def by_fused_score(scores: dict[str, float], lexical: list[str]) -> list[str]:
    """The ids best first; exact ties go to the better rank in `lexical` (the last ranking fused).

    Ties are common: first in one list and second in the other scores the same as the other way
    round. Before, the dense rank decided them, and the top dense ranks of a handful of articles
    on one story swap on vector differences of 0.001 (int8 against float32, measured on the eval
    suites), while BM25's order does not move with the encoder. Hybrid MRR before -> after,
    float32 / int8 vectors (benchmarks/encoder_quality.py, 2026-12-07): seeds 0.960 / 0.952 ->
    0.976 / 0.960, paraphrase 0.821 / 0.820 -> 0.831 / 0.824, SQuAD 2.0 0.816 / 0.819 -> 0.823 /
    0.825.

    >>> by_fused_score(fuse([["dense", "both"], ["both", "dense"]]), ["both", "dense"])
    ['both', 'dense']
    """
    lexical_rank = {item: rank for rank, item in enumerate(lexical)}
    return sorted(scores, key=lambda item: (-scores[item], lexical_rank.get(item, len(lexical))))


def _sentences(chunk: StoredChunk, article: str | None) -> list[Sentence]:
    spans = json.loads(chunk.metadata.get("sentences") or "[]")
    packed = chunk.metadata.get("sentence_vectors")
    vectors = unpack_vectors(packed) if packed else np.zeros((0, 384), np.float32)
    out = []
    for (s, e), v in zip(spans, vectors):
        text = article[s:e] if article else chunk.text[s - chunk.start : e - chunk.start]
        out.append(Sentence(s, e, text, v))
    return out


def merge(chunks: list[tuple[StoredChunk, float]], texts: dict[str, str]) -> list[Passage]:
    """Merge overlapping or touching chunks of the same article; keep the best score."""
    by_doc: dict[str, list[tuple[StoredChunk, float]]] = {}
    for chunk, score in chunks:
        by_doc.setdefault(chunk.doc_id, []).append((chunk, score))
    passages: list[Passage] = []
    for doc_id, items in by_doc.items():
        items.sort(key=lambda item: item[0].start)
        article = texts.get(doc_id)
        current: Passage | None = None
        for chunk, score in items:
            if current is not None and chunk.start <= current.end:
                current.end = max(current.end, chunk.end)
                current.score = max(current.score, score)
                current.chunk_ids.append(chunk.id)
                known = {(s.start, s.end) for s in current.sentences}
                current.sentences += [s for s in _sentences(chunk, article)
                                      if (s.start, s.end) not in known]
                continue
            if current is not None:
                passages.append(current)
            current = Passage(doc_id, chunk.start, chunk.end, chunk.text, score,
                              sentences=_sentences(chunk, article), chunk_ids=[chunk.id])
        if current is not None:
            passages.append(current)
    for passage in passages:
        article = texts.get(passage.doc_id)
        if article:
            passage.text = article[passage.start : passage.end]
        passage.sentences.sort(key=lambda s: s.start)
    passages.sort(key=lambda p: -p.score)
    return passages


class Retriever:
    """Reads the index built by `index.ingest`; never writes it (the BM25 cache aside)."""

    def __init__(self, store: Store, lexical: LexicalIndex, embedder: Embedder,
                 records: dict[str, DocumentRecord] | None = None) -> None:
        self.store = store
        self.lexical = lexical
        self.embedder = embedder
        self.records: dict[str, DocumentRecord] = (
            store.documents() if records is None else records)
        self._stories: dict[str, list[str]] = {}  # group representative -> its articles
        for doc_id in sorted(self.records):
            self._stories.setdefault(self.records[doc_id].representative, []).append(doc_id)
        self._texts: dict[str, str] = {}
        self.filters = Filters()  # a view's filters (see `within`)
        self._views: dict[Filters, Retriever] = {}

    @property
    def admitted(self) -> Collection[str] | None:
        """The documents a filtered view searches (None: every document)."""
        return self.records.keys() if self.filters else None

    def within(self, filters: Filters) -> Retriever:
        """A view of this retriever that searches only the articles `filters` admits (sharing its
        caches); NoMatchingArticles when there are none. The view's `records` are the admitted
        articles, so everything downstream (refusals, conflicts) sees only them. Views are kept:
        choosing the articles reads every record, and the page asks with the same filters again."""
        if not filters:
            return self
        if filters not in self._views:
            if len(self._views) >= MAX_VIEWS:
                self._views.clear()
            view = copy.copy(self)
            view.filters = filters
            view.records = {d: self.records[d] for d in sorted(filters.select(self.records))}
            view._views = {}
            self._views[filters] = view
        return self._views[filters]

    def article(self, doc_id: str) -> str | None:
        if doc_id not in self._texts:
            text = self.store.document_text(doc_id)
            if text is None:
                return None
            self._texts[doc_id] = text
        return self._texts[doc_id]

    def one_copy_per_story(self, ranked: list[str]) -> list[str]:
        """The ranked chunk ids with syndicated copies left out: of each group of copies of one
        story (see `index.syndication`) only the best-ranked article's chunks stay. Copies would
        otherwise fill the top k with the same passage and pass for independent reports."""
        member_of_story: dict[str, str] = {}
        kept = []
        for chunk_id in ranked:
            doc_id = chunk_doc_id(chunk_id)
            record = self.records.get(doc_id)
            story = record.representative if record else doc_id
            if member_of_story.setdefault(story, doc_id) == doc_id:
                kept.append(chunk_id)
        return kept

    def copies(self, doc_id: str) -> tuple[str, ...]:
        """The other articles of `doc_id`'s syndication group."""
        record = self.records.get(doc_id)
        if record is None:
            return ()
        return tuple(d for d in self._stories.get(record.representative, []) if d != doc_id)

    def retrieve(
        self, query: str, k: int = 5, *, mode: Mode = "hybrid",
        query_vector: np.ndarray | None = None, fetch: int | None = None,
        also: Sequence[str] = (),
    ) -> list[Passage]:
        """The k best passages for `query`; BM25 also looks for `also`, the other names of what
        it names ("chief executive" for "CEO": `rag.question.other_names`)."""
        fetch = fetch or max(4 * k, 20)
        rankings: list[list[str]] = []
        if mode in ("hybrid", "dense") and self.records:
            vector = query_vector if query_vector is not None else self.embedder.embed_query(query)
            rankings.append([i for i in self.store.nearest(vector, fetch, self.admitted)
                             if is_committed(i, self.records)])
        if mode in ("hybrid", "lexical"):
            rankings.append([i for i, _ in self.lexical.search(" ".join((query, *also)), fetch,
                                                                self.admitted)
                             if is_committed(i, self.records)])
        scores = fuse(rankings)
        # Twice k chunks: neighbours of one article merge into one passage. Only these are read.
        ranked = by_fused_score(scores, rankings[-1] if rankings else [])
        best = self.one_copy_per_story(ranked)[: 2 * k]
        chosen = [(c, scores[c.id]) for c in self.store.get_chunks(best)]
        texts = {c.doc_id: t for c, _ in chosen if (t := self.article(c.doc_id)) is not None}
        return merge(chosen, texts)[:k]
