"""A cited timeline of a topic: the dated events the articles report, in date order.

    from rag import timeline
    t = timeline("Taliban advance in northern Afghanistan")
    print(t.text)   # one line per event: its date, the sentence that reports it, its citations

How it is built:
1. The topic retrieves passages as a question does (hybrid, syndicated copies counted once, the
   same date and outlet filters), `TOPIC_PASSAGES` of them.
2. Every sentence of those passages that names a day is an event report: a full date, a month or
   year as written, or a relative phrase ("on Wednesday", "last night", "over the weekend")
   resolved against its article's publication date (`rag.dates`). The first such phrase dates the
   sentence. "Since Friday" dates an event going on from Friday to publication; the end of a period
   ("by August 31") and a day after publication (a deadline or a plan) date no event. Headings, sentences written to steer an AI, and sentences far from the topic
   (cosine to it below `OFF_TOPIC`) are left out, as are phrases that date nothing on their own
   ("the same day", "overnight"). An article's opening sentence with no date phrase reports what
   happened by its publication day, and is dated so ("14 August 2021 (reported)").
3. Reports of one event are merged into one line with all their citations: from different
   articles, on overlapping days, naming the same rare name (`rag.conflicts.name_keys`) or saying
   nearly the same thing (sentence cosine at least `SAME_EVENT`). The line quotes the most
   precisely dated report, verbatim, and gives its days.
4. Lines are ordered by their first day, then last day. Two reports that disagree (a claim and its
   denial, or different figures: `rag.conflicts`) mark their lines as disputed, citing the other
   report (also when both were merged into one line).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Iterable

import numpy as np

from rag import conflicts
from rag.dates import Resolved, date_of, iso_day
from rag.evidence import Evidence, is_heading, is_injection
from rag.filters import Filters
from rag.cite import Citations
from rag.conversation import check_question
from rag.pipeline import Engine, engine
from newsrag.settings import Settings
from rag.spans import find_spans
from rag.types import Citation

TOPIC_PASSAGES = 24  # passages read for a topic (a question reads 8)
OFF_TOPIC = 0.2  # a sentence this far from the topic (cosine) is not about it
SAME_EVENT = 0.75  # two reports this close in meaning, on overlapping days, are one event
MAX_EVENTS = 40


@dataclass
class Event:
    first: date
    last: date
    when: str  # "11 August 2021 (on Wednesday)": the calendar date and the words it came from
    text: str  # the sentence quoted, verbatim
    citations: list[int]  # the [n] of every report of it
    disputed_by: list[int] = field(default_factory=list)  # [n] of reports that disagree with it

    def line(self) -> str:
        marks = "".join(f"[{n}]" for n in self.citations)
        disputed = ""
        if self.disputed_by:
            others = "".join(f"[{n}]" for n in self.disputed_by)
            disputed = f" (disputed: see {others})"
        return f"{self.when}: “{' '.join(self.text.split())}” {marks}{disputed}"


@dataclass
class Timeline:
    topic: str
    events: list[Event]
    citations: list[Citation]

    @property
    def text(self) -> str:
        if not self.events:
            return f"The articles report no dated events about “{self.topic}”."
        return "\n".join(event.line() for event in self.events)

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic,
                "events": [{"first": e.first.isoformat(), "last": e.last.isoformat(),
                            "when": e.when, "text": e.text, "citations": e.citations,
                            "disputed_by": e.disputed_by} for e in self.events],
                "citations": [asdict(c) for c in self.citations]}


@dataclass
class _Report:
    evidence: Evidence
    when: Resolved
    words: str  # the phrase that dated it
    names: set[str]


def timeline(topic: str, *, settings: Settings | None = None,
             since: date | str | None = None, until: date | str | None = None,
             outlets: str | Iterable[str] | None = None) -> Timeline:
    """The dated events the articles report about `topic`, in date order, each cited."""
    topic = check_question(topic)
    eng = engine(settings).within(Filters.of(since, until, outlets))
    reports = _reports(eng, topic)
    groups = _merge(reports)
    cites = Citations(eng.retriever)
    events: list[tuple[Event, list[_Report]]] = []
    # Each line quotes its most precisely dated report ("Wednesday" before "since Friday"), the
    # one closest to the topic among equals, and is placed by that report's days.
    leads = [min(g, key=lambda r: (r.when.last - r.when.first, -r.evidence.meaning))
             for g in groups]
    for lead, group in sorted(zip(leads, groups), key=lambda lg: (lg[0].when.first,
                                                                   lg[0].when.last)):
        numbers = [cites.number(r.evidence) for r in sorted(
            group, key=lambda r: (r is not lead, r.evidence.passage.doc_id))]
        events.append((Event(lead.when.first, lead.when.last, _when(lead),
                             lead.evidence.sentence.text, numbers), group))
        if len(events) >= MAX_EVENTS:
            break
    _mark_disputes(eng, events, cites)
    return Timeline(topic, [e for e, _ in events], cites.items)


def _reports(eng: Engine, topic: str) -> list[_Report]:
    vector = eng.retriever.embedder.embed_query(topic)
    passages = eng.retriever.retrieve(topic, TOPIC_PASSAGES, query_vector=vector,
                                      fetch=3 * TOPIC_PASSAGES)
    lexical = eng.retriever.lexical
    reports = []
    for passage in passages:
        published = iso_day(eng.dates.get(passage.doc_id))
        lead = passage.start == 0  # the article's opening sentence is still to come
        for sentence in passage.sentences:
            text = sentence.text
            if is_heading(text) or is_injection(text):
                continue
            opening, lead = lead, False
            meaning = float(np.dot(vector, sentence.vector))
            if meaning < OFF_TOPIC:
                continue
            evidence = Evidence(passage, sentence, meaning, meaning, 0.0)
            names = conflicts.name_keys(text, lexical)
            dated = False
            for span in find_spans(text):
                before = text[: span.start]
                if span.kind != "date" or _BOUND_RE.search(before):
                    continue
                when = date_of(span.text, published)
                words = span.text
                if when is not None and published and (since := _SINCE_RE.search(before)):
                    when = Resolved(when.first, max(when.last, published))  # ongoing since then
                    words = f"{since.group(1).lower()} {span.text}"
                # A day after publication is a plan or a deadline ("by August 31"), not an event.
                if when is not None and not (published and when.first > published):
                    reports.append(_Report(evidence, when, words, names))
                    dated = True
                    break
            if opening and not dated and published:
                # A news story opens with its news: what the first sentence reports, undated,
                # happened by the day it was published.
                reports.append(_Report(evidence, Resolved(published, published), "", names))
    return reports


# "by August 31", "until May": the end of a period, not the day of an event.
_BOUND_RE = re.compile(r"\b(?:by|until|till|before|after)\s+$", re.IGNORECASE)
# "since Friday": an event going on from that day to the day of publication.
_SINCE_RE = re.compile(r"\b(since|from)\s+$", re.IGNORECASE)


def _same_event(a: _Report, b: _Report) -> bool:
    if a.evidence.passage.doc_id == b.evidence.passage.doc_id:
        return False  # one article telling a story in steps reports different events
    if a.when.first > b.when.last or b.when.first > a.when.last:
        return False
    similar = float(np.dot(a.evidence.sentence.vector, b.evidence.sentence.vector))
    return bool(a.names & b.names) or similar >= SAME_EVENT


def _merge(reports: list[_Report]) -> list[list[_Report]]:
    """Reports of the same event grouped (each group holds at most one report per article)."""
    groups: list[list[_Report]] = []
    for report in sorted(reports, key=lambda r: -r.evidence.meaning):
        for group in groups:
            if all(_same_event(report, other) for other in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return groups


def _when(report: _Report) -> str:
    """'11 August 2021 (on Wednesday)'; the calendar alone when the words are the calendar."""
    calendar = report.when.calendar()
    words = " ".join(report.words.split())
    if not words:
        return f"{calendar} (reported)"
    if words.lower().removeprefix("in ").removeprefix("on ") == calendar.lower():
        return calendar
    return f"{calendar} ({words})"


def _mark_disputes(eng: Engine, events: list[tuple[Event, list[_Report]]],
                   cites: Citations) -> None:
    """Mark events whose reports disagree with another event's report (rag.conflicts)."""
    owner: dict[tuple[str, int], Event] = {}
    for event, group in events:
        for r in group:
            owner[(r.evidence.passage.doc_id, r.evidence.sentence.start)] = event
    every = [r.evidence for _, group in events for r in group]
    for d in conflicts.find(every, every, eng.retriever.lexical, eng.dates, floor=0.0,
                            limit=len(every)):
        a = owner[(d.first.passage.doc_id, d.first.sentence.start)]
        b = owner[(d.second.passage.doc_id, d.second.sentence.start)]
        for event, other in ((a, d.second), (b, d.first)):
            number = cites.number(other)
            # A claim and its denial merged into one line: the line is disputed by the report
            # it does not quote.
            if number != event.citations[0] and number not in event.disputed_by:
                event.disputed_by.append(number)
