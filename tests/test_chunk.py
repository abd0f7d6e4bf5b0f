"""Chunking: offsets slice back exactly, chunks fit the encoder, sentences are located."""

from __future__ import annotations

from functools import lru_cache

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


@lru_cache(maxsize=1)
def _whole_text_tokenizer():  # type: ignore[no-untyped-def]
    """MiniLM's tokenizer as the encoder runs it on a whole text, unpadded and untruncated."""
    from tokenizers import Tokenizer

    from newsrag.index.embed import model_path

    whole = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    whole.no_truncation()
    whole.no_padding()
    return whole


def _word_pieces(text: str) -> int:
    return len(_whole_text_tokenizer().encode(text, add_special_tokens=False).ids)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(
    " \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u0301\u4e2d.,'-"), max_size=400))
def test_the_splitter_counts_word_pieces_as_the_model_does(text: str) -> None:
    """The splitter's length of a text (counted word by word, for speed) is the number of word
    pieces MiniLM's tokenizer makes of the whole text."""
    assert len(model_tokenizer()(text)) == _word_pieces(text)


@pytest.mark.parametrize("path", SEED_FILES[:2], ids=lambda p: p.name[:3])
def test_the_splitter_counts_an_article_as_the_model_does(path) -> None:  # type: ignore[no-untyped-def]
    article = path.read_text(encoding="utf-8")
    assert len(model_tokenizer()(article)) == _word_pieces(article)


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
