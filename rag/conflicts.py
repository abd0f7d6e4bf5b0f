"""Disagreeing reports: a claim and its denial, or different figures for the same thing.

News contradicts itself as a story unfolds and as sides speak: a governor says an attack was
repelled, a later report says the city fell; a militia claims a capture, its enemy denies it; one
outlet calls a city the second largest, another the fourth. An answer that quotes one side as fact
misleads. Among the sentences that answer a question, two disagree when

- one asserts and the other denies or counters it (a cue: "denied", "rejected", "pushed back",
  "the upper hand"...) and both are about the same thing; or
- both give a figure for the same thing ("second largest", "fourth largest"; "60,000 families",
  "hundreds of families") and the figures differ.

"About the same thing" means the same rare name (a place or person most passages do not mention,
spelling variants allowed: Mazar-i-Sharif, Mazar-e-Sharif, Mazari Sharif) next to the outcome and
next to the cue, or the rare words a denial is about. One article that tells a story in steps
("pushed back" in one paragraph, "seized" in the next) does not contradict itself, and its figures
count different things more often than not; but one that reports a side denying what another
says ("the government was demanding a mediator" and "it was the government that rejected the
principle of a mediator") reports a dispute, which an answer shows like any other (`find`).
Reports more than two months apart never deny each other: they describe different moments, which
the answer tells apart by date. The cue lists are short and generic on purpose; the eval's
conflict cases measure what they catch and what they wrongly flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newsrag.index.lexical import LexicalIndex, terms
from rag.dates import iso_day
from rag.evidence import COMMON_IDF, Evidence
from rag.question import CALENDAR, ORDINALS
from rag.wordnet import is_a_noun

ConflictKind = Literal["denial", "figures"]

# A claim and its denial are about one moment: reports further apart describe different ones
# (the 1998 and the 2021 fall of a city), which the answer tells apart by date instead.
SAME_MOMENT_DAYS = 60
DISPUTED_WORDS = 6  # the words after a denial cue: what is denied
MAX_CONFLICTS = 2  # an answer that lists more disagreements than facts is no longer an answer
# One article's report of a side's denial is part of an answer when that side is at least this
# share as likely to answer the question as the best window. Chosen on the seeds suite ("are
# denying the city has fallen" is 0.27 as likely as the best window for "Did Mazar-e-Sharif fall
# to the Taliban in August 1998?") and the paraphrase dev split, where the one such dispute below
# it ("Who commanded the Taliban force that stormed Mazar in 1998?") was about something else.
DISPUTE_SHARE = 0.25
# How close (in characters) a name must be to a cue to be what the cue is about.
NEAR_CHARS = 40

# What a claim asserts and a counter-claim opposes: an outcome of fighting.
OUTCOME_RE = re.compile(
    r"\b(?:captur(?:e|ed|ing)|fell|fallen|fall|seiz(?:e|ed|ing)|(?:took|taken|wrested) control|"
    r"overr(?:an|un)|in the hands of|fled|lost|surrender(?:ed)?)\b",
    re.IGNORECASE,
)
# Words that deny or dispute a report...
DENIAL_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|"
    r"refut(?:e|es|ed|ing)|not true|untrue|no truth|false(?:ly)?|no interest|not interested|"
    r"indifferent)\b",
    re.IGNORECASE,
)
# ...and words that counter one with the opposite outcome.
COUNTER_RE = re.compile(
    r"\b(?:repel(?:s|led|ling)?|(?:push|pushed|pushing|beat|beaten|fought) back|fought off|"
    r"recaptur(?:e|ed|ing)|(?:the )?upper hand)\b",
    re.IGNORECASE,
)
# A denial of something to someone ("denying them prizes", "denied him a visa") withholds it;
# it disputes no report.
_WITHHELD_FROM_RE = re.compile(r"\s+(?:them|him|her|us|me|you)\s+(?!that\b)[a-z]", re.IGNORECASE)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "dozens": 24,
    "hundreds": 200, "thousands": 2000, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
# A figure is a number and the word right after it (no comma or full stop between: "in 1572,
# Catholics" counts no Catholics).
_FIGURE_RE = re.compile(
    r"\b(\d+(?:[,.]\d+)*|" + "|".join(_WORD_NUMBERS) + r")\s+(?:of\s+)?([A-Za-z][a-z-]+)",
    re.IGNORECASE,
)
# What "dozens", "hundreds" and "thousands" allow: "thousands of Huguenots" agrees with 500,000.
_VAGUE = {"dozens": (24.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 999_999.0)}
# Words a count may be followed by that are not what it counts ("7,000 more").
_NOT_COUNTED = {"more", "less", "fewer", "others", "other"}
# Figures of time and calendar (and days of a month, `CALENDAR`) differ between true reports of
# different moments.
_TIME_UNITS = {"day", "week", "month", "year", "hour", "minute", "decade", "time", "occasion",
               "am", "pm", "percent"}
_NAME_RE = re.compile(r"\b[A-Z][a-z]{2,}(?:[-\s][a-z]{1,2})?(?:[-\s][A-Z][a-z]+)*")


@dataclass(frozen=True)
class Disagreement:
    kind: ConflictKind
    first: Evidence  # the earlier report when the dates differ
    second: Evidence


def name_keys(text: str, lexical: LexicalIndex, *, sentence: bool = True) -> set[str]:
    """The rare names in a sentence, reduced so that spelling variants meet: the first five letters
    of each part ("Mazar-i-Sharif", "Mazari Sharif" -> {"mazar", "shari"}). A sentence's first
    word is capitalised whatever it is, so it is left out (unless `text` is only part of a
    sentence), as are days and months."""
    keys = set()
    first_word = re.match(r"\W*\w+", text) if sentence else None
    body = text[first_word.end():] if first_word else text
    for name in _NAME_RE.findall(body):
        for part in re.split(r"[-\s]", name):
            if len(part) < 4 or not part[0].isupper() or part.lower() in CALENDAR:
                continue
            stems = terms(part)
            if stems and all(lexical.idf(s) < COMMON_IDF for s in stems):
                continue
            keys.add(part[:5].lower())
    return keys


def figures(text: str) -> dict[str, tuple[int, str]]:
    """Figures in a sentence by the word they count: {"largest": (2, "second largest")}."""
    found: dict[str, tuple[int, str]] = {}
    for match in _FIGURE_RE.finditer(text):
        raw, unit = match.group(1).lower(), match.group(2).lower()
        unit_key = unit.rstrip("s")
        if unit_key in _TIME_UNITS or unit in CALENDAR or not _counts(raw, unit):
            continue
        if raw in _WORD_NUMBERS:
            value = _WORD_NUMBERS[raw]
        else:
            digits = raw.replace(",", "")
            if not digits.isdigit() or re.fullmatch(r"1\d{3}|20\d{2}", raw):
                continue  # a decimal, or a year ("By 1620 the Huguenots"); neither counts a thing
            value = int(digits)
        found.setdefault(unit_key, (value, match.group(0)))
    return found


def _counts(number: str, word: str) -> bool:
    """Whether the word after a number is what it counts or ranks: a rank ("second largest")
    before a superlative, a count before a noun. "the first to settle", "5,000 to 30,000 were
    killed" and "the first Huguenot church" give no figure to set against another report's."""
    if number in ORDINALS:
        return word.endswith("est")
    return word not in _NOT_COUNTED and bool(terms(word)) and is_a_noun(word)


@lru_cache(maxsize=16_384)
def counter_cue(text: str) -> re.Match[str] | None:
    """A denial or counter-claim cue in a sentence, denials first, then an outcome it says did
    not happen ("the city has not fallen"). Remembered: each pair of candidates asks it of both
    sentences, and reading a negation is not cheap."""
    return DENIAL_RE.search(text) or COUNTER_RE.search(text) or negated_outcome(text)


def negated_outcome(text: str) -> re.Match[str] | None:
    """An outcome of fighting that a sentence negates ("Mazar has not fallen", "was never
    captured"), read as the verifier reads a negation (`rag.verify.negated_words`): the first
    word it reaches. "did not say whether they captured" negates saying, not capturing."""
    from rag.verify import negated_words  # here, not above: rag.verify reads this module's cues

    reached = {words[0] for words in negated_words(text, past_glue=False) if words}
    return next((m for m in OUTCOME_RE.finditer(text)
                 if m.group(0).split()[0].lower() in reached), None)


def _same_subject(a: Evidence, b: Evidence, lexical: LexicalIndex) -> bool:
    """Both sentences name the same rare name."""
    return bool(name_keys(a.sentence.text, lexical) & name_keys(b.sentence.text, lexical))


def _ordered(a: Evidence, b: Evidence, dates: dict[str, str | None]) -> tuple[Evidence, Evidence]:
    da, db = dates.get(a.passage.doc_id) or "", dates.get(b.passage.doc_id) or ""
    return (b, a) if db and da and db < da else (a, b)


def find(cited: list[Evidence], candidates: list[Evidence], lexical: LexicalIndex,
         dates: dict[str, str | None], floor: float, limit: int = 12,
         answering: bool = False) -> list[Disagreement]:
    """Disagreements between a sentence the answer cites and another that answers the question
    (one of the best `limit` candidates scoring at least `floor`), at most one per pair of
    articles and kind.

    When `answering` (an answer's disagreements, not a timeline's), another article's side must
    name what the question is about itself: a disagreement about something else ("the governor
    said the attack on Mazar was pushed back", for "who did Ghani meet in Mazar") is not part of
    the answer. And one article's report of a side denying what another says counts too, when
    that side is at least `DISPUTE_SHARE` as likely to answer as the best candidate."""
    above = [e for e in candidates if e.score >= floor]
    others = [e for e in above if e.names_focus or not answering][:limit]
    best = max((e.score for e in above), default=0.0)
    own = [e for e in above[:limit] if e.score >= DISPUTE_SHARE * best] if answering else []
    found: list[Disagreement] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    checked: set[frozenset[tuple[str, int]]] = set()
    for a in cited:
        pairs = [(b, False) for b in others if b.passage.doc_id != a.passage.doc_id]
        pairs += [(b, True) for b in own if b.passage.doc_id == a.passage.doc_id]
        for b, same_article in pairs:
            pair = frozenset({(a.passage.doc_id, a.sentence.start),
                              (b.passage.doc_id, b.sentence.start)})
            if len(pair) < 2 or pair in checked or a.sentence.text == b.sentence.text:
                continue
            checked.add(pair)
            if same_article:
                # A story told in steps ("pushed back" in one paragraph, "seized" in the next)
                # is no dispute, nor are its figures; a side's denial is.
                disagreement = _denial(a, b, lexical, dates, denials_only=True)
            else:
                disagreement = _denial(a, b, lexical, dates) or _figures(
                    a, b, lexical, dates, any_moment=answering)
            docs = frozenset((a.passage.doc_id, b.passage.doc_id))
            if disagreement is None or (disagreement.kind, docs) in seen:
                continue
            seen.add((disagreement.kind, docs))
            found.append(disagreement)
    return found[:MAX_CONFLICTS]


def _denial(a: Evidence, b: Evidence, lexical: LexicalIndex,
            dates: dict[str, str | None], denials_only: bool = False) -> Disagreement | None:
    """A claim and its denial or counter-claim (not a counter-claim when `denials_only`)."""
    cue_of = DENIAL_RE.search if denials_only else counter_cue
    cue_a, cue_b = cue_of(a.sentence.text), cue_of(b.sentence.text)
    if (cue_a is None) == (cue_b is None):
        return None
    disputing, asserting = (a, b) if cue_a else (b, a)
    cue = cue_a or cue_b
    assert cue is not None
    if _WITHHELD_FROM_RE.match(disputing.sentence.text, cue.end()):
        return None  # "denying them prizes": something withheld from someone, no claim denied
    if _days_apart(a, b, dates) > SAME_MOMENT_DAYS:
        return None  # a claim and a denial are about one moment; years apart, about two
    text = disputing.sentence.text
    disputed = text[cue.end():].split()[:DISPUTED_WORDS]
    # The asserting side must state what is disputed: the outcome ("captured", "fell") that a
    # counter-claim ("pushed back") or a denial ("denying the city has fallen") opposes, or the
    # rare words the denial is about ("rejected the principle of a mediator").
    denial = DENIAL_RE.match(cue.group(0)) is not None
    outcome = OUTCOME_RE.search(asserting.sentence.text)
    opposes_outcome = outcome is not None and (
        not denial or OUTCOME_RE.search(" ".join(disputed)) is not None)
    repeats_denied = denial and bool(_rare_terms(" ".join(disputed), lexical)
                                     & _rare_terms(asserting.sentence.text, lexical))
    if not (opposes_outcome or repeats_denied):
        return None
    # The names nearest to the outcome and to the cue must be the same ("wrested control of
    # Mazar-e-Sharif", "pushed back a Taliban offensive on Mazar-i-Sharif"), not just two names
    # anywhere in two long sentences.
    same_thing = outcome is not None and bool(
        _name_next_to(asserting.sentence.text, outcome, lexical)
        & _name_next_to(text, cue, lexical))
    if not (repeats_denied or same_thing):
        return None
    first, second = _ordered(a, b, dates)
    return Disagreement("denial", first, second)


def _name_next_to(text: str, cue: re.Match[str], lexical: LexicalIndex) -> set[str]:
    """The keys of the rare name a cue is about: the nearest one after it ("wrested control of
    Mazar-e-Sharif", "pushed back a Taliban offensive on Mazar-i-Sharif"), else the nearest one
    before it ("Mazari Sharif has fallen"), within `NEAR_CHARS`. "closing in on Mazar-i-Sharif
    on Tuesday, after seizing Sheberghan" seized Sheberghan, not Mazar."""
    first_word = re.match(r"\W*\w+", text)
    after: tuple[int, set[str]] = (NEAR_CHARS + 1, set())
    before: tuple[int, set[str]] = (NEAR_CHARS + 1, set())
    for name in _NAME_RE.finditer(text):
        if first_word and name.start() < first_word.end():
            continue
        keys = name_keys(name.group(0), lexical, sentence=False)
        if not keys:
            continue
        if name.start() >= cue.end() and name.start() - cue.end() < after[0]:
            after = (name.start() - cue.end(), keys)
        elif name.end() <= cue.start() and cue.start() - name.end() < before[0]:
            before = (cue.start() - name.end(), keys)
    return after[1] or before[1]


def _rare_terms(text: str, lexical: LexicalIndex) -> set[str]:
    return {t for t in terms(text) if lexical.idf(t) >= COMMON_IDF}


def _days_apart(a: Evidence, b: Evidence, dates: dict[str, str | None]) -> int:
    """Days between the two articles' dates; 0 when either is unknown."""
    da, db = iso_day(dates.get(a.passage.doc_id)), iso_day(dates.get(b.passage.doc_id))
    return abs((da - db).days) if da and db else 0


# What a figure's qualifier leaves open: "at least five" agrees with six, "up to 500" with 300,
# "nearly 60,000" with 58,000, "about 5,000" with 4,800; a bare figure is what it says.
_AT_LEAST_RE = re.compile(r"\b(?:at least|more than|over|upwards of|no fewer than)\s+$",
                          re.IGNORECASE)
_AT_MOST_RE = re.compile(r"\b(?:up to|fewer than|less than|under|no more than)\s+$", re.IGNORECASE)
_NEARLY_RE = re.compile(r"\b(?:nearly|almost|close to)\s+$", re.IGNORECASE)
_ABOUT_RE = re.compile(r"\b(?:about|around|roughly|approximately|an estimated|some)\s+$",
                       re.IGNORECASE)
ABOUT = 0.2  # how far "about N" reaches either side (and "nearly N" below), as a share of N


def _range(text: str, figure: tuple[int, str]) -> tuple[float, float]:
    """The values a figure in a sentence allows, given the qualifier before it."""
    value, said = figure
    at = max(0, text.find(said))
    before = text[max(0, at - 20) : at]
    low, high = _VAGUE.get(said.split()[0].lower(), (float(value), float(value)))
    if _ABOUT_RE.search(before):
        low, high = value * (1 - ABOUT), value * (1 + ABOUT)
    if _NEARLY_RE.search(before):
        low = value * (1 - ABOUT)
    if _AT_LEAST_RE.search(before):
        high = float("inf")
    if _AT_MOST_RE.search(before):
        low = 0.0
    return low, high


def _figures(a: Evidence, b: Evidence, lexical: LexicalIndex, dates: dict[str, str | None],
             any_moment: bool = True) -> Disagreement | None:
    """Two figures for the same thing that cannot both hold; unless `any_moment`, only from
    reports of one moment: a timeline line is an event, and "second largest" in 1998 and "fourth
    largest" in 2021 dispute neither (an answer about the city's rank gives both)."""
    if not any_moment and _days_apart(a, b, dates) > SAME_MOMENT_DAYS:
        return None
    fa, fb = figures(a.sentence.text), figures(b.sentence.text)
    ranges = {u: (_range(a.sentence.text, fa[u]), _range(b.sentence.text, fb[u]))
              for u in fa if u in fb}
    shared = [u for u, ((low_a, high_a), (low_b, high_b)) in ranges.items()
              if high_a < low_b or high_b < low_a]
    if not shared or not _same_subject(a, b, lexical):
        return None
    first, second = _ordered(a, b, dates)
    return Disagreement("figures", first, second)
