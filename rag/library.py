"""`Library`: the one object a Python user holds — an index of news articles to ask.

    from rag import Library
    lib = Library("~/news-index")                 # a home folder; or Library(chroma_url=...)
    lib.ingest(["seeds/", "https://example.org/story.html"])
    a = lib.ask("Which city fell ninth?")         # an Answer, every statement cited
    for event in lib.stream("Who did Ghani meet?"):
        if isinstance(event, Delta): print(event.text, end="")   # the LLM's words as written
        else: print(event.answer.text)            # Done: the verified Answer, always last
    lib.documents()                               # what is indexed
    lib.remove("004_3c46c6d2562e4cd0.txt")

It holds only settings: the engine behind it (model, Chroma client, BM25) is shared by every
handle with the same settings and is rebuilt when another process ingests or removes documents
(`rag.pipeline.engine`), so a handle always answers from the committed state. `rag.answer()` is
this class's `ask` on a handle built from the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from rag.pipeline import Answerer, answer, stream_answer
from rag.retrieve import Mode
from newsrag.settings import Settings
from rag.types import Answer

if TYPE_CHECKING:
    from newsrag.index.pipeline import Counts, IngestReport
    from newsrag.index.store import DocumentRecord
    from rag.timelines import Timeline


@dataclass(frozen=True)
class Delta:
    """A piece of the language model's answer as it is written (not yet verified)."""

    text: str


@dataclass(frozen=True)
class Done:
    """The final, verified answer: always the last event of a stream."""

    answer: Answer


Event = Delta | Done


class Library:
    """An index of news articles: ingest, remove, list, ask, stream, timeline."""

    def __init__(self, home: str | Path | None = None, *, chroma_url: str | None = None,
                 collection: str | None = None, llm_base_url: str | None = None,
                 llm_api_key: str | None = None, llm_model: str | None = None,
                 settings: Settings | None = None) -> None:
        """Settings come from `settings`, else the environment (see the README's
        "Configuration"); the arguments given override them."""
        base = settings or Settings.from_env()
        changes: dict[str, Any] = {
            "home": Path(home).expanduser() if home is not None else None,
            "chroma_url": chroma_url, "collection": collection,
            "openai_base_url": llm_base_url, "openai_api_key": llm_api_key,
            "llm_model": llm_model,
        }
        self.settings = base.with_(**{k: v for k, v in changes.items() if v is not None})

    def __repr__(self) -> str:
        where = self.settings.chroma_url or str(self.settings.home)
        return f"Library({where!r}, collection={self.settings.collection!r})"

    # -- the write side ----------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path] = (), *, feeds: Iterable[str] = (),
               prune: bool = False, progress: bool | None = None) -> IngestReport:
        """Add or update articles: files, folders, http(s) URLs of pages, and the articles RSS or
        Atom `feeds` link to (see `index.ingest`)."""
        from newsrag.index import ingest

        return ingest(paths, feeds=feeds, prune=prune, settings=self.settings, progress=progress)

    def remove(self, *doc_ids: str) -> Counts:
        """Take documents (by file name or URL) out of the index; DocumentNotFound for an id
        it does not hold, before anything is removed."""
        from newsrag.index import remove

        return remove(doc_ids, settings=self.settings)

    def documents(self) -> list[DocumentRecord]:
        """The indexed documents, by id: title, outlet, date, where it came from, chunks, and
        the document it is a syndicated copy of (`representative`)."""
        from newsrag.index.store import Store

        return sorted(Store(self.settings).documents().values(), key=lambda r: r.id)

    def article(self, doc_id: str) -> str | None:
        """A document's cleaned text, which citations' `start` and `end` index (None when no
        indexed document has that id)."""
        from rag.pipeline import engine

        return engine(self.settings).retriever.article(doc_id)

    # -- the read side -----------------------------------------------------------------------

    def ask(self, question: str, *, history: Sequence[Any] | None = None, k: int | None = None,
            mode: Mode = "hybrid", answerer: Answerer = "auto",
            since: date | str | None = None, until: date | str | None = None,
            outlets: str | Iterable[str] | None = None) -> Answer:
        """The answer to `question`, every statement cited (see `rag.answer`)."""
        return answer(question, history=history, k=k, mode=mode, answerer=answerer,
                      settings=self.settings, since=since, until=until, outlets=outlets)

    def stream(self, question: str, *, history: Sequence[Any] | None = None,
               k: int | None = None, mode: Mode = "hybrid", answerer: Answerer = "auto",
               since: date | str | None = None, until: date | str | None = None,
               outlets: str | Iterable[str] | None = None) -> Iterator[Event]:
        """`Delta`s as a language model writes its answer, then `Done` with the verified answer
        (the offline answerer yields only `Done`). Bad input raises before anything is yielded."""
        for item in stream_answer(question, history=history, k=k, mode=mode, answerer=answerer,
                                  settings=self.settings, since=since, until=until,
                                  outlets=outlets):
            yield Done(item) if isinstance(item, Answer) else Delta(item)

    def timeline(self, topic: str, *, since: date | str | None = None,
                 until: date | str | None = None,
                 outlets: str | Iterable[str] | None = None) -> Timeline:
        """The dated events the articles report about `topic`, in order (see `rag.timeline`)."""
        from rag.timelines import timeline

        return timeline(topic, settings=self.settings, since=since, until=until, outlets=outlets)

