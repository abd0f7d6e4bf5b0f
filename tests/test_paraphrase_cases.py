"""The paraphrase suite (evals/paraphrase.yaml) is well formed, true to the articles, and paraphrased.

Questions must be asked in the user's own words: no answerable question may share a run of 4 or
more consecutive words with any of its evidence sentences (the bug-report questions in EXEMPT are
kept verbatim and are exempt).
"""

from __future__ import annotations

import re
import string
from collections import Counter
from pathlib import Path
from typing import Collection

import yaml

from newsrag.evals.scoring import contains
from newsrag.index.load import load
from tests.conftest import ROOT, SEEDS

CASES = yaml.safe_load((ROOT / "evals" / "paraphrase.yaml").read_text(encoding="utf-8"))
ANSWERABLE = [c for c in CASES if c["kind"] != "unanswerable"]
UNANSWERABLE = [c for c in CASES if c["kind"] == "unanswerable"]

# Minimum number of answerable cases per kind.
MIN_PER_KIND = {
    "who": 6, "where": 1, "when": 6, "which": 1, "how_many": 6, "why": 6, "how": 1,
    "yes_no": 6, "two_part": 4, "list": 1, "what": 1,
}
# Questions copied verbatim from a bug report: exempt from the 4-word overlap rule.
EXEMPT = {
    "why-ghani-went-to-mazar",
    "when-did-kunduz-fall",
    "ninth-capital-taken-since-friday",
    "ninth-city-insurgents-seized",
    "ninth-provincial-capital-to-fall",
}
BUG_REPORT_QUESTIONS = {
    "why did Ghani go to Mazar?",
    "When did Kunduz fall?",
    "Which provincial capital was the ninth to be taken since Friday?",
    "What was the ninth city the insurgents seized?",
    "Which city was the ninth provincial capital to fall to the Taliban?",
}
MIN_ANSWERABLE_PER_SOURCE = 12
_PUNCTUATION = set(string.punctuation) | set("“”‘’–—…")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _word_sequences(text: str) -> list[list[str]]:
    """The text's lower-case words, read two ways: punctuation removed ("Ghani's" -> "ghanis",
    "Nahr-e-Shahi" -> "nahreshahi") and punctuation as a word break ("ghani s", "nahr e shahi")."""
    lowered = text.lower().replace("\u00a0", " ")
    removed = "".join(c for c in lowered if c not in _PUNCTUATION).split()
    broken = "".join(" " if c in _PUNCTUATION else c for c in lowered).split()
    return [removed, broken]


def shared_run(question: str, sentence: str, n: int = 4) -> tuple[str, ...] | None:
    """The first run of `n` consecutive words the question shares with the sentence, or None.

    Words are compared in lower case with punctuation stripped (both as removed and as a word
    break, so neither reading can hide a copied phrase).

    >>> shared_run("Which city was the ninth to fall?", "Faizabad was the ninth city to fall.")
    >>> shared_run("Why did Ghani fly to Mazar?", "Ghani flew to Mazar-i-Sharif Wednesday.")
    >>> shared_run("Have the Taliban promised not to cross?", "The Taliban have promised not to cross the border.")
    ('promised', 'not', 'to', 'cross')
    """
    for q_words, s_words in zip(_word_sequences(question), _word_sequences(sentence)):
        runs = {tuple(s_words[i:i + n]) for i in range(len(s_words) - n + 1)}
        for i in range(len(q_words) - n + 1):
            if tuple(q_words[i:i + n]) in runs:
                return tuple(q_words[i:i + n])
    return None


def test_shared_run_examples() -> None:
    assert shared_run("Which city was the ninth to fall?", "Faizabad was the ninth city to fall.") is None
    assert shared_run("taken control of much", "have taken control of much of it") == (
        "taken", "control", "of", "much")
    # Hyphenated names count as several words when punctuation is a word break.
    assert shared_run("fighting around Nahr-e-Shahi?", "clashed in Nahr-e-Shahi district") is None
    assert shared_run("fought in Nahr-e-Shahi?", "they fought in Nahr-e-Shahi district") is not None


def test_suite_is_large_varied_and_split() -> None:
    assert len(ANSWERABLE) >= 100
    assert len(UNANSWERABLE) >= 30
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), [i for i, k in Counter(ids).items() if k > 1]
    for case in CASES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case["id"]), case["id"]
        assert case["kind"] in {*MIN_PER_KIND, "unanswerable"}, case["id"]
        assert case["question"].strip(), case["id"]
    kinds = Counter(c["kind"] for c in ANSWERABLE)
    for kind, least in MIN_PER_KIND.items():
        assert kinds[kind] >= least, (kind, kinds[kind])
    splits = Counter(c["split"] for c in CASES)
    assert set(splits) == {"dev", "heldout"}, splits
    assert 0.30 <= splits["dev"] / len(CASES) <= 0.50, splits
    # The rule stated in the file header: position (from 0) mod 5 in {0, 1} is dev.
    for position, case in enumerate(CASES):
        expected = "dev" if position % 5 in (0, 1) else "heldout"
        assert case["split"] == expected, (position, case["id"])
    # Both splits hold answerable and unanswerable cases.
    for split in ("dev", "heldout"):
        assert any(c["split"] == split for c in ANSWERABLE), split
        assert any(c["split"] == split for c in UNANSWERABLE), split


def test_every_article_is_covered() -> None:
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    per_source = Counter(s for c in ANSWERABLE for s in c["sources"])
    for name in seeds:
        assert per_source[name] >= MIN_ANSWERABLE_PER_SOURCE, (name, per_source[name])


def test_bug_report_questions_are_present_verbatim() -> None:
    by_id = {c["id"]: c for c in CASES}
    assert EXEMPT <= set(by_id)
    assert {by_id[i]["question"] for i in EXEMPT} == BUG_REPORT_QUESTIONS
    for case_id in EXEMPT:
        assert by_id[case_id]["kind"] != "unanswerable", case_id
        assert "from the bug report" in by_id[case_id].get("notes", ""), case_id
    # No other case claims to come from the bug report.
    others = [c["id"] for c in CASES if "from the bug report" in (c.get("notes") or "")]
    assert set(others) == EXEMPT, others


def test_every_quoted_sentence_is_in_its_cleaned_source() -> None:
    """Evidence must survive cleaning: a citation can only quote the cleaned article."""
    cleaned = {p.name: _norm(load(p).text) for p in SEEDS.glob("*.txt")}
    for case in ANSWERABLE:
        assert case.get("sources") and case.get("evidence") and case.get("facts"), case["id"]
        assert len(case["sources"]) == len(set(case["sources"])), case["id"]
        assert set(case["sources"]) <= set(cleaned), case["id"]
        for quote in case["evidence"]:
            assert any(_norm(quote) in cleaned[s] for s in case["sources"]), (case["id"], quote)
        # Every listed source is quoted at least once.
        for source in case["sources"]:
            assert any(_norm(q) in cleaned[source] for q in case["evidence"]), (case["id"], source)


def test_every_fact_is_in_the_evidence() -> None:
    """An answer quoting the evidence can contain every fact: one form of each occurs in it."""
    for case in ANSWERABLE:
        evidence = " ".join(case["evidence"])
        for forms in case["facts"]:
            assert isinstance(forms, list) and forms, (case["id"], forms)
            assert all(isinstance(f, str) and f.strip() for f in forms), (case["id"], forms)
            assert any(contains(evidence, form) for form in forms), (case["id"], forms)


def check_questions_do_not_copy(answerable: list[dict], exempt: Collection[str] = ()) -> None:
    """No question shares a run of four words with its evidence (this suite and the typed one)."""
    for case in answerable:
        if case["id"] in exempt:
            continue
        for quote in case["evidence"]:
            run = shared_run(case["question"], quote)
            assert run is None, (case["id"], " ".join(run or ()), quote)


def check_evidence(answerable: list[dict], articles: Path) -> None:
    """Each case's evidence is in its cleaned sources (the articles of `articles`) and holds a
    form of every fact (the typed and genres suites)."""
    cleaned = {p.name: _norm(load(p).text) for p in articles.glob("*.txt")}
    for case in answerable:
        assert case.get("sources") and case.get("evidence") and case.get("facts"), case["id"]
        assert set(case["sources"]) <= set(cleaned), case["id"]
        for quote in case["evidence"]:
            assert any(_norm(quote) in cleaned[s] for s in case["sources"]), (case["id"], quote)
        evidence = " ".join(case["evidence"])
        for forms in case["facts"]:
            assert any(contains(evidence, form) for form in forms), (case["id"], forms)


def check_no_answer(unanswerable: list[dict]) -> None:
    for case in unanswerable:
        for field in ("sources", "evidence", "facts"):
            assert not case.get(field), (case["id"], field)


def test_questions_do_not_copy_the_evidence() -> None:
    check_questions_do_not_copy(ANSWERABLE, EXEMPT)


def test_unanswerable_cases_have_no_answer() -> None:
    check_no_answer(UNANSWERABLE)
