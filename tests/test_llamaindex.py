"""The LlamaIndex adapters, used the way a LlamaIndex user would (llama-index-core)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from newsrag.settings import Settings

FAIZABAD = "Which city was the ninth provincial capital to fall to the Taliban?"


@pytest.fixture(scope="module")
def seeded(seeded_home: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(seeded_home)})


def test_retriever_returns_article_spans_with_their_metadata(seeded: Settings) -> None:
    from llama_index.core.postprocessor import SimilarityPostprocessor
    from llama_index.core.schema import QueryBundle
    from rag.llamaindex import NewsRetriever
    from rag.pipeline import engine

    nodes = NewsRetriever(k=3, settings=seeded).retrieve(FAIZABAD)
    assert 1 <= len(nodes) <= 3
    assert [n.score for n in nodes] == sorted((n.score for n in nodes), reverse=True)
    top = nodes[0].node
    assert "Faizabad" in top.get_content()
    article = engine(seeded).retriever.article(top.metadata["source"])
    assert article is not None
    assert article[top.start_char_idx:top.end_char_idx] == top.get_content()
    assert top.metadata["outlet"] == "Press TV" and top.metadata["date"] == "2021-08-11"
    # It composes with LlamaIndex's own pieces: a postprocessor filters its nodes by score.
    kept = SimilarityPostprocessor(similarity_cutoff=nodes[0].score).postprocess_nodes(
        nodes, query_bundle=QueryBundle(FAIZABAD))
    assert [n.node.node_id for n in kept] == [nodes[0].node.node_id]


def test_retriever_takes_the_filters(seeded: Settings) -> None:
    from rag.llamaindex import NewsRetriever

    nodes = NewsRetriever(k=3, settings=seeded, until="1999-12-31").retrieve(FAIZABAD)
    assert nodes and {n.node.metadata["source"] for n in nodes} == {"000_26ff0d73370cc3a0.txt"}


def test_query_engine_carries_the_verified_answer_and_its_citations(seeded: Settings) -> None:
    from rag.llamaindex import NewsQueryEngine
    from rag.pipeline import answer

    expected = answer(FAIZABAD, settings=seeded, answerer="offline")
    response = NewsQueryEngine(settings=seeded, answerer="offline").query(FAIZABAD)
    assert response.response == expected.text
    assert response.metadata["direct"] == "Faizabad" and not response.metadata["refused"]
    assert [n.node.metadata["citation"] for n in response.source_nodes] == \
        [c.number for c in expected.citations]
    assert [n.node.get_content() for n in response.source_nodes] == \
        [c.text for c in expected.citations]
    assert str(response).startswith("Faizabad [1]")

    refused = asyncio.run(NewsQueryEngine(settings=seeded, answerer="offline").aquery(
        "What is the population of Mazar-i-Sharif?"))
    assert refused.metadata["refused"] and refused.source_nodes == []
