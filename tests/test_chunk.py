"""Chunking: offsets slice back exactly, chunks fit the encoder, sentences are located."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsrag.index.chunk import chunk, model_tokenizer
from newsrag.index.load import load
from newsrag.index.types import Document
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_offsets_round_trip_and_fit_the_model(path) -> None:  # type: ignore[no-untyped-def]
    doc = load(path)
    chunks = chunk(doc)
    assert chunks
    tokens = model_tokenizer()
    covered = 0
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert len(tokens(c.text)) <= 254  # 256 minus [CLS] and [SEP]: nothing is truncated
        assert c.id.startswith(f"{doc.id}#{doc.content_hash}#")
        for s, e in c.sentences:
            assert c.start <= s < e <= c.end
        covered = max(covered, c.end)
    assert covered == len(doc.text)  # the last chunk reaches the end of the article


def test_every_sentence_is_whole_in_some_chunk() -> None:
    """Chunks break between sentences, so no fact is cut in two."""
    from newsrag.index.clean import sentence_spans

    for path in SEED_FILES:
        doc = load(path)
        chunks = chunk(doc)
        for s, e in sentence_spans(doc.text):
            assert any(c.start <= s and e <= c.end for c in chunks), doc.text[s:e]


def test_known_sentence_is_in_a_chunk() -> None:
    doc = load(SEEDS / "004_3c46c6d2562e4cd0.txt")
    sentence = "The Taliban are now controlling 65% of the country."
    assert any(
        doc.text[s:e] == sentence for c in chunk(doc) for s, e in c.sentences
    )


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=3000))
def test_any_text_chunks_with_exact_offsets(text: str) -> None:
    from newsrag.index.clean import clean

    cleaned = clean(text)
    if not cleaned:
        return
    doc = Document(id="x.txt", path=SEEDS / "x.txt", text=cleaned, content_hash="h")
    for c in chunk(doc, 64, 8):
        assert cleaned[c.start : c.end] == c.text
