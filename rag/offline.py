"""The offline answerer: the sentences that answer the question, quoted verbatim and cited, opened
by a direct answer when the question asks for a short phrase. No model but the embedding one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.cite import Citations, cited_answer, refusal
from rag.compose import Direct, Statement, choose, direct_answer
from rag.dates import with_calendar_date
from rag.evidence import Evidence
from rag.question import asks_for_the_outlet, asks_the_name_of, read, split_parts
from rag.retrieve import Mode
from rag.spans import find_spans
from rag.types import Answer

if TYPE_CHECKING:
    from rag.pipeline import Engine


def offline_answer(engine: Engine, question: str, query: str, k: int,
                   mode: Mode = "hybrid") -> Answer:
    """The answer to `question`, searched with `query` (the question, widened for a follow-up).
    A question in two parts ("How many fled, and which city fell ninth?") is answered part by
    part: no one sentence holds both answers."""
    parts = split_parts(query)
    statements: list[Statement] = []
    pool: list[Evidence] = []
    for part in parts:
        scored = engine.evidence(part, k, mode)
        quoted = {(e.passage.doc_id, e.sentence.start) for s in statements for e in s.evidence}
        statements += [s for s in choose(scored, part, engine.retriever.lexical)
                       if (s.lead.passage.doc_id, s.lead.sentence.start) not in quoted]
        pool += scored
    pool.sort(key=lambda e: -e.score)
    return compose(engine, question, statements, pool, direct=len(parts) == 1)


def compose(engine: Engine, question: str, statements: list[Statement], pool: list[Evidence],
            direct: bool = True) -> Answer:
    """The answer text: the direct answer when `direct` and the question asks for a short
    phrase, then each statement with its citations, then any disagreement."""
    if not statements:
        return refusal(question, engine.retriever)
    cites = Citations(engine.retriever)
    parts = []
    phrase = direct_answer(statements, question) if direct else None
    lead = statements[0].lead
    if phrase is None and not lead.answers and says_it_is_not_known(lead.sentence.text):
        # "What were the names of the couple who died?": "Their names have not been released":
        # the articles don't say, and this is where they say so
        quote = " ".join(lead.sentence.text.split())
        return Answer(text=f"The articles don't say. {cites.as_of(lead)}{quote} "
                           f"[{cites.number(lead)}]", citations=cites.items, refused=True)
    if direct and asks_for_the_outlet(question):
        phrase = told_to(statements) or outlets(engine, statements, question) or phrase
    if direct and phrase is None and asks_for_a_name(question):
        # "What is the name of the governor of Kunduz?": sentences about the governor that give
        # no name do not answer it
        return refusal(question, engine.retriever)
    if phrase is not None:
        phrase = dated(engine, phrase, question)
        parts.append(cites.opening(phrase))
    for statement in statements:
        marks = "".join(f"[{cites.number(e)}]" for e in statement.evidence)
        # One line: a window of two sentences may span a paragraph break.
        quote = " ".join(statement.lead.sentence.text.split())
        parts.append(f"{cites.as_of(statement.lead)}{quote} {marks}")
    return cited_answer(parts, cites, pool, engine.retriever.lexical, engine.dates,
                        direct=phrase.text if phrase else None)


# A sentence saying that what is asked is not known, or not made public.
_NOT_KNOWN_RE = re.compile(
    r"(?i)\b(?:ha(?:ve|s|d)\s+not(?:\s+yet)?\s+been|(?:was|were|is|are)\s+not(?:\s+yet)?(?:\s+been)?"
    r"(?:\s+immediately)?|(?:was|were|is|are|ha(?:ve|s|d))(?:\s+yet)?\s+to\s+be)\s+"
    r"(?:released|disclosed|identified|named(?!\s+(?:after|for|as)\b)|made\s+public|determined|"
    r"established|revealed|known|clear|confirmed)\b"
    r"|\b(?:declined|refused|would\s+not|did\s+not|could\s+not|ha(?:ve|s|d)\s+not(?:\s+yet)?)"
    r"\s+(?:to\s+)?(?:name|identify|disclose|specify|(?:say|said)\s+(?:who|why|how|what|when|"
    r"where|whether))\b"
    r"|\b(?:gave|give|giving|offered)\s+no\s+(?:reason|details|explanation|figures?|names?)\b"
    r"|\bno\s+(?:one|group)\s+(?:has|had)(?:\s+yet)?\s+claimed\s+responsibility\b"
    r"|\b(?:is|was|are|were|remains?|remained)(?:\s+still)?\s+(?:under\s+investigation|unknown|"
    r"unclear|not\s+known)\b")


def says_it_is_not_known(sentence: str) -> bool:
    """Whether a sentence says that something is not known or not made public.

    >>> says_it_is_not_known("Their names have not been released pending notification.")
    True
    >>> says_it_is_not_known("The cause of the fire is under investigation.")
    True
    >>> says_it_is_not_known("It was not immediately clear how many were hurt.")
    True
    >>> says_it_is_not_known("No group has claimed responsibility for the attack.")
    True
    >>> says_it_is_not_known("Officials have not said why the line was closed.")
    True
    >>> says_it_is_not_known("The city has not fallen. Tymnet was not named after Mr. Tyme.")
    False
    """
    return bool(_NOT_KNOWN_RE.search(sentence))


def asks_for_a_name(question: str) -> bool:
    """Whether a question asks for the name of a person, place or organisation in so many
    words ("What is the name of the governor...?"), which only a name answers.

    >>> asks_for_a_name("What is the name of the governor of Kunduz province?")
    True
    >>> asks_for_a_name("What was the name of matters outside its remit?")
    False
    """
    return asks_the_name_of(question) and read(question).kind in (
        "person", "place", "organisation")


# An outlet the text says was told or is quoting ("according to the Kommersant daily", "told
# Reuters", "quoted as saying by AFP") is the one that reported it, more precisely than the outlet
# of the article that passes the report on.
_TOLD_TO_RE = re.compile(
    r"(?:according to|told|(?:quoted|reported)(?: as saying)? by)(?: the)?\s+$", re.IGNORECASE)


def told_to(statements: list[Statement]) -> Direct | None:
    """The outlet the best answering sentence says was told or is quoting, if it names one."""
    text = statements[0].lead.sentence.text
    named = next((span.text for span in find_spans(text)
                  if span.kind in ("organisation", "name", "place")  # "Kommersant" reads as a place
                  and _TOLD_TO_RE.search(text[: span.start])), None)
    if named is None:
        return None
    return Direct(named, tuple(e for s in statements for e in s.evidence
                               if named in e.sentence.text))


def outlets(engine: Engine, statements: list[Statement], question: str) -> Direct | None:
    """"Which outlet reported...?": the outlets of the articles the answering sentences are from
    (their metadata), the earliest report first; of a question about a year ("...in 1998?"),
    only articles of that year, where any are."""
    records = engine.retriever.records
    windows = [e for s in statements for e in s.evidence
               if (r := records.get(e.passage.doc_id)) is not None and r.outlet]
    years = {f.text for f in read(question).focus if f.kind == "year"}
    of_the_year = [e for e in windows if (records[e.passage.doc_id].date or "")[:4] in years]
    windows = sorted(of_the_year or windows,
                     key=lambda e: records[e.passage.doc_id].date or "9999")
    names = list(dict.fromkeys(str(records[e.passage.doc_id].outlet) for e in windows))
    if not names:
        return None
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Direct(text, tuple(windows))


def dated(engine: Engine, phrase: Direct, question: str) -> Direct:
    """A when-question's direct answer with the calendar date its words name in the article
    it is quoted from ("on Wednesday" -> "Wednesday, 11 August 2021"; see `rag.dates`)."""
    if read(question).kind != "date" or not phrase.evidence:
        return phrase
    published = engine.dates.get(phrase.evidence[0].passage.doc_id)
    return Direct(with_calendar_date(phrase.text, published), phrase.evidence)
