"""Ingest end to end: the real model, a real Chroma in a temporary RAG_HOME."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from newsrag.index import ingest
from newsrag.index.lexical import current_lexical, lexical_folder
from newsrag.index.store import SEARCH_EF, Store, WriterLock, chunk_doc_id
from newsrag.errors import IndexBusy, RagError
from newsrag.settings import Settings
from tests.conftest import ROOT, SEEDS

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def chunk_docs(settings: Settings) -> dict[str, int]:
    """Chunks per document as stored in Chroma (all of them, committed or not)."""
    store = Store(settings)
    counts: dict[str, int] = {}
    for chunk_id in store.chunk_ids():
        doc_id = chunk_doc_id(chunk_id)
        counts[doc_id] = counts.get(doc_id, 0) + 1
    return counts


def test_seeds_ingest_into_five_documents(settings: Settings) -> None:
    report = ingest([SEEDS], settings=settings, progress=False)
    assert report.ok
    assert report.added.documents == 5
    store = Store(settings)
    records = store.documents()
    assert sorted(records) == SEED_NAMES
    assert report.added.chunks == sum(r.chunks for r in records.values()) == len(store.chunk_ids())
    assert records["000_26ff0d73370cc3a0.txt"].date == "1998-08-09"
    assert records["003_c8609d51c2e51429.txt"].outlet == "Press TV"


def test_known_passage_is_stored_under_its_document(settings: Settings) -> None:
    ingest([SEEDS], settings=settings, progress=False)
    store = Store(settings)
    from newsrag.index.embed import default_embedder

    nearest = store.nearest(default_embedder().embed_query("60,000 families displaced"), k=3)
    top = store.get_chunks(nearest)[0]
    assert top.doc_id == "004_3c46c6d2562e4cd0.txt"
    assert "60,000 families had been displaced over the past two months" in top.text
    article = store.document_text(top.doc_id)
    assert article is not None and article[top.start : top.end] == top.text
    sentences = json.loads(top.metadata["sentences"])
    assert all(top.start <= s < e <= top.end for s, e in sentences)


def test_reingest_unchanged_writes_nothing(settings: Settings, seeds_copy: Path) -> None:
    ingest([seeds_copy], settings=settings, progress=False)
    before = sorted(Store(settings).chunk_ids())
    chroma_files = {p: p.stat().st_mtime_ns for p in (settings.home / "chroma").rglob("*.bin")}
    report = ingest([seeds_copy], settings=settings, progress=False)
    assert report.unchanged.documents == 5
    assert report.added.documents == report.updated.documents == report.removed.documents == 0
    assert report.added.chunks == 0
    assert sorted(Store(settings).chunk_ids()) == before
    assert {p: p.stat().st_mtime_ns for p in chroma_files} == chroma_files


def test_edited_file_replaces_exactly_its_chunks(settings: Settings, seeds_copy: Path) -> None:
    ingest([seeds_copy], settings=settings, progress=False)
    before = Store(settings).documents()
    path = seeds_copy / "002_3993b5d063c408f6.txt"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\nResidents said the bazaar reopened on Sunday under a new curfew.\n",
        encoding="utf-8",
    )
    report = ingest([seeds_copy], settings=settings, progress=False)
    assert report.updated.documents == 1
    assert report.unchanged.documents == 4
    assert report.added.documents == 0
    after = Store(settings).documents()
    changed = [d for d in after if after[d].content_hash != before[d].content_hash]
    assert changed == ["002_3993b5d063c408f6.txt"]
    counts = chunk_docs(settings)
    assert counts == {d: r.chunks for d, r in after.items()}  # no chunk of the old version left
    lexical = current_lexical(Store(settings), lexical_folder(settings.home, settings.collection))
    assert lexical.search("bazaar curfew", 1)[0][0].startswith("002_3993b5d063c408f6.txt#")


def test_prune_removes_deleted_files(settings: Settings, seeds_copy: Path) -> None:
    ingest([seeds_copy], settings=settings, progress=False)
    (seeds_copy / "003_c8609d51c2e51429.txt").unlink()
    report = ingest([seeds_copy], settings=settings, progress=False)
    assert report.removed.documents == 0  # without --prune nothing is removed
    assert "003_c8609d51c2e51429.txt" in Store(settings).documents()
    report = ingest([seeds_copy], prune=True, settings=settings, progress=False)
    assert report.removed.documents == 1 and report.removed.chunks > 0
    assert "003_c8609d51c2e51429.txt" not in Store(settings).documents()
    assert "003_c8609d51c2e51429.txt" not in chunk_docs(settings)
    lexical = current_lexical(Store(settings), lexical_folder(settings.home, settings.collection))
    assert not any(i.startswith("003_") for i in lexical.ids)


def test_bad_inputs_are_reported_and_the_rest_ingested(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "latin.txt").write_bytes(
        "Le maire a inauguré le nouveau marché couvert de la ville samedi matin, devant les "
        "habitants réunis sur la place.".encode("latin-1")
    )
    report = ingest([folder, tmp_path / "nowhere"], settings=settings, progress=False)
    assert not report.ok
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary file (not text)",
        "notes.pdf": "unsupported file type '.pdf'",
        "nowhere": "no such file or folder",
    }
    assert report.added.documents == 6  # the five seeds and the Latin-1 article
    assert "latin.txt" in Store(settings).documents()


def test_second_writer_is_refused_with_one_line(settings: Settings) -> None:
    with WriterLock(settings):
        with pytest.raises(IndexBusy, match="another process .* is writing to"):
            ingest([SEEDS], settings=settings, progress=False)


_OVERRIDE_MARKS = """
import sys
from overrides import EnforceOverrides
from newsrag.index.store import Store
from newsrag.settings import Settings
store = Store(Settings.from_env({"RAG_HOME": sys.argv[1]}), create=True)
assert store.chunk_ids() == []
import overrides
assert overrides.override.__module__ == "newsrag.index.store", overrides.override.__module__

class Base(EnforceOverrides):
    def run(self, a: int) -> int:
        return a

class Marked(Base):
    @overrides.override
    def run(self, a: int) -> int:
        return a + 1

assert Marked().run(1) == 2 and Marked.run.__override__
try:
    class Unmarked(Base):
        def run(self, a: int) -> int:
            return a
except TypeError:
    print("refused")
"""


def test_chroma_opens_without_signature_checks_and_still_enforces_override_marks(
        tmp_path: Path) -> None:
    """Chroma is imported with `overrides`' signature checks off (0.15-0.3 s of a cold `rag
    ask`), in a fresh process as `rag ask` imports it; its classes still require the mark."""
    out = subprocess.run([sys.executable, "-c", _OVERRIDE_MARKS, str(tmp_path / "home")],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.strip() == "refused"

def _make_corpus(folder: Path, copies: int) -> None:
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(copies):
        (folder / f"copy_{i:03d}.txt").write_text(
            f"Report number {i}\n" + texts[i % len(texts)] + f"\nEditor's note {i}: updated.\n",
            encoding="utf-8",
        )


_INSPECT = """
import json, sys
from newsrag.index.store import Store, chunk_doc_id, is_committed
from newsrag.settings import Settings
store = Store(Settings.from_env({"RAG_HOME": sys.argv[1]}))
records = store.documents()
ids = store.chunk_ids()
committed = {}
for i in ids:
    if is_committed(i, records):
        committed[chunk_doc_id(i)] = committed.get(chunk_doc_id(i), 0) + 1
print(json.dumps({"records": {d: r.chunks for d, r in records.items()},
                  "committed": committed, "all_chunks": len(ids)}))
"""


def inspect_index(home: Path, *, while_writing: bool = False) -> dict:  # type: ignore[type-arg]
    """Read an index from a fresh process, as the next user of a killed ingest would."""
    out = subprocess.run([sys.executable, "-c", _INSPECT, str(home)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode != 0:
        # While the writer is still creating the index there may be nothing to read yet.
        assert while_writing, f"the index cannot be read: {out.stderr[-500:]}"
        return {}
    return json.loads(out.stdout)


@pytest.mark.slow
def test_killed_ingest_leaves_whole_documents_and_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _make_corpus(corpus, 40)
    clean_settings = Settings.from_env({"RAG_HOME": str(tmp_path / "clean")})
    clean = ingest([corpus], settings=clean_settings, progress=False)

    # Everything about the killed index happens in other processes: the writer that is killed,
    # the readers that inspect what it left, and the re-run.
    home = tmp_path / "killed"
    env = {**os.environ, "RAG_HOME": str(home), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "rag.cli", "ingest", str(corpus)]
    rng = random.Random(7)
    for _ in range(2):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        # Wait until some documents have committed, then kill it in the middle of the rest.
        deadline = time.time() + 180
        committed_some = False
        while time.time() < deadline and proc.poll() is None:
            if len(inspect_index(home, while_writing=True).get("records", {})) >= 3:
                committed_some = True
                break
            time.sleep(0.5)
        time.sleep(rng.uniform(0.0, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Whatever was committed is whole: every committed document has all its chunks. (On a
        # loaded machine the writer may not have created the index before the deadline: then
        # there is nothing to read yet, and the re-run below still has to finish the job.)
        state = inspect_index(home, while_writing=not committed_some)
        assert state.get("committed") == state.get("records")

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    final = inspect_index(home)
    assert len(final["records"]) == clean.added.documents == 40
    assert final["committed"] == final["records"]
    assert final["all_chunks"] == sum(final["records"].values()) == clean.added.chunks  # no orphans
    killed_settings = Settings.from_env({"RAG_HOME": str(home)})
    lexical = current_lexical(Store(killed_settings),
                              lexical_folder(killed_settings.home, killed_settings.collection))
    assert len(lexical.ids) == clean.added.chunks


@pytest.mark.parametrize("encoder", ["float32", "int8"])
def test_questions_start_without_torch(
    encoder: str, seeded_home: Path, tmp_path: Path
) -> None:
    """Ingest, with either encoder, exports MiniLM to ONNX; questions to either index are
    embedded by it, to the same vectors as the full model, and a `rag ask` process never imports
    torch or sentence-transformers (what makes it start fast)."""
    from newsrag.index.embed import OnnxEmbedder, default_embedder, query_model_path
    from rag.pipeline import engine

    home = seeded_home
    if encoder == "float32":
        home = tmp_path / "float32-home"
        ingest([SEEDS], settings=Settings.from_env({"RAG_HOME": str(home),
                                                    "RAG_ENCODER": "float32"}), progress=False)
    assert query_model_path().exists()
    fast = OnnxEmbedder(query_model_path())
    texts = ["Which city fell to the Taliban?", "Kabul", "Mazar-i-Sharif " * 200]  # truncated
    full = default_embedder().embed_texts(texts)
    assert np.abs(fast.embed_texts(texts) - full).max() < 1e-4
    settings = Settings.from_env({"RAG_HOME": str(home)})
    assert Store(settings).encoder == encoder
    assert isinstance(engine(settings).retriever.embedder, OnnxEmbedder)

    probe = ("import sys; from rag.cli import main; "
             "code = main(['ask', 'Which city was the ninth provincial capital to fall?']); "
             "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') "
             "if m in sys.modules]; print('HEAVY', heavy); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "RAG_HOME": str(home)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Faizabad" in result.stdout and "HEAVY []" in result.stdout


def test_the_question_encoder_loads_on_a_thread_while_the_index_opens(
    seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`query_embedder_soon` builds the exported encoder on a thread of its own (so a cold
    `rag ask` opens the index meanwhile), hands over the same encoder and re-raises its failure
    in the caller; with no export yet, the caller builds it itself."""
    from newsrag.index import embed

    built_on: list[str] = []
    real = embed.query_embedder

    def recorded(batch_size: int = 32) -> embed.Embedder:
        built_on.append(threading.current_thread().name)
        return real(batch_size)

    monkeypatch.setattr(embed, "query_embedder", recorded)
    made = embed.query_embedder_soon()()
    assert isinstance(made, embed.OnnxEmbedder) and built_on == ["question-encoder"]
    question = "Which city fell to the Taliban?"
    assert np.abs(made.embed_query(question) - real().embed_query(question)).max() < 1e-6

    def broken(batch_size: int = 32) -> embed.Embedder:
        raise RagError("the encoder is broken")

    monkeypatch.setattr(embed, "query_embedder", broken)
    with pytest.raises(RagError, match="broken"):
        embed.query_embedder_soon()()

    built_on.clear()
    monkeypatch.setattr(embed, "query_embedder", lambda batch_size=32: built_on.append(
        threading.current_thread().name))
    monkeypatch.setattr(embed, "query_model_path", lambda: seeded_home / "not-exported.onnx")
    embed.query_embedder_soon()()
    assert built_on == [threading.current_thread().name]


def test_passages_embedded_side_by_side_match_encode_in_order() -> None:
    """embed_passages runs its batches on parallel workers: every passage still gets its own
    vector (the same as SentenceTransformer.encode's), a sentence spanning a whole passage gets
    about the passage's vector, and torch's thread setting is restored afterwards."""
    import torch

    from newsrag.index.chunk import chunk
    from newsrag.index.embed import default_embedder
    from newsrag.index.load import load

    chunks = [c for p in sorted(SEEDS.glob("*.txt")) for c in chunk(load(p))]
    embedder = default_embedder()
    assert len(chunks) > embedder.batch_size  # several batches, so the workers really run
    threads = torch.get_num_threads()
    texts = [c.text for c in chunks]
    spans = [[(0, len(c.text))] for c in chunks]
    passages, sentences = embedder.embed_passages(texts, spans)
    assert torch.get_num_threads() == threads
    encoded = embedder.model.encode(texts, normalize_embeddings=True)
    assert np.abs(passages - encoded).max() < 1e-4
    whole = np.array([s[0] for s in sentences])
    # Mean over the text's tokens vs over all tokens including [CLS]/[SEP]: close, not equal.
    assert (np.sum(whole * passages, axis=1) > 0.97).all()


def test_chunk_text_is_read_from_either_place(settings: Settings) -> None:
    """New chunks carry their text in metadata (no Chroma full-text index); an index written
    before kept it in the document field. Readers return the same text from either."""
    ingest([SEEDS], settings=settings, progress=False)
    store = Store(settings)
    chunk_id = store.chunk_ids()[0]
    new = store.get_chunks([chunk_id])[0]
    got = store.chunks.get(ids=[chunk_id], include=["documents", "metadatas", "embeddings"])
    assert got["documents"] == [None] and got["metadatas"][0]["text"] == new.text
    old_meta = {k: v for k, v in got["metadatas"][0].items() if k != "text"}
    store.chunks.delete(ids=[chunk_id])
    store.chunks.add(ids=[chunk_id], embeddings=got["embeddings"], documents=[new.text],
                     metadatas=[old_meta])
    old = store.get_chunks([chunk_id])[0]
    assert old.text == new.text and "text" not in old.metadata
    assert dict(store.committed_chunks(store.documents()))[chunk_id] == new.text


def test_document_records_carry_no_vector_and_older_indexes_take_new_ones(
    settings: Settings, seeds_copy: Path,
) -> None:
    """Nothing searches document records, so they hold a one-number placeholder, not a vector
    per article. An index whose records were written with vectors of the model's length keeps
    taking new documents: the placeholder takes the length its collection has."""
    first, *rest = sorted(seeds_copy.glob("*.txt"))
    ingest([first], settings=settings, progress=False)
    store = Store(settings)
    got = store.docs.get(include=["metadatas", "documents", "embeddings"])
    assert [len(v) for v in got["embeddings"]] == [1]
    store.client.delete_collection(f"{settings.collection}_documents")  # as older ingests made it
    store.client.create_collection(f"{settings.collection}_documents", embedding_function=None)
    Store(settings).docs.add(ids=got["ids"], embeddings=[[0.1] * 384], documents=got["documents"],
                             metadatas=got["metadatas"])
    report = ingest(rest, settings=settings, progress=False)
    assert report.ok and report.added.documents == len(rest)
    store = Store(settings)
    assert sorted(store.documents()) == sorted(p.name for p in seeds_copy.glob("*.txt"))
    assert {len(v) for v in store.docs.get(include=["embeddings"])["embeddings"]} == {384}


def test_chunk_search_explores_widely_in_new_and_older_indexes(
    settings: Settings, seeds_copy: Path,
) -> None:
    """At Chroma's default breadth (ef_search 100) the 40 nearest chunks of a question came back
    different from one process to the next, and so did its answer. A new index searches at
    SEARCH_EF, and an older index is raised to it by its next ingest."""
    first, *rest = sorted(seeds_copy.glob("*.txt"))
    ingest([first], settings=settings, progress=False)
    store = Store(settings)
    assert store.chunks.configuration["hnsw"]["ef_search"] == SEARCH_EF
    store.chunks.modify(configuration={"hnsw": {"ef_search": 100}})  # as older ingests made it
    assert Store(settings).chunks.configuration["hnsw"]["ef_search"] == 100
    ingest(rest, settings=settings, progress=False)
    assert Store(settings).chunks.configuration["hnsw"]["ef_search"] == SEARCH_EF


def test_records_read_in_pages_are_all_the_records(settings: Settings) -> None:
    """Whole collections are read a page at a time (memory at 100k chunks): pages of two records
    return every document and every committed chunk, each once."""
    ingest([SEEDS], settings=settings, progress=False)
    store = Store(settings, page=2)
    whole = store.docs.get(include=["metadatas"])
    records = store.documents()
    assert sorted(records) == sorted(whole["ids"]) == SEED_NAMES
    for doc_id, meta in zip(whole["ids"], whole["metadatas"] or []):
        record = records[doc_id]
        assert (record.content_hash, record.chunks) == (meta["hash"], meta["chunks"])
    chunks = list(store.committed_chunks(records))
    assert sorted(i for i, _ in chunks) == sorted(store.chunk_ids())
    assert len(chunks) == sum(r.chunks for r in records.values())
    assert all(text.strip() for _, text in chunks)


def test_bm25_built_page_by_page_matches_the_query_tokenizer(seeded_home: Path) -> None:
    """The lexical index tokenizes chunks a page at a time into one vocabulary; its terms and
    scores are those of an index built in one pass with the tokenizer that questions go through."""
    import bm25s

    from newsrag.index import lexical

    store = Store(Settings.from_env({"RAG_HOME": str(seeded_home)}))
    records = store.documents()
    chunks = list(store.committed_chunks(records))
    paged = lexical.LexicalIndex.build("g", chunks, page=3)
    one_pass = bm25s.BM25()
    one_pass.index(lexical.tokenize([text for _, text in chunks]), show_progress=False)
    assert paged.ids == [i for i, _ in chunks]
    assert paged.doc_freq == lexical._doc_freq(one_pass)
    for question in ["Who did Ghani meet in Mazar-i-Sharif?", "families displaced",
                     "ninth provincial capital"]:
        docs, scores = one_pass.retrieve(lexical.tokenize([question]), k=5, show_progress=False)
        expected = [(chunks[int(d)][0], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
        got = paged.search(question, 5)
        assert [i for i, _ in got] == [i for i, _ in expected]
        assert np.allclose([s for _, s in got], [s for _, s in expected])


def test_one_texts_terms_are_those_bm25s_gives(seeded_home: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`terms()` splits, filters and stems one text itself (bm25s's set-up per call costs more
    than the work); every sentence of the seeds, and odd words, come out as bm25s makes them."""
    from newsrag.index import lexical

    store = Store(Settings.from_env({"RAG_HOME": str(seeded_home)}))
    texts = [sentence for _, text in store.committed_chunks(store.documents())
             for sentence in re.split(r"(?<=[.!?])\s+", text)]
    texts += ["", "a", "The THE the", "Mazar-i-Sharif’s 9am X.25 Cévennes naïve ŒUVRE", "isn't"]
    assert [lexical.terms(t) for t in texts] == lexical.terms_of(texts)
    # A bm25s without the stop-word helper it borrows: each text goes through bm25s itself.
    lexical._terms.cache_clear()
    monkeypatch.setattr(lexical, "_stopwords", lambda: None)
    try:
        assert [lexical.terms(t) for t in texts[:50]] == lexical.terms_of(texts[:50])
    finally:
        lexical._terms.cache_clear()


# Run in a fresh process: in this one, what earlier tests freed is reused unseen.
_ARENA_CHECK = """
import threading
import time
from newsrag.index.embed import release_freed_memory

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

kept, freed, finish = [], threading.Event(), threading.Event()

def work():  # like an encoder pool's thread: it frees its buffers and lives on
    blocks = [b"x" * 64 * 1024 for _ in range(3200)]  # 200 MB, under the mmap threshold
    kept.append(b"x" * 1024)  # a live block above them: the arena cannot shrink
    del blocks
    freed.set()
    finish.wait()

base = resident_mb()
worker = threading.Thread(target=work)
worker.start()
freed.wait()
time.sleep(0.2)
held = resident_mb()
release_freed_memory()
print(held - base, held - resident_mb())
finish.set()
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_memory_freed_on_a_worker_thread_is_handed_back() -> None:
    """What a live worker thread frees below a block still in use stays resident in its malloc
    arena (as the encoder pool's activations did) until `release_freed_memory` hands it back."""
    out = subprocess.run([sys.executable, "-c", _ARENA_CHECK], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    grown, released = map(float, out)
    assert grown > 150
    assert released > 0.9 * grown


def test_a_transient_chroma_reader_failure_is_retried_and_no_other(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Chroma fails a read that builds a vector-index reader while another client's write is being
    applied (tests/test_server_mode.py runs into it about one time in three); the same call
    succeeds a moment later. Any other failure reaches the caller at once."""
    from chromadb.errors import InternalError

    from newsrag.index.store import _Retrying

    monkeypatch.setattr(_Retrying, "DELAYS", (0.0, 0.0, 0.0))
    calls: list[str] = []

    class Collection:
        name = "chunks"

        def get(self, ids: list[str]) -> dict[str, list[str]]:
            calls.append("get")
            if len(calls) < 3:
                raise InternalError("Error executing plan: Internal error: Error creating hnsw "
                                    "segment reader: Nothing found on disk")
            return {"ids": ids}

        def delete(self, ids: list[str]) -> None:
            calls.append("delete")
            raise InternalError("database is locked")

    collection = _Retrying(Collection())
    assert collection.name == "chunks"
    assert collection.get(ids=["a"]) == {"ids": ["a"]} and calls == ["get"] * 3
    calls.clear()
    with pytest.raises(InternalError, match="database is locked"):
        collection.delete(ids=["a"])
    assert calls == ["delete"]
    calls.clear()

    def always_failing(ids: list[str]) -> None:
        calls.append("get")
        raise InternalError("Error creating hnsw segment reader: Nothing found on disk")

    monkeypatch.setattr(Collection, "get", lambda self, ids: always_failing(ids))
    with pytest.raises(InternalError, match="Nothing found on disk"):
        collection.get(ids=["a"])
    assert calls == ["get"] * 4  # three retries, then the failure is the caller's
