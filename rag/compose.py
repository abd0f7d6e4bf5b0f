"""The offline answerer: a short answer made of the best-supported sentences, each cited.

No model writes anything: every statement is a sentence quoted from an article, followed by the
number of the passage it comes from. When no sentence is supported well enough, it says the
articles don't say, and cites nothing. The thresholds were calibrated on the eval set
(`evals/cases.yaml`, see `evals/calibrate.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.lexical import LexicalIndex, terms
from rag.evidence import Evidence, is_heading, is_injection

# Below this, the best sentence does not answer the question: refuse. Chosen with
# evals/calibrate.py on the 89 eval cases (2026-11-22): 0.48 refuses 11 of 19 unanswerable cases
# and wrongly refuses 21 of 70 answerable ones; no single threshold on this score separates them
# well yet (see the note on issue 3).
REFUSE_BELOW = 0.48
# Other sentences join the answer when they score within this margin of the best one.
MARGIN = 0.08
MAX_STATEMENTS = 3
# Two sentences this similar state the same fact: one statement, cited to both.
SAME_FACT = 0.82
RARE_IDF = 1.5  # a name in fewer than about a fifth of the chunks identifies a fact


@dataclass
class Statement:
    evidence: list[Evidence]  # the first is quoted; all are cited

    @property
    def lead(self) -> Evidence:
        return self.evidence[0]


def quotable(scored: list[Evidence]) -> list[Evidence]:
    """The sentences that may be quoted as statements, best first.

    Headlines and subheadings are not: they restate a story's words without the detail that
    answers a question about it. Nor is text that tries to instruct an AI.
    """
    return [e for e in scored
            if not is_heading(e.sentence.text) and not is_injection(e.sentence.text)]


_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[-\s][A-Z][a-z]+)*|\d[\d,.]*\d|\d")
CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}


def answer_names(lead: Evidence, question: str, lexical: LexicalIndex) -> set[str]:
    """The rare names and figures a sentence adds to the question: what makes it an answer.

    Names common in the corpus (the country every article is about), days and months, and words
    the question itself brought do not identify a fact.
    """
    asked = {w.lower() for w in re.findall(r"\w[\w-]*", question)}
    names = set()
    for name in _NAME_RE.findall(lead.sentence.text):
        key = name.lower().replace(",", "")
        if key in asked or key in CALENDAR:
            continue
        stems = terms(name) or [key]
        if all(lexical.idf(t) >= RARE_IDF for t in stems):
            names.add(name)
    return names


def corroborate(statements: list[Statement], scored: list[Evidence], question: str,
                lexical: LexicalIndex) -> None:
    """Cite, beside each statement, other articles' sentences that report the same answer.

    Another article's sentence reports the same fact when it also answers the question (it scores
    above the refusal threshold) and repeats at least half of the names and figures that make the
    statement an answer: "The latest city to
    fall was Faizabad..." (Press TV) and "...the Taliban captured Faizabad overnight, making it the
    ninth city..." (AFP).
    """
    for statement in statements:
        names = answer_names(statement.lead, question, lexical)
        if not names:
            continue
        for candidate in scored:
            if candidate.score < REFUSE_BELOW:
                break
            if candidate.passage.doc_id in {e.passage.doc_id for e in statement.evidence}:
                continue
            shared = sum(name in candidate.sentence.text for name in names)
            if shared * 2 >= len(names):  # at least half of them
                statement.evidence.append(candidate)


def choose(
    scored: list[Evidence], question: str = "", lexical: LexicalIndex | None = None
) -> list[Statement]:
    """Statements for the answer, best first, each cited to every article that reports it (when
    `lexical` is given); empty when the articles don't answer."""
    scored = quotable(scored)
    if not scored or scored[0].score < REFUSE_BELOW:
        return []
    floor = max(REFUSE_BELOW, scored[0].score - MARGIN)
    statements: list[Statement] = []
    docs_quoted: set[str] = set()
    for candidate in scored:
        if candidate.score < floor:
            break
        # Only across articles: sentence vectors are pooled in their chunk's context, so two
        # sentences of one passage always look alike.
        same = next(
            (s for s in statements
             if s.lead.passage.doc_id != candidate.passage.doc_id
             and (float(np.dot(s.lead.sentence.vector, candidate.sentence.vector)) >= SAME_FACT
                  or s.lead.sentence.text == candidate.sentence.text)),
            None,
        )
        if same is not None:
            if candidate.passage.doc_id not in {e.passage.doc_id for e in same.evidence}:
                same.evidence.append(candidate)  # the same fact from another article
            continue
        if len(statements) >= MAX_STATEMENTS:
            continue
        # One statement per article unless the next sentence is as good as the article's first:
        # a second outlet's report is worth more than a second sentence from the same one.
        if candidate.passage.doc_id in docs_quoted and candidate.score < scored[0].score - MARGIN / 2:
            continue
        statements.append(Statement([candidate]))
        docs_quoted.add(candidate.passage.doc_id)
    if lexical is not None:
        corroborate(statements, scored, question, lexical)
    return statements
