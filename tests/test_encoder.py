"""The two encoders (index/embed.py) and the index's record of which one made its vectors.

The int8 encoder must keep the float one's vectors (its speed is benchmarks/ingest_throughput.py's
business); an index answers only with the encoder it was built with, says how to re-embed it when
asked for another, and `rag reindex` re-embeds it, safely across an interruption.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsrag.index import embed, ingest, reindex
from newsrag.index.chunk import chunk
from newsrag.index.embed import (FLOAT32, INT8, INT8_MODEL_VERSION, Int8Embedder,
                                  default_embedder, int8_embedder,
                                  int8_embedder_if_made, int8_model_path)
from newsrag.index.load import load
from newsrag.index.quantize import is_feed_forward
from newsrag.index.store import Store
from rag.cli import main
from newsrag.errors import EncoderMismatch, RagError
from rag.pipeline import answer, engine
from newsrag.settings import Settings
from tests.conftest import SEEDS

QUESTION = "Which city was the ninth provincial capital to fall to the Taliban?"


def _seed_chunks() -> tuple[list[str], list[list[tuple[int, int]]]]:
    chunks = [c for p in sorted(SEEDS.glob("*.txt")) for c in chunk(load(p))]
    return ([c.text for c in chunks],
            [[(s - c.start, e - c.start) for s, e in c.sentences] for c in chunks])


def test_int8_vectors_keep_the_float_model_s() -> None:
    """Passage and sentence vectors of the seeds within a small angle of the float model's, in
    the same order, and a text's vector the same alone as among others."""
    texts, spans = _seed_chunks()
    int8_passages, int8_sentences = int8_embedder().embed_passages(texts, spans)
    # The int8 model was made (by a child process) before the float model embeds here: making
    # it in this process once left the next float embed_passages with wrong vectors.
    float_passages, float_sentences = default_embedder().embed_passages(texts, spans)
    encoded = default_embedder().model.encode(texts, normalize_embeddings=True)
    assert np.abs(float_passages - encoded).max() < 1e-4
    cosines = (float_passages * int8_passages).sum(axis=1)
    # Measured 0.9973 / 0.9961 (version 2, one activation scale per passage: 0.9943 / 0.9915).
    assert cosines.mean() > 0.996 and cosines.min() > 0.995
    sentence_cosines = np.concatenate([(f * i).sum(axis=1)
                                       for f, i in zip(float_sentences, int8_sentences)])
    assert [len(s) for s in int8_sentences] == [len(s) for s in spans]
    assert sentence_cosines.mean() > 0.996 and sentence_cosines.min() > 0.99  # 0.9974 / 0.9951
    np.testing.assert_allclose(np.linalg.norm(int8_passages, axis=1), 1.0, atol=1e-4)
    # Each passage's own vector is the nearest of all to the float one: nothing swapped rows.
    assert (np.argmax(float_passages @ int8_passages.T, axis=1) == np.arange(len(texts))).all()
    alone = int8_embedder().embed_query(QUESTION)
    batch = int8_embedder().embed_texts(["Kabul", QUESTION, "Mazar-i-Sharif " * 300])
    np.testing.assert_allclose(alone, batch[1], atol=1e-6)  # each text is its own call


def test_the_int8_model_reads_one_unpadded_passage() -> None:
    """Its graph takes token ids only: with no padding there is no attention mask to build and
    apply over every head's attention matrix, which cost a tenth of the encoder's time. The
    feed-forward products' inputs are quantised with a scale per token, the others' per call."""
    import onnx

    int8_embedder()  # made once per model cache
    graph = onnx.load(str(int8_model_path())).graph
    assert [i.name for i in graph.input] == ["input_ids"]
    assert not {node.op_type for node in graph.node} & {"Where", "IsNaN"}
    products = [node for node in graph.node if node.op_type == "MatMulInteger"]
    made_by = {out: node for node in graph.node for out in node.output}
    per_token = [node.name for node in products
                 if made_by[node.input[0]].op_type == "QuantizeLinear"]
    assert len(products) == 36 and len(per_token) == 12  # two of six products in six layers
    assert all(is_feed_forward(name) for name in per_token)


def test_an_index_of_an_older_int8_export_keeps_it_until_reindexed(
    settings: Settings, seeds_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An int8 index written before versions were recorded (version 2's vectors) gets new
    documents embedded by version 2, never a mix, and the ingest report says how to move on;
    `rag reindex` re-embeds it all with the current version, which is closer to float32."""
    later = tmp_path / "later"
    later.mkdir()
    for name in sorted(p.name for p in seeds_copy.glob("*.txt"))[3:]:
        (seeds_copy / name).rename(later / name)
    ingest([seeds_copy], settings=settings, progress=False)
    assert Store(settings).encoder_version == INT8_MODEL_VERSION == 3
    Store(settings).chunks.modify(metadata={"encoder": INT8})  # as the previous release wrote it
    assert Store(settings).encoder_version == 2

    capsys.readouterr()
    assert main(["ingest", str(later)]) == 0
    assert "'rag reindex' re-embeds everything with version 3" in capsys.readouterr().out
    store = Store(settings)
    assert store.encoder_version == 2
    texts, _ = _seed_chunks()
    older, current = int8_embedder(2).embed_texts(texts), int8_embedder().embed_texts(texts)
    got = store.chunks.get(where={"doc_id": {"$in": [p.name for p in later.glob("*.txt")]}},
                           include=["embeddings", "metadatas"])
    assert got["ids"]
    rows = [texts.index(str(meta["text"])) for meta in got["metadatas"]]
    assert np.abs(np.asarray(got["embeddings"]) - older[rows]).max() < 1e-5
    with pytest.raises(EncoderMismatch, match="from encoder version 2, not 3"):
        ingest([later], settings=settings, embedder=int8_embedder(), progress=False)

    assert reindex(settings, progress=False) == (5, 28)
    store = Store(settings)
    assert store.encoder_version == 3
    got = store.chunks.get(include=["embeddings", "metadatas"])
    rows = [texts.index(str(meta["text"])) for meta in got["metadatas"]]
    assert np.abs(np.asarray(got["embeddings"]) - current[rows]).max() < 1e-5
    assert reindex(settings, progress=False) == (0, 0)
    float_vectors = default_embedder().embed_texts(texts)
    assert ((current * float_vectors).sum(axis=1).mean()
            > (older * float_vectors).sum(axis=1).mean() + 0.002)


def test_a_new_index_records_int8_and_answers_from_it(settings: Settings) -> None:
    ingest([SEEDS], settings=settings, progress=False)
    store = Store(settings)
    assert store.encoder == INT8
    texts, _ = _seed_chunks()
    got = store.chunks.get(include=["embeddings", "metadatas"])
    stored = dict(zip((str(m["text"]) for m in got["metadatas"]), np.asarray(got["embeddings"])))
    assert np.abs(np.array([stored[t] for t in texts]) - int8_embedder().embed_texts(texts)).max() < 1e-5
    assert "Faizabad" in answer(QUESTION, settings=settings).text


def test_an_index_of_another_encoder_says_how_to_re_embed(
    settings: Settings, seeds_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A float32 index keeps answering with float32 when nothing is asked; RAG_ENCODER=int8 on
    it fails, for questions and for ingest alike, with one line naming `rag reindex`; an index
    written before encoders were recorded counts as float32."""
    ingest([seeds_copy], settings=settings.with_(encoder=FLOAT32), progress=False)
    assert Store(settings).encoder == FLOAT32
    assert "Faizabad" in answer(QUESTION, settings=settings).text  # follows the index

    wants_int8 = settings.with_(encoder=INT8)
    with pytest.raises(EncoderMismatch, match="rag reindex --encoder int8"):
        engine(wants_int8)
    with pytest.raises(EncoderMismatch, match="embedded with the float32 encoder"):
        ingest([seeds_copy], settings=wants_int8, progress=False)

    Store(settings).chunks.modify(metadata={"written_by": "an older version"})  # no record
    assert Store(settings).encoder == FLOAT32
    with pytest.raises(EncoderMismatch):
        engine(wants_int8)

    capsys.readouterr()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("RAG_ENCODER", "int8")
        assert main(["ask", QUESTION]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "rag reindex --encoder int8" in err


def test_reindex_re_embeds_and_survives_an_interruption(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """float32 -> int8: interrupted after one document, the index says so and refuses questions
    (its vectors are of two encoders); run again, it finishes, every chunk's vector is the int8
    encoder's, and answers and their sources are what they were."""
    ingest([SEEDS], settings=settings.with_(encoder=FLOAT32), progress=False)
    before = answer(QUESTION, settings=settings)

    real = Store.reembed_document
    done: list[str] = []

    def interrupted(self: Store, doc_id: str, embedder: object) -> int:
        if done:
            raise KeyboardInterrupt
        done.append(doc_id)
        return real(self, doc_id, embedder)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "reembed_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        reindex(settings, encoder=INT8, progress=False)
    with pytest.raises(EncoderMismatch, match="interrupted - run 'rag reindex --encoder int8'"):
        engine(settings)
    monkeypatch.setattr(Store, "reembed_document", real)

    capsys.readouterr()
    assert main(["reindex", "--encoder", "int8"]) == 0
    assert capsys.readouterr().out.strip() == "re-embedded 5 documents (28 chunks)"
    store = Store(settings)
    assert store.encoder == INT8 and store.reindexing_from is None
    for doc_id in store.documents():  # each document's chunks, embedded together as reindex does
        got = store.chunks.get(where={"doc_id": doc_id}, include=["embeddings", "metadatas"])
        expected = int8_embedder().embed_texts([str(meta["text"]) for meta in got["metadatas"]])
        assert np.abs(np.asarray(got["embeddings"]) - expected).max() < 1e-5

    after = answer(QUESTION, settings=settings)
    assert "Faizabad" in after.text
    assert {c.source for c in after.citations} == {c.source for c in before.citations}
    assert reindex(settings, encoder=INT8) == (0, 0)  # nothing left to do


def test_the_int8_encoder_is_offered_only_once_made(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Verification reads sentences with the int8 encoder where this machine has made it, and
    never starts making it (seconds of exporting) in the middle of an answer."""
    int8_embedder()  # made in the default model cache
    assert isinstance(int8_embedder_if_made(), Int8Embedder)
    monkeypatch.setenv("RAG_MODEL_CACHE", str(tmp_path))
    assert int8_embedder_if_made() is None
    assert not list(tmp_path.iterdir())
    # A damaged file (not one onnxruntime can load) is passed over, not raised mid-answer, and
    # not tried again on every answer.
    int8_model_path().parent.mkdir(parents=True, exist_ok=True)
    int8_model_path().write_bytes(b"not a model")
    loads = []
    monkeypatch.setattr(embed, "Int8Embedder",
                        lambda *args: loads.append(args) or Int8Embedder(*args))
    assert int8_embedder_if_made() is None
    assert int8_embedder_if_made() is None
    assert len(loads) == 1


def test_a_wrong_encoder_name_is_one_clear_error() -> None:
    from newsrag.index.embed import ENCODERS
    from newsrag.settings import ENCODER_NAMES

    assert ENCODER_NAMES == ENCODERS  # the settings' copy, kept apart to stay light to import
    with pytest.raises(RagError, match="RAG_ENCODER must be one of int8, float32"):
        Settings.from_env({"RAG_ENCODER": "int4"})
