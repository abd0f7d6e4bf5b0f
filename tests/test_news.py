"""News-aware answers: syndicated copies grouped, conflicting reports told, dates kept apart.

Real model, real Chroma. The syndicated copies are evals/syndicated/: seed 001 (an AFP story)
republished twice with small edits, and seed 002 republished once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from newsrag.index import ingest
from newsrag.index.lexical import LexicalIndex, terms
from newsrag.index.store import Store
from newsrag.index.syndication import NEAR_DUPLICATE, Member, group, signature, similarity
from rag import conflicts
from rag.conflicts import counter_cue, figures
from rag.evidence import Evidence
from rag.pipeline import answer
from rag.retrieve import Passage, Sentence
from newsrag.settings import Settings
from tests.conftest import ROOT, SEEDS

SYNDICATED = ROOT / "evals" / "syndicated"
AFP = "001_a2c6075c2c754012.txt"
AFP_COPIES = {"test_herald_ghani_mazar.txt", "test_gazette_ghani_mazar.txt"}
MAZAR_FALLS = "002_3993b5d063c408f6.txt"
GOVERNOR = "004_3c46c6d2562e4cd0.txt"
INDEPENDENT_1998 = "000_26ff0d73370cc3a0.txt"


@pytest.fixture(scope="module")
def syndicated_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    home = tmp_path_factory.mktemp("syndicated") / "rag-home"
    settings = Settings.from_env({"RAG_HOME": str(home)})
    ingest([SEEDS, *SYNDICATED.glob("*.txt")], settings=settings, progress=False)
    return settings


@pytest.fixture
def seeded(seeded_home: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(seeded_home)})


# -- syndication ----------------------------------------------------------------------------------

def test_copies_are_near_duplicates_and_different_reports_are_not() -> None:
    text = {p.name: p.read_text(encoding="utf-8") for p in [*SEEDS.glob("*.txt"),
                                                           *SYNDICATED.glob("*.txt")]}
    sig = {name: signature(t) for name, t in text.items()}
    for copy in AFP_COPIES:
        assert similarity(sig[AFP], sig[copy]) >= NEAR_DUPLICATE + 0.2
    assert similarity(sig[MAZAR_FALLS], sig["test_courier_mazar_falls.txt"]) >= NEAR_DUPLICATE
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    # Five reports of the same fortnight, two from one outlet: nowhere near copies.
    assert max(similarity(sig[a], sig[b]) for a in seeds for b in seeds if a < b) < 0.1


def test_group_is_transitive_and_represented_by_the_earliest() -> None:
    base = " ".join(f"word{i}" for i in range(200))
    a = base + " tail one"
    b = base.replace("word10 ", "changed ") + " tail two"  # a copy of a
    c = b.replace("word150 ", "other ")  # a copy of b
    groups = group([Member("c", signature(c), "2021-08-09"), Member("a", signature(a), None),
                    Member("b", signature(b), "2021-08-08"),
                    Member("d", signature("an unrelated story " * 20), "2021-08-01")])
    assert groups == {"a": "b", "b": "b", "c": "b", "d": "d"}  # undated never represents


def test_ingest_groups_copies(syndicated_home: Settings) -> None:
    records = Store(syndicated_home).documents()
    assert {d for d, r in records.items() if r.representative == AFP} == {AFP, *AFP_COPIES}
    assert records["test_courier_mazar_falls.txt"].representative == MAZAR_FALLS
    assert all(records[d].representative == d for d in (INDEPENDENT_1998, GOVERNOR))


def test_answer_cites_one_copy_and_counts_outlets_not_copies(syndicated_home: Settings) -> None:
    result = answer("Who did Ghani hold talks with in Mazar-i-Sharif?", settings=syndicated_home)
    assert not result.refused
    cited = {c.source for c in result.citations}
    assert len(cited & {AFP, *AFP_COPIES}) == 1, cited
    (story,) = [c for c in result.citations if c.source in {AFP, *AFP_COPIES}][:1]
    assert set(story.copies) == {AFP, *AFP_COPIES} - {story.source}
    assert len(result.outlets) == len({c.outlet or c.source for c in result.citations})
    assert "syndicated copies counted once" in result.sources_line()
    assert result.to_dict()["outlets"] == result.outlets


def test_regroup_after_a_copy_is_pruned(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    shutil.copy(SYNDICATED / "test_courier_mazar_falls.txt", folder)
    settings = Settings.from_env({"RAG_HOME": str(tmp_path / "home")})
    ingest([folder], settings=settings, progress=False)
    assert Store(settings).documents()[MAZAR_FALLS].representative == MAZAR_FALLS
    # Undated here (no sidecar entry), the copy cannot displace the dated original.
    assert Store(settings).documents()["test_courier_mazar_falls.txt"].group == MAZAR_FALLS
    (folder / MAZAR_FALLS).unlink()
    ingest([folder], settings=settings, prune=True, progress=False)
    records = Store(settings).documents()
    assert MAZAR_FALLS not in records
    assert records["test_courier_mazar_falls.txt"].representative == "test_courier_mazar_falls.txt"


# -- conflicts ------------------------------------------------------------------------------------

def test_figures_and_counter_claims_are_read_from_sentences() -> None:
    assert figures("Mazar-e- Sharif, Afghanistan's second largest city, was bombed.") == {
        "largest": (2, "second largest")}
    assert figures("Fighting in Balkh has displaced hundreds of families.") == {
        "familie": (200, "hundreds of families")}
    assert figures("It fell in 1998 after 20 years of war.") == {}  # a year; a span of time
    # Only a count of a thing, or a rank: no function word, year, date or "first to" is a figure
    # to set against another report's (SQuAD's Huguenot articles, 2026-12-05: "Reports give
    # different figures" between "5,000 to 30,000 were killed" and "the first to settle there").
    assert figures("In the massacre 5,000 to 30,000 were killed.") == {}
    assert figures("He was among the first to settle there, at the first Huguenot church.") == {}
    assert figures("By 1620 the Huguenots were on the defensive; on 6 April they left.") == {}
    assert figures("In 1572, Catholics killed thousands of Huguenots.") == {
        "huguenot": (2000, "thousands of Huguenots")}
    assert counter_cue("The Northern Alliance are denying the city has fallen.") is not None
    assert counter_cue("The Taliban captured Faizabad overnight.") is None


def test_claim_and_later_report_are_both_cited(seeded: Settings) -> None:
    result = answer("Did Afghan forces manage to defend Mazar-i-Sharif against the Taliban?",
                    settings=seeded)
    assert result.conflicts, result.text
    by_number = {c.number: c for c in result.citations}
    sides = [{by_number[n].source for n in c.citations} for c in result.conflicts]
    assert {GOVERNOR, MAZAR_FALLS} in sides, result.text
    conflict = next(c for c, s in zip(result.conflicts, sides) if s == {GOVERNOR, MAZAR_FALLS})
    assert by_number[conflict.citations[0]].source == GOVERNOR  # the earlier report first
    assert "3 days later" in conflict.summary and conflict.summary in result.text
    for n in conflict.citations:
        assert f"[{n}]" in conflict.summary


def test_different_figures_are_reported(seeded: Settings) -> None:
    result = answer("How does Mazar-e-Sharif rank by size among Afghanistan's cities?",
                    settings=seeded)
    figures_conflicts = [c for c in result.conflicts if c.kind == "figures"]
    assert figures_conflicts, result.text
    summary = figures_conflicts[0].summary
    assert "second largest" in summary and "fourth largest" in summary
    assert "The Independent, 9 August 1998" in summary and "23 years later" in summary


def test_one_report_of_two_sides_disputing_is_a_disagreement(seeded: Settings) -> None:
    # 004 (Press TV): the government's delegate "said the government was demanding a mediator";
    # then "the Taliban spokesman said 'it was the government that rejected the principle of a
    # mediator, not the Taliban'". Both sides in one article: a dispute it reports, not a story
    # told in steps.
    result = answer("In the Doha talks, which side rejected the idea of a mediator?",
                    settings=seeded, answerer="offline")
    assert result.conflicts, result.text
    conflict = result.conflicts[0]
    sides = [result.citations[n - 1] for n in conflict.citations]
    assert {c.source for c in sides} == {GOVERNOR}
    assert "demanding" in sides[0].text and "rejected the principle" in sides[1].text
    assert conflict.summary.startswith("Sides disagree in one report (Press TV, 11 August 2021): ")
    assert conflict.summary in result.text


def test_a_denial_in_the_report_of_the_capture_is_shown(seeded: Settings) -> None:
    # 000 (1998): the Taliban "appeared last night to have captured Mazar-e-Sharif", and
    # "Spokesmen for the opposition to the Taliban, the Northern Alliance, are denying the city
    # has fallen".
    result = answer("Did Mazar-e-Sharif fall to the Taliban in August 1998?", settings=seeded,
                    answerer="offline")
    denied = [c for c in result.conflicts
              if any("denying" in result.citations[n - 1].text for n in c.citations)]
    assert denied, result.text
    assert {result.citations[n - 1].source for n in denied[0].citations} == {INDEPENDENT_1998}


def _said(doc: str, start: int, text: str) -> Evidence:
    sentence = Sentence(start, start + len(text), text, np.zeros(384, np.float32))
    return Evidence(Passage(doc, start, sentence.end, text, 1.0, [sentence]), sentence,
                    score=0.5, meaning=0.5, words=0.5)


def test_one_article_disputes_itself_only_by_a_denial() -> None:
    # Every name rare but the one every article names.
    lexical = LexicalIndex("", [str(i) for i in range(100)], None,
                           {t: 90 for t in terms("Taliban")})
    dates = {"a.txt": "2021-08-11", "b.txt": "2021-08-12"}
    claim = _said("a.txt", 0, "The Taliban captured Mazar-e-Sharif overnight.")
    counter = "Government forces pushed back a Taliban offensive on Mazar-e-Sharif."
    denial = _said("a.txt", 200, "The Alliance denied that Mazar-e-Sharif had fallen.")

    def kinds(other: Evidence, answering: bool = True) -> list[str]:
        return [d.kind for d in conflicts.find([claim], [other], lexical, dates, floor=0.0,
                                               answering=answering)]

    # A story told in steps: the same article's counter-claim is an earlier or later moment.
    assert kinds(_said("a.txt", 100, counter)) == []
    assert kinds(denial) == ["denial"]
    assert kinds(_said("b.txt", 0, counter)) == ["denial"]  # another outlet's report
    assert kinds(denial, answering=False) == []  # a timeline's events: articles apart only


def test_an_outcome_said_not_to_have_happened_disputes_it() -> None:
    # Read as the verifier reads a negation: what the negation reaches first is negated.
    lexical = LexicalIndex("", [str(i) for i in range(100)], None,
                           {t: 90 for t in terms("Taliban")})
    dates = {"a.txt": "2021-08-11", "b.txt": "2021-08-12"}
    claim = _said("a.txt", 0, "The Taliban captured Mazar-e-Sharif overnight.")

    def kinds(other: Evidence) -> list[str]:
        return [d.kind for d in conflicts.find([claim], [other], lexical, dates, floor=0.0,
                                               answering=True)]

    assert kinds(_said("b.txt", 0, "Officials insist Mazar-e-Sharif has not fallen.")) == [
        "denial"]
    assert kinds(_said("b.txt", 0, "The city of Mazar-e-Sharif was never captured.")) == [
        "denial"]
    assert kinds(_said("b.txt", 0, "The Taliban did not say how they captured Mazar-e-Sharif.")) == []
    # One article's "had not fallen by Monday" is an earlier step of its story.
    assert kinds(_said("a.txt", 100, "By Monday Mazar-e-Sharif had not fallen.")) == []


def test_figures_disagree_only_beyond_what_their_qualifiers_allow() -> None:
    lexical = LexicalIndex("", [str(i) for i in range(100)], None, {})  # every name is rare
    dates = {"a.txt": "2021-08-08", "b.txt": "2021-08-11"}

    def kinds(one: str, other: str) -> list[str]:
        return [d.kind for d in conflicts.find([_said("a.txt", 0, one)], [_said("b.txt", 0, other)],
                                               lexical, dates, floor=0.0)]

    assert kinds("Fighters in Balkh seized at least five districts.",
                 "Fighters in Balkh seized six districts.") == []
    assert kinds("Fighters in Balkh seized five districts.",
                 "Fighters in Balkh seized six districts.") == ["figures"]
    assert kinds("About 5,000 soldiers defended Balkh.", "Some 4,500 soldiers defended Balkh.") == []
    assert kinds("About 5,000 soldiers defended Balkh.", "Nearly 1,500 soldiers defended Balkh.") == [
        "figures"]
    assert kinds("Nearly 5,000 soldiers defended Balkh.", "Up to 4,500 soldiers defended Balkh.") == []
    assert kinds("Nearly 5,000 soldiers defended Balkh.", "Over 5,100 soldiers defended Balkh.") == [
        "figures"]
    # "hundreds" and "thousands" are ranges.
    assert kinds("Thousands of soldiers defended Balkh.", "About 5,000 soldiers defended Balkh.") == []
    assert kinds("Hundreds of families fled Balkh.", "60,000 families fled Balkh.") == ["figures"]


def test_something_denied_to_someone_disputes_no_report() -> None:
    # SQuAD's French and Indian War article: "denying them prizes" withholds; it denies no claim.
    lexical = LexicalIndex("", [str(i) for i in range(100)], None, {})
    dates: dict[str, str | None] = {}
    claim = _said("a.txt", 0, "French forces harassed Fort William Henry throughout 1757.")
    withheld = _said("b.txt", 0, "The Indians blamed the French for denying them prizes at Fort "
                                 "William Henry.")
    denial = _said("b.txt", 0, "The French denied that they harassed Fort William Henry.")
    assert conflicts.find([claim], [withheld], lexical, dates, floor=0.0) == []
    assert [d.kind for d in conflicts.find([claim], [denial], lexical, dates, floor=0.0)] == [
        "denial"]


def test_agreeing_reports_raise_no_conflict(seeded: Settings) -> None:
    for question in ("Taloqan is the capital of which Afghan province?",
                     "Which city was the ninth provincial capital to fall to the Taliban?"):
        result = answer(question, settings=seeded)
        assert not result.refused and result.conflicts == [], result.text


# -- dates ----------------------------------------------------------------------------------------

def test_1998_and_2021_captures_are_told_apart(seeded: Settings) -> None:
    result = answer("When did the Taliban capture Mazar-e-Sharif?", settings=seeded)
    dates = {c.date for c in result.citations}
    assert {"1998-08-09"} <= dates and any(d and d.startswith("2021") for d in dates)
    assert "As of 9 August 1998:" in result.text and "2021:" in result.text


def test_regroup_reads_in_pages_and_signs_records_written_without_signatures(
    tmp_path: Path,
) -> None:
    """An index written before signatures were kept gets them from the stored text, and the
    groups come out the same when the records are read two at a time."""
    settings = Settings.from_env({"RAG_HOME": str(tmp_path / "home")})
    ingest([SEEDS, *SYNDICATED.glob("*.txt")], settings=settings, progress=False)
    store = Store(settings)
    before = store.docs.get(include=["metadatas", "documents", "embeddings"])
    groups = {doc_id: meta["group"] for doc_id, meta in zip(before["ids"], before["metadatas"])}
    assert groups[next(iter(AFP_COPIES))] == AFP
    store.docs.delete(ids=before["ids"])
    store.docs.add(
        ids=before["ids"], embeddings=before["embeddings"], documents=before["documents"],
        metadatas=[{k: v for k, v in meta.items() if k not in ("minhash", "group")}
                   for meta in before["metadatas"]],
    )
    store = Store(settings, page=2)
    assert store.regroup() == len(before["ids"])
    after = store.docs.get(ids=before["ids"], include=["metadatas"])
    assert {i: m["group"] for i, m in zip(after["ids"], after["metadatas"])} == groups
    assert [m["minhash"] for m in after["metadatas"]] == [m["minhash"] for m in before["metadatas"]]
    assert store.regroup() == 0  # nothing left to change
