"""The public package: `Library` (one index to ingest into, ask, stream, list and remove from),
`answer(question, ...) -> Answer` (a `Library` built from the environment, asked once) and
`timeline(topic, ...) -> Timeline`, the result types, and the errors a caller may catch.

Imports are lazy so `rag --help` and other light commands start fast.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsrag.errors import (
        DocumentNotFound, EncoderMismatch, IndexBusy, IndexMissing, RagError, StoreUnavailable,
    )
    from rag.filters import NoMatchingArticles
    from rag.library import Delta, Done, Library
    from rag.pipeline import answer
    from rag.timelines import Timeline, timeline
    from rag.types import Answer, Citation, Conflict

__all__ = ["Library", "Delta", "Done", "answer", "timeline", "Answer", "Citation", "Conflict",
           "Timeline", "RagError", "IndexMissing", "IndexBusy", "StoreUnavailable",
           "EncoderMismatch", "DocumentNotFound", "NoMatchingArticles"]

_HOMES = {
    "rag.library": ("Library", "Delta", "Done"),
    "rag.pipeline": ("answer",),
    "rag.timelines": ("timeline", "Timeline"),
    "rag.types": ("Answer", "Citation", "Conflict"),
    "newsrag.errors": ("RagError", "IndexMissing", "IndexBusy", "StoreUnavailable", "EncoderMismatch",
                   "DocumentNotFound"),
    "rag.filters": ("NoMatchingArticles",),
}


def __getattr__(name: str) -> Any:
    import importlib

    for module, names in _HOMES.items():
        if name in names:
            return getattr(importlib.import_module(module), name)
    raise AttributeError(name)
