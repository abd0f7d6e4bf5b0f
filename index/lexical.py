"""The lexical (BM25) side of the index, kept consistent with Chroma.

BM25 comes from `bm25s` with an English stemmer and stop words. The index is derived data: it is
rebuilt from the committed chunks in Chroma and stamped with the store's generation (a fingerprint of
the committed documents). A reader that finds the stamp out of date, after an interrupted ingest or
another client's ingest into a shared Chroma server, rebuilds it instead of answering from stale
data. Versions are written to fresh folders and switched by atomically replacing a pointer file, so
a crash never leaves a half-written index in use.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Collection, Iterable

import numpy as np

from newsrag.index.types import chunk_doc_id

TOKENIZE_PAGE = 1000  # chunks tokenized at once when building BM25 (see LexicalIndex.build)
# Chunks (when the index is built) and questions (when it is searched) must be tokenized alike.
STOPWORDS = "en"


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]):  # type: ignore[no-untyped-def]
    import bm25s

    return bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_stemmer(), show_progress=False)


def _as_terms(tokens) -> list[list[str]]:  # type: ignore[no-untyped-def]
    inverse = {i: t for t, i in tokens.vocab.items()}
    return [[inverse[i] for i in row if inverse.get(i)] for row in tokens.ids]


def terms_of(texts: list[str]) -> list[list[str]]:
    """Stemmed content words of each text, as BM25 sees them (one tokenizer call for all)."""
    return _as_terms(tokenize(texts)) if texts else []


def terms(text: str) -> list[str]:
    return list(_terms(text))


# bm25s's own word pattern (scikit-learn's): one text is split, filtered and stemmed here as
# `bm25s.tokenize` does it (tests/test_ingest.py checks they agree), without the set-up that
# call makes for a batch (a progress bar, a vocabulary, the stop words as a new set each text),
# which costs ten times the work for one sentence.
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str] | None:
    """bm25s's stop words, as its tokenizer picks them; None if this bm25s no longer has that
    (unpinned) helper, and then each text goes through `bm25s.tokenize` itself."""
    try:
        from bm25s.tokenization import _infer_stopwords
    except ImportError:
        return None
    return frozenset(_infer_stopwords(STOPWORDS))


@lru_cache(maxsize=65_536)
def _terms(text: str) -> tuple[str, ...]:
    """One text's terms, remembered: the answerer reads the same sentences and question words
    for every question."""
    stop = _stopwords()
    if stop is None:
        return tuple(terms_of([text])[0])
    words = [w for w in _TOKEN_RE.findall(text.lower()) if w not in stop]
    return tuple(stem for stem in _stemmer().stemWords(words) if stem)


@dataclass
class LexicalIndex:
    generation: str
    ids: list[str]
    _bm25: object | None  # None when there are no chunks
    doc_freq: dict[str, int] | None = None  # chunks containing each stemmed term
    _rows_of_doc: dict[str, list[int]] | None = None  # built on the first filtered search

    def idf(self, term: str) -> float:
        """Rarity of a stemmed term; a term no chunk contains is as rare as can be."""
        import math

        n = max(len(self.ids), 1)
        df = (self.doc_freq or {}).get(term, 0)
        return math.log((n + 1) / (df + 0.5))

    @classmethod
    def build(cls, generation: str, chunks: Iterable[tuple[str, str]],
              page: int = TOKENIZE_PAGE) -> LexicalIndex:
        import bm25s

        # Tokenized a page at a time into one vocabulary, so that only a page of texts is held at
        # once: at 100k chunks, the texts alone are ~100 MB at the ingest's memory peak. (bm25s'
        # Tokenizer lower-cases and splits as `tokenize` does; stop words and stemmer are shared.)
        tokenizer = bm25s.tokenization.Tokenizer(stopwords=STOPWORDS, stemmer=_stemmer())
        ids: list[str] = []
        token_ids: list[list[int]] = []
        chunks = iter(chunks)
        while texts := list(itertools.islice(chunks, page)):
            ids += [chunk_id for chunk_id, _ in texts]
            token_ids += tokenizer.streaming_tokenize([text for _, text in texts])
        if not ids:
            return cls(generation, [], None)
        retriever = bm25s.BM25()
        retriever.index((token_ids, tokenizer.get_vocab_dict()), show_progress=False)
        del token_ids
        return cls(generation, ids, retriever, _doc_freq(retriever))

    def search(self, query: str, k: int, doc_ids: Collection[str] | None = None
               ) -> list[tuple[str, float]]:
        """The k best chunk ids for `query` with their BM25 scores (only scores above zero); only
        chunks of the documents in `doc_ids` when it is given."""
        if self._bm25 is None or not query.strip():
            return []
        tokens = tokenize([query])
        if not tokens.vocab:
            return []
        k = min(k, len(self.ids))
        mask = None
        if doc_ids is not None:
            # Masked inside the scoring, so the best k of the admitted chunks come back.
            mask = np.zeros(len(self.ids), dtype=np.float32)
            rows = self.rows_of_doc()
            for doc_id in doc_ids:
                mask[rows.get(doc_id, [])] = 1.0
        docs, scores = self._bm25.retrieve(  # type: ignore[attr-defined]
            tokens, k=k, show_progress=False, weight_mask=mask)
        return [
            (self.ids[int(d)], float(s)) for d, s in zip(np.asarray(docs)[0], np.asarray(scores)[0])
            if s > 0
        ]

    def rows_of_doc(self) -> dict[str, list[int]]:
        """Each document's chunk rows in the index."""
        if self._rows_of_doc is None:
            rows: dict[str, list[int]] = {}
            for row, chunk_id in enumerate(self.ids):
                rows.setdefault(chunk_doc_id(chunk_id), []).append(row)
            self._rows_of_doc = rows
        return self._rows_of_doc

    # -- persistence -----------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        version = Path(tempfile.mkdtemp(prefix=f"v-{self.generation}-", dir=folder))
        if self._bm25 is not None:
            self._bm25.save(str(version / "bm25"))  # type: ignore[attr-defined]
        (version / "ids.json").write_text(json.dumps(
            {"generation": self.generation, "ids": self.ids, "doc_freq": self.doc_freq or {}}
        ))
        pointer = folder / "CURRENT.tmp"
        pointer.write_text(version.name)
        os.replace(pointer, folder / "CURRENT")
        for old in folder.glob("v-*"):
            if old != version:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The saved index, or None when there is none (or it cannot be read: it is derived data)."""
        try:
            version = folder / (folder / "CURRENT").read_text().strip()
            meta = json.loads((version / "ids.json").read_text())
            bm25 = None
            if meta["ids"]:
                import bm25s

                # Memory-mapped: a new process answers after reading only the pages it touches.
                bm25 = bm25s.BM25.load(str(version / "bm25"), mmap=True)
            return cls(meta["generation"], meta["ids"], bm25, meta.get("doc_freq") or {})
        except (OSError, ValueError, KeyError):
            return None


def _doc_freq(retriever) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Chunks containing each term, read off the index itself: its score matrix has one column
    per term and one stored entry per chunk containing it (BM25 scores are never zero)."""
    indptr = np.asarray(retriever.scores["indptr"])
    return {term: int(indptr[i + 1] - indptr[i])
            for term, i in retriever.vocab_dict.items() if term and i + 1 < len(indptr)}


def lexical_folder(home: Path, collection: str) -> Path:
    return home / "lexical" / collection


def current_lexical(store, folder: Path, *, records=None, save: bool = True) -> LexicalIndex:  # type: ignore[no-untyped-def]
    """The lexical index matching the store's committed documents (`records`, when the caller has
    just read them: at 100k chunks reading them costs a good part of a second), rebuilt when out
    of date."""
    records = store.documents() if records is None else records
    generation = store.generation(records)
    saved = LexicalIndex.load(folder)
    if saved is not None and saved.generation == generation:
        return saved
    fresh = LexicalIndex.build(generation, store.committed_chunks(records))
    if save:
        try:
            fresh.save(folder)
        except OSError:
            pass  # a read-only or full disk: answer from memory, rebuild next time
    return fresh
