"""The read side: `from rag import answer` → `answer(question, *, history=None, ...) -> Answer`.

Imports are lazy so `rag --help` and other light commands start fast.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.pipeline import answer
    from rag.types import Answer, Citation, Conflict

__all__ = ["answer", "Answer", "Citation", "Conflict"]


def __getattr__(name: str) -> Any:
    if name == "answer":
        from rag.pipeline import answer

        return answer
    if name in ("Answer", "Citation", "Conflict"):
        from rag import types

        return getattr(types, name)
    raise AttributeError(name)
