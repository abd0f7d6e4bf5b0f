"""The LLM answerer: the model writes from numbered evidence sentences (`rag.llm`), every sentence
it writes is checked against what it cites (`rag.verify`), and what survives is cited; when the
model fails or nothing it says is supported, the offline answer is given, with a notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Sequence

from newsrag.index.embed import int8_embedder_if_made
from rag import wordnet
from rag.cite import Citations, cited_answer, refusal, shortened
from rag.compose import choose, direct_answer
from rag.conversation import conversation, leans_on_conversation, resolve_follow_up
from rag.evidence import Evidence
from rag.llm import MAX_PASSAGES, NOT_IN_ARTICLES, LLMUnavailable, NumberedPassage
from rag.offline import dated, offline_answer
from rag.question import split_parts
from rag.retrieve import Mode
from rag.types import Answer
from rag.verify import Claim, Source, verify

if TYPE_CHECKING:
    from rag.pipeline import Engine

NOTICE_SEPARATOR = "\n"  # an answer's notices, one per line


def stream_llm_answer(
    engine: Engine, question: str, history: Sequence[Any] | None, k: int, mode: Mode = "hybrid",
) -> Iterator[str | Answer]:
    """The LLM's answer as it is written, then the verified `Answer` (or the offline one, with
    a notice, when the model fails or says nothing the passages support)."""
    wordnet.warm_up()  # the verifier's synonyms open while the model writes
    client = engine.llm_client()
    notices: list[str] = []
    query = resolve_follow_up(question, history)
    pairs = conversation(history)
    if pairs and leans_on_conversation(question):
        try:
            query = client.rewrite(question, pairs)
        except LLMUnavailable as exc:
            notices.append(f"follow-up read without the model: {exc}")
    evidence = engine.evidence_for_parts(query, k, mode)
    numbered = _numbered(engine, evidence)
    try:
        pieces = []
        for piece in client.stream_answer(query, [n for n, _ in numbered]):
            pieces.append(piece)
            yield piece
    except LLMUnavailable as exc:
        yield _fallback(engine, question, query, k, mode, [*notices, str(exc)])
        return
    text = "".join(pieces).strip()
    if text.startswith(NOT_IN_ARTICLES) or not numbered:
        result = refusal(question, engine.retriever)
        result.answerer = "llm"
        result.notice = NOTICE_SEPARATOR.join(notices) or None
        yield result
        return
    by_number = {n.number: e for n, e in numbered}
    checked = verify(text, {n: _source(engine, e) for n, e in by_number.items()},
                     engine.retriever.embedder, int8_embedder_if_made())
    # One line per removed sentence, saying what was wrong with it.
    removed = [f"removed “{shortened(c.text)}”: {c.reason}" for c in checked.removed]
    if not checked.kept:
        yield _fallback(engine, question, query, k, mode, [
            *notices, "the language model's answer was not supported by the articles", *removed])
        return
    yield _from_claims(engine, question, checked.kept, by_number, [*notices, *removed], evidence)


def _source(engine: Engine, evidence: Evidence) -> Source:
    """A cited passage with its article's title, outlet and date: a sentence may take a date
    or an outlet from the passage's header."""
    record = engine.retriever.records.get(evidence.passage.doc_id)
    if record is None:
        return Source(evidence.sentence.text)
    return Source(evidence.sentence.text, record.title, record.outlet, record.date)


def _numbered(engine: Engine, evidence: list[Evidence]) -> list[tuple[NumberedPassage, Evidence]]:
    """The best evidence sentences, numbered for the prompt (one entry per sentence)."""
    numbered: list[tuple[NumberedPassage, Evidence]] = []
    seen: set[tuple[str, int]] = set()
    for e in evidence:
        key = (e.passage.doc_id, e.sentence.start)
        if key in seen:
            continue
        seen.add(key)
        record = engine.retriever.records.get(e.passage.doc_id)
        title = record.title if record and record.title else e.passage.doc_id
        numbered.append((NumberedPassage(len(numbered) + 1, title,
                                         record.date if record else None, e.sentence.text), e))
        if len(numbered) >= MAX_PASSAGES:
            break
    return numbered


def _fallback(engine: Engine, question: str, query: str, k: int, mode: Mode,
              notices: list[str]) -> Answer:
    result = offline_answer(engine, question, query, k, mode)
    result.notice = NOTICE_SEPARATOR.join([*notices, "showing the offline answer"])
    return result


def _from_claims(engine: Engine, question: str, claims: list[Claim],
                 by_number: dict[int, Evidence], notices: list[str],
                 pool: list[Evidence]) -> Answer:
    """The kept sentences, with citations renumbered in order of appearance, opened by the
    direct answer when the question asks for a short phrase and the model's verified
    sentences state the phrase the offline answerer quotes for it."""
    cites = Citations(engine.retriever)
    parts = []
    phrase = None
    if len(split_parts(question)) == 1:
        phrase = direct_answer(choose(pool, question, engine.retriever.lexical), question)
        if phrase and not any(phrase.text in claim.text for claim in claims):
            phrase = None
    if phrase is not None:
        phrase = dated(engine, phrase, question)
        parts.append(cites.opening(phrase))
    for claim in claims:
        marks = "".join(f"[{cites.number(by_number[n])}]" for n in claim.valid)
        parts.append(f"{claim.text} {marks}")
    return cited_answer(parts, cites, pool, engine.retriever.lexical, engine.dates,
                        answerer="llm", notice=NOTICE_SEPARATOR.join(notices) or None,
                        direct=phrase.text if phrase else None)
