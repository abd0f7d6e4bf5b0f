"""The cited timeline of a topic (rag/timelines.py): seeds, constructed articles, CLI."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from newsrag.settings import Settings
from tests.conftest import SEEDS
from tests.test_cli import run

TOPIC = "Taliban advance in northern Afghanistan"


@pytest.fixture(scope="module")
def seeded(seeded_home: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(seeded_home)})


def test_seed_timeline_is_dated_ordered_and_quoted_verbatim(seeded: Settings) -> None:
    from rag import timeline
    from rag.pipeline import engine

    t = timeline(TOPIC, settings=seeded)
    assert len(t.events) >= 10
    days = [(e.first, e.last) for e in t.events]
    assert days == sorted(days)
    by_number = {c.number: c for c in t.citations}
    retriever = engine(seeded).retriever
    for event in t.events:
        lead = by_number[event.citations[0]]
        assert lead.text == event.text  # the line quotes its first citation...
        article = retriever.article(lead.source) or ""
        assert article[lead.start:lead.end] == event.text  # ...verbatim from the article
    lines = t.text.splitlines()
    assert any(line.startswith("11 August 2021 (on Wednesday): “The latest city to fall was "
                               "Faizabad") for line in lines)
    assert any(line.startswith("8 August 1998 (last night): “THE TALIBAN") for line in lines)
    # Ghani's flight is reported by three articles: one line citing all three.
    flight = next(e for e in t.events if "Ghani flew" in e.text)
    assert (flight.first, flight.when) == (date(2021, 8, 11), "11 August 2021 (Wednesday)")
    assert len({by_number[n].source for n in flight.citations}) == 3
    # An undated opening sentence reports what happened by the publication day.
    fall = next(e for e in t.events if e.text.startswith("Kabul: Taliban has wrested control"))
    assert fall.when == "14 August 2021 (reported)"
    # A deadline after publication is not an event; "since Friday" runs to publication.
    biden = next(e for e in t.events if "August 31" in e.text)  # "...by August 31 ... on Tuesday"
    assert biden.when == "10 August 2021 (on Tuesday)"
    assert all(e.last <= date(2021, 8, 14) for e in t.events)
    raids = next(e for e in t.events if "bombarding" in e.text)
    assert (raids.first, raids.last) == (date(1998, 8, 7), date(1998, 8, 9))


def test_seed_timeline_against_the_hand_written_one(seeded: Settings) -> None:
    """evals/timeline.yaml was written by a reader from the articles (not from this code)."""
    from newsrag.evals import timeline as gold

    outcome = gold.run(seeded)
    assert outcome["metrics"]["events_found"] >= 0.9
    assert outcome["metrics"]["dates_right"] >= 0.8
    assert outcome["metrics"]["order_right"] == 1.0


def test_filters_and_an_empty_topic(seeded: Settings) -> None:
    from rag import timeline
    from newsrag.errors import RagError

    old = timeline(TOPIC, settings=seeded, until="1999-12-31")
    assert old.events and all(e.last.year <= 1998 for e in old.events)
    assert {c.source for c in old.citations} == {"000_26ff0d73370cc3a0.txt"}
    with pytest.raises(RagError, match="the question is empty"):
        timeline("   ", settings=seeded)


def test_constructed_reports_merge_across_outlets_and_disputes_are_marked(tmp_path: Path) -> None:
    from newsrag.index import ingest
    from rag import timeline

    folder = tmp_path / "articles"
    folder.mkdir()
    stories = {
        "gazette.txt": ("Port Gazette", "2022-01-02",
                        "Floods close Brannvik\n\nFloodwater closed the Brannvik ring road on "
                        "Friday, the highways agency said. Rebels captured the hill town of "
                        "Velmora on Saturday, a police spokesman said."),
        "courier.txt": ("Oldport Courier", "2022-01-03",
                        "Brannvik flood\n\nThe Brannvik ring road was shut by floodwater on "
                        "Friday, officials said. The defence ministry denied that Velmora had "
                        "fallen to the rebels on Saturday."),
        "annual.txt": ("Port Gazette", "2021-12-20",
                       "Brannvik review\n\nThe Brannvik dam was inspected last month and found "
                       "sound, engineers said."),
    }
    # Beside the seeds: what is a rare name is judged against a corpus of some size.
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    metadata = json.loads((SEEDS / "metadata.json").read_text())
    metadata |= {name: {"outlet": outlet, "published": day}
                 for name, (outlet, day, _) in stories.items()}
    (folder / "metadata.json").write_text(json.dumps(metadata))
    for name, (_, _, text) in stories.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    settings = Settings.from_env({"RAG_HOME": str(tmp_path / "home")})
    ingest([folder], settings=settings, progress=False)

    t = timeline("Brannvik floods, the dam and the rebels", settings=settings, since="2021-12-01")
    by_number = {c.number: c for c in t.citations}
    lines = t.text.splitlines()
    assert lines[0].startswith("November 2021 (last month): “The Brannvik dam was inspected")
    road = next(e for e in t.events if "ring road" in e.text)
    # Friday before 2 January 2022 and Friday before 3 January 2022: 31 December 2021, merged.
    assert (road.first, road.when.split(" (")[0]) == (date(2021, 12, 31), "31 December 2021")
    assert {by_number[n].outlet for n in road.citations} == {"Port Gazette", "Oldport Courier"}
    velmora = [e for e in t.events if "Velmora" in e.text]
    assert velmora and all(e.first == date(2022, 1, 1) for e in velmora)
    assert all(e.disputed_by for e in velmora)
    assert all("(disputed: see [" in e.line() for e in velmora)


def test_figures_years_apart_do_not_dispute_an_event(seeded: Settings) -> None:
    # 1998: "Since Friday Taliban aircraft have been bombarding Mazar-e- Sharif, Afghanistan's
    # second largest city, ..."; 2021: "... Mazar-e-Sharif, the fourth largest city of
    # Afghanistan, ...". Different moments, not a dispute of either event.
    from rag import timeline

    t = timeline("Mazar-e-Sharif", settings=seeded)
    by_number = {c.number: c for c in t.citations}
    bombing = next(e for e in t.events if "bombarding" in e.text)
    assert not [n for n in bombing.disputed_by
                if (by_number[n].date or "")[:4] != (by_number[bombing.citations[0]].date or "")[:4]]


def test_cli_timeline(seeded_home: Path) -> None:
    got = run(["timeline", TOPIC, "--since", "2021-08-14"], seeded_home)
    assert got.returncode == 0, got.stderr
    assert "\n14 August 2021 (reported): “Kabul: Taliban has wrested control" in got.stdout
    assert "[1] " in got.stdout and "002_3993b5d063c408f6.txt" in got.stdout
    got = run(["timeline", TOPIC, "--json", "--until", "1999-01-01"], seeded_home)
    events = json.loads(got.stdout)["events"]
    assert events and all(e["last"] < "1999" for e in events)
    got = run(["timeline", ""], seeded_home)
    assert got.returncode == 1 and "Traceback" not in got.stderr
