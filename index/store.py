"""The Chroma side of the index: chunk vectors, document records, and what keeps them consistent.

Two collections: `<name>_chunks` (one record per passage: vector, and in its metadata the text,
offsets, sentence spans and sentence vectors) and `<name>_documents` (one record per article: its
cleaned text, metadata and content hash). A document's record is written *after* all its chunks, so
it is the commit point: chunks whose (document, hash) has no record are leftovers of an interrupted
ingest, invisible to readers and removed by `repair()`. Chunk ids contain the content hash, so a
changed article's new chunks never overwrite the old ones before the new record commits.

A chunk's text is kept in its metadata ("text"), not in Chroma's document field: Chroma builds a
trigram full-text index over document fields, which nothing here queries (BM25 is our own). Measured
on 2,000 chunks: writes take 0.64 instead of 1.2 ms per chunk, and 18% less disk. (Indexes written
before keep the text in the document field; readers take either.)
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass
from typing import Any, Collection, Iterator, Sequence
from urllib.parse import urlparse

import numpy as np

from newsrag.index import syndication
from newsrag.index.embed import (DEFAULT_ENCODER, FLOAT32, INT8, INT8_MODEL_VERSION, Embedder,
                                  pack_vectors)
from newsrag.index.types import Chunk, Document, chunk_doc_id
from newsrag.errors import EncoderMismatch, IndexBusy, IndexMissing, RagError, StoreUnavailable
from newsrag.settings import Settings


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    content_hash: str
    title: str | None
    outlet: str | None
    date: str | None
    path: str
    chunks: int
    group: str | None = None  # its syndication group's representative (index.syndication)

    @property
    def representative(self) -> str:
        return self.group or self.id


@dataclass(frozen=True)
class StoredChunk:
    id: str
    doc_id: str
    text: str
    start: int
    end: int
    metadata: dict[str, Any]


def is_committed(chunk_id: str, records: dict[str, DocumentRecord]) -> bool:
    """True when the chunk belongs to the committed version of its document."""
    doc_id = chunk_doc_id(chunk_id)
    record = records.get(doc_id)
    return record is not None and chunk_id.startswith(f"{doc_id}#{record.content_hash}#")


def _none_if_empty(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _without_override_checks() -> None:
    """Make the `overrides` package's decorator only mark the methods it decorates.

    chromadb decorates some 160 methods with `@override`, which compares each one's signature
    with its base class's as the class is defined: a quarter of what `import chromadb` costs,
    0.15-0.3 s of every cold `rag ask`, to catch mistakes that only chromadb's own tests can
    make. The mark stays, since chromadb's `EnforceOverrides` classes look for it."""
    try:
        import overrides
    except ImportError:  # a chromadb that no longer uses it
        return

    def override(method: Any = None, **_checks: bool) -> Any:
        def mark(decorated: Any) -> Any:
            decorated.__override__ = True
            return decorated
        return mark(method) if method is not None else mark

    overrides.override = overrides.overrides = override


def open_client(settings: Settings, *, create: bool):  # type: ignore[no-untyped-def]
    """A Chroma client: HTTP when RAG_CHROMA_URL is set, otherwise embedded under RAG_HOME."""
    if "chromadb" not in sys.modules:
        _without_override_checks()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1", port=url.port or 8000,
                ssl=url.scheme == "https", settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises several types for a refused connection
            raise StoreUnavailable(
                f"cannot reach the Chroma server at {settings.chroma_url} ({type(exc).__name__}) "
                "- start it with 'chroma run --path DIR --port PORT' or unset RAG_CHROMA_URL"
            ) from None
    path = settings.home / "chroma"
    if not create and not path.exists():
        raise IndexMissing(f"no index at {settings.home}/ - run 'rag ingest seeds/' first")
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise StoreUnavailable(
            f"cannot open the Chroma data in {path} ({type(exc).__name__}: {exc}) - it may be "
            "damaged; move it aside and run 'rag ingest' again"
        ) from None


STATE_ID = "generation"  # the record of the state collection that Store.stamp reads


def forget_clients() -> None:
    """Make the next embedded client open the index afresh. chromadb keeps one system per data
    folder for the life of the process, and that system's vector index does not see what another
    process has since written; clients already open keep theirs until they are dropped."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


class WriterLock:
    """One writer at a time for an embedded index: Chroma's files must not be written by two
    processes at once. A Chroma server serialises writers itself, so it needs no lock."""

    def __init__(self, settings: Settings) -> None:
        self.path = None if settings.chroma_url else settings.home / "writer.lock"
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        if self.path is None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise IndexBusy(
                f"another process (pid {holder}) is writing to {self.path.parent}/ - wait for it "
                "to finish, or use a Chroma server (RAG_CHROMA_URL) for several writers"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class _Retrying:
    """A Chroma collection whose calls are tried again, briefly, after a transient failure.

    Chroma 1.5 builds a collection's vector-index reader when a call first needs it; built while
    another client's write to the same collection is being applied, it finds no index files yet
    and the call fails ("Error creating hnsw segment reader: Nothing found on disk",
    chroma-core/chroma#4212), though the same call succeeds a moment later. Only that failure is
    retried. Every write this store makes is an upsert, update or delete, so a retried call
    changes nothing twice."""

    TRANSIENT = "hnsw segment reader"
    DELAYS = (0.1, 0.3, 1.0, 2.0, 4.0)  # seconds; ~7 s in all before the error is the user's

    def __init__(self, collection: Any) -> None:
        self._collection = collection

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._collection, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            for delay in self.DELAYS:
                try:
                    return attribute(*args, **kwargs)
                except Exception as exc:
                    if self.TRANSIENT not in str(exc):
                        raise
                time.sleep(delay)
            return attribute(*args, **kwargs)

        return call


# Candidates HNSW explores per search. At Chroma's default (100) a search for the 40 nearest of
# 380 chunks missed one of them in about one process of four, so one question's passages, and its
# answer, changed from run to run; at 200 none did in 28 runs.
SEARCH_EF = 200


def _search_wide(collection: Any) -> None:
    """Raise an existing collection's search breadth to SEARCH_EF (indexes made before it)."""
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if int(hnsw.get("ef_search") or 0) < SEARCH_EF:
        collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})


class Store:
    """Chroma collections for chunks and documents, embedded or on a server."""

    def __init__(self, settings: Settings, *, create: bool = False, page: int | None = None
                 ) -> None:
        """`page`: records read at a time from a whole collection (default `PAGE`)."""
        self.settings = settings
        self.page = page or self.PAGE
        self.client = open_client(settings, create=create)
        config = {"hnsw": {"space": "cosine"}}
        try:
            if create:
                self.chunks = self.client.get_or_create_collection(
                    f"{settings.collection}_chunks", embedding_function=None,
                    configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}},
                )
                _search_wide(self.chunks)
                self.docs = self.client.get_or_create_collection(
                    f"{settings.collection}_documents", embedding_function=None,
                    configuration=config,
                )
            else:
                self.chunks = self.client.get_collection(
                    f"{settings.collection}_chunks", embedding_function=None
                )
                self.docs = self.client.get_collection(
                    f"{settings.collection}_documents", embedding_function=None
                )
            self.chunks, self.docs = _Retrying(self.chunks), _Retrying(self.docs)
            self._state = self._state_collection(create)
        except RagError:
            raise
        except Exception as exc:
            if "does not exist" in str(exc) or "NotFound" in type(exc).__name__:
                where = self.settings.chroma_url or f"{self.settings.home}/"
                raise IndexMissing(f"no index at {where} - run 'rag ingest seeds/' first") from None
            raise StoreUnavailable(
                f"cannot open the index ({type(exc).__name__}: {exc})"
            ) from None
        self._batch = int(self.client.get_max_batch_size())

    def _state_collection(self, create: bool):  # type: ignore[no-untyped-def]
        """The one-record collection whose stamp changes with every commit (None in an index
        written before it existed, until its next write)."""
        name = f"{self.settings.collection}_state"
        if create:
            return _Retrying(self.client.get_or_create_collection(name, embedding_function=None))
        try:
            return _Retrying(self.client.get_collection(name, embedding_function=None))
        except Exception:
            return None

    # -- reading ---------------------------------------------------------------------------------

    def stamp(self) -> str:
        """A token that changes whenever the committed documents change, in any process or client:
        a reader compares it before each question (one small read) and reloads when it differs."""
        if self._state is None:
            self._state = self._state_collection(create=False)
            if self._state is None:
                return ""
        got = self._state.get(ids=[STATE_ID], include=["metadatas"])
        metas = got.get("metadatas") or []
        return str((metas[0] or {}).get("stamp", "")) if got["ids"] and metas else ""

    def mark_changed(self) -> None:
        """Stamp a commit (after it is complete, so a reader that reloads sees all of it)."""
        if self._state is None:
            self._state = self._state_collection(create=True)
        self._state.upsert(ids=[STATE_ID], embeddings=[[0.0]],
                           metadatas=[{"stamp": uuid.uuid4().hex}])

    # -- which encoder made the vectors ----------------------------------------------------------

    @property
    def encoder(self) -> str | None:
        """The encoder whose vectors the chunks hold, as the chunk collection's metadata records
        it; None for an empty index that records none. (An index written before encoders were
        recorded holds float32 vectors: there was no other.)"""
        recorded = (self.chunks.metadata or {}).get("encoder")
        if recorded:
            return str(recorded)
        return FLOAT32 if self.chunks.count() else None

    @property
    def encoder_version(self) -> int | None:
        """Which export of the int8 encoder made the vectors (`embed.INT8_MODEL_VERSION`); an int8
        index that records none was written by version 1 or 2, which give the same vectors.
        None for float32 and for an empty index."""
        if self.encoder != INT8:
            return None
        recorded = (self.chunks.metadata or {}).get("encoder_version")
        return int(recorded) if recorded else 2

    @property
    def reindexing_from(self) -> str | None:
        """The encoder a re-embedding started from, while one is unfinished: its vectors are then
        of two encoders, and nothing may read or add to them until `rag reindex` finishes."""
        value = (self.chunks.metadata or {}).get("reindexing_from")
        return str(value) if value else None

    def record_encoder(self, encoder: str, reindexing_from: str | None = None) -> None:
        """Record `encoder` and, for int8, the current export of it (`INT8_MODEL_VERSION`): an
        index is only ever recorded as holding the current one's vectors, by an ingest into an
        empty index or by `rag reindex`."""
        metadata: dict[str, Any] = {"encoder": encoder}
        if encoder == INT8:
            metadata["encoder_version"] = INT8_MODEL_VERSION
        if reindexing_from:
            metadata["reindexing_from"] = reindexing_from
        self.chunks.modify(metadata=metadata)

    def resolve_encoder(self, wanted: str | None) -> str:
        """The encoder to use with this index: the one it records; for an index with none, the one
        wanted (RAG_ENCODER, or what a caller's embedder is), else the default. Wanting another
        than a non-empty index's is an error that says how to re-embed: never two in one index."""
        unfinished = self.reindexing_from
        if unfinished:
            raise EncoderMismatch(
                f"re-embedding the index from {unfinished} to {self.encoder} was interrupted - "
                f"run 'rag reindex --encoder {self.encoder}' to finish it")
        recorded = self.encoder
        if recorded is None:
            return wanted or DEFAULT_ENCODER
        if wanted and wanted != recorded:
            raise EncoderMismatch(
                f"the index was embedded with the {recorded} encoder, not {wanted} - run "
                f"'rag reindex --encoder {wanted}' to re-embed it, or unset RAG_ENCODER to use "
                f"{recorded}")
        return recorded

    def reembed_document(self, doc_id: str, embedder: Embedder) -> int:
        """Replace the vectors of one document's chunks (and their sentence vectors) with
        `embedder`'s; texts, offsets and everything else stay. Returns its chunks."""
        got = self.chunks.get(where={"doc_id": doc_id}, include=["metadatas", "documents"])
        ids = list(got["ids"])
        if not ids:
            return 0
        metas = [dict(meta or {}) for meta in got.get("metadatas") or []]
        texts = [str(meta.get("text") or text or "")
                 for meta, text in zip(metas, got.get("documents") or [None] * len(ids))]
        spans = [[(s - int(meta.get("start", 0)), e - int(meta.get("start", 0)))
                  for s, e in json.loads(str(meta.get("sentences") or "[]"))] for meta in metas]
        vectors, sentence_vectors = embedder.embed_passages(texts, spans)
        for meta, sv in zip(metas, sentence_vectors):
            meta["sentence_vectors"] = pack_vectors(sv)
        for b in range(0, len(ids), self._batch):
            self.chunks.update(ids=ids[b : b + self._batch], embeddings=vectors[b : b + self._batch],
                               metadatas=metas[b : b + self._batch])  # type: ignore[arg-type]
        return len(ids)

    def documents(self) -> dict[str, DocumentRecord]:
        """Committed documents by id."""
        records = {}
        for ids, metas, _ in self._pages(self.docs, ["metadatas"]):
            for doc_id, meta in zip(ids, metas):
                records[doc_id] = DocumentRecord(
                    id=doc_id,
                    content_hash=str(meta.get("hash", "")),
                    title=_none_if_empty(meta.get("title")),
                    outlet=_none_if_empty(meta.get("outlet")),
                    date=_none_if_empty(meta.get("date")),
                    path=str(meta.get("path", "")),
                    chunks=int(meta.get("chunks", 0) or 0),
                    group=_none_if_empty(meta.get("group")),
                )
        return records

    # Records are read this many at a time. Chroma cannot leave out metadata keys, so reading a
    # whole collection at once holds every record's MinHash signature or sentence vectors (1.4 and
    # ~5 KB) at the same time, and Chroma's own buffers for them stay with the process: at 100k
    # chunks that was most of a gigabyte of an ingest's peak memory.
    PAGE = 1000

    def _pages(
        self, collection: Any, include: list[str]
    ) -> Iterator[tuple[list[str], list[Any], list[str | None]]]:
        """(ids, metadatas, documents) of every record of `collection`, a page at a time."""
        offset = 0
        while True:
            got = collection.get(include=include, limit=self.page, offset=offset)
            ids = list(got["ids"])
            if not ids:
                return
            metas = [meta or {} for meta in got.get("metadatas") or [None] * len(ids)]
            yield ids, metas, list(got.get("documents") or [None] * len(ids))
            offset += len(ids)

    def document_text(self, doc_id: str) -> str | None:
        got = self.docs.get(ids=[doc_id], include=["documents"])
        docs = got.get("documents") or []
        return docs[0] if docs else None

    @staticmethod
    def generation(records: dict[str, DocumentRecord]) -> str:
        """A fingerprint of the committed documents; the lexical index is stamped with it."""
        digest = hashlib.sha256()
        for doc_id in sorted(records):
            digest.update(f"{doc_id}\0{records[doc_id].content_hash}\n".encode())
        return digest.hexdigest()[:16]

    def chunk_ids(self) -> list[str]:
        return list(self.chunks.get(include=[])["ids"])

    def committed_chunks(self, records: dict[str, DocumentRecord]) -> Iterator[tuple[str, str]]:
        """(id, text) of every chunk of a committed document, in pages (for the lexical index)."""
        for ids, metas, texts in self._pages(self.chunks, ["documents", "metadatas"]):
            for chunk_id, meta, text in zip(ids, metas, texts):
                if is_committed(chunk_id, records):
                    yield chunk_id, str(meta.get("text") or text or "")

    def nearest(self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None
                ) -> list[str]:
        """The ids of the k chunks nearest to `vector`, nearest first; only chunks of the
        documents in `doc_ids` when it is given (filtered inside Chroma's search, so k still come
        back). Ids only: fetching every candidate's text and metadata (sentence vectors included)
        costs more than the search, and most candidates are dropped by fusion."""
        if doc_ids is not None and not doc_ids:
            return []
        where = {"doc_id": {"$in": sorted(doc_ids)}} if doc_ids is not None else None
        got = self.chunks.query(query_embeddings=[vector.tolist()], n_results=k, include=[],
                                where=where)  # type: ignore[arg-type]
        return list(got["ids"][0])

    def get_chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        if not ids:
            return []
        got = self.chunks.get(ids=list(ids), include=["documents", "metadatas"])
        found = {
            chunk_id: self._stored(chunk_id, text, meta)
            for chunk_id, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [])
        }
        return [found[i] for i in ids if i in found]

    @staticmethod
    def _stored(chunk_id: str, text: str | None, meta: Any) -> StoredChunk:
        meta = dict(meta or {})
        text = str(meta.pop("text", None) or text or "")
        return StoredChunk(
            id=chunk_id, doc_id=str(meta.get("doc_id", "")), text=text,
            start=int(meta.get("start", 0)), end=int(meta.get("end", 0)), metadata=meta,
        )

    # -- writing ---------------------------------------------------------------------------------

    def write_documents(
        self,
        batch: Sequence[tuple[Document, Sequence[Chunk]]],
        vectors: np.ndarray,
        sentence_vectors: Sequence[np.ndarray],
        replacing: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> None:
        """Store several documents: all their chunks, then their records (the commit), then drop
        the previous chunks of the documents in `replacing`.

        One Chroma call per step rather than per document: each call costs ~30 ms of fixed overhead.
        A crash before the records are written leaves only uncommitted chunks, which readers ignore
        and `repair()` removes.
        """
        chunks = [c for _, cs in batch for c in cs]
        written = int(time.time())
        metadatas = []
        for (doc, doc_chunks) in batch:
            common = {"doc_id": doc.id, "doc_hash": doc.content_hash, "title": doc.title or "",
                      "outlet": doc.outlet or "", "date": doc.date or ""}
            metadatas += [{**common, "index": c.index, "start": c.start, "end": c.end,
                           "text": c.text, "sentences": json.dumps(c.sentences),
                           "written": written}
                          for c in doc_chunks]
        for meta, sv in zip(metadatas, sentence_vectors):
            meta["sentence_vectors"] = pack_vectors(sv)
        for b in range(0, len(chunks), self._batch):
            self.chunks.upsert(
                ids=[c.id for c in chunks[b : b + self._batch]],
                embeddings=vectors[b : b + self._batch],
                metadatas=metadatas[b : b + self._batch],  # type: ignore[arg-type]
            )
        self.docs.upsert(
            ids=[doc.id for doc, _ in batch],
            embeddings=[self._record_vector()] * len(batch),
            documents=[doc.text for doc, _ in batch],
            metadatas=[{"hash": doc.content_hash, "title": doc.title or "",
                        "outlet": doc.outlet or "", "date": doc.date or "",
                        "path": doc.location, "chunks": len(cs),
                        "encoding": doc.encoding, "minhash": syndication.signature(doc.text)}
                       for doc, cs in batch],
        )
        keep = {c.id for c in chunks}
        for doc, _ in batch:
            if doc.id in replacing:
                self._delete_chunks([i for i in self._chunk_ids_of(doc.id) if i not in keep])
        self.mark_changed()

    def _record_vector(self) -> list[float]:
        """The vector a document record carries. Nothing searches document records, but Chroma
        stores none without one: a single zero, or, in an index whose records were written with
        the mean of their chunks' vectors, zeros of that length (a collection keeps one).

        The length is the one Chroma's catalogue gave when the collection was opened, not read
        from a stored record: reading an embedding builds the collection's vector-index reader,
        and on a server another client has just written to, that fails ("Nothing found on disk")."""
        dimension = getattr(getattr(self.docs, "_model", None), "dimension", None)
        return [0.0] * (dimension if isinstance(dimension, int) and dimension > 0 else 1)

    def regroup(self) -> int:
        """Recompute the syndication groups of all documents and store each one's representative;
        the number of documents whose group changed. Records written before signatures were kept
        get theirs from their stored text."""
        members: list[syndication.Member] = []
        stored_group: dict[str, str | None] = {}
        unsigned: dict[str, str] = {}  # doc id -> the signature made now
        for ids, metas, _ in self._pages(self.docs, ["metadatas"]):
            missing = [doc_id for doc_id, meta in zip(ids, metas) if not meta.get("minhash")]
            if missing:
                got = self.docs.get(ids=missing, include=["documents"])
                for doc_id, text in zip(got["ids"], got["documents"] or []):
                    unsigned[doc_id] = syndication.signature(text or "")
            for doc_id, meta in zip(ids, metas):
                stored_group[doc_id] = _none_if_empty(meta.get("group"))
                signature = unsigned.get(doc_id) or str(meta.get("minhash") or "")
                members.append(
                    syndication.Member(doc_id, signature, _none_if_empty(meta.get("date")))
                )
        groups = syndication.group(members)
        del members
        # Chroma merges an update into the stored metadata: only the changed keys are sent.
        changed = [doc_id for doc_id, group in groups.items()
                   if stored_group[doc_id] != group or doc_id in unsigned]
        for b in range(0, len(changed), self._batch):
            ids = changed[b : b + self._batch]
            self.docs.update(ids=ids, metadatas=[  # type: ignore[misc]
                {"group": groups[i], **({"minhash": unsigned[i]} if i in unsigned else {})}
                for i in ids
            ])
        if changed:
            self.mark_changed()
        return len(changed)

    def remove_document(self, doc_id: str) -> int:
        """Uncommit a document (record first, so readers stop seeing it), then drop its chunks."""
        self.docs.delete(ids=[doc_id])
        ids = self._chunk_ids_of(doc_id)
        self._delete_chunks(ids)
        self.mark_changed()
        return len(ids)

    def repair(self, grace_seconds: float = 0.0) -> int:
        """Remove chunks that belong to no committed document (an interrupted ingest's leftovers).

        On a shared server another client's ingest may be between writing a group's chunks and
        committing their records: chunks younger than `grace_seconds` are left alone then.
        """
        records = self.documents()
        orphans = [i for i in self.chunk_ids() if not is_committed(i, records)]
        if grace_seconds > 0 and orphans:
            cutoff = time.time() - grace_seconds
            got = self.chunks.get(ids=orphans, include=["metadatas"])
            orphans = [i for i, meta in zip(got["ids"], got["metadatas"] or [])
                       if float((meta or {}).get("written", 0)) < cutoff]
        self._delete_chunks(orphans)
        return len(orphans)

    def _chunk_ids_of(self, doc_id: str) -> list[str]:
        return list(self.chunks.get(where={"doc_id": doc_id}, include=[])["ids"])

    def _delete_chunks(self, ids: Sequence[str]) -> None:
        for b in range(0, len(ids), self._batch):
            self.chunks.delete(ids=list(ids[b : b + self._batch]))


