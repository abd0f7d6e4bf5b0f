"""`answer()` on the seeds with the offline answerer: facts worked out by hand from the articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag import Answer, answer
from newsrag.errors import IndexMissing, RagError
from rag.conversation import resolve_follow_up
from rag.pipeline import engine
from rag.retrieve import fuse
from newsrag.settings import Settings


@pytest.fixture(scope="module")
def seeded(seeded_home: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(seeded_home)})


def check_citations(result: Answer, settings: Settings) -> None:
    """Every citation quotes its article verbatim at its offsets, and every marker has one."""
    store = engine(settings).retriever
    for c in result.citations:
        article = store.article(c.source)
        assert article is not None
        assert article[c.start : c.end] == c.text
        assert f"[{c.number}]" in result.text
    assert [c.number for c in result.citations] == list(range(1, len(result.citations) + 1))


def test_ninth_capital_is_faizabad(seeded: Settings) -> None:
    # 004: "The latest city to fall was Faizabad, the capital of the northeastern province of
    # Badakhshan, which the Taliban militants took control of on Wednesday."
    result = answer("Which city was the ninth provincial capital to fall to the Taliban?",
                    settings=seeded)
    assert not result.refused
    assert "Faizabad" in result.text
    faizabad = {c.source for c in result.citations if "Faizabad" in c.text}
    # Both outlets that report it are cited. 004: "The latest city to fall was Faizabad...";
    # 001: "...the Taliban captured Faizabad overnight, making it the ninth city to be overrun..."
    assert faizabad == {"004_3c46c6d2562e4cd0.txt", "001_a2c6075c2c754012.txt"}
    assert result.direct == "Faizabad" and result.text.startswith("Faizabad [")
    statements = result.text.split("]. ", 1)[1]  # after the direct answer "Faizabad [1][2]."
    statement = next(s for s in statements.split("] ") if "latest city to fall was Faizabad" in s)
    assert statement.count("[") == 2  # one statement, two citations
    check_citations(result, seeded)


def test_ghani_met_dostum_and_noor(seeded: Settings) -> None:
    # 002: "...meeting with several militia commanders, including Abdul Rashid Dostum and Ata
    # Mohammad Noor, who command thousands of fighters."
    result = answer("Who did Ghani meet in Mazar-i-Sharif?", settings=seeded)
    assert "Dostum" in result.text and "Noor" in result.text
    assert result.citations[0].source == "002_3993b5d063c408f6.txt"
    assert result.citations[0].date == "2021-08-14"
    check_citations(result, seeded)


def test_displaced_families_number(seeded: Settings) -> None:
    # 004: "...60,000 families had been displaced over the past two months..."
    result = answer("How many families were displaced?", settings=seeded)
    assert "60,000 families had been displaced" in result.text
    check_citations(result, seeded)


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Mazar-i-Sharif?",  # on topic, words overlap, answer absent
        "Who won the 2018 football world cup?",
    ],
)
def test_absent_facts_are_refused(seeded: Settings, question: str) -> None:
    result = answer(question, settings=seeded)
    assert result.refused
    assert result.citations == []
    assert result.text.startswith("The articles don't say")


def test_answer_to_dict_is_json_ready(seeded: Settings) -> None:
    import json

    data = json.loads(json.dumps(answer("How many families were displaced?", settings=seeded)
                                 .to_dict()))
    assert set(data) >= {"text", "citations", "refused"}
    assert set(data["citations"][0]) >= {"number", "source", "title", "text", "score", "start",
                                         "end", "date"}


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "the question is empty"), ("  \n\t ", "the question is empty"),
     ("x" * 5000, "the question is 5,000 characters long"), (None, "the question must be text")],
)
def test_bad_questions_give_one_clear_error(seeded: Settings, question: object,
                                            message: str) -> None:
    with pytest.raises(RagError, match=message):
        answer(question, settings=seeded)  # type: ignore[arg-type]


def test_control_characters_are_ignored(seeded: Settings) -> None:
    result = answer("How many families\x00 were\x1b displaced?", settings=seeded)
    assert "60,000" in result.text


def test_missing_index_says_what_to_do(tmp_path: Path) -> None:
    settings = Settings.from_env({"RAG_HOME": str(tmp_path / "none")})
    with pytest.raises(IndexMissing, match="run 'rag ingest seeds/' first"):
        answer("Who is Dostum?", settings=settings)


def test_follow_up_widens_the_search_with_the_previous_question() -> None:
    history = [{"role": "user", "content": "Where did Ghani fly to on Wednesday?"},
               {"role": "assistant", "content": "Mazar-i-Sharif [1]"}]
    assert resolve_follow_up("And who did he meet there?", history) == (
        "And who did he meet there? Where did Ghani fly to on Wednesday?"
    )
    assert resolve_follow_up("Who is Michelle Bachelet?", history) == "Who is Michelle Bachelet?"


def test_follow_up_answer_uses_the_conversation(seeded: Settings) -> None:
    history = [("Where did Ashraf Ghani fly to on Wednesday?", "Mazar-i-Sharif")]
    result = answer("Who did he meet there?", history=history, settings=seeded)
    assert "Dostum" in result.text
    check_citations(result, seeded)


def test_rrf_by_hand() -> None:
    # a: 1/61 + 0; b: 1/62 + 1/61; c: 1/62
    scores = fuse([["a", "b"], ["b", "c"]])
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["a"] == pytest.approx(1 / 61)
    assert scores["c"] == pytest.approx(1 / 62)
