"""LlamaIndex adapters: our retrieval and our verified answers inside a LlamaIndex pipeline.

    from rag.llamaindex import NewsRetriever, NewsQueryEngine
    nodes = NewsRetriever(k=5).retrieve("Who did Ghani meet in Mazar-i-Sharif?")
    response = NewsQueryEngine().query("Which city fell ninth?")
    response.response        # the cited answer text ("Faizabad [1]. As of 11 August 2021: ...")
    response.source_nodes    # one node per citation [n], in order, with its article's metadata

`NewsRetriever` returns the hybrid-retrieval passages (dense + BM25, syndicated copies counted
once) as nodes whose text is a span of the cleaned article, with its offsets, title, outlet and
date. `NewsQueryEngine` returns `answer()`'s result: the text with its [n] markers, one source
node per citation (the cited sentence, `metadata["citation"] == n`), and refusal, direct answer
and conflicts in `response.metadata`. Both take the same filters as `answer()`.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Iterable

from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.base.response.schema import Response
from llama_index.core.callbacks import CallbackManager
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from rag.filters import Filters
from rag.pipeline import Answerer, answer, engine
from newsrag.settings import Settings
from rag.types import Citation


class NewsRetriever(BaseRetriever):
    """The k best passages for a query, as LlamaIndex nodes with scores."""

    def __init__(self, *, k: int | None = None, settings: Settings | None = None,
                 since: date | str | None = None, until: date | str | None = None,
                 outlets: str | Iterable[str] | None = None,
                 callback_manager: CallbackManager | None = None) -> None:
        super().__init__(callback_manager=callback_manager)
        self.settings = settings or Settings.from_env()
        self.k = k or self.settings.top_k
        self.filters = Filters.of(since, until, outlets)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        eng = engine(self.settings).within(self.filters)
        passages, _ = eng.passages(query_bundle.query_str, self.k)
        nodes = []
        for p in passages:
            record = eng.retriever.records.get(p.doc_id)
            node = TextNode(
                id_=f"{p.doc_id}:{p.start}-{p.end}", text=p.text,
                start_char_idx=p.start, end_char_idx=p.end,
                metadata={"source": p.doc_id, "title": record.title if record else None,
                          "outlet": record.outlet if record else None,
                          "date": record.date if record else None,
                          "start": p.start, "end": p.end},
            )
            nodes.append(NodeWithScore(node=node, score=p.score))
        return nodes


class NewsQueryEngine(BaseQueryEngine):
    """`answer()` as a LlamaIndex query engine: the verified, cited answer and its citations."""

    def __init__(self, *, k: int | None = None, settings: Settings | None = None,
                 answerer: Answerer = "auto", since: date | str | None = None,
                 until: date | str | None = None, outlets: str | Iterable[str] | None = None,
                 callback_manager: CallbackManager | None = None) -> None:
        super().__init__(callback_manager=callback_manager)
        self.settings = settings or Settings.from_env()
        self.k = k
        self.answerer = answerer
        self.filters = Filters.of(since, until, outlets)

    def _query(self, query_bundle: QueryBundle) -> Response:
        f = self.filters
        result = answer(query_bundle.query_str, k=self.k, answerer=self.answerer,
                        settings=self.settings, since=f.since, until=f.until, outlets=f.outlets)
        return Response(
            response=result.text,
            source_nodes=[_citation_node(c) for c in result.citations],
            metadata={"refused": result.refused, "direct": result.direct,
                      "answerer": result.answerer, "notice": result.notice,
                      "conflicts": [c.summary for c in result.conflicts]},
        )

    async def _aquery(self, query_bundle: QueryBundle) -> Response:
        return await asyncio.to_thread(self._query, query_bundle)

    def _get_prompt_modules(self) -> dict[str, Any]:
        return {}  # no prompts of ours to tune from LlamaIndex


def _citation_node(c: Citation) -> NodeWithScore:
    node = TextNode(
        id_=f"{c.source}:{c.start}-{c.end}", text=c.text, start_char_idx=c.start,
        end_char_idx=c.end,
        metadata={"citation": c.number, "source": c.source, "title": c.title,
                  "outlet": c.outlet, "date": c.date, "start": c.start, "end": c.end,
                  "copies": list(c.copies)},
    )
    return NodeWithScore(node=node, score=c.score)
