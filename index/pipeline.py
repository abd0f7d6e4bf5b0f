"""`ingest(paths)`: files in, cleaned and chunked articles with embeddings out, stored in Chroma.

Idempotent: a file whose content hash is already committed is not touched; a changed file replaces
all of its chunks; `prune=True` removes documents whose files are gone. Documents commit in small
groups, whole, so an interrupted ingest (Ctrl-C, kill) leaves only whole documents, and running it
again finishes the job.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from newsrag.index.chunk import chunk
from newsrag.index.embed import (
    DEFAULT_ENCODER,
    INT8,
    INT8_MODEL_VERSION,
    Embedder,
    embedder_for_encoder,
    release_freed_memory,
    save_query_model,
)
from newsrag.index.fetch import WebArticle, feed_entries, is_url, load_url, normalize_url
from newsrag.index.lexical import current_lexical, lexical_folder
from newsrag.index.load import SIDECAR_NAME, LoadError, discover, load, sidecar_problem
from newsrag.index.store import DocumentRecord, Store, WriterLock
from newsrag.index.types import Chunk, Document, Skipped
from newsrag.errors import DiskFull, DocumentNotFound, EncoderMismatch
from newsrag.settings import Settings


@dataclass
class Counts:
    documents: int = 0
    chunks: int = 0


@dataclass
class IngestReport:
    added: Counts = field(default_factory=Counts)
    updated: Counts = field(default_factory=Counts)
    unchanged: Counts = field(default_factory=Counts)
    removed: Counts = field(default_factory=Counts)
    skipped: list[Skipped] = field(default_factory=list)
    repaired_chunks: int = 0  # leftovers of an interrupted ingest that were cleaned up
    older_encoder: int | None = None  # the index's int8 vectors are of this older export

    @property
    def ok(self) -> bool:
        """False when any file was skipped, so scripts can tell from the exit code."""
        return not self.skipped

    @property
    def changed(self) -> bool:
        return bool(self.added.documents or self.updated.documents or self.removed.documents
                    or self.repaired_chunks)

    def lines(self) -> list[str]:
        rows = [
            f"{name:<9} {c.documents:>6} documents {c.chunks:>8} chunks"
            for name, c in (("added", self.added), ("updated", self.updated),
                            ("unchanged", self.unchanged), ("removed", self.removed))
        ]
        rows += [f"skipped   {s.path}: {s.reason}" for s in self.skipped]
        if self.older_encoder:
            rows.append(f"note      the index's vectors are from int8 encoder version "
                        f"{self.older_encoder}, and new ones are made with it too - "
                        f"'rag reindex' re-embeds everything with version {INT8_MODEL_VERSION}, "
                        "closer to float32")
        return rows

    def to_dict(self) -> dict[str, object]:
        return {
            **{name: {"documents": c.documents, "chunks": c.chunks}
               for name, c in (("added", self.added), ("updated", self.updated),
                               ("unchanged", self.unchanged), ("removed", self.removed))},
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
        }


def _progress(total: int, desc: str, show: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", disable=not show, file=sys.stderr,
                dynamic_ncols=True, leave=False)


def ingest(
    paths: Iterable[str | Path],
    *,
    feeds: Iterable[str] = (),
    prune: bool = False,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    progress: bool | None = None,
) -> IngestReport:
    """Ingest article files, folders and web pages (http(s) URLs among `paths`), and the articles
    that RSS or Atom `feeds` link to, into the index under `settings.home` (or the server).

    >>> report = ingest(["seeds/"])                                   # doctest: +SKIP
    >>> report.added.documents, report.added.chunks                    # doctest: +SKIP
    (5, 28)
    """
    settings = settings or Settings.from_env()
    show = sys.stderr.isatty() if progress is None else progress
    report = IngestReport()
    paths = list(paths)
    found = discover([p for p in paths if not is_url(p)])
    report.skipped.extend(found.skipped)
    sources: list[Path | WebArticle] = [*found.files, *(WebArticle(str(p), None, None)
                                                       for p in paths if is_url(p))]
    for feed in feeds:
        try:
            sources += feed_entries(feed, settings.fetch_timeout)
        except LoadError as exc:
            report.skipped.append(Skipped(feed, str(exc)))

    with WriterLock(settings):
        store = Store(settings, create=True)
        encoder = store.resolve_encoder(embedder.encoder if embedder else settings.encoder)
        if store.encoder is None:
            store.record_encoder(encoder)
        # An index keeps the int8 export its vectors came from: never two exports in one index.
        version = store.encoder_version
        if embedder is not None and embedder.version != version:
            raise EncoderMismatch(
                f"the index's int8 vectors are from encoder version {version}, not "
                f"{embedder.version} - run 'rag reindex' to re-embed it")
        embedder = embedder or embedder_for_encoder(encoder, settings.embed_batch_size, version)
        if version is not None and version != INT8_MODEL_VERSION:
            report.older_encoder = version
        # Embedded, the writer lock rules out another writer; on a server, another client may be
        # mid-ingest, so only leftovers older than any group's write-to-commit time are removed.
        report.repaired_chunks = store.repair(grace_seconds=600 if settings.chroma_url else 0)
        existing = store.documents()

        prepared = _prepare(sources, existing, report, settings)
        _embed_and_write(store, prepared, len(sources), existing, report,
                         settings, embedder, show)
        release_freed_memory()  # before the work below allocates its own peak

        if prune:
            for doc_id, record in existing.items():
                if record.path and not is_url(record.path) and not Path(record.path).exists():
                    report.removed.documents += 1
                    report.removed.chunks += store.remove_document(doc_id)

        # Copies of one story are grouped over the whole index: a new article may be a copy of
        # one ingested long ago. (Also fills in groups for an index made before they existed.)
        if report.changed or any(r.group is None for r in existing.values()):
            store.regroup()

        folder = lexical_folder(settings.home, settings.collection)
        current_lexical(store, folder)
        if report.added.documents or report.updated.documents:
            # Export the fast question encoder for `rag ask`, once per machine.
            save_query_model()
    return report


def _prepare(
    sources: Sequence[Path | WebArticle], existing: dict[str, DocumentRecord],
    report: IngestReport, settings: Settings,
) -> Iterator[tuple[Document, list[Chunk]]]:
    """Load (or fetch) and chunk the articles that are new or changed; count the rest in the
    report."""
    seen: dict[str, str] = {}  # document id -> where it came from
    sidecars_checked: set[Path] = set()  # folders whose metadata.json was checked
    for source in sources:
        if isinstance(source, WebArticle):
            url = normalize_url(source.link)
            if url in seen:
                continue  # a feed that lists a page twice, or a page also given by itself
            seen[url] = source.link
            try:
                doc = load_url(source.link, settings.fetch_timeout,
                               {"title": source.title, "published": source.published})
            except LoadError as exc:
                report.skipped.append(Skipped(source.link, str(exc)))
                continue
        else:
            path = source
            if path.name in seen:
                report.skipped.append(Skipped(
                    str(path), f"same file name as {seen[path.name]} (documents are named by "
                    "file name; rename one)"))
                continue
            seen[path.name] = str(path)
            folder = path.resolve().parent
            if folder not in sidecars_checked:
                sidecars_checked.add(folder)
                problem = sidecar_problem(folder)
                if problem:
                    report.skipped.append(Skipped(str(path.parent / SIDECAR_NAME), problem))
            try:
                doc = load(path)
            except LoadError as exc:
                report.skipped.append(Skipped(str(path), str(exc)))
                continue
        record = existing.get(doc.id)
        if record is not None and record.content_hash == doc.content_hash:
            report.unchanged.documents += 1
            report.unchanged.chunks += record.chunks
            continue
        yield doc, chunk(doc, settings.chunk_size, settings.chunk_overlap)


def remove(doc_ids: Iterable[str], *, settings: Settings | None = None) -> Counts:
    """Remove documents (by id: file name or URL) and their chunks from the index; what was
    removed. DocumentNotFound, naming the first unknown id, before anything is removed."""
    settings = settings or Settings.from_env()
    removed = Counts()
    with WriterLock(settings):
        store = Store(settings)
        records = store.documents()
        wanted = list(dict.fromkeys(doc_ids))
        unknown = [d for d in wanted if d not in records]
        if unknown:
            raise DocumentNotFound(f"no indexed document is named {unknown[0]!r} - 'rag documents' "
                                   "lists them by file name or URL")
        for doc_id in wanted:
            removed.chunks += store.remove_document(doc_id)
            removed.documents += 1
        if removed.documents:
            store.regroup()  # the removed articles' copies may need a new representative
            current_lexical(store, lexical_folder(settings.home, settings.collection))
    return removed


# Documents are embedded and committed about this many chunks at a time: enough that Chroma's
# fixed cost per call (~30 ms) is small, few enough that an interrupt loses seconds of work.
GROUP_CHUNKS = 256


def _embed_and_write(
    store: Store,
    prepared: Iterable[tuple[Document, list[Chunk]]],
    files: int,
    existing: dict[str, DocumentRecord],
    report: IngestReport,
    settings: Settings,
    embedder: Embedder,
    show: bool,
) -> None:
    """Embed prepared documents in groups and store each group.

    Short articles alone make small, slow model batches, and every Chroma call has a fixed cost, so
    documents are embedded and stored several at a time; each group commits as a whole. (Running
    loading or writing on other threads was measured: on two cores it slows the encoder, which
    already uses both, by as much as it saves. Measured again with the int8 encoder on
    2026-12-03, writing each group while the next is embedded: 106.1 against 106.8 chunks/s.)
    """
    with _progress(files, "ingesting", show) as bar:
        for group in _groups(prepared, GROUP_CHUNKS):
            chunks = [c for _, cs in group for c in cs]
            check_disk_space(settings, len(chunks))
            vectors, sentence_vectors = embedder.embed_passages(
                [c.text for c in chunks],
                [[(s - c.start, e - c.start) for s, e in c.sentences] for c in chunks],
            )
            store.write_documents(group, vectors, sentence_vectors, replacing=set(existing))
            for doc, doc_chunks in group:
                counts = report.updated if doc.id in existing else report.added
                counts.documents += 1
                counts.chunks += len(doc_chunks)
            bar.update(len(group))
        bar.update(files - bar.n)


# Measured: an embedded index takes ~24 KB per chunk (vectors, HNSW graph, metadata, full-text
# index); Chroma also needs room to compact its log. Stopping before a write that might not fit
# keeps the index whole: a write that hits a full disk leaves Chroma unable even to read.
BYTES_PER_CHUNK = 32 * 1024
SPACE_MARGIN = 8 * 1024 * 1024


def check_disk_space(settings: Settings, chunks: int) -> None:
    if settings.chroma_url:
        return  # the server's disk is the server's business
    free = shutil.disk_usage(settings.home).free
    need = SPACE_MARGIN + chunks * BYTES_PER_CHUNK
    if free < need:
        raise DiskFull(
            f"only {free / 1e6:.1f} MB free on the disk holding {settings.home}/ and the next "
            f"{chunks} chunks need about {need / 1e6:.0f} MB - free some space and run the same "
            "command again (the documents ingested so far are kept)"
        )


def _groups(
    prepared: Iterable[tuple[Document, list[Chunk]]], target: int
) -> Iterator[list[tuple[Document, list[Chunk]]]]:
    group: list[tuple[Document, list[Chunk]]] = []
    size = 0
    for item in prepared:
        group.append(item)
        size += len(item[1])
        if size >= target:
            yield group
            group, size = [], 0
    if group:
        yield group


def reindex(
    settings: Settings | None = None, *, encoder: str | None = None, progress: bool | None = None
) -> tuple[int, int]:
    """Re-embed every document of the index with `encoder` (default: RAG_ENCODER, else the
    default encoder), in place: texts, offsets, groups and BM25 stay. Returns (documents, chunks).
    An int8 index made by an older export of the int8 encoder is re-embedded with the current.

    The index records the target encoder and the one it started from before the first vector
    changes, and drops the second only when the last one has: an interrupted run leaves an index
    that says so and refuses to answer or ingest (its vectors are of two encoders) until this runs
    again, which re-embeds it all.
    """
    settings = settings or Settings.from_env()
    if encoder:
        settings = settings.with_(encoder=encoder)  # which checks the name
    target = settings.encoder or DEFAULT_ENCODER
    show = sys.stderr.isatty() if progress is None else progress
    with WriterLock(settings):
        store = Store(settings)
        current, unfinished = store.encoder, store.reindexing_from
        outdated = target == INT8 and store.encoder_version not in (None, INT8_MODEL_VERSION)
        if current in (None, target) and not unfinished and not outdated:
            store.record_encoder(target)
            return 0, 0
        store.repair()  # leftovers of an interrupted ingest are not worth embedding
        store.record_encoder(target, reindexing_from=unfinished or current)
        store.mark_changed()  # readers reload, find the re-embedding, and wait for it
        embedder = embedder_for_encoder(target, settings.embed_batch_size)
        records = store.documents()
        chunks = 0
        with _progress(len(records), f"re-embedding ({target})", show) as bar:
            for doc_id in records:
                chunks += store.reembed_document(doc_id, embedder)
                bar.update(1)
        store.record_encoder(target)
        store.mark_changed()
    release_freed_memory()
    return len(records), chunks
