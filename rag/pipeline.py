"""`answer(question)`: retrieve, pick evidence, compose (offline or LLM), verify. The entry point.

The engine (model, Chroma client, BM25 index) is built once per settings and reused, so only the
first call pays for loading.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, replace
from functools import cached_property
from datetime import date
from typing import Any, Iterable, Iterator, Literal, Sequence

from newsrag.index.embed import Embedder, query_embedder
from newsrag.index.lexical import current_lexical, lexical_folder
from newsrag.index.store import DocumentRecord, Store, forget_clients
from rag import conflicts
from rag.answerability import model
from rag.compose import (
    Direct, Statement, answers_the_question, choose, direct_answer, quotable,
)
from rag.dates import iso_day, with_calendar_date
from newsrag.errors import RagError
from rag.filters import Filters
from rag.llm import MAX_PASSAGES, NOT_IN_ARTICLES, LLMClient, LLMUnavailable, NumberedPassage
from rag.evidence import Evidence, question_terms, score_sentences
from rag.retrieve import Mode, Passage, Retriever
from rag.question import read, split_parts
from newsrag.settings import Settings
from rag.types import Answer, Citation, Conflict
from rag.verify import Claim, Source, verify

MAX_QUESTION_CHARS = 2000
NOTICE_SEPARATOR = "\n"  # an answer's notices, one per line
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A follow-up leans on the conversation: pronouns and places it does not name.
_FOLLOW_UP_RE = re.compile(
    r"\b(he|she|him|her|his|they|them|their|it|its|there|that|this|those|these|then)\b", re.I
)


def check_question(question: object) -> str:
    """The question, tidied; a RagError saying what to do when it cannot be asked."""
    if not isinstance(question, str):
        raise RagError("the question must be text")
    text = _CONTROL_RE.sub(" ", question).strip()
    if not text:
        raise RagError("the question is empty - type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise RagError(
            f"the question is {len(text):,} characters long - keep it under "
            f"{MAX_QUESTION_CHARS:,} (ask about one thing at a time)"
        )
    return re.sub(r"\s+", " ", text)


def conversation(history: Iterable[Any] | None) -> list[tuple[str, str]]:
    """(question, answer) pairs from a history of {"role", "content"} messages (as Gradio keeps
    them) or of (question, answer) pairs."""
    pairs: list[tuple[str, str]] = []
    for turn in history or []:
        if isinstance(turn, dict):
            content = _text_of(turn.get("content"))
            if content is None:
                continue
            if turn.get("role") == "user":
                pairs.append((content, ""))
            elif turn.get("role") == "assistant" and pairs and not pairs[-1][1]:
                pairs[-1] = (pairs[-1][0], content)
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            reply = turn[1] if len(turn) > 1 and isinstance(turn[1], str) else ""
            pairs.append((turn[0], reply))
    return pairs


def _text_of(content: object) -> str | None:
    """Message content as text: a string, or Gradio's list of {"type": "text", "text"} parts."""
    if isinstance(content, str):
        return html.unescape(content)
    if isinstance(content, dict):
        return _text_of(content.get("text"))
    if isinstance(content, list):
        texts = [t for part in content if (t := _text_of(part))]
        return " ".join(texts) if texts else None
    return None


def leans_on_conversation(question: str) -> bool:
    """A pronoun, or too few words of its own to search with."""
    return bool(_FOLLOW_UP_RE.search(question)) or len(question_terms(question)) < 2


def resolve_follow_up(question: str, history: Iterable[Any] | None) -> str:
    """The offline way to read a follow-up: when the question leans on the conversation (a pronoun,
    or too few words of its own), search with the previous question's words added. Honest and
    simple: it never guesses a name, it only widens the search with words the user already used.

    >>> resolve_follow_up("And who did he meet there?", [("Where did Ghani fly to?", "Mazar")])
    'And who did he meet there? Where did Ghani fly to?'
    """
    previous = conversation(history)
    if previous and leans_on_conversation(question):
        return f"{question} {previous[-1][0]}"
    return question


@dataclass
class Engine:
    settings: Settings
    retriever: Retriever
    stamp: str = ""  # the store's stamp when the records were read (see `is_current`)
    _llm: LLMClient | None = None

    @classmethod
    def build(cls, settings: Settings, embedder: Embedder | None = None) -> Engine:
        store = Store(settings)
        stamp = store.stamp()  # before reading: a commit after this makes the engine stale
        store.resolve_encoder(settings.encoder)  # one that differs, or a half re-embedding, fails
        records = store.documents()
        lexical = current_lexical(store, lexical_folder(settings.home, settings.collection),
                                  records=records)
        embedder = embedder or query_embedder(settings.embed_batch_size)
        return cls(settings, Retriever(store, lexical, embedder, records), stamp)

    def is_current(self) -> bool:
        """Whether no commit (an ingest or a removal, by any process) happened since the engine
        read the documents: one small read of the store per question. A store that cannot be
        read now counts as unchanged: the question's own retrieval then says what is wrong."""
        try:
            return self.retriever.store.stamp() == self.stamp
        except Exception:
            return True

    def within(self, filters: Filters) -> Engine:
        """This engine answering only from the articles `filters` admits (see `rag.filters`)."""
        return replace(self, retriever=self.retriever.within(filters)) if filters else self

    def passages(self, query: str, k: int, mode: Mode = "hybrid") -> tuple[list[Passage], Any]:
        vector = self.retriever.embedder.embed_query(query)
        return self.retriever.retrieve(query, k, mode=mode, query_vector=vector), vector

    def offline(self, question: str, query: str, k: int, mode: Mode = "hybrid") -> Answer:
        """The offline answer. A question in two parts ("How many fled, and which city fell
        ninth?") is answered part by part: no one sentence holds both answers."""
        parts = split_parts(query)
        statements: list[Statement] = []
        pool: list[Evidence] = []
        for part in parts:
            scored = self.evidence(part, k, mode)
            quoted = {(e.passage.doc_id, e.sentence.start) for s in statements for e in s.evidence}
            statements += [s for s in choose(scored, part, self.retriever.lexical)
                           if (s.lead.passage.doc_id, s.lead.sentence.start) not in quoted]
            pool += scored
        pool.sort(key=lambda e: -e.score)
        return self.compose(question, statements, pool, direct=len(parts) == 1)

    def evidence_for_parts(self, query: str, k: int, mode: Mode = "hybrid") -> list[Evidence]:
        """The candidate windows of each part of the question, taken in turn (the best of each
        part first), so that a two-part question's prompt holds both answers."""
        ranked = [self.evidence(part, k, mode) for part in split_parts(query)]
        merged: dict[tuple[str, int, int], Evidence] = {}
        for rank in range(max(len(r) for r in ranked)):
            for windows in ranked:
                if rank < len(windows):
                    e = windows[rank]
                    merged.setdefault((e.passage.doc_id, e.sentence.start, e.sentence.end), e)
        return list(merged.values())

    def evidence(self, query: str, k: int, mode: Mode = "hybrid") -> list[Evidence]:
        """The candidate windows for a query, most likely to answer first."""
        passages, vector = self.passages(query, k, mode)
        return quotable(score_sentences(query, vector, passages, self.retriever.lexical,
                                        self.retriever.records))

    @cached_property
    def dates(self) -> dict[str, str | None]:
        """Each document's publication date. Built once: the records are read when the engine
        is, and every question's windows and conflicts look dates up."""
        return {doc_id: r.date for doc_id, r in self.retriever.records.items()}

    def llm_client(self) -> LLMClient:
        """One client per engine: building one (an HTTP connection pool) costs more than a call."""
        if self._llm is None:
            self._llm = LLMClient(self.settings)
        return self._llm

    def stream_llm(
        self, question: str, history: Sequence[Any] | None, k: int, mode: Mode = "hybrid",
    ) -> Iterator[str | Answer]:
        """The LLM's answer as it is written, then the verified `Answer` (or the offline one, with
        a notice, when the model fails or says nothing the passages support)."""
        client = self.llm_client()
        notices: list[str] = []
        query = resolve_follow_up(question, history)
        pairs = conversation(history)
        if pairs and leans_on_conversation(question):
            try:
                query = client.rewrite(question, pairs)
            except LLMUnavailable as exc:
                notices.append(f"follow-up read without the model: {exc}")
        evidence = self.evidence_for_parts(query, k, mode)
        numbered = self.number(evidence)
        try:
            pieces = []
            for piece in client.stream_answer(query, [n for n, _ in numbered]):
                pieces.append(piece)
                yield piece
        except LLMUnavailable as exc:
            yield self.fallback(question, query, k, mode, [*notices, str(exc)])
            return
        text = "".join(pieces).strip()
        if text.startswith(NOT_IN_ARTICLES) or not numbered:
            result = refusal(question, self.retriever)
            result.answerer = "llm"
            result.notice = NOTICE_SEPARATOR.join(notices) or None
            yield result
            return
        by_number = {n.number: e for n, e in numbered}
        checked = verify(text, {n: self.source(e) for n, e in by_number.items()},
                         self.retriever.embedder)
        # One line per removed sentence, saying what was wrong with it.
        removed = [f"removed “{_shortened(c.text)}”: {c.reason}" for c in checked.removed]
        if not checked.kept:
            yield self.fallback(question, query, k, mode, [
                *notices, "the language model's answer was not supported by the articles",
                *removed])
            return
        yield self.from_claims(question, checked.kept, by_number, [*notices, *removed], evidence)

    def source(self, evidence: Evidence) -> Source:
        """A cited passage with its article's title, outlet and date: a sentence may take a date
        or an outlet from the passage's header."""
        record = self.retriever.records.get(evidence.passage.doc_id)
        if record is None:
            return Source(evidence.sentence.text)
        return Source(evidence.sentence.text, record.title, record.outlet, record.date)

    def number(self, evidence: list[Evidence]) -> list[tuple[NumberedPassage, Evidence]]:
        """The best evidence sentences, numbered for the prompt (one entry per sentence)."""
        numbered: list[tuple[NumberedPassage, Evidence]] = []
        seen: set[tuple[str, int]] = set()
        for e in evidence:
            key = (e.passage.doc_id, e.sentence.start)
            if key in seen:
                continue
            seen.add(key)
            record = self.retriever.records.get(e.passage.doc_id)
            title = record.title if record and record.title else e.passage.doc_id
            numbered.append((NumberedPassage(len(numbered) + 1, title,
                                             record.date if record else None, e.sentence.text), e))
            if len(numbered) >= MAX_PASSAGES:
                break
        return numbered

    def fallback(self, question: str, query: str, k: int, mode: Mode,
                 notices: list[str]) -> Answer:
        result = self.offline(question, query, k, mode)
        result.notice = NOTICE_SEPARATOR.join([*notices, "showing the offline answer"])
        return result

    def from_claims(self, question: str, claims: list[Claim], by_number: dict[int, Evidence],
                    notices: list[str], pool: list[Evidence]) -> Answer:
        """The kept sentences, with citations renumbered in order of appearance, opened by the
        direct answer when the question asks for a short phrase and the model's verified
        sentences state the phrase the offline answerer quotes for it."""
        cites = Citations(self)
        parts = []
        phrase = None
        if len(split_parts(question)) == 1:
            phrase = direct_answer(choose(pool, question, self.retriever.lexical), question)
            if phrase and not any(phrase.text in claim.text for claim in claims):
                phrase = None
        if phrase is not None:
            phrase = self.dated(phrase, question)
            parts.append(cites.opening(phrase))
        for claim in claims:
            marks = "".join(f"[{cites.number(by_number[n])}]" for n in claim.valid)
            parts.append(f"{claim.text} {marks}")
        return self.finish(parts, cites, pool, answerer="llm",
                           notice=NOTICE_SEPARATOR.join(notices) or None,
                           direct=phrase.text if phrase else None)

    def compose(self, question: str, statements: list[Statement], pool: list[Evidence],
                direct: bool = True) -> Answer:
        """The answer text: the direct answer when `direct` and the question asks for a short
        phrase, then each statement with its citations, then any disagreement."""
        if not statements:
            return refusal(question, self.retriever)
        cites = Citations(self)
        parts = []
        phrase = direct_answer(statements, question) if direct else None
        if phrase is not None:
            phrase = self.dated(phrase, question)
            parts.append(cites.opening(phrase))
        for statement in statements:
            marks = "".join(f"[{cites.number(e)}]" for e in statement.evidence)
            # One line: a window of two sentences may span a paragraph break.
            quote = " ".join(statement.lead.sentence.text.split())
            parts.append(f"{self.as_of(statement.lead)}{quote} {marks}")
        return self.finish(parts, cites, pool, direct=phrase.text if phrase else None)

    def dated(self, phrase: Direct, question: str) -> Direct:
        """A when-question's direct answer with the calendar date its words name in the article
        it is quoted from ("on Wednesday" -> "Wednesday, 11 August 2021"; see `rag.dates`)."""
        if read(question).kind != "date" or not phrase.evidence:
            return phrase
        published = self.dates.get(phrase.evidence[0].passage.doc_id)
        return Direct(with_calendar_date(phrase.text, published), phrase.evidence)

    def finish(self, parts: list[str], cites: Citations, pool: list[Evidence],
               **fields: Any) -> Answer:
        """The answer, closed by a sentence for each disagreement between a cited passage and
        another sentence that answers the question (from `pool`); both sides are cited."""
        found = []
        # The other side must answer the question too, and name what it is about itself: a
        # disagreement about something else ("the governor said the attack on Mazar was pushed
        # back", for "who did Ghani meet in Mazar") is not part of this answer.
        partners = [e for e in pool if answers_the_question(e) and e.names_focus]
        for d in conflicts.find(list(cites.evidence), partners, self.retriever.lexical,
                                self.dates, floor=model().refuse_below):
            numbers = (cites.number(d.first), cites.number(d.second))
            summary = self.describe(d, numbers)
            parts.append(summary)
            found.append(Conflict(d.kind, summary, numbers))
        return Answer(text=" ".join(parts), citations=cites.items, conflicts=found, **fields)

    def describe(self, d: conflicts.Disagreement, numbers: tuple[int, int]) -> str:
        """'Reports disagree: "..." [1] (Press TV, 11 August 2021), but "..." [2] (...).'"""
        first, second = (self.retriever.records.get(e.passage.doc_id) for e in (d.first, d.second))
        later = ""
        if first and second and first.date and second.date:
            later = _later(first.date, second.date)
        opening = ("Reports give different figures" if d.kind == "figures"
                   else "Reports disagree")
        # Whole sentences: a fragment cut around a cue word reads as a claim nobody made.
        return (f"{opening}: “{_bare(d.first.sentence.text)}” [{numbers[0]}] "
                f"({_source(first)}), but “{_bare(d.second.sentence.text)}” [{numbers[1]}] "
                f"({_source(second)}{later}).")

    def as_of(self, evidence: Evidence) -> str:
        """"As of 11 August 2021: " for a dated article. News is about a moment: a 1998 report and
        a 2021 one must never read as one story."""
        record = self.retriever.records.get(evidence.passage.doc_id)
        day = long_date(record.date) if record and record.date else None
        return f"As of {day}: " if day else ""

    def citation(self, number: int, evidence: Evidence) -> Citation:
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


class Citations:
    """Numbers passages in order of first citation; one number per sentence of an article."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.items: list[Citation] = []
        self.evidence: list[Evidence] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def number(self, evidence: Evidence) -> int:
        key = (evidence.passage.doc_id, evidence.sentence.start, evidence.sentence.end)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(self.engine.citation(self._numbers[key], evidence))
            self.evidence.append(evidence)
        return self._numbers[key]

    def opening(self, phrase: Direct) -> str:
        """The direct answer cited to the windows it is quoted from: 'Faizabad [1][2].'"""
        marks = "".join(f"[{n}]" for n in dict.fromkeys(self.number(e) for e in phrase.evidence))
        return f"{phrase.text} {marks}."


def _bare(sentence: str) -> str:
    """A sentence to put inside quotation marks: its own outer quotes and final stop dropped."""
    return sentence.strip().strip("“”\"").rstrip(".").strip()


def _shortened(sentence: str, words: int = 12) -> str:
    """The first words of a sentence, to name it in a notice."""
    cut = sentence.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _source(record: DocumentRecord | None) -> str:
    """'Press TV, 11 August 2021' (what is known of it)."""
    outlet = (record.outlet if record else None) or "unknown outlet"
    day = long_date(record.date) if record and record.date else None
    return f"{outlet}, {day}" if day else outlet


def long_date(iso: str) -> str | None:
    """'9 August 1998' for '1998-08-09' (None when it is not an ISO date)."""
    day = iso_day(iso)
    return f"{day.day} {day:%B %Y}" if day else None


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


def refusal(question: str, retriever: Retriever) -> Answer:
    scope = retriever.filters.describe()
    scope = f" ({scope})" if scope else ""
    count = len(retriever.records)
    searched = (f"The one indexed article{scope} has no passage" if count == 1 else
                f"None of the {count} indexed articles{scope} has a passage")
    return Answer(text=f"The articles don't say. {searched} that answers “{question}”.",
                  refused=True)


_engines: dict[Settings, Engine] = {}
_engines_lock = threading.Lock()


def engine(settings: Settings | None = None) -> Engine:
    """The engine for these settings, built on first use and rebuilt when the documents changed
    since (another process ingested or removed some): answers never come from a stale BM25 index
    or miss a document's record. The question encoder is kept across rebuilds."""
    settings = settings or Settings.from_env()
    with _engines_lock:
        cached = _engines.get(settings)
        if cached is not None and cached.is_current():
            return cached
        if cached is not None and not settings.chroma_url:
            forget_clients()  # this process's embedded client would not see the new vectors
        _engines[settings] = Engine.build(
            settings, embedder=cached.retriever.embedder if cached is not None else None)
        return _engines[settings]


def forget_engines() -> None:
    """Drop cached engines, e.g. after an ingest in this process changed the index."""
    with _engines_lock:
        _engines.clear()


Answerer = Literal["auto", "offline", "llm"]


def stream_answer(
    question: str,
    *,
    history: Sequence[Any] | None = None,
    k: int | None = None,
    mode: Mode = "hybrid",
    answerer: Answerer = "auto",
    settings: Settings | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlets: str | Iterable[str] | None = None,
) -> Iterator[str | Answer]:
    """Like `answer()`, but yields the LLM's text as it is written (str pieces), then the final,
    verified `Answer`. The offline answerer yields only the `Answer`."""
    text = check_question(question)
    filters = Filters.of(since, until, outlets)
    eng = engine(settings).within(filters)
    k = k or eng.settings.top_k
    use_llm = answerer == "llm" or (answerer == "auto" and eng.settings.llm_enabled)
    if answerer == "llm" and not eng.settings.llm_enabled:
        raise RagError("no language model is configured - set OPENAI_API_KEY or OPENAI_BASE_URL")
    if use_llm:
        yield from eng.stream_llm(text, history, k, mode)
    else:
        yield eng.offline(text, resolve_follow_up(text, history), k, mode)


def answer(
    question: str,
    *,
    history: Sequence[Any] | None = None,
    k: int | None = None,
    mode: Mode = "hybrid",
    answerer: Answerer = "auto",
    settings: Settings | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlets: str | Iterable[str] | None = None,
) -> Answer:
    """Answer `question` from the indexed articles, every statement cited.

    With OPENAI_API_KEY or OPENAI_BASE_URL set, a language model writes the answer and every
    sentence is verified against the passage it cites; otherwise (or with answerer="offline")
    the offline answerer quotes the best-supported sentences.

    `since` and `until` (ISO dates or `date`s, inclusive) and `outlets` (a name or several)
    restrict the answer to articles published then, by them (see `rag.filters`).

    >>> a = answer("How many families were displaced?")  # doctest: +SKIP
    >>> a.citations[0].source                             # doctest: +SKIP
    '004_3c46c6d2562e4cd0.txt'
    """
    final: Answer | None = None
    for item in stream_answer(question, history=history, k=k, mode=mode, answerer=answerer,
                              settings=settings, since=since, until=until, outlets=outlets):
        if isinstance(item, Answer):
            final = item
    assert final is not None  # stream_answer always ends with an Answer
    return final
