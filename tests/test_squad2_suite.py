"""The squad2 eval suite (evals/squad2.py) and the per-suite gate (evals/run.py).

Everything here but the last tests works on the JSON and hand-made answers; the end-to-end test
ingests three paragraphs, not the whole set.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from newsrag.evals import squad2
from newsrag.evals.run import (SuiteResult, gate_suites, load_thresholds, paraphrase_suite, summary,
                       summary_lines)
from newsrag.evals.squad2 import Case, Corpus, Paragraph, Scored
from newsrag.errors import RagError
from rag.types import Answer, Citation


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return squad2.load()


def test_load_counts(corpus: Corpus) -> None:
    cases = corpus.cases
    assert len(cases) == 2828
    assert sum(not c.answerable for c in cases) == 1529
    assert len({c.title for c in cases}) == 8
    assert len(corpus.paragraphs) == 301
    assert len({c.id for c in cases}) == len(cases)
    assert all(c.answers for c in cases if c.answerable)
    assert not any(c.answers for c in cases if not c.answerable)
    assert not any(c.plausible_answers for c in cases if c.answerable)
    assert sum(bool(c.plausible_answers) for c in cases if not c.answerable) > 1000
    first = cases[0]
    assert (first.title, first.paragraph, first.question) == (
        "Normans", 0, "In what country is Normandy located?")
    assert first.answers == ("France",)  # four crowdworkers' "France", kept once


def test_folds_are_disjoint_cover_every_article_and_match_their_comment(corpus: Corpus) -> None:
    assert not set(squad2.FIT) & set(squad2.HELDOUT)
    assert set(squad2.FIT) | set(squad2.HELDOUT) == {c.title for c in corpus.cases}
    counts = Counter((c.split, c.answerable) for c in corpus.cases)
    # The figures written beside the constant.
    assert (counts["fit", True], counts["fit", False]) == (617, 766)
    assert (counts["heldout", True], counts["heldout", False]) == (682, 763)
    with pytest.raises(RagError, match="neither FIT nor HELDOUT"):
        squad2.split_of("Warsaw")


def test_sample_is_deterministic_and_stratified(corpus: Corpus) -> None:
    chosen = squad2.sample(corpus.cases)
    assert [c.id for c in chosen] == [c.id for c in squad2.sample(corpus.cases)]
    assert [c.id for c in chosen] != [c.id for c in squad2.sample(corpus.cases, seed=1)]
    assert len(chosen) == 4 * 60 + 4 * 30
    per_article = Counter(c.title for c in chosen)
    assert all(per_article[t] == 60 for t in squad2.HELDOUT)
    assert all(per_article[t] == 30 for t in squad2.FIT)
    for title, n in per_article.items():
        group = [c for c in corpus.cases if c.title == title]
        share = sum(c.answerable for c in group) / len(group)
        picked = sum(c.answerable for c in chosen if c.title == title)
        assert abs(picked - n * share) <= 0.5, title  # the article's answerable share, rounded
    # In file order, and a subset of the questions.
    order = {c.id: i for i, c in enumerate(corpus.cases)}
    assert [order[c.id] for c in chosen] == sorted(order[c.id] for c in chosen)


def test_sample_of_one_article_does_not_depend_on_the_others(corpus: Corpus) -> None:
    normans = [c for c in corpus.cases if c.title == "Normans"]
    alone = squad2.sample(normans)
    assert [c.id for c in alone] == [c.id for c in squad2.sample(corpus.cases)
                                    if c.title == "Normans"]


def test_paragraph_files_map_back_to_their_paragraphs(corpus: Corpus, tmp_path: Path) -> None:
    names = [p.doc_id for p in corpus.paragraphs]
    assert len(set(names)) == len(names)
    assert all(squad2.parse_doc_name(p.doc_id) == (p.title, p.index) for p in corpus.paragraphs)
    paths = squad2.write_documents(corpus.paragraphs, tmp_path)
    case_name = "1973_oil_crisis_007.txt"
    by_name = {p.doc_id: p for p in corpus.paragraphs}
    for path in paths:
        assert path.read_text(encoding="utf-8") == by_name[path.name].context.strip() + "\n"
    # Each paragraph carries its page's title, as an article its headline.
    from newsrag.index.load import load

    assert load(tmp_path / case_name).title == "1973 oil crisis"
    case = next(c for c in corpus.cases if c.title == "1973_oil_crisis" and c.paragraph == 7)
    assert case.doc_id == "1973_oil_crisis_007.txt"
    assert any(a in by_name[case.doc_id].context for a in case.answers)
    with pytest.raises(ValueError):
        squad2.parse_doc_name("seeds.txt")


def test_the_cleaner_keeps_every_paragraph(corpus: Corpus, tmp_path: Path) -> None:
    """Each paragraph becomes a document, whitespace aside (the cleaner normalises it and puts a
    space between sentences glued together, "Galilee.[citation"). run.py checks again after ingest.
    """
    from newsrag.index.load import load

    for path in squad2.write_documents(corpus.paragraphs, tmp_path):
        kept = "".join(load(path).text.split())
        assert kept == "".join(path.read_text(encoding="utf-8").split()), path.name


def _citation(number: int, source: str, text: str) -> Citation:
    return Citation(number=number, source=source, title="", text=text, score=1.0, start=0,
                    end=len(text))


CASE = Case(id="q1", title="Normans", paragraph=3, question="Who was the Norman leader?",
            answers=("Rollo", "Rollo the Viking"), answerable=True)
UNANSWERABLE = Case(id="q2", title="Huguenot", paragraph=0, question="Who led the Huguenots?",
                    answers=(), answerable=False, plausible_answers=("Calvin",))


def test_scores_a_right_answer_citing_the_gold_paragraph() -> None:
    result = Answer(text="The leader was Rollo, [1] as others agree [2].", citations=[
        _citation(1, "Normans_003.txt", "The leader was Rollo."),
        _citation(2, "Normans_010.txt", "Others agree.")])
    scored = squad2.score(CASE, result, latency_ms=12.34)
    assert (scored.contains_gold, scored.cites_gold, scored.first_cites_gold) == (True, True, True)
    assert scored.refused is False and scored.latency_ms == 12.3
    assert scored.direct is None and scored.direct_contains_gold is None
    assert scored.split == "fit" and scored.gold_doc == "Normans_003.txt"


def test_scores_wrong_source_wrong_words_and_whole_words() -> None:
    other = Answer(text="It was Rollo [1].", citations=[_citation(1, "Normans_004.txt", "Rollo")])
    assert (squad2.score(CASE, other, 1).contains_gold, squad2.score(CASE, other, 1).cites_gold) \
        == (True, False)
    # Containment is of whole words after SQuAD normalisation: "Rollos" is not "Rollo".
    glued = Answer(text="The Rollos came [1].", citations=[_citation(1, "Normans_003.txt", "x")])
    assert squad2.score(CASE, glued, 1).contains_gold is False
    late = Answer(text="x [1] Rollo [2]", citations=[_citation(1, "Normans_009.txt", "x"),
                                                     _citation(2, "Normans_003.txt", "Rollo")])
    scored = squad2.score(CASE, late, 1)
    assert (scored.cites_gold, scored.first_cites_gold) == (True, False)


def test_a_refusal_contains_and_cites_nothing() -> None:
    # A refusal that happens to name the answer still counts as a miss.
    refusal = Answer(text="The articles do not say who Rollo was.", refused=True)
    scored = squad2.score(CASE, refusal, 1)
    assert (scored.refused, scored.contains_gold, scored.cites_gold) == (True, False, False)
    right = squad2.score(UNANSWERABLE, refusal, 1)
    assert right.refused and right.contains_gold is None and right.cites_gold is None
    wrong = squad2.score(UNANSWERABLE, Answer(text="Calvin [1].", citations=[
        _citation(1, "Huguenot_000.txt", "Calvin")]), 1)
    assert wrong.refused is False and wrong.split == "heldout"


def test_scores_the_direct_answer_when_there_is_one() -> None:
    result = Answer(text="Rollo led them [1].", citations=[
        _citation(1, "Normans_003.txt", "Rollo led them.")])
    setattr(result, "direct", "Rollo")
    assert squad2.score(CASE, result, 1).direct_contains_gold is True
    setattr(result, "direct", "William")
    assert squad2.score(CASE, result, 1).direct_contains_gold is False
    setattr(result, "direct", "  ")  # empty: no direct answer
    assert squad2.score(CASE, result, 1).direct_contains_gold is None


def _scored(answerable: bool, refused: bool, contains: bool = False, cites: bool = False,
            direct: bool | None = None, latency: float = 10.0) -> Scored:
    return Scored(id="x", title="Huguenot", split="heldout", question="?", answerable=answerable,
                  gold_doc="Huguenot_000.txt", gold_answers=["a"], answer="", refused=refused,
                  cited_sources=[] if refused else ["Huguenot_000.txt", "Huguenot_001.txt"],
                  latency_ms=latency,
                  contains_gold=(contains and not refused) if answerable else None,
                  cites_gold=(cites and not refused) if answerable else None,
                  first_cites_gold=(cites and not refused) if answerable else None,
                  direct_contains_gold=direct)


def test_aggregate_counts_refusals_as_misses() -> None:
    results = [
        _scored(True, False, contains=True, cites=True, direct=True),
        _scored(True, False, contains=False, cites=True, direct=False),
        _scored(True, False, contains=True, cites=False),
        _scored(True, True),  # wrongly refused: a miss for contains and cites
        _scored(False, True),
        _scored(False, False),
    ]
    m = squad2.aggregate(results)
    assert (m["questions"], m["answerable"], m["unanswerable"]) == (6, 4, 2)
    assert m["contains_gold"] == 0.5  # 2 of 4 answerable
    assert m["cites_gold"] == 0.5
    assert m["wrongly_refused"] == 0.25
    assert m["direct_rate"] == 0.5  # 2 of 4 answerable had a direct answer
    assert m["direct_contains_gold"] == 0.5  # 1 of those 2
    assert m["refused"] == 0.5  # 1 of 2 unanswerable
    assert m["refusal_precision"] == 0.5  # 1 of the 2 refusals was right
    assert m["cited_paragraphs"] == 2.0
    assert squad2.aggregate([])["contains_gold"] == 0.0
    # No direct answers at all: nothing to judge, so no figure (rather than a misleading 0.0).
    plain = squad2.aggregate([_scored(True, False, contains=True)])
    assert plain["direct_rate"] == 0.0 and "direct_contains_gold" not in plain


def test_aggregate_counts_direct_answers_to_unanswerable_questions() -> None:
    """A phrase stated as the answer where the paragraphs give none is counted apart: a refusal
    never has one, and an answerable question's direct answer does not count."""
    stated = replace(_scored(False, False), direct="1685")
    results = [stated, _scored(False, False), _scored(False, True),
               replace(_scored(True, False, contains=True, direct=True), direct="Rollo")]
    assert squad2.aggregate(results)["unanswerable_direct"] == round(1 / 3, 4)


def _suite(name: str, columns: dict[str, dict[str, float]], skipped: str | None = None
           ) -> SuiteResult:
    return SuiteResult(name, columns, skipped=skipped)


def test_the_gate_reads_each_suites_headline() -> None:
    suites = [
        _suite("seeds", {"seeds": {"passed": 0.4, "fact_recall": 0.9}}),
        _suite("paraphrase", {"heldout": {"passed": 0.5}, "dev": {"passed": 0.1}}),
        # FIT is better than HELDOUT here: the gate must read HELDOUT.
        _suite("squad2", {"heldout": {"contains_gold": 0.3, "wrongly_refused": 0.5},
                          "fit": {"contains_gold": 0.9, "wrongly_refused": 0.0}}),
    ]
    thresholds: dict[str, dict[str, dict[str, float]]] = {
        "seeds": {"passed": {"min": 0.5}, "fact_recall": {"min": 0.5}},
        "paraphrase": {"passed": {"min": 0.4}},
        "squad2": {"contains_gold": {"min": 0.4}, "wrongly_refused": {"max": 0.3},
                   "typo": {"min": 1}}}
    assert gate_suites(suites, thresholds) == [
        "seeds: passed = 0.4 is below its threshold 0.5",
        "squad2: contains_gold = 0.3 is below its threshold 0.4",
        "squad2: wrongly_refused = 0.5 is above its threshold 0.3",
        "squad2: typo: no such metric",
    ]
    skipped = [_suite("paraphrase", {}, skipped="evals/paraphrase.yaml does not exist yet")]
    assert gate_suites(skipped, {"paraphrase": {"passed": {"min": 0.9}}}) == []


def test_thresholds_file_has_a_section_per_suite(tmp_path: Path) -> None:
    thresholds = load_thresholds()
    assert set(thresholds) == {"seeds", "paraphrase", "squad2", "verify", "timeline"}
    for bounds in thresholds.values():  # every bound is a min or a max on a number
        assert all(set(b) <= {"min", "max"} and len(b) == 1 for b in bounds.values()), bounds
    assert thresholds["seeds"]["one_citation_per_story"] == {"min": 1.0}
    assert {"contains_gold", "cites_gold", "wrongly_refused", "refused"} <= set(
        thresholds["squad2"])
    assert {"false_acceptance", "false_rejection", "false_acceptance_entity_swap",
            "false_acceptance_negation"} <= set(thresholds["verify"])
    assert {"events_found", "dates_right", "order_right"} <= set(thresholds["timeline"])
    bad = tmp_path / "thresholds.yaml"
    bad.write_text("seeds: {}\nsquad: {}\n")
    with pytest.raises(RagError, match="unknown suite 'squad'"):
        load_thresholds(bad)


def test_summary_puts_suites_in_columns() -> None:
    suites = [_suite("seeds", {"seeds": {"cases": 93, "fact_recall": 0.6}}),
              _suite("paraphrase", {}, skipped="not yet"),
              _suite("squad2", {"heldout": {"questions": 240, "contains_gold": 0.55},
                                "fit": {"questions": 120, "contains_gold": 0.7}})]
    header, rows = summary(suites)
    assert header == ["metric", "seeds", "squad2 heldout", "squad2 fit"]
    by_label = {row[0]: row[1:] for row in rows}
    assert by_label["questions"] == ["93", "240", "120"]
    assert by_label["answer has the fact / a gold answer"] == ["0.6", "0.55", "0.7"]
    assert by_label["cases passed"] == ["-", "-", "-"]
    assert len({len(line) for line in summary_lines(suites)}) == 1  # aligned


def test_a_missing_paraphrase_file_skips_the_suite(tmp_path: Path) -> None:
    suite = paraphrase_suite(None, path=tmp_path / "paraphrase.yaml")
    assert suite.skipped and "does not exist yet" in suite.skipped


def test_paraphrase_cases_need_a_split(tmp_path: Path) -> None:
    path = tmp_path / "paraphrase.yaml"
    path.write_text("- {id: a, kind: paraphrase, question: q, split: test}\n")
    with pytest.raises(RagError, match="case a has split 'test'"):
        paraphrase_suite(None, path=path)


@pytest.mark.slow
def test_runs_end_to_end_on_three_paragraphs(settings, capsys: pytest.CaptureFixture[str]
                                             ) -> None:  # type: ignore[no-untyped-def]
    full = squad2.load()
    paragraphs = [p for p in full.paragraphs if p.title == "Normans" and p.index in (0, 1)]
    # A paragraph that is all page furniture to the project's cleaner: it never becomes a
    # document, and its question must be reported and left out, not silently lost.
    furniture = Paragraph("Normans", 99, "Subscribe to our newsletter")
    cases = [c for c in full.cases if c.title == "Normans" and c.paragraph in (0, 1)][:6]
    lost = Case(id="lost", title="Normans", paragraph=99, question="What newsletter?",
                answers=("newsletter",), answerable=True)
    run = squad2.run(settings, answerer="offline", full=True,
                     corpus=Corpus([*paragraphs, furniture], [*cases, lost]))
    assert run.dropped == {"Normans_099.txt": "no article text left after removing page "
                                              "boilerplate"}
    assert run.dropped_questions == 1
    assert "1 question on those paragraphs is left out" in capsys.readouterr().err
    assert [r.id for r in run.results] == [c.id for c in cases]
    # The answerer's quality is the figures' business; here, that the scores are wired up: the
    # questions on paragraph 0 ("Who was the Norse leader?" -> Rollo) find it among two.
    answerable = [r for r in run.results if r.answerable]
    assert all(isinstance(r.contains_gold, bool) and isinstance(r.cites_gold, bool)
               for r in answerable)
    assert any(r.contains_gold and r.cites_gold for r in answerable)
    assert {s for r in run.results for s in r.cited_sources} <= {p.doc_id for p in paragraphs}
    assert all(r.latency_ms > 0 for r in run.results)
    figures = run.splits()
    assert list(figures) == ["heldout", "fit"]  # the headline first: the gate reads it
    assert figures["fit"]["questions"] == 6 and figures["heldout"]["questions"] == 0
    assert json.loads(json.dumps(run.to_dict()))["dropped_questions"] == 1
    # The documents live under the eval's home, the index beside them, nothing in .rag/.
    assert (settings.home / "squad2-docs" / "Normans_000.txt").is_file()
    assert (settings.home / "eval-index-squad2").is_dir()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--suite", "squad"], 2, "invalid choice: 'squad'"),
        (["--suite", "squad2", "--update-baseline"], 1,
         "rag: --update-baseline stores the seeds suite's results"),
        (["--suite", "seeds", "--full"], 1, "rag: --full asks every question of the squad2 suite"),
    ],
)
def test_eval_suite_mistakes_give_one_line(tmp_path: Path, args: list[str], code: int,
                                           message: str) -> None:
    from tests.test_cli import run as run_cli

    result = run_cli(["eval", *args, "--out", str(tmp_path / "out")], tmp_path / "home")
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "home").exists()  # failed before touching anything
