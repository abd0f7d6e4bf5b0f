"""The public result types: `Answer` and `Citation` (see DESIGN.md; keep these names stable)."""

from __future__ import annotations

import re
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
    # Syndicated copies of the cited article (the same story republished elsewhere), by document
    # id: cited once, here, rather than counted as more reports.
    copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Two cited passages that disagree: a claim and its denial, or different figures."""

    kind: str  # "denial" or "figures"
    summary: str  # one sentence, with the [n] of each side
    citations: tuple[int, int]  # the earlier report first when their dates differ


@dataclass
class Answer:
    text: str  # with inline markers [1], [2]
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False  # True when the articles do not contain the answer
    notice: str | None = None  # e.g. why the LLM answer was replaced by the offline one; one line each
    answerer: str = "offline"
    conflicts: list[Conflict] = field(default_factory=list)
    # The short answer, for questions that ask for a name, place, number, date or list: a phrase
    # quoted verbatim from a cited sentence ("Faizabad"); `text` opens with it and its citations.
    direct: str | None = None

    @property
    def outlets(self) -> list[str]:
        """The independent outlets behind the citations: each cited article's outlet (its file
        name when the outlet is unknown), syndicated copies never counted."""
        return list(dict.fromkeys(c.outlet or c.source for c in self.citations))

    def sources_line(self) -> str:
        """'3 passages from 2 independent outlets (syndicated copies counted once)'."""
        passages, outlets = len(self.citations), len(self.outlets)
        text = (f"{passages} passage{'s' if passages != 1 else ''} from {outlets} independent "
                f"outlet{'s' if outlets != 1 else ''}")
        if any(c.copies for c in self.citations):
            text += " (syndicated copies counted once)"
        return text

    def split_direct(self) -> tuple[str, str]:
        """(the direct answer with its citation marks, the rest of the text); ("", text) when the
        answer has no direct answer.

        >>> Answer("Faizabad [1][2]. As of 11 August 2021: The latest city... [1]",
        ...        direct="Faizabad").split_direct()
        ('Faizabad [1][2].', 'As of 11 August 2021: The latest city... [1]')
        """
        if self.direct and self.text.startswith(self.direct):
            head = re.match(re.escape(self.direct) + r"(?:\s*\[\d+\])*\.?\s*", self.text)
            if head:
                return self.text[: head.end()].strip(), self.text[head.end() :]
        return "", self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": [asdict(c) for c in self.citations],
            "refused": self.refused,
            "notice": self.notice,
            "answerer": self.answerer,
            "conflicts": [asdict(c) for c in self.conflicts],
            "outlets": self.outlets,
            "direct": self.direct,
        }
