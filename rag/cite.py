"""The last step of an answer: its parts written out with numbered citations, closed by any
disagreement between what it cites and other passages that answer the question.

Both answerers end here: the offline one with the sentences it quotes, the LLM one with the
sentences of the model that survived verification. A refusal ("The articles don't say") is written
here too, saying what was searched.
"""

from __future__ import annotations

from typing import Any

from newsrag.index.lexical import LexicalIndex
from newsrag.index.store import DocumentRecord
from rag import conflicts
from rag.answerability import model
from rag.compose import Direct, answers_the_question
from rag.dates import iso_day
from rag.evidence import Evidence
from rag.retrieve import Retriever
from rag.types import Answer, Citation, Conflict


class Citations:
    """Numbers passages in order of first citation; one number per sentence of an article."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.items: list[Citation] = []
        self.evidence: list[Evidence] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def number(self, evidence: Evidence) -> int:
        key = (evidence.passage.doc_id, evidence.sentence.start, evidence.sentence.end)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(self._citation(self._numbers[key], evidence))
            self.evidence.append(evidence)
        return self._numbers[key]

    def opening(self, phrase: Direct) -> str:
        """The direct answer cited to the windows it is quoted from: 'Faizabad [1][2].'"""
        marks = "".join(f"[{n}]" for n in dict.fromkeys(self.number(e) for e in phrase.evidence))
        return f"{phrase.text} {marks}."

    def as_of(self, evidence: Evidence) -> str:
        """"As of 11 August 2021: " for a dated article. News is about a moment: a 1998 report and
        a 2021 one must never read as one story."""
        record = self.retriever.records.get(evidence.passage.doc_id)
        day = long_date(record.date) if record and record.date else None
        return f"As of {day}: " if day else ""

    def disagreement(self, d: conflicts.Disagreement) -> Conflict:
        """'Reports disagree: "..." [1] (Press TV, 11 August 2021), but "..." [2] (...).', or
        'Sides disagree in one report (Press TV, 11 August 2021): "..." [1], but "..." [2].'"""
        numbers = (self.number(d.first), self.number(d.second))
        first, second = (self.retriever.records.get(e.passage.doc_id) for e in (d.first, d.second))
        later = ""
        if first and second and first.date and second.date:
            later = _later(first.date, second.date)
        # Whole sentences: a fragment cut around a cue word reads as a claim nobody made.
        one, other = _bare(d.first.sentence.text), _bare(d.second.sentence.text)
        if d.first.passage.doc_id == d.second.passage.doc_id:  # one report gives both sides
            summary = (f"Sides disagree in one report ({_source(first)}): “{one}” [{numbers[0]}], "
                       f"but “{other}” [{numbers[1]}].")
        else:
            opening = ("Reports give different figures" if d.kind == "figures"
                       else "Reports disagree")
            summary = (f"{opening}: “{one}” [{numbers[0]}] ({_source(first)}), but “{other}” "
                       f"[{numbers[1]}] ({_source(second)}{later}).")
        return Conflict(d.kind, summary, numbers)

    def _citation(self, number: int, evidence: Evidence) -> Citation:
        record = self.retriever.records.get(evidence.passage.doc_id)
        return Citation(
            number=number,
            source=evidence.passage.doc_id,
            title=(record.title if record and record.title else evidence.passage.doc_id),
            text=evidence.sentence.text,
            score=round(evidence.score, 4),
            start=evidence.sentence.start,
            end=evidence.sentence.end,
            date=record.date if record else None,
            outlet=record.outlet if record else None,
            copies=self.retriever.copies(evidence.passage.doc_id),
        )


def cited_answer(parts: list[str], cites: Citations, pool: list[Evidence],
                 lexical: LexicalIndex, dates: dict[str, str | None], **fields: Any) -> Answer:
    """The answer, closed by a sentence for each disagreement between a cited passage and
    another sentence that answers the question (from `pool`); both sides are cited."""
    found = []
    # The other side must answer the question too (`conflicts.find` asks more of it).
    partners = [e for e in pool if answers_the_question(e)]
    for d in conflicts.find(list(cites.evidence), partners, lexical, dates,
                            floor=model().refuse_below, answering=True):
        conflict = cites.disagreement(d)
        parts.append(conflict.summary)
        found.append(conflict)
    return Answer(text=" ".join(parts), citations=cites.items, conflicts=found, **fields)


def refusal(question: str, retriever: Retriever) -> Answer:
    """"The articles don't say", and what was searched."""
    scope = retriever.filters.describe()
    scope = f" ({scope})" if scope else ""
    count = len(retriever.records)
    searched = (f"The one indexed article{scope} has no passage" if count == 1 else
                f"None of the {count} indexed articles{scope} has a passage")
    return Answer(text=f"The articles don't say. {searched} that answers “{question}”.",
                  refused=True)


def long_date(iso: str) -> str | None:
    """'9 August 1998' for '1998-08-09' (None when it is not an ISO date)."""
    day = iso_day(iso)
    return f"{day.day} {day:%B %Y}" if day else None


def shortened(sentence: str, words: int = 12) -> str:
    """The first words of a sentence, to name it in a notice."""
    cut = sentence.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _bare(sentence: str) -> str:
    """A sentence to put inside quotation marks: its own outer quotes and final stop dropped."""
    return sentence.strip().strip("“”\"").rstrip(".").strip()


def _source(record: DocumentRecord | None) -> str:
    """'Press TV, 11 August 2021' (what is known of it)."""
    outlet = (record.outlet if record else None) or "unknown outlet"
    day = long_date(record.date) if record and record.date else None
    return f"{outlet}, {day}" if day else outlet


def _later(first: str, second: str) -> str:
    """', 3 days later' between two ISO dates ('' when unknown or the same day)."""
    start, end = iso_day(first), iso_day(second)
    if start is None or end is None:
        return ""
    days = (end - start).days
    if days <= 0:
        return ""
    if days < 60:
        return f", {days} day{'s' if days > 1 else ''} later"
    years = round(days / 365.25)
    return f", {years} year{'s' if years > 1 else ''} later" if years else f", {days // 30} months later"
