"""Relative dates resolved against the article's publication date (rag/dates.py)."""

from __future__ import annotations

import doctest
import json
from datetime import date
from pathlib import Path

import pytest

import rag.dates
from rag.dates import Resolved, resolve, with_calendar_date
from newsrag.settings import Settings

WED = date(2021, 8, 11)  # a Wednesday


@pytest.mark.parametrize("phrase, first, last", [
    ("Wednesday", WED, WED),  # a weekday on the publication day is that day
    ("on Tuesday", date(2021, 8, 10), None),
    ("Sunday afternoon", date(2021, 8, 8), None),
    ("late Thursday night", date(2021, 8, 5), None),  # the most recent Thursday before
    ("last Tuesday", date(2021, 8, 10), None),
    ("next Monday", date(2021, 8, 16), None),
    ("next Wednesday", date(2021, 8, 18), None),  # after, never the publication day itself
    ("today", WED, None), ("this morning", WED, None), ("tonight", WED, None),
    ("yesterday", date(2021, 8, 10), None), ("last night", date(2021, 8, 10), None),
    ("tomorrow", date(2021, 8, 12), None),
    ("three days ago", date(2021, 8, 8), None), ("2 days ago", date(2021, 8, 9), None),
    ("over the weekend", date(2021, 8, 7), date(2021, 8, 8)),
    ("this week", date(2021, 8, 9), date(2021, 8, 15)),
    ("last week", date(2021, 8, 2), date(2021, 8, 8)),
    ("earlier this month", date(2021, 8, 1), date(2021, 8, 31)),
    ("last month", date(2021, 7, 1), date(2021, 7, 31)),
    ("last year", date(2020, 1, 1), date(2020, 12, 31)),
    ("next year", date(2022, 1, 1), date(2022, 12, 31)),
    ("next month", date(2021, 9, 1), date(2021, 9, 30)),
    # Within a period: the period ("by the end of next year" is some time in 2022).
    ("by the end of next year", date(2022, 1, 1), date(2022, 12, 31)),
    ("before the end of the month", date(2021, 8, 1), date(2021, 8, 31)),
    ("August 31", date(2021, 8, 31), None), ("8th August", date(2021, 8, 8), None),
    ("since May", date(2021, 5, 1), date(2021, 5, 31)),
    ("in September", date(2020, 9, 1), date(2020, 9, 30)),  # the latest September up to August
])
def test_rules(phrase: str, first: date, last: date | None) -> None:
    assert resolve(phrase, WED) == Resolved(first, last or first)


@pytest.mark.parametrize("phrase", [
    "the same day", "that morning", "overnight", "hours later", "in 1998", "August 8, 2021",
    "February 30", "at dawn", "the Taliban",
])
def test_phrases_that_name_no_day_relative_to_publication_are_left_alone(phrase: str) -> None:
    assert resolve(phrase, WED) is None
    assert with_calendar_date(phrase, "2021-08-11") == phrase


def test_month_and_year_boundaries() -> None:
    new_year = date(2022, 1, 2)  # a Sunday
    assert resolve("on Friday", new_year) == Resolved(date(2021, 12, 31), date(2021, 12, 31))
    assert resolve("yesterday", date(2021, 3, 1)) == Resolved(date(2021, 2, 28), date(2021, 2, 28))
    assert resolve("last month", date(2022, 1, 15)) == Resolved(date(2021, 12, 1),
                                                               date(2021, 12, 31))
    assert resolve("over the weekend", new_year) == Resolved(date(2022, 1, 1), new_year)
    assert resolve("last week", new_year) == Resolved(date(2021, 12, 20), date(2021, 12, 26))
    assert resolve("next Monday", date(2021, 12, 29)) == Resolved(date(2022, 1, 3),
                                                                  date(2022, 1, 3))
    assert with_calendar_date("over the weekend", "2021-08-02") == \
        "over the weekend, 31 July-1 August 2021"
    assert with_calendar_date("last week", "2022-01-02") == \
        "last week, 20-26 December 2021"
    assert with_calendar_date("last year", "2022-01-02") == "last year, 2021"


def test_calendar_wording() -> None:
    assert with_calendar_date("on Wednesday", "2021-08-11") == "Wednesday, 11 August 2021"
    assert with_calendar_date("Sunday afternoon", "2021-08-11") == \
        "Sunday afternoon, 8 August 2021"
    assert with_calendar_date("since May", "2021-08-11") == "May 2021"
    assert with_calendar_date("on Wednesday", None) == "on Wednesday"  # an undated article
    assert with_calendar_date("on Wednesday", "sometime") == "on Wednesday"
    assert doctest.testmod(rag.dates).failed == 0


def test_seed_when_questions_answer_with_the_calendar_date(seeded_home: Path) -> None:
    from rag.pipeline import answer

    settings = Settings.from_env({"RAG_HOME": str(seeded_home)})
    a = answer("When did Faizabad fall?", settings=settings, answerer="offline")
    assert a.direct == "Wednesday, 11 August 2021"
    assert a.text.startswith("Wednesday, 11 August 2021 [1]")
    # 001: "...a withdrawal set to be completed before the end of the month."
    a = answer("When was the withdrawal set to be completed?", settings=settings,
               answerer="offline")
    assert a.direct == "before the end of the month, August 2021"
    a = answer("When did the Taliban capture Mazar-e-Sharif in 1998?", settings=settings,
               answerer="offline")
    assert a.direct == "last night, 8 August 1998"
    # Only when-questions: a place answer is not touched.
    a = answer("Which city was the ninth provincial capital to fall to the Taliban?",
               settings=settings, answerer="offline")
    assert a.direct == "Faizabad"


def test_cli_prints_the_calendar_date_first(seeded_home: Path) -> None:
    from tests.test_cli import run

    got = run(["ask", "When did Faizabad fall?"], seeded_home)
    assert got.returncode == 0, got.stderr
    assert got.stdout.startswith("Answer: Wednesday, 11 August 2021 [1].")


def test_constructed_articles_across_a_year_end_and_without_a_date(tmp_path: Path) -> None:
    from newsrag.index import ingest
    from rag.pipeline import answer

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bridge.txt").write_text(
        "Harbour bridge closed\n\nThe old Kessel harbour bridge collapsed on Friday after a "
        "week of storms, the port authority said.\n", encoding="utf-8")
    (folder / "ferry.txt").write_text(
        "Ferry service resumes\n\nThe Lindholm ferry service resumed on Tuesday, its operator "
        "said.\n", encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps(
        {"bridge.txt": {"outlet": "Port Gazette", "published": "2022-01-02"}}), encoding="utf-8")
    settings = Settings.from_env({"RAG_HOME": str(tmp_path / "home")})
    ingest([folder], settings=settings, progress=False)
    a = answer("When did the Kessel harbour bridge collapse?", settings=settings,
               answerer="offline")
    assert a.direct == "Friday, 31 December 2021"
    a = answer("When did the Lindholm ferry service resume?", settings=settings,
               answerer="offline")
    assert a.direct == "on Tuesday"  # the article has no date: left as written
