"""The write side: load, clean, chunk, embed and store news articles.

`from newsrag.index import ingest` gives `ingest(paths) -> IngestReport`; `remove(doc_ids)` takes
documents out; `reindex(encoder=...)` re-embeds the index with another encoder. Imports are lazy
so that commands which do not ingest do not pay for the model and splitter imports.

In a checkout, `from index import ingest` works too (the name DESIGN.md gives): imported by its
folder's name, this package stands in for `newsrag.index`, modules included, so that none is
loaded twice under two names (two model caches, two `Store` classes).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsrag.index.pipeline import IngestReport, ingest, reindex, remove

__all__ = ["ingest", "IngestReport", "reindex", "remove"]

if __name__ != "newsrag.index":
    from newsrag.aliases import alias_package

    alias_package(__name__, "newsrag.index")


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsrag.index import pipeline as module

        return getattr(module, name)
    raise AttributeError(name)
