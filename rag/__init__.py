"""The read side: `from rag import answer` → `answer(question, *, history=None, ...) -> Answer`,
and `timeline(topic, ...) -> Timeline`.

Imports are lazy so `rag --help` and other light commands start fast.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.pipeline import answer
    from rag.timelines import Timeline, timeline
    from rag.types import Answer, Citation, Conflict

__all__ = ["answer", "timeline", "Answer", "Citation", "Conflict", "Timeline"]


def __getattr__(name: str) -> Any:
    if name == "answer":
        from rag.pipeline import answer

        return answer
    if name in ("timeline", "Timeline"):
        from rag import timelines

        return getattr(timelines, name)
    if name in ("Answer", "Citation", "Conflict"):
        from rag import types

        return getattr(types, name)
    raise AttributeError(name)
