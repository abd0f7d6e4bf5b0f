"""`answer(question)`: retrieve, pick evidence, compose, verify. The public entry point.

The engine (model, Chroma client, BM25 index) is built once per settings and reused, so only the
first call pays for loading.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from index.embed import Embedder, default_embedder
from index.lexical import current_lexical, lexical_folder
from index.store import Store
from rag.compose import Statement, choose
from rag.errors import RagError
from rag.evidence import Evidence, question_terms, score_sentences
from rag.retrieve import Mode, Passage, Retriever
from rag.settings import Settings
from rag.types import Answer, Citation

MAX_QUESTION_CHARS = 2000
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


def _user_turns(history: Iterable[Any] | None) -> list[str]:
    """User questions from a history of {"role", "content"} dicts or (question, answer) pairs."""
    turns = []
    for turn in history or []:
        if isinstance(turn, dict):
            if turn.get("role") == "user" and isinstance(turn.get("content"), str):
                turns.append(turn["content"])
            elif isinstance(turn.get("question"), str):
                turns.append(turn["question"])
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            turns.append(turn[0])
    return turns


def resolve_follow_up(question: str, history: Iterable[Any] | None) -> str:
    """The offline way to read a follow-up: when the question leans on the conversation (a pronoun,
    or too few words of its own), search with the previous question's words added. Honest and
    simple: it never guesses a name, it only widens the search with words the user already used.

    >>> resolve_follow_up("And who did he meet there?", [("Where did Ghani fly to?", "Mazar")])
    'And who did he meet there? Where did Ghani fly to?'
    """
    previous = _user_turns(history)
    if not previous:
        return question
    if _FOLLOW_UP_RE.search(question) or len(question_terms(question)) < 2:
        return f"{question} {previous[-1]}"
    return question


@dataclass
class Engine:
    settings: Settings
    retriever: Retriever

    @classmethod
    def build(cls, settings: Settings, embedder: Embedder | None = None) -> Engine:
        store = Store(settings)
        lexical = current_lexical(store, lexical_folder(settings.home, settings.collection))
        embedder = embedder or default_embedder(settings.embed_batch_size)
        return cls(settings, Retriever(store, lexical, embedder))

    def passages(self, query: str, k: int, mode: Mode = "hybrid") -> tuple[list[Passage], Any]:
        vector = self.retriever.embedder.embed_query(query)
        return self.retriever.retrieve(query, k, mode=mode, query_vector=vector), vector

    def offline(self, question: str, query: str, k: int, mode: Mode = "hybrid") -> Answer:
        passages, vector = self.passages(query, k, mode)
        scored = score_sentences(query, vector, passages, self.retriever.lexical)
        return self.compose(question, choose(scored))

    def compose(self, question: str, statements: list[Statement]) -> Answer:
        if not statements:
            return refusal(question, len(self.retriever.records))
        citations: list[Citation] = []
        numbers: dict[tuple[str, int, int], int] = {}
        parts = []
        for statement in statements:
            marks = []
            for evidence in statement.evidence:
                key = (evidence.passage.doc_id, evidence.sentence.start, evidence.sentence.end)
                if key not in numbers:
                    numbers[key] = len(citations) + 1
                    citations.append(self.citation(numbers[key], evidence))
                marks.append(f"[{numbers[key]}]")
            parts.append(f"{statement.lead.sentence.text} {''.join(marks)}")
        return Answer(text=" ".join(parts), citations=citations)

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
        )


def refusal(question: str, documents: int) -> Answer:
    return Answer(
        text=(f"The articles don't say. None of the {documents} indexed articles has a passage "
              f"that answers “{question}”."),
        refused=True,
    )


_engines: dict[Settings, Engine] = {}
_engines_lock = threading.Lock()


def engine(settings: Settings | None = None) -> Engine:
    """The engine for these settings, built on first use."""
    settings = settings or Settings.from_env()
    with _engines_lock:
        if settings not in _engines:
            _engines[settings] = Engine.build(settings)
        return _engines[settings]


def forget_engines() -> None:
    """Drop cached engines, e.g. after an ingest in this process changed the index."""
    with _engines_lock:
        _engines.clear()


def answer(
    question: str,
    *,
    history: Sequence[Any] | None = None,
    k: int | None = None,
    mode: Mode = "hybrid",
    settings: Settings | None = None,
) -> Answer:
    """Answer `question` from the indexed articles, every statement cited.

    >>> a = answer("Which city was the ninth provincial capital to fall?")  # doctest: +SKIP
    >>> a.citations[0].source                                              # doctest: +SKIP
    '001_a2c6075c2c754012.txt'
    """
    text = check_question(question)
    eng = engine(settings)
    query = resolve_follow_up(text, history)
    return eng.offline(text, query, k or eng.settings.top_k, mode)
