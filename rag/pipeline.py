"""`answer(question)`, wired: the question checked and read against the conversation
(`rag.conversation`), passages retrieved (`rag.retrieve`), candidate sentence windows scored
(`rag.evidence`), then one of two answerers: the offline one quotes and cites them
(`rag.offline`, with `rag.compose`), the LLM one has a model write from them and verifies every
sentence (`rag.llm_answer`, with `rag.llm` and `rag.verify`); both end by citing what they keep
and naming the disagreements among it (`rag.cite`, with `rag.conflicts`).

The engine (model, Chroma client, BM25 index) is built once per settings and reused, so only the
first call pays for loading, and rebuilt when another process changed the documents.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any, Iterable, Iterator, Literal, Sequence

from newsrag.errors import RagError
from newsrag.index.embed import Embedder, query_embedder_soon
from newsrag.index.lexical import current_lexical, lexical_folder
from newsrag.index.store import Store, forget_clients
from newsrag.settings import Settings
from rag import wordnet
from rag.compose import quotable
from rag.conversation import check_question, resolve_follow_up
from rag.evidence import Evidence, score_sentences
from rag.filters import Filters
from rag.llm import LLMClient
from rag.llm_answer import NOTICE_SEPARATOR, stream_llm_answer
from rag.offline import offline_answer
from rag.question import expanded, other_names, read, split_parts
from rag.retrieve import Mode, Passage, Retriever
from rag.spelling import recased, respelled, variants
from rag.types import Answer


@dataclass
class Engine:
    settings: Settings
    retriever: Retriever
    stamp: str = ""  # the store's stamp when the records were read (see `is_current`)
    _llm: LLMClient | None = None
    # The last retrieval (see `passages`); a filtered copy (`within`) starts without it.
    _recent: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, settings: Settings, embedder: Embedder | None = None) -> Engine:
        # The question encoder loads while the store opens (see `query_embedder_soon`).
        encoder = (query_embedder_soon(settings.embed_batch_size) if embedder is None
                   else lambda: embedder)
        store = Store(settings)
        stamp = store.stamp()  # before reading: a commit after this makes the engine stale
        store.resolve_encoder(settings.encoder)  # one that differs, or a half re-embedding, fails
        records = store.documents()
        lexical = current_lexical(store, lexical_folder(settings.home, settings.collection),
                                  records=records)
        return cls(settings, Retriever(store, lexical, encoder(), records), stamp)

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
        """The k passages for a query, and its vector. The last query's are kept: a question is
        retrieved once to read its names' capitals (`rag.spelling.recased`), then again as
        recased, which neither the encoder nor BM25 tells apart (both read lower case)."""
        key = (query.lower(), k, mode)
        recent = self._recent  # read once: another thread may put its own in meanwhile
        if recent.get("key") != key:
            vector = self.retriever.embedder.embed_query(query)
            recent = {"key": key,
                      "found": (self.retriever.retrieve(
                          query, k, mode=mode, query_vector=vector,
                          also=[*other_names(query), *variants(query, self.retriever.lexical)]),
                                vector)}
            self._recent = recent
        found: tuple[list[Passage], Any] = recent["found"]
        return found

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
                                        self.retriever.records, self.retriever.article))

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
    text = expanded(check_question(question))  # "What's..." read as "What is..."
    if read(text).negated:
        # What a negated question negates is matched by WordNet synonym (rag.verify): its files
        # open (and, on a machine's first question, are laid out) while the index loads.
        wordnet.warm_up()
    filters = Filters.of(since, until, outlets)
    eng = engine(settings).within(filters)
    k = k or eng.settings.top_k
    use_llm = answerer == "llm" or (answerer == "auto" and eng.settings.llm_enabled)
    if answerer == "llm" and not eng.settings.llm_enabled:
        raise RagError("no language model is configured - set OPENAI_API_KEY or OPENAI_BASE_URL")
    # A name written otherwise than the articles write it is read as they do ("Telnet" for
    # "Telenet"), and the answer says so.
    text, respellings = respelled(text, eng.retriever.lexical)
    # Names typed in lower case are read as names: the passages say which words are.
    text = recased(text, [p.text for p in eng.passages(text, k, mode)[0]])
    results = (stream_llm_answer(eng, text, history, k, mode) if use_llm
               else iter([offline_answer(eng, text, resolve_follow_up(text, history), k, mode)]))
    read_as = [f"read “{written}” as “{read}”, as the articles spell it"
               for written, read in respellings]
    for item in results:
        if isinstance(item, Answer) and read_as:
            item.notice = NOTICE_SEPARATOR.join([*read_as, *filter(None, [item.notice])])
        yield item


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
