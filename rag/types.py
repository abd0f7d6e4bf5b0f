"""The public result types: `Answer` and `Citation` (see DESIGN.md; keep these names stable)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    number: int  # the n in [n]
    source: str  # the document's file name
    title: str
    text: str  # the passage, verbatim from the cleaned article
    score: float
    start: int  # offsets of `text` in the cleaned article
    end: int
    date: str | None = None
    outlet: str | None = None


@dataclass
class Answer:
    text: str  # with inline markers [1], [2]
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False  # True when the articles do not contain the answer
    notice: str | None = None  # e.g. why the LLM answer was replaced by the offline one
    answerer: str = "offline"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": [asdict(c) for c in self.citations],
            "refused": self.refused,
            "notice": self.notice,
            "answerer": self.answerer,
        }
