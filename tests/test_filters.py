"""Date and outlet filters: applied inside retrieval, from Python, the CLI (the page: test_ui)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsrag.errors import RagError
from rag.filters import Filters, NoMatchingArticles
from newsrag.settings import Settings
from tests.test_cli import run

INDEPENDENT_1998 = "000_26ff0d73370cc3a0.txt"
PRESS_TV = {"003_c8609d51c2e51429.txt", "004_3c46c6d2562e4cd0.txt"}


class Record:
    def __init__(self, outlet: str | None, day: str | None) -> None:
        self.outlet, self.date = outlet, day


def test_filters_read_what_a_user_types() -> None:
    f = Filters.of("2021-08-10", date(2021, 8, 12), "  press   TV ")
    assert f == Filters(date(2021, 8, 10), date(2021, 8, 12), ("press   TV",))
    assert f.admits(Record("Press TV", "2021-08-11"))
    assert not f.admits(Record("Press TV", "2021-08-13"))  # after until
    assert not f.admits(Record("Press TV", "2021-08-09"))  # before since
    assert not f.admits(Record("AFP", "2021-08-11"))
    assert not f.admits(Record("Press TV", None))  # an undated article is not inside a range
    assert Filters.of(outlets="Press TV").admits(Record("press tv", None))
    assert not Filters.of(None, "", [])  # blank values restrict nothing
    assert Filters.of(outlets=["AFP", "AFP", ""]).outlets == ("AFP",)
    with pytest.raises(RagError, match="since must be a date like 2021-08-10, not '10/08/2021'"):
        Filters.of("10/08/2021")
    with pytest.raises(RagError, match="is after until"):
        Filters.of("2021-08-12", "2021-08-10")


@pytest.fixture(scope="module")
def seeded(seeded_home: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(seeded_home)})


def test_a_narrow_filter_still_gets_its_best_passages(seeded: Settings) -> None:
    """Filtering happens inside both searches: the 1998 article is nowhere near the top of an
    unfiltered search about Kunduz, yet the filtered search returns k of its passages."""
    from rag.pipeline import engine

    retriever = engine(seeded).retriever
    question = "Why was the capture of Kunduz significant for the Taliban?"
    unfiltered = retriever.retrieve(question, k=3, fetch=6)
    assert INDEPENDENT_1998 not in {p.doc_id for p in unfiltered}
    view = retriever.within(Filters.of(until="1999-12-31"))
    passages = view.retrieve(question, k=3, fetch=6)
    assert passages and {p.doc_id for p in passages} == {INDEPENDENT_1998}
    assert len(view.lexical.search(question, 6, view.admitted)) > 0
    assert all(i.startswith(INDEPENDENT_1998) for i, _ in
               view.lexical.search(question, 6, view.admitted))
    assert view.records.keys() == {INDEPENDENT_1998}
    assert retriever.records.keys() != view.records.keys()  # the view leaves the engine whole
    assert retriever.within(Filters.of(until="1999-12-31")) is view  # chosen once, then kept


def test_answers_come_only_from_admitted_articles(seeded: Settings) -> None:
    from rag.pipeline import answer

    old = answer("Which city did the Taliban capture?", settings=seeded, until="1999-12-31")
    assert not old.refused and "Mazar-e-Sharif" in old.text
    assert {c.source for c in old.citations} == {INDEPENDENT_1998}

    press_tv = answer("How many families were displaced?", settings=seeded, outlets="press tv")
    assert not press_tv.refused and "60,000" in press_tv.text
    assert {c.source for c in press_tv.citations} <= PRESS_TV

    week = answer("Who did Ghani meet in Mazar-i-Sharif?", settings=seeded,
                  since="2021-08-10", until="2021-08-12")
    assert "Dostum" in week.text
    assert all(c.date == "2021-08-11" for c in week.citations)


def test_a_refusal_names_the_filter(seeded: Settings) -> None:
    from rag.pipeline import answer

    a = answer("Who did Ghani meet in Mazar-i-Sharif?", settings=seeded, until="1999-12-31")
    assert a.refused
    assert "The one indexed article (published on or before 1999-12-31) has no passage" in a.text


def test_a_filter_matching_nothing_says_what_the_index_has(seeded: Settings) -> None:
    from rag.pipeline import answer

    with pytest.raises(NoMatchingArticles) as caught:
        answer("Which city fell?", settings=seeded, outlets="BBC")
    assert str(caught.value) == (
        "no indexed article is from BBC (the index has outlets: Press TV, The Independent, "
        "The Kootneeti (AFP report)) - widen the filter or drop it")
    with pytest.raises(NoMatchingArticles, match="dates: 1998-08-09 to 2021-08-14"):
        answer("Which city fell?", settings=seeded, since="2022-01-01")


def test_cli_filters(seeded_home: Path) -> None:
    got = run(["ask", "Which city did the Taliban capture?", "--until", "1999-12-31", "--json"],
              seeded_home)
    assert got.returncode == 0, got.stderr
    cited = {c["source"] for c in json.loads(got.stdout)["citations"]}
    assert cited == {INDEPENDENT_1998}
    got = run(["ask", "Which city fell?", "--outlet", "BBC", "--outlet", "AFP"], seeded_home)
    assert got.returncode == 1 and "Traceback" not in got.stderr
    assert got.stderr.strip().startswith("rag: no indexed article is from BBC or AFP (")
    assert len(got.stderr.strip().splitlines()) == 1
    got = run(["ask", "Which city fell?", "--since", "yesterday"], seeded_home)
    assert got.returncode == 1
    assert got.stderr.strip() == "rag: since must be a date like 2021-08-10, not 'yesterday'"
