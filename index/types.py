"""The records that flow through the write side: a loaded document and its chunks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One article after loading and cleaning. `text` is the cleaned article that offsets refer to."""

    id: str  # the file name, e.g. "002_3993b5d063c408f6.txt", or the URL of a fetched page
    path: Path | None  # the file; None for a fetched page
    text: str
    content_hash: str  # changes when the file, its metadata or the indexing pipeline change
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO date of publication, when known
    encoding: str = "utf-8"
    url: str | None = None  # where a fetched page came from (index.fetch)

    @property
    def location(self) -> str:
        """Where the article came from: its URL, or its file's absolute path."""
        return self.url or str(self.path.resolve() if self.path else "")


@dataclass(frozen=True)
class Chunk:
    """A passage of a document. `document.text[start:end] == text`, exactly."""

    id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    # Sentence spans inside the chunk, as absolute offsets in the cleaned article.
    sentences: list[tuple[int, int]] = field(default_factory=list)


def chunk_doc_id(chunk_id: str) -> str:
    """The document a chunk id ("<doc id>#<content hash>#<index>") belongs to."""
    return chunk_id.rsplit("#", 2)[0]


@dataclass(frozen=True)
class Skipped:
    """A path that was not ingested, and why, in words the user can act on."""

    path: str
    reason: str
