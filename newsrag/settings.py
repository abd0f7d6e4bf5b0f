"""One frozen settings object, read from the environment once and passed down explicitly.

Every option has an environment variable: `RAG_*` for ours, the standard `OPENAI_*` ones for the
language model. `RAG_HOME` moves all state (Chroma data, lexical index, caches), so tests point it
at a temporary directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from newsrag.errors import RagError

# all-MiniLM-L6-v2 reads at most 256 word pieces. 200-piece chunks leave room for the [CLS]/[SEP]
# markers and for the splitter's sentence packing overshooting a little, so no chunk is silently
# truncated by the encoder; ~200 pieces is also 6-10 news sentences, enough context for a passage
# to stand on its own. Chunks break between sentences, so no fact is cut in two; the 40-piece
# overlap carries the previous short sentence or two over, so a passage keeps the context that
# names who or where ("the city", "he said").
DEFAULT_CHUNK_SIZE = 200
DEFAULT_CHUNK_OVERLAP = 40
MODEL_MAX_TOKENS = 256
ENCODER_NAMES = ("int8", "float32")  # index.embed.ENCODERS, without importing the encoders
# Measured on 2 cores (MiniLM, ~180-token chunks): batches of 16 embed ~15% faster than 64; less
# padding, and the activations stay in cache.
EMBED_BATCH_SIZE = 16
# What third-party libraries read from the environment when they are imported: no model hub (the
# weights are on disk), no tokenizer threads of their own (the encoders run their own), no
# analytics from the page. Set by `quiet_libraries()` before those imports, unless the user set
# them: the one place besides `Settings.from_env` that touches the environment.
LIBRARY_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "GRADIO_ANALYTICS_ENABLED": "False",
}


def quiet_libraries() -> None:
    for name, value in LIBRARY_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise RagError(f"{name} must be a whole number (got {raw!r})") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RagError(f"{name} must be a number of seconds (got {raw!r})") from None
    if value <= 0:
        raise RagError(f"{name} must be more than 0 seconds (got {raw!r})")
    return value


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=lambda: Path(".rag"))
    chroma_url: str | None = None
    collection: str = "news"
    chunk_size: int = DEFAULT_CHUNK_SIZE
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP
    embed_batch_size: int = EMBED_BATCH_SIZE
    # Which encoder embeds passages and questions: "int8" or "float32" (index/embed.py). None:
    # the one the index records, or the default for a new index.
    encoder: str | None = None
    top_k: int = 8
    openai_api_key: str | None = field(default=None, repr=False)
    openai_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_timeout: float = 30.0
    fetch_timeout: float = 15.0  # seconds for each page or feed `rag ingest URL` fetches
    # Where the ONNX encoders are made, once per machine, shared by every index (index/embed.py).
    model_cache: Path = field(default_factory=lambda: Path.home() / ".cache" / "newsrag")
    # `rag ui`: the address and port to serve on, and an optional "user:password" login.
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    ui_auth: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.chunk_size < 32 or self.chunk_size > MODEL_MAX_TOKENS - 16:
            raise RagError(
                f"RAG_CHUNK_SIZE must be between 32 and {MODEL_MAX_TOKENS - 16} model tokens "
                f"(got {self.chunk_size})"
            )
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise RagError(
                "RAG_CHUNK_OVERLAP must be smaller than RAG_CHUNK_SIZE "
                f"(got {self.chunk_overlap} >= {self.chunk_size})"
            )
        if self.encoder is not None and self.encoder not in ENCODER_NAMES:
            raise RagError(f"RAG_ENCODER must be one of {', '.join(ENCODER_NAMES)} "
                           f"(got {self.encoder!r})")
        if self.top_k < 1:
            raise RagError(f"RAG_TOP_K must be at least 1 (got {self.top_k})")
        if self.chroma_url and not self.chroma_url.startswith(("http://", "https://")):
            raise RagError(
                f"RAG_CHROMA_URL must look like http://host:port (got {self.chroma_url!r})"
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            home=Path(env.get("RAG_HOME") or ".rag"),
            chroma_url=env.get("RAG_CHROMA_URL") or None,
            collection=env.get("RAG_COLLECTION") or "news",
            chunk_size=_int(env, "RAG_CHUNK_SIZE", DEFAULT_CHUNK_SIZE),
            chunk_overlap=_int(env, "RAG_CHUNK_OVERLAP", DEFAULT_CHUNK_OVERLAP),
            embed_batch_size=_int(env, "RAG_EMBED_BATCH_SIZE", EMBED_BATCH_SIZE),
            encoder=env.get("RAG_ENCODER") or None,
            top_k=_int(env, "RAG_TOP_K", 8),
            openai_api_key=env.get("OPENAI_API_KEY") or None,
            openai_base_url=env.get("OPENAI_BASE_URL") or None,
            llm_model=env.get("RAG_LLM_MODEL") or "gpt-4o-mini",
            llm_timeout=_float(env, "RAG_LLM_TIMEOUT", 30.0),
            fetch_timeout=_float(env, "RAG_FETCH_TIMEOUT", 15.0),
            model_cache=Path(env.get("RAG_MODEL_CACHE") or Path.home() / ".cache" / "newsrag"),
            ui_host=env.get("RAG_UI_HOST") or "127.0.0.1",
            ui_port=_int(env, "RAG_UI_PORT", 7860),
            ui_auth=env.get("RAG_UI_AUTH") or None,
        )

    @property
    def login(self) -> tuple[str, str] | None:
        """The page's (user, password) from RAG_UI_AUTH; None when it is not set."""
        if not self.ui_auth:
            return None
        user, sep, password = self.ui_auth.partition(":")
        if not sep or not user or not password:
            raise RagError("RAG_UI_AUTH must look like user:password")
        return user, password

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
