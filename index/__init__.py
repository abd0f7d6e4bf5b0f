"""The write side: load, clean, chunk, embed and store news articles.

`from index import ingest` gives `ingest(paths) -> IngestReport`; `remove(doc_ids)` takes
documents out; `reindex(encoder=...)` re-embeds the index with another encoder. Imports are lazy so that commands
which do not ingest do not pay for the model and splitter imports.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.pipeline import IngestReport, ingest, reindex, remove

__all__ = ["ingest", "IngestReport", "reindex", "remove"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from index import pipeline as module

        return getattr(module, name)
    raise AttributeError(name)
