"""Check an LLM's answer against the passages it cites, sentence by sentence.

A fluent answer rewords what it cites, so checking that its words overlap the passage's punishes
good answers and passes wrong ones ("Faizabad did not fall" shares every word with "Faizabad
fell"). This checker looks at what carries a claim instead:

- **citations**: a sentence must cite at least one passage that exists ([9] of 3 is dropped);
- **names**: every person, place or organisation it names is named in what it cites, or in the
  cited article's title or outlet (spelling variants allowed: Mazar-i-Sharif, Mazar-e-Sharif), or
  is a name of the headline put where the passage says "the militants", "the city" or "he";
- **numbers**: every figure, count and ordinal it states is one the passage states ("60,000",
  "some sixty thousand"; "ninth" and "9th");
- **dates**: every year, month, weekday and relative time ("last week") is in the passage or
  follows from the article's publication date (a weekday the passage names is the most recent such
  day on or before publication, so "Wednesday, 11 August 2021" is supported by "on Wednesday" in
  an article of 11 August 2021), and a year is not one the passage gives to another event;
- **polarity**: a negation ("did not", "failed to", "denied", "never") in the claim has one in the
  passage about the same thing, and the other way round; a claim does not use the opposite word
  ("repelled" for "captured", "decreased" for "increased");
- **roles**: whoever the claim says said something is who the passage says said it (in the
  cited sentence that says what the claim reports), a name after "from", "by" or "to" is the one
  the passage puts there, and of two names around the same verb, the one doing it is the same
  (active and passive read alike);
- **wording**: the rest of its content words are found in what it cites, by stem or by meaning
  (each unmatched word is compared with the passage's words by the embedding model), so synonyms
  and glue words ("According to the report, ...") pass and an invented detail does not.

Every failed check becomes a reason in words ("the cited passage names Faizabad, not Kunduz"),
which the answer's notice shows. Thresholds are fitted on the dev half of the labelled claims in
`evals/claims/` by `evals/calibrate_verify.py`, which prints the error rates on the held-out half.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np

from newsrag.index.clean import sentence_spans
from newsrag.index.embed import Embedder
from newsrag.index.lexical import _stemmer
from rag.conflicts import COUNTER_RE, OUTCOME_RE
from rag.dates import iso_day
from rag.filters import topic_of
from rag.question import DEMONYMS, MONTHS, NEGATION_RE, NUMBER_WORDS, ORDINALS, WEEKDAYS
from rag import wordnet
from rag.spans import NAME_KINDS, Span, common_words, find_spans, one_edit

# A content word of the claim counts as found when some word of what it cites means about the same
# (cosine of the two words' embeddings); fitted on the dev claims.
WORD_MATCH = 0.35
# The share (weighted by length, a cheap stand-in for rarity) of the claim's content words that
# must be found, and how many may be missing at most.
WORDS_SUPPORTED = 0.75
MAX_MISSING = 1
# Who or what a verb's arguments are: names and nouns, which have few synonyms.
ARGUMENT_MATCH = 0.5
MEANING_SUPPORTED = 0.35  # cosine of the claim to what it cites: a floor against a different topic
NEAR_WORDS = 6  # how far (in words) a negation reaches

_MARKERS_RE = re.compile(r"(?:\s*\[\d+\])+")
# Words (with inner hyphens and apostrophes: "Mazar-i-Sharif", "Taliban’s") and the punctuation
# that ends a clause, which the checks of who did what stop at.
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,]*(?:\.\d+)?|[.;:,!?“”\"()]")


@dataclass(frozen=True)
class Source:
    """A cited passage and the article it is from: the verifier accepts what either states."""

    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO publication date

    @property
    def header(self) -> str:
        """What a claim may take from outside the passage: the outlet, and the title when it names
        a topic ("French and Indian War"); a headline is a claim of its own and is not taken,
        but by a claim that says what the outlet reported (`check`)."""
        return " ".join(p for p in (topic_of(self.title), self.outlet) if p)




@dataclass
class Claim:
    text: str  # the sentence without its markers
    cited: list[int]  # passage numbers as the model wrote them
    valid: list[int] = field(default_factory=list)  # those that point at a passage
    supported: bool = False
    problems: list[str] = field(default_factory=list)  # why not, in the user's words
    words: float = 0.0  # share of its content words found in what it cites
    meaning: float = 0.0  # cosine to what it cites

    @property
    def reason(self) -> str:
        return self.problems[0] if self.problems else ""


@dataclass
class Verification:
    claims: list[Claim]

    @property
    def kept(self) -> list[Claim]:
        return [c for c in self.claims if c.supported]

    @property
    def removed(self) -> list[Claim]:
        return [c for c in self.claims if not c.supported]


def split_claims(answer: str) -> list[Claim]:
    """Sentences of an answer with the markers that follow each one.

    >>> [(c.text, c.cited) for c in split_claims("Faizabad fell [1][2]. It is in Badakhshan. [3]")]
    [('Faizabad fell.', [1, 2]), ('It is in Badakhshan.', [3])]
    >>> [(c.text, c.cited) for c in split_claims("Kunduz fell. So did Taloqan [2]. Why?")]
    [('Kunduz fell.', [2]), ('So did Taloqan.', [2]), ('Why?', [])]
    """
    claims: list[Claim] = []
    position = 0
    for match in _MARKERS_RE.finditer(answer):
        segment = answer[position : match.start()]
        numbers = [int(n) for n in re.findall(r"\d+", match.group())]
        position = match.end()
        # A full stop after the markers ("fell [1].") belongs to the sentence before them.
        if answer[position : position + 1] in (".", "!", "?"):
            segment += answer[position]
            position += 1
        # Markers after two sentences ("X. Y [1].") cite both: the model cited the run of text.
        for s, e in sentence_spans(segment):
            claims.append(Claim(segment[s:e].strip(), numbers))
    for s, e in sentence_spans(answer[position:]):
        claims.append(Claim(answer[position:][s:e].strip(), []))
    return [c for c in claims if re.search(r"\w", c.text)]


def verify(answer: str, passages: Mapping[int, Source | str], embedder: Embedder,
           sentence_embedder: Embedder | None = None) -> Verification:
    """Mark each sentence of `answer` supported or not by the passages (by number) it cites.

    `embedder` gives the words' vectors (`WordMeanings`, whose thresholds were fitted on the
    float model's), `sentence_embedder` (default: the same) the claims' and passages' for the
    meaning floor: the int8 encoder there verified a four-sentence answer in 26 ms p50 against
    94 with the float one, every dev and held-out claim decided the same (2026-12-07)."""
    sources = {n: p if isinstance(p, Source) else Source(p) for n, p in passages.items()}
    claims = split_claims(answer)
    for claim in claims:
        claim.valid = [n for n in dict.fromkeys(claim.cited) if n in sources]
        if not claim.cited:
            claim.problems.append("it cites no passage")
        elif not claim.valid:
            claim.problems.append(f"it cites [{claim.cited[0]}], which is not among the passages")
    checkable = [c for c in claims if c.valid]
    if checkable:
        words = WordMeanings(embedder)
        cited = [[sources[n] for n in c.valid] for c in checkable]
        vectors = (sentence_embedder or embedder).embed_texts(
            [c.text for c in checkable] + [" ".join(s.text for s in group) for group in cited])
        for i, claim in enumerate(checkable):
            claim.meaning = float(np.dot(vectors[i], vectors[len(checkable) + i]))
            check(claim, cited[i], words)
    return Verification(claims)


def check(claim: Claim, sources: Sequence[Source], words: WordMeanings) -> None:
    """Run every check on one claim; it is supported when none finds a problem."""
    text = " ".join(s.text for s in sources)
    header = " ".join(s.header for s in sources)
    # A claim that says what an outlet reported may report its headline too ("Press TV reported
    # that a ninth provincial capital had fallen"): the headline is what that outlet said.
    headlines = " ".join(s.title for s in sources if s.title and _reports(claim.text, s))
    if headlines:
        text, header = f"{text} {headlines}", f"{header} {headlines}"
    # Names from the passage and its header, and a headline's only where the passage refers to
    # it without a name: a headline names the story's actors, and taking them all lets a swapped
    # actor through ("the Taliban were demanding" for "the government was demanding").
    claim.problems += names_problems(claim.text, text,
                                     " ".join([header, *_names_referred_to(claim.text, sources)]))
    claim.problems += date_problems(claim.text, text + " " + _years_as_named(claim.text, header),
                                    [s.date for s in sources if s.date])
    claim.problems += number_problems(claim.text, text)
    claim.problems += polarity_problems(claim.text, text, words)
    claim.problems += role_problems(claim.text, text, header, words)
    share, missing = wording_support(claim.text, text + " " + header, words)
    claim.words = share
    if (share < WORDS_SUPPORTED and not _rewords_the_relation(missing)
            or len(missing) > MAX_MISSING):
        claim.problems.append("the cited passage does not say " + _listed(missing[:3])
                              if missing else "the cited passage says something else")
    elif claim.meaning < MEANING_SUPPORTED:
        claim.problems.append("the cited passage is about something else")
    claim.supported = not claim.problems


def _reports(claim: str, source: Source) -> bool:
    """Whether a claim tells what the source's outlet reported, or its headline said."""
    # the outlet's first name word as it writes it: "Press", "Independent" (not "independent
    # sources"), "Kootneeti"
    outlet = [w for w in re.findall(r"[A-Z][\w’'-]+", source.outlet or "") if w != "The"]
    return bool(re.search(r"\bheadline\b", claim, re.IGNORECASE)) or bool(outlet) and bool(
        re.search(r"\b" + re.escape(outlet[0]) + r"\b", claim))


# -- names ----------------------------------------------------------------------------------------

_JOINERS = {"of", "the", "al", "bin", "de", "du", "la", "e", "i", "ul", "von", "van", "and"}
_TITLES = {"president", "governor", "general", "gen", "mr", "mrs", "ms", "dr", "minister",
           "prime", "king", "queen", "emperor", "pope", "sir", "prince", "saint", "st", "lord",
           "commander", "spokesman", "spokeswoman", "chief", "leader", "marshal", "colonel",
           "captain", "bishop", "duke", "sultan", "warlord", "former", "acting", "deputy"}
_DOTTED_RE = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\b\.?")  # "U.S.", "U.S" (a sentence's end)


def _name_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # Temür
    folded = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", ""), folded)  # "U.S." is "US"
    lowered = folded.lower().replace("’", "'").replace("'s ", " ").removesuffix("'s")
    return [w for w in re.findall(r"[a-z0-9]+", lowered) if w not in _JOINERS]


def _same_word(a: str, b: str) -> bool:
    """The same name word, allowing an inflection or a nationality ("Afghan", "Afghanistan")."""
    if a == b:
        return True
    # a nationality and its country: "French forces" is supported by "France"
    if DEMONYMS.get(a) == b or DEMONYMS.get(b) == a or (
            DEMONYMS.get(a) and DEMONYMS.get(a) == DEMONYMS.get(b)):
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 5:
        return True
    return len(short) >= 6 and one_edit(a, b)  # Defence/Defense, Ghazni/Ghazny


# Common words that are part of a name at the start of a sentence ("New France", "North China").
_NAME_MAKERS = {"new", "north", "south", "east", "west", "northern", "southern", "eastern",
                "western", "upper", "lower", "great", "greater", "united", "central", "old",
                "holy", "royal", "saint", "san", "santa", "fort", "lake", "mount", "port", "cape"}


def _names(text: str) -> list[Span]:
    """Names in a text, without a capitalised common word that opens a sentence ("Rights groups",
    "Armed Taliban fighters", "Tellingly, ...")."""
    out = []
    for span in find_spans(text):
        if span.kind not in NAME_KINDS:
            continue
        # A name does not run across a sentence break ("Baran. He").
        first = re.split(r"[.!?]\s", span.text)[0]
        span = Span(span.start, span.start + len(first), first, span.kind)
        opener = span.start == 0 or bool(re.search(r"[.!?:\"“]\s*$", text[: span.start]))
        head, _, rest = span.text.partition(" ")
        # A lone capitalised word and a comma open a sentence ("Tellingly, ..."); a name does
        # too ("Fawad Aman, a spokesman"), and keeps its first word.
        if opener and ((head.lower() in common_words() or wordnet.is_a_common_noun(head))
                       and head.lower() not in _NAME_MAKERS
                       or not rest and text[span.end : span.end + 1] == ","
                       or not rest and _participle(head)):
            if not rest:
                continue
            span = Span(span.end - len(rest), span.end, rest, span.kind)
        out.append(span)
    return out


def _participle(word: str) -> bool:
    """A verb's participle, which opens a sentence as no name does ("Hindered by a shortage of
    supplies, ...", "Backed by the local population, ...")."""
    lower = word.lower()
    return lower.endswith(("ed", "ing")) and wordnet.is_a_verb(lower)


# How a passage refers again to someone or something its headline names: a group ("...falls to
# Taliban", then "overrun by the marauding militants"), a city ("the city"), a person ("he"). A
# claim may use the name in that place.
REFERENCE_SIDE_WORDS = 2  # content words on each side of a name and a reference that may match
_REFERENCE_RE = re.compile(
    r"\b(?:militants?|insurgents?|rebels?|fighters|extremists|guerrillas|jihadists|national|"
    r"he|she|it|they|him|them|his|its|their|"
    r"the (?:group|movement|city|town|province|country|capital|region|president|governor|"
    r"minister|leader|parliament|chamber|company|network|dynasty|emperor|king|"
    r"queen|church|party|organi[sz]ation|agency|council|island|state|war))\b", re.IGNORECASE)


def _names_referred_to(claim: str, sources: Sequence[Source]) -> list[str]:
    """Names of a cited passage's headline (every capitalised word: a headline's first word is
    as likely a name as not) that the claim puts where the passage refers to someone or
    something without its name. Not one the claim makes a speaker: who said something must be
    named where it is said. (Names from the text around the passage, tried too, let more
    swapped names through than they let right claims keep.)"""
    speakers = {w for s in claimed_speakers(claim) for w in _name_words(s)}
    return [n.text for s in sources if s.title
            for n in find_spans(s.title) if n.kind in NAME_KINDS
            and not speakers & set(_name_words(n.text))
            and _in_place_of_reference(n.text, claim, s.text)]


def _in_place_of_reference(name: str, claim: str, passage: str) -> bool:
    """Whether the claim puts `name` where the passage has a reference without a name: a content
    word next to it in the claim is next to the reference in the passage, on the same side
    ("overrun by the Taliban", "overrun by the marauding militants")."""
    def sides(text: str, start: int, end: int) -> tuple[set[str], set[str]]:
        before = _content(_tokens(text[:start]))[-REFERENCE_SIDE_WORDS:]
        after = _content(_tokens(text[end:]))[:REFERENCE_SIDE_WORDS]
        return {_stem(w) for w in before}, {_stem(w) for w in after}
    at = claim.find(name)
    if at < 0:
        return False
    before, after = sides(claim, at, at + len(name))
    # Side by side: "the Taliban were pushed back" is not "the militant group controlled".
    return any(before & b or after & a for b, a in (
        sides(passage, m.start(), m.end()) for m in _REFERENCE_RE.finditer(passage)))


def claim_names(claim: str) -> list[str]:
    """The names a claim states: people, places, organisations and other capitalised names, as
    a reader names them ("New France", not the "New France's" of "New France's settlers")."""
    return [_POSSESSIVE_RE.sub("", s.text) for s in _titled_names(claim)]


def _titled_names(text: str) -> list[Span]:
    """The names of a text that are more than a title ("President" alone names nobody)."""
    return [s for s in _names(text) if any(w not in _TITLES for w in _name_words(s.text))]


_POSSESSIVE_RE = re.compile(r"[’']s$")


def _initials(text: str) -> set[str]:
    """Acronyms a text spells out: "United Nations" -> "un", "Royal Air Force" -> "raf"."""
    out = set()
    for span in find_spans(text):
        words = re.findall(r"[A-Z][a-z]+", span.text)
        if len(words) >= 2:
            out.add("".join(w[0] for w in words).lower())
    return out


# A name turned into its opposite: "anti-Taliban resistance" does not name the Taliban's side.
_OPPOSED_NAME_RE = re.compile(r"\b(?:anti|non)-([A-Z][\w'’]*)")


# A service the verb of a passage names: "Mujahid tweeted" says he said it on Twitter.
_SERVICE_VERBS = {"twitter": r"\btweet(?:s|ed|ing)?\b"}


def names_problems(claim: str, passage: str, header: str) -> list[str]:
    text = passage + " " + header
    opposed = {m.group(1).lower(): m.group(0) for m in _OPPOSED_NAME_RE.finditer(text)}
    available = _name_words(_OPPOSED_NAME_RE.sub(" ", text)) + [
        m.group(1).lower() for m in _OPPOSED_NAME_RE.finditer(claim)]
    # What the passage's adjectives of nationality name: "the Saudi government" names Saudi
    # Arabia (WordNet's pertainyms; `DEMONYMS` where WordNet is missing).
    # (an adjective before a word, as one is used: not the "Caroline" of "Fort Caroline", which
    # WordNet has pertain to Charles I)
    available += [w for adjective in set(re.findall(r"\b([A-Z][a-z]{2,})\s+[a-z]", text))
                  for country in wordnet.pertainyms(adjective) for w in _name_words(country)]
    available += [name for name, verb in _SERVICE_VERBS.items()
                  if re.search(verb, text, re.IGNORECASE)]
    acronyms = _initials(text)
    problems = _paired_otherwise(claim, passage)
    for name in claim_names(claim):
        wanted = [w for w in _name_words(name) if w not in _TITLES]
        if all(any(_same_word(w, a) for a in available) or w in acronyms for w in wanted):
            continue
        if any(w in opposed for w in wanted):
            said = next(opposed[w] for w in wanted if w in opposed)
            problems.append(f"the cited passage says {said}, not {name}")
            continue
        if _initials(name) & set(available):
            continue  # "United Nations" for "UN"
        instead = _in_its_place(name, claim, passage)
        problems.append(f"the cited passage names {instead}, not {name}" if instead else
                        f"the cited passage does not name {name}")
    # (a name the passage does not give says more than a description it gives another)
    return problems or _described_otherwise(claim, passage)


_PEOPLE_NOUN_RE = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,3})([a-z]{4,})\b")
_NAME_OF_RE = re.compile(r"\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+of\s+"
                         r"(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


def _pairs(text: str) -> list[tuple[str, str, str]]:
    """What a text pairs with what: a people and the noun it qualifies ("Spanish soldiers":
    soldier, spanish) and a name and the place it is "of" ("Ratzel of Germany": ratzel,
    germany), each as (what, with what, as written)."""
    out = []
    for match in _PEOPLE_NOUN_RE.finditer(text):
        # every people of the name before the noun: "the French North American colonies"
        for people in match.group(1).lower().split():
            if people in DEMONYMS or wordnet.pertainyms(people):
                out.append((_stem(match.group(2)), people, match.group(0)))
    for match in _NAME_OF_RE.finditer(text):
        out.append((" ".join(_name_words(match.group(1))[-1:]),
                    " ".join(_name_words(match.group(2))), match.group(0)))
    return out


def _paired_otherwise(claim: str, passage: str) -> list[str]:
    """A pairing the passage makes otherwise and never as the claim does: "Spanish soldiers"
    where it has only "French soldiers", "Mackinder of Germany" where it has "Mackinder of
    Britain"."""
    theirs = _pairs(passage)
    for what, with_what, written in _pairs(claim):
        said = [w for x, y, w in theirs if x == what]
        if said and not any(x == what and _same_word(y.split()[0], with_what.split()[0])
                            for x, y, _ in theirs):
            return [f"the cited passage says {said[0]}, not {written}"]
    return []


# A definite description set beside a name by commas, after it ("Faizabad, the capital of
# Badakhshan,") or before it ("the region's biggest city, Mazar-i-Sharif").
_DESCRIPTION_END = r"(?=\s*(?:[,.;:!?()—–]|$)|\s+(?:and|which|who|that|where)\b)"
_DESCRIPTION_AFTER_RE = re.compile(r"^,\s+the\s+([^,.;:!?()—–]{3,60}?)" + _DESCRIPTION_END)
_DESCRIPTION_BEFORE_RE = re.compile(r"((?:[a-z][\w’'-]*\s+){1,3}[a-z][\w’'-]*),\s+$")
DESCRIPTION_SHARED = 2  # content words two descriptions share to describe one thing


def _described(text: str) -> list[tuple[str, set[str]]]:
    """Names a text describes in apposition, each with its description's content-word stems."""
    out = []
    for name in _titled_names(text):
        after = _DESCRIPTION_AFTER_RE.match(text[name.end :])
        before = _DESCRIPTION_BEFORE_RE.search(text[max(0, name.start - 60) : name.start])
        for found in (after, before):
            if found:
                out.append((_POSSESSIVE_RE.sub("", name.text),
                            {_stem(w) for w in _content(_tokens(found.group(1)))}))
    return out


def _described_otherwise(claim: str, passage: str) -> list[str]:
    """A description the passage gives another name than the claim does, and never the claim's:
    "Kunduz, the region's biggest city" where the passage has "the region's biggest city,
    Mazar-i-Sharif"."""
    theirs = _described(passage)
    for name, description in _described(claim):
        alike = [(other, d) for other, d in theirs
                 if len(description & d) >= DESCRIPTION_SHARED]
        if alike and not any(_same_name(name, other) for other, _ in alike):
            other = alike[0][0]
            if not any(_same_name(other, n) for n in claim_names(claim)):
                return [f"the cited passage says that of {other}, not {name}"]
    return []


def _in_its_place(name: str, claim: str, text: str) -> str | None:
    """The name of the passage that the claim seems to have replaced: one the claim does not
    use, with the most words around it in common with the words around `name` in the claim."""
    def around(span_text: str, where: str) -> set[str]:
        at = where.find(span_text)
        return {_stem(w) for w in _tokens(where[max(0, at - 40) : at + len(span_text) + 40])
                if w not in _GLUE} - {_stem(w) for w in _tokens(span_text)}

    context = around(name, claim)
    claimed = _name_words(claim)
    candidates = [n.text for n in _names(text) if not any(
        _same_word(w, x) for w in _name_words(n.text) for x in claimed)]
    return max(candidates, key=lambda n: len(around(n, text) & context), default=None)


# -- numbers and dates ----------------------------------------------------------------------------

_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SMALL = {**NUMBER_WORDS, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, **_TENS, "dozen": 12}
for _word in _MULTIPLIERS:
    _SMALL.pop(_word, None)
_ORDINAL_WORDS = {**ORDINALS, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                  "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "hundredth": 100}
_FRACTIONS = {**_ORDINAL_WORDS, "quarter": 4}  # the parts a whole is counted in
_NUMBER_TOKEN_RE = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?\b(?:[\s-]+(hundred|thousand|million|billion)\b)?"
    r"|\b(" + "|".join(sorted([*_SMALL, *_ORDINAL_WORDS, "half", "quarter"], key=len,
                              reverse=True))
    + r")(?:[\s-]+(" + "|".join(sorted([*(set(NUMBER_WORDS) - set(_MULTIPLIERS)), *_ORDINAL_WORDS,
                                         *(f"{o}s" for o in _ORDINAL_WORDS), "quarter",
                                         "quarters"], key=len, reverse=True))
    + r"))?"
    r"(?:[\s-]+(hundred|thousand|million|billion)\b)?\b",
    re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(1\d{3}|20\d{2})(?:s\b)?")
_MONTHS = "|".join(m.capitalize() for m in MONTHS)
_MONTH_RE = re.compile(r"\b(" + _MONTHS + r")\b")
# A weekday, also in the plural ("on Thursdays"), captured in the singular.
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(d.capitalize() for d in WEEKDAYS) + r")s?\b")
# Time phrases relative to the day of writing: a claim may repeat them, not change them.
_RELATIVE_RE = re.compile(
    r"\b(yesterday|today|tonight|last night|overnight|this (?:morning|afternoon|evening|week|"
    r"month|year)|last (?:week|weekend|month|year)|earlier this (?:week|month|year)|"
    r"next (?:week|month|year)|(?:\w+ )(?:hours|days|weeks|months|years) (?:ago|earlier|later))\b",
    re.IGNORECASE)

# A stretch before the day of writing, told as a reported answer tells it ("the previous week",
# "the night before"), and the passage's phrases that say the same (or, by `_relative_kind`, the
# same in other words: "overnight").
_BEFORE_WRITING = {"night": {"last night"}, "evening": {"last night"},
                   "day": {"yesterday"}, "week": {"last week", "last weekend"},
                   "weekend": {"last weekend"}, "month": {"last month"}, "year": {"last year"}}
_BEFORE_WRITING_RE = re.compile(r"\bthe (?:previous|preceding) (night|evening|day|weekend|week|"
                                r"month|year)\b|\bthe (night|evening|day|weekend|week|month|year) "
                                r"before\b(?! (?:the|a|an|his|her|their|its)\b)", re.IGNORECASE)


_YEAR_RANGE_RE = re.compile(r"\b(?:1\d{3}|20\d{2})\s*[–—-]\s*$")


def _relative_kind(phrase: str) -> str:
    """What a relative time phrase says, whatever its wording: "overnight" is "last night", and
    "a few days later" and "days later" are one stretch (a count given is the figure check's)."""
    lower = phrase.lower()
    if lower == "overnight":
        return "last night"
    return " ".join(lower.split()[-2:]) if re.search(r"\b(?:ago|earlier|later)$", lower) else lower


def _reads_as_fraction(text: str, match: re.Match[str]) -> bool:
    """Whether an ordinal reads as a fraction: "a"/"an" before it and "of", "the" or "as" after
    ("an eighth of the number", "an eighth as many"), not "a third city"."""
    return bool(re.search(r"\ban?\s+$", text[: match.start()], re.IGNORECASE)
                and re.match(r"\s+(?:of|the|as)\b", text[match.end() :]))


def numbers_in(text: str) -> list[tuple[str, float]]:
    """The figures a text states, each as (how it is written, value). Years are the date check's;
    "one" alone is left out: it is more often a pronoun ("one of the cities") than a count."""
    return [(match.group(0).strip(), value) for match, value in _figures(text)]


def _figures(text: str) -> list[tuple[re.Match[str], float]]:
    """`numbers_in` with where each figure is."""
    found = []
    for match in _NUMBER_TOKEN_RE.finditer(text):
        digits, multiplier, word, second, word_multiplier = match.groups()
        if digits:
            raw = digits.rstrip(",.")
            if re.fullmatch(r"1\d{3}|20\d{2}", raw) and not multiplier:
                continue
            if len(raw) == 2 and _YEAR_RANGE_RE.search(text[: match.start()]):
                continue  # the end of a span of years: "1073–74"
            value = float(raw.replace(",", ""))
            value *= _MULTIPLIERS.get((multiplier or "").lower(), 1)
        else:
            lowered = word.lower()
            if (second or "").lower().startswith("quarter") and lowered not in _SMALL:
                second = None  # "the first quarter" is no fraction
            if lowered in ("one", "first") and not second and not word_multiplier:
                continue
            if lowered == "quarter" and not _reads_as_fraction(text, match):
                continue  # "the French quarter", "the first quarter"
            value = float(_SMALL.get(lowered) or _ORDINAL_WORDS.get(lowered) or 0.5)
            denominator = _FRACTIONS.get((second or "").lower().removesuffix("s"))
            if second and denominator and value < 10:
                value /= denominator  # a fraction: "one-eighth", "two thirds"
            elif second:
                value += _SMALL.get(second.lower()) or _ORDINAL_WORDS.get(second.lower()) or 0
            elif lowered in _FRACTIONS and _reads_as_fraction(text, match):
                value = 1 / _FRACTIONS[lowered]  # "an eighth of", "a third the size"
            value *= _MULTIPLIERS.get((word_multiplier or "").lower(), 1)
        found.append((match, value))
    return found


def _dates_from(text: str, published: Sequence[str]) -> list[date]:
    """The calendar days a passage makes certain: its publication dates and, for each weekday or
    relative day it names, that day (a weekday is the most recent such day on or before
    publication; "last month" and "last year" give their month and year)."""
    days = []
    for iso in published:
        day = iso_day(iso[:10])
        if day is None:
            continue
        days.append(day)
        for name in _WEEKDAY_RE.findall(text):
            back = (day.weekday() - WEEKDAYS.index(name.lower())) % 7
            days.append(day - timedelta(days=back))
        if re.search(r"\byesterday\b|\blast night\b", text, re.IGNORECASE):
            days.append(day - timedelta(days=1))
        if re.search(r"\blast week\b", text, re.IGNORECASE):
            days.append(day - timedelta(days=7))
        if re.search(r"\blast month\b", text, re.IGNORECASE):
            days.append((day.replace(day=1) - timedelta(days=1)).replace(day=1))
        if re.search(r"\blast year\b", text, re.IGNORECASE):
            days.append(day.replace(year=day.year - 1, day=1))
    return days


# A stretch of time ("two weeks", "a day", "48 hours"; not a vague "several days") and a time of
# day: a claim may not change the unit.
_DURATION_RE = re.compile(
    r"\b(\d[\d,.]*|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r"|a|an)"
    r"[\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))\b",
    re.IGNORECASE)
_TIME_OF_DAY = {"morning": "am", "am": "am", "a.m": "am", "dawn": "am", "afternoon": "pm",
                "evening": "pm", "night": "pm", "pm": "pm", "p.m": "pm", "midnight": "pm",
                "noon": "noon", "midday": "noon"}
_TIME_OF_DAY_RE = re.compile(r"\b(" + "|".join(re.escape(t) for t in _TIME_OF_DAY) + r")\b",
                             re.IGNORECASE)


_DAY_OF_MONTH_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? (?:" + _MONTHS + r")\b"
                              r"|\b(?:" + _MONTHS + r") (\d{1,2})(?:st|nd|rd|th)?\b")


def _days_of_month(text: str) -> list[tuple[str, int]]:
    """Days of the month written next to their month ("11 August", "August 11th")."""
    out = []
    for match in _DAY_OF_MONTH_RE.finditer(text):
        digits = match.group(1) or match.group(2)
        out.append((match.group(0), int(digits)))
    return out


_CENTURY_RE = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)|[a-z]+)[\s-]+century\b", re.IGNORECASE)


def _centuries(text: str) -> set[int]:
    """The centuries a text names ("the early 18th century", "the eighteenth century"): a claim
    may say "the 1700s"."""
    out = set()
    for match in _CENTURY_RE.finditer(text):
        ordinal = match.group(1).lower()
        number = int(ordinal[:-2]) if ordinal[0].isdigit() else _ORDINAL_WORDS.get(ordinal)
        if number:
            out.add(number)
    return out


def _years_as_named(claim: str, header: str) -> str:
    """The header without the years in it that the claim does not use as its name does: "the
    1973 oil crisis" may be named from a title "1973 oil crisis", but "on August 15, 1973" is
    no date the title gives."""
    def as_named(match: re.Match[str]) -> str:
        after = re.match(r"[\s-]+(\w+)", header[match.end() :])
        named = after and re.search(r"\b" + re.escape(match.group(0)) + r"[\s-]+"
                                    + re.escape(after.group(1)) + r"\b", claim, re.IGNORECASE)
        return match.group(0) if named else " "
    return _YEAR_RE.sub(as_named, header)


def date_problems(claim: str, text: str, published: Sequence[str]) -> list[str]:
    days = _dates_from(text, published)
    problems = []
    years = set(_YEAR_RE.findall(text)) | {str(d.year) for d in days}
    centuries = {str((n - 1) * 100) for n in _centuries(text)}
    for year in _YEAR_RE.findall(claim):
        if year not in years and not (year in centuries and f"{year}s" in claim):
            problems.append(f"the cited passage does not give the year {year}")
    months = {m.lower() for m in _MONTH_RE.findall(text)} | {MONTHS[d.month - 1] for d in days}
    for month in _MONTH_RE.findall(claim):
        if month.lower() not in months:
            problems.append(f"the cited passage does not say {month}")
    stated_days = {day for _, day in _days_of_month(text)} | {d.day for d in days}
    for written, day in _days_of_month(claim):
        if day not in stated_days:
            problems.append(f"the cited passage does not give the date {written}")
    weekdays = {w.lower() for w in _WEEKDAY_RE.findall(text)} | {WEEKDAYS[d.weekday()]
                                                                 for d in days}
    for weekday in _WEEKDAY_RE.findall(claim):
        if weekday.lower() not in weekdays:
            said = [w.capitalize() for w in _WEEKDAY_RE.findall(text)]
            problems.append(f"the cited passage says {said[0]}, not {weekday}" if said else
                            f"the cited passage does not say {weekday}")
    relative = {r.lower() for r in _RELATIVE_RE.findall(text)}
    kinds = {_relative_kind(r) for r in relative}
    for found in _RELATIVE_RE.finditer(claim):
        phrase = found.group(1)
        if claim[found.end() : found.end() + 2] in ("'s", "’s"):
            continue  # "today's Parliament" is the present one, not one of the day of writing
        if phrase.lower() not in relative and _relative_kind(phrase) not in kinds:
            problems.append(f"the cited passage does not say \"{phrase}\"")
    # The same stretch told from the day of writing ("the previous week" is "last week"): held
    # against the passage's own such phrase only, as a date it gives may be that stretch.
    for match in _BEFORE_WRITING_RE.finditer(claim):
        told_so = _BEFORE_WRITING[(match.group(1) or match.group(2)).lower()]
        if relative and not kinds & {_relative_kind(r) for r in told_so}:
            problems.append(f"the cited passage says \"{sorted(relative)[0]}\", not "
                            f"\"{match.group(0)}\"")
    units = {_unit(u) for _, u in _DURATION_RE.findall(text)}
    for amount, unit in _DURATION_RE.findall(claim):
        if _unit(unit) not in units and not (amount.lower() in ("a", "an")
                                             and _one_unspecified(_unit(unit), text)):
            # The stretch of the same length first ("26 seconds" for "26 minutes").
            given = sorted((f"{a} {u}" for a, u in _DURATION_RE.findall(text)),
                           key=lambda g: not g.startswith(amount + " "))
            problems.append(f"the cited passage says {given[0]}, not {amount} {unit}" if given
                            else f"the cited passage does not say {amount} {unit}")
    problems += _swapped_years(claim, text)
    times = {_TIME_OF_DAY[t.lower()] for t in _TIME_OF_DAY_RE.findall(text)}
    for when in _TIME_OF_DAY_RE.findall(claim):
        if times and _TIME_OF_DAY[when.lower()] not in times:
            problems.append(f"the cited passage gives another time of day than \"{when}\"")
    return problems


YEAR_CONTEXT = 4  # content words on each side of a year (or count) that say what it dates
YEAR_SWAPPED = 3  # how many more of them another year of the passage must share
COUNT_SWAPPED = 2  # the same for a count, which has fewer words around it


def _figure_context(text: str, at: int, end: int) -> set[str]:
    """Stems of the content words around the year or count at text[at:end], within its sentence
    and not past another figure ("from 13.5 miles per gallon in 1970 to 17.4 by 1985": nothing is
    said of 1985 but that)."""
    first, last = next(((a, b) for a, b in sentence_spans(text) if a <= at < b), (0, len(text)))
    before = _content(_tokens(re.split(r"\d", text[first:at])[-1]))[-YEAR_CONTEXT:]
    after = _content(_tokens(re.split(r"\d", text[end:last])[0]))[:YEAR_CONTEXT]
    return {_stem(w) for w in before + after}


def _swapped_years(claim: str, text: str) -> list[str]:
    """A year the passage gives, but for another event: "first presented in the summer of 1964"
    where it says "first presented in the summer of 1961 ... and finally in report RM 3420 in
    1964"."""
    return _given_for_another(claim, [(m, m.group(0)) for m in _YEAR_RE.finditer(claim)],
                              text, [(m, m.group(0)) for m in _YEAR_RE.finditer(text)],
                              YEAR_SWAPPED)


def _given_for_another(claim: str, claimed: Sequence[tuple[re.Match[str], object]], text: str,
                       stated: Sequence[tuple[re.Match[str], object]], margin: int,
                       across_sentences: bool = False) -> list[str]:
    """Figures of the claim (each a match and what it is: a year's digits, a count's value) that
    the passage gives, but with the words around another figure of its own: one the claim's
    figure shares at least `margin` more words of context with than with any place the passage
    gives it. With `across_sentences`, only figures of other sentences than those count."""
    sentences = sentence_spans(text) if across_sentences else []

    def sentence_of(m: re.Match[str]) -> int:
        return next((i for i, (a, b) in enumerate(sentences) if a <= m.start() < b), -1)

    problems = []
    for figure, key in claimed:
        mine = _figure_context(claim, figure.start(), figure.end())
        own = [(len(mine & _figure_context(text, m.start(), m.end())), m) for m, k in stated
               if k == key]
        taken = {sentence_of(m) for _, m in own} if across_sentences else set()
        others = [(len(mine & _figure_context(text, m.start(), m.end())), m.group(0).strip())
                  for m, k in stated if k != key and not (taken and sentence_of(m) in taken)]
        best = max(others, default=(0, ""))
        if own and best[0] >= max(n for n, _ in own) + margin:
            problems.append(f"the cited passage gives {best[1]} for that, not "
                            f"{figure.group(0).strip()}")
    return problems


def _unit(word: str) -> str:
    return word.lower().rstrip("s").replace("centurie", "century")


def _one_unspecified(unit: str, text: str) -> bool:
    """Whether a text speaks of one `unit` without a figure ("the next day", "of the year"): what
    a claim's "a day later" or "a year of 365.2425 days" may stand for."""
    return bool(re.search(r"\b(?:the|a|an|per|each|every|that|this)\s+(?:(?:next|same|following|"
                          r"whole|entire|previous)\s+)?" + re.escape(unit) + r"\b", text,
                          re.IGNORECASE))


# What stands between two names of one list: a comma, "and", either with "the".
_LIST_JOINT_RE = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?|,\s*(?:the\s+)?")


def _list_lengths(text: str) -> set[float]:
    """How many names each list of names in a text has ("only by Pakistan, the United Arab
    Emirates and Saudi Arabia": 3): a count of them ("only three countries") is what it says.

    >>> sorted(_list_lengths("It took Kunduz, Sar-e-Pol and Taloqan, then Sheberghan."))
    [3.0]
    """
    runs: list[list[Span]] = []
    for span in _names(text):
        if runs and _LIST_JOINT_RE.fullmatch(text[runs[-1][-1].end : span.start]):
            runs[-1].append(span)
        else:
            runs.append([span])
    return {float(len(run)) for run in runs
            if len(run) >= 2 and " and " in text[run[0].start : run[-1].end]}


_SHARE_RE = re.compile(r"\b(\w+)\s+(?:in|out of)\s+(?:every\s+)?(\w+)\b"
                       r"|\b(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b)", re.IGNORECASE)


def _shares(text: str, figures: Sequence[tuple[re.Match[str], float]]
            ) -> list[tuple[int, int, float]]:
    """The shares a text gives (its `figures` read already), each where it is and as a
    fraction: "one in five", "a fifth" and "20%" are all 0.2."""
    out = [(m.start(), m.end(), value) for m, value in figures
           if 0 < value < 1 and not m.group(1)]
    for match in _SHARE_RE.finditer(text):
        part, whole, percent = match.groups()
        if percent:
            out.append((match.start(), match.end(), float(percent) / 100))
            continue
        values = [float(w) if w.isdigit() else _SMALL.get(w.lower()) for w in (part, whole)]
        if values[0] and values[1] and values[0] < values[1]:
            out.append((match.start(), match.end(), values[0] / values[1]))
    return out


def number_problems(claim: str, text: str) -> list[str]:
    stated, claimed = _figures(text), _figures(claim)
    values = {value for _, value in stated} | _list_lengths(text)
    # A share given another way ("one in five" for "20%"): its figures are checked as one.
    shares = {round(share, 4) for _, _, share in _shares(text, stated)}
    as_shares = [(start, end) for start, end, share in _shares(claim, claimed)
                 if round(share, 4) in shares]
    problems = []
    for match, value in claimed:
        written = match.group(0).strip()
        if value in values or any(written in w for w, _ in _days_of_month(claim)):
            continue  # a day of the month is the date check's
        if any(start <= match.start() < end for start, end in as_shares):
            continue
        given = [m.group(0).strip() for m, _ in stated]
        problems.append(f"the cited passage gives {given[0]}, not {written}" if len(given) == 1
                        else f"the cited passage does not give {written}")
    # Figures the passage gives, but each for what the other counts: "about 500 were killed ...
    # the remaining 1,000 retreated" where it says 1,000 were killed and the remaining 500
    # retreated. Only between figures of different sentences of the passage: two in one phrase
    # ("from 13.5 to 17.4 miles per gallon") share every word around them.
    return problems or _magnitude_problems(claim, text) or _given_for_another(
        claim, claimed, text, stated, COUNT_SWAPPED, across_sentences=True)


# A count given only by its order of magnitude: "thousands of families" is not "hundreds".
_MAGNITUDE_RE = re.compile(r"\b(dozens|scores|hundreds|thousands|millions|billions)\s+of\b",
                           re.IGNORECASE)


def _magnitude_problems(claim: str, text: str) -> list[str]:
    """A claim's order of magnitude where the passage gives another and not that one."""
    given = {m.group(1).lower() for m in _MAGNITUDE_RE.finditer(text)}
    for match in _MAGNITUDE_RE.finditer(claim):
        if given and match.group(1).lower() not in given:
            return [f"the cited passage says {sorted(given)[0]}, not {match.group(1).lower()}"]
    return []


# -- polarity -------------------------------------------------------------------------------------

# Besides the question reader's negations, verbs that say a state ended or was missing ("ceased
# to be the state religion", "the Normans lacked").
_NEGATION_RE = re.compile(NEGATION_RE.pattern + r"|\b(?:ceas(?:e|es|ed|ing) to|"
                          r"stopp(?:ed|ing)|lack(?:s|ed|ing)?)\b", re.IGNORECASE)
# Words a negation passes over to reach what it negates ("did not even manage to reach").
_NEGATION_SKIP = {"be", "been", "being", "was", "were", "is", "are", "have", "has", "had", "do",
                  "does", "did", "to", "a", "an", "the", "any", "even", "yet", "able", "manage",
                  "managed", "that", "it", "they", "he", "she", "its", "their", "his", "her",
                  "also", "actually", "entirely", "fully", "immediately", "so", "much", "more",
                  "longer", "of", "in", "at", "on", "by", "we", "i"}
# Opposite words: a claim using one where its passage uses the other says the opposite. Each is
# the beginning of the words' stems ("peac", not "peace": stemmed, "peace" is "peac"). Not
# "before" and "after": a claim rewords "A before B" as "B after A" (once they were stemmed
# right, the pair rejected four right claims of the dev sets for one wrong one).
_OPPOSITES = [
    ("increas", "decreas"), ("increas", "reduc"), ("increas", "cut"), ("boost", "cut"),
    ("rise", "fall"), ("rose", "fell"), ("gain", "los"), ("win", "los"),
    ("won", "lost"), ("victor", "defeat"), ("allow", "ban"), ("allow", "forb"),
    ("permit", "prohibit"), ("accept", "reject"), ("support", "oppos"), ("succe", "fail"),
    ("strengthen", "weaken"), ("support", "oppon"), ("propon", "oppon"), ("larg", "small"),
    ("more", "fewer"), ("more", "less"),
    ("high", "low"), ("earl", "lat"), ("first", "last"), ("major", "minor"), ("north", "south"),
    ("east", "west"), ("advanc", "retreat"), ("attack", "defen"), ("captur", "repel"),
    ("captur", "recaptur"), ("enter", "left"), ("open", "clos"), ("legal", "illeg"),
    ("agre", "disagre"), ("includ", "exclud"), ("rich", "poor"),
    ("ris", "declin"), ("expand", "shrank"), ("expand", "contract"), ("join", "left"),
    ("import", "export"), ("buy", "sell"), ("bought", "sold"), ("arriv", "depart"),
    ("remain", "left"), ("protest", "cathol"), ("friend", "enem"), ("alli", "enem"),
    ("surrend", "resist"), ("abolish", "establish"), ("upper", "lower"), ("peac", "war"),
    # for or against, and a captive's fate
    ("champion", "oppos"), ("favo", "oppos"), ("advoc", "oppos"), ("eager", "indiffer"),
    ("eager", "reluct"), ("spare", "massacr"), ("spare", "kill"), ("spare", "execut"),
    # going on or ending, staying or being taken away
    ("continu", "suspend"), ("continu", "halt"), ("kept", "withdr"),
    ("expand", "curb"), ("expand", "curtail"), ("expand", "restrict"), ("welcom", "resist"),
]


def _unprefixed(word: str) -> str:
    """A word without its negating prefix: "unused" -> "used", "non-binding" -> "binding"."""
    return word.removeprefix("non").removeprefix("un").lstrip("-")


_FUTILE_RE = re.compile(r"\b(?:to no avail|in vain|without success|unsuccessful(?:ly)?|"
                        r"fruitless(?:ly)?|futile|c[ao]me to nothing|amounted to nothing)\b",
                        re.IGNORECASE)
_SUCCESS_RE = re.compile(r"\b(?:success(?:ful(?:ly)?)?|succeed(?:ed|s)?)\b", re.IGNORECASE)


_SCANT_RE = re.compile(r"\b(?:little|few|scant|scarce|hardly any|scarcely any|limited)\s+"
                       r"(?:[a-z]+\s+)?([a-z]{4,})\b", re.IGNORECASE)
_MUCH_RE = re.compile(r"\b(?:broad|wide|widespread|much|strong|considerable|great|"
                      r"overwhelming|significant|substantial|many|plenty of|ample|extensive)\s+"
                      r"(?:[a-z]+\s+)?([a-z]{4,})\b", re.IGNORECASE)


def _word_at(stem: str, text: str) -> str:
    """The word of a text that begins with a stem ("fell" for "fel")."""
    found = re.search(r"\b" + re.escape(stem) + r"\w*", text, re.IGNORECASE)
    return found.group(0) if found else stem


def _clause_tokens(text: str) -> list[str]:
    """Lower-case words, possessives dropped ("Taliban’s" -> "taliban"), and punctuation."""
    return [t.lower().replace("’", "'").removesuffix("'s") for t in _TOKEN_RE.findall(text)]


def _tokens(text: str) -> list[str]:
    """Lower-case words, possessives dropped."""
    return [t for t in _clause_tokens(text) if t[0].isalnum()]


def negated_words(text: str, past_glue: bool = True) -> list[list[str]]:
    """Each negation in a text with the content words it reaches, up to the end of its clause
    ("did not even reach the city" -> reach, city). Glue words are passed over ("did not say how
    they captured" -> captured), or with `past_glue=False` kept (-> say, how, captured)."""
    def reachable(words: str) -> list[str]:
        return [w for w in _tokens(words) if w not in _NEGATION_SKIP
                and (w not in _GLUE or not past_glue) and not w[0].isdigit()]

    futile = [(f.start(), f.end()) for f in _FUTILE_RE.finditer(text)]
    out = []
    for match in _NEGATION_RE.finditer(text):
        if match.group(0).lower() == "no" and _ANSWER_MARK_RE.match(text[match.end() :]):
            continue  # "No, ..." answers a question; the clause after it says what is denied
        if match.group(0).lower() in ("no", "not") and _BOUND_RE.match(text[match.end() :]):
            continue  # "no fewer than five" is at least five: a bound, not a denial
        if any(start <= match.start() < end for start, end in futile):
            continue  # "to no avail", "came to nothing": the futility check compares those
        clause = re.split(r"[.;:!?,“”\"]", text[match.end() :], maxsplit=1)[0]
        # ...and up to the next negation, which negates what follows it: "refused to promise
        # that they would not cross" negates promising, and then crossing.
        following = _NEGATION_RE.search(clause)
        clause = clause[: following.start()] if following else clause
        reached = reachable(clause)
        # A denial in the passive denies its subject: "the principle was rejected by the
        # government" rejects the principle, as "the government rejected the principle" does.
        before = text[: match.start()]
        if _NEGATING_VERB_RE.fullmatch(match.group(0)) and _PASSIVE_BEFORE_RE.search(before):
            reached = reachable(re.split(r"[.;:!?,“”\"]", before)[-1]) + reached
        out.append(reached[:NEAR_WORDS])
    return out


_ANSWER_MARK_RE = re.compile(r"\s*[,:;.!–—]|\s+-\s")  # "No, ...", "No - ...", "No: ..."
_BOUND_RE = re.compile(r"\s+(?:fewer|less|more|later|earlier|sooner|longer)\s+than\b",
                       re.IGNORECASE)
_NEGATING_VERB_RE = re.compile(r"den(?:ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?", re.IGNORECASE)
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:[a-z]+ly\s+)?$",
                                re.IGNORECASE)


def negates_what_is_asked(question: str, text: str) -> bool:
    """Whether a text negates what a negated question asks about: a negation in it reaches a word
    of the same stem as, or a WordNet synonym of, one of the first two words the question's
    negation reaches ("...without being able to hold it?": "failed to maintain control"). A
    question whose negation reaches no word needs only a negation.

    >>> negates_what_is_asked("Which city did they fail to hold?", "They could not hold Kunduz.")
    True
    >>> negates_what_is_asked("What techniques did medicine never include?",
    ...                       "No translation of Western medical works is known.")
    False
    >>> negates_what_is_asked("Didn't they admit it had fallen?", "They are denying it fell.")
    True
    """
    asked, asked_stems = _negated_in_question(question)
    said = [w for reached in negated_words(text) for w in reached]
    if not asked:
        return bool(_NEGATION_RE.search(text))
    if asked_stems & {_stem(w) for w in said}:
        return True
    if any(w.lower() in wordnet.synonyms(a) for a in asked for w in said):
        return True
    # ...or says the opposite in so many words: "didn't admit it had fallen" is "denied it"
    stems = {_stem(w) for w in _tokens(text)}
    return any(_stem(opposite) in stems for a in asked for opposite in wordnet.antonyms(a))


@lru_cache(maxsize=256)
def _negated_in_question(question: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The first two words each negation of a question reaches, and their stems: read once a
    question, not once for each window it is asked of."""
    asked = tuple(w for reached in negated_words(question) for w in reached[:2])
    return asked, frozenset(_stem(a) for a in asked)


def polarity_problems(claim: str, text: str, words: WordMeanings) -> list[str]:
    problems = []
    claim_tokens, text_tokens = _tokens(claim), _tokens(text)
    claim_negations = negated_words(claim)
    text_negations = negated_words(text)
    for reached in claim_negations:
        # A negation in the claim needs one in the passage about the same thing...
        first = reached[:2]
        if first and not any(words.same(w, other) for w in first
                             for negated in text_negations for other in negated):
            problems.append(f"the cited passage does not say \"not {first[0]}\"")
    claim_stems = {_stem(w) for w in claim_tokens}
    negated_in_claim = {_stem(w) for reached in claim_negations for w in reached}
    # Claim words in any form ("richer" for "rich"), unless the claim negates them too.
    stated = [w for w in claim_tokens if _stem(w) not in negated_in_claim]
    named = {w for name in claim_names(text) for w in _name_words(name)}
    # (verbs in any form: "failed to make any headway" against "made inroads")
    stated_verbs = {wordnet.verb_lemma(w) for w in stated
                    if wordnet.is_a_verb(w)} if text_negations else set()
    for reached in text_negations:
        # ...and what the passage negates, a claim that states it must negate too (a name is
        # not what is negated: "not until 1271 that Kublai proclaimed").
        if reached and reached[0] not in named and (
                _stem(reached[0]) in claim_stems - negated_in_claim
                or any(_same_word(reached[0], w) for w in stated)
                or wordnet.is_a_verb(reached[0])
                and wordnet.verb_lemma(reached[0]) in stated_verbs):
            problems.append(f"the cited passage says \"not {reached[0]}\"")
    text_stems = {_stem(w) for w in text_tokens}
    for a, b in _OPPOSITES:
        for said, opposite in ((a, b), (b, a)):
            if (any(s.startswith(said) for s in claim_stems)
                    and not any(s.startswith(said) for s in text_stems)
                    and any(s.startswith(opposite) for s in text_stems)
                    and not any(s.startswith(opposite) for s in claim_stems)):
                problems.append(f"the cited passage says \"{_word_at(opposite, text)}\", not "
                                f"\"{_word_at(said, claim)}\"")
    # Any other opposites WordNet knows ("willing" and "unwilling", "appreciate" and
    # "depreciation"), by stem; not an adverb in -ly, which a stem cannot tell from its adjective
    # ("largely" is not "large", the opposite of "little").
    claim_words = _content(claim_tokens)
    claim_content = {_stem(w) for w in claim_words}
    text_forms = {_stem(w) for w in text_tokens if not w.endswith("ly")}
    for word in claim_words:
        if _stem(word) in text_stems:
            continue
        opposites = [a for a in _content(wordnet.antonyms(word))
                     if _stem(a) in text_forms and _stem(a) not in claim_content]
        if opposites:
            problems.append(f"the cited passage says \"{_word_at(_stem(opposites[0]), text)}\", "
                            f"not \"{word}\"")
            break
    # A word the passage has only with "un-" or "non-" before it ("considered it unused" against
    # "heavily used").
    unsaid: dict[str, str] = {}  # the passage's un- and non- words, by the stem they negate
    for w in text_tokens:
        if w.startswith(("un", "non")) and w not in _GLUE and len(_unprefixed(w)) > 3:
            unsaid.setdefault(_stem(_unprefixed(w)), w)
    for word in () if problems else claim_words:
        denied = unsaid.get(_stem(word)) if _stem(word) not in text_stems else None
        if denied and not re.search(
                r"\b(?:little|few|hardly|scarcely|barely|no|not|without|lack of)\s+(?:\w+\s+)?"
                + re.escape(word), claim, re.IGNORECASE):  # "little interest": uninterested
            problems.append(f"the cited passage says \"{denied}\", not \"{word}\"")
            break
    # Success where the passage says it came to nothing ("successfully besieged" against
    # "besieged ... but to no avail").
    futile, success = _FUTILE_RE.search(text), _SUCCESS_RE.search(claim)
    if futile and success and not _FUTILE_RE.search(claim):
        problems.append(f"the cited passage says \"{futile.group(0)}\", not "
                        f"\"{success.group(0)}\"")
    # Much of what the passage says there was little of ("enjoyed broad support" against "had
    # little support").
    for scant in _SCANT_RE.finditer(text):
        noun = _stem(scant.group(1))
        much = next((m for m in _MUCH_RE.finditer(claim) if _stem(m.group(1)) == noun), None)
        if much and not any(_stem(m.group(1)) == noun for m in _SCANT_RE.finditer(claim)):
            problems.append(f"the cited passage says \"{scant.group(0)}\", not "
                            f"\"{much.group(0)}\"")
    # An outcome of fighting against its counter ("captured" against "pushed back"): the cue
    # lists the conflict finder uses for disagreeing reports.
    for cue, counter in ((OUTCOME_RE, COUNTER_RE), (COUNTER_RE, OUTCOME_RE)):
        claimed, countered = cue.search(claim), counter.search(text)
        if claimed and countered and not counter.search(claim) and not cue.search(text):
            problems.append(f"the cited passage says \"{countered.group(0)}\", not "
                            f"\"{claimed.group(0)}\"")
    return problems[:1]


# -- roles ----------------------------------------------------------------------------------------

_SPEECH = (r"(?:said|says|say|saying|told|tells|stated|states|claimed|claims|tweeted|announced|"
           r"added|noted|warned|insisted|reported|reports|wrote|posted|confirmed|declared|argued|"
           r"explained|remarks|stressed|urged|vowed|promised|pledged|admitted|acknowledged|"
           r"accused|asserted|according to|quoted|claiming|insisting|telling)")
_SPEECH_RE = re.compile(r"\b" + _SPEECH + r"\b", re.IGNORECASE)
# Between a speaker and the verb: "Azimi has said", "Afghan officials confirmed", "Azimi, who
# said". A comma before anything else ends the speaker's clause: in "soldiers fleeing Mazar, then
# tweeted" the one who tweeted is named earlier. "Should Mazar be confirmed" names no speaker.
_AUX = r"(?:has|had|have|also|later|then|reportedly|was|were|is|quoted as)"
_SPEAKER_GAP_RE = re.compile(
    r"^(?:\s*,\s*(?:who\s+)?(?:(?:has|had|also|was|were|is|quoted as)\s+)*"
    r"|(?:\s|\b" + _AUX + r"\b)*(?:(?!be\b|been\b)[a-z]+\s+){0,2})$")
# A speaker named by the body they speak for, or in an appositive: "a Taliban spokesman in
# Pakistan said" (Taliban, not Pakistan), "David McLetchie, the Conservative leader, insisted".
_SPEAKER_ROLE_RE = re.compile(
    r"^\s+(?:spokes(?:man|woman|men|person|people)|officials?|leaders?|commanders?|ministers?|"
    r"governor|chief|envoy|sources?|representatives?)"
    r"(?:\s+(?:in|at|for|of|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?"
    r"(?:\s+(?:has|had|have|also|later|reportedly|was|were|is))*\s*$"
    r"|^,\s+(?:the|a|an|its|his|her|their)\s[^,.;:!?]*,\s*$")
_APPOSITIVE_OF_RE = re.compile(r",\s+(?:the|a|an)\s+[a-z][\w\s-]*?\s(?:of|for|in|at)\s+")
SPEAKER_NEAR = 60  # characters before a speech verb where a speaker is named
SPEAKER_AFTER = 1  # and after it ("said Azimi"; not "claimed that the leaders of the Alliance")
_REPORTERS = {"article", "report", "reports", "passage", "text", "story", "outlet", "source",
              "sources", "media", "officials", "it", "they", "he", "she", "witnesses"}


def _speech_verbs(text: str) -> list[re.Match[str]]:
    """The verbs of saying in a text; not a capitalised one after a capitalised word, which is
    part of a name ("the United States Lord Cromer": no one states anything there)."""
    return [m for m in _SPEECH_RE.finditer(text)
            if not (m.group(0)[0].isupper() and re.search(r"[A-Z][\w.]*\s+$", text[: m.start()]))]


def claimed_speakers(claim: str) -> list[str]:
    """Who a claim says said something: the name right before a speech verb ("Azimi said"),
    right after it ("said Azimi") or after "according to"."""
    out = []
    # A possessive names whose the speaker is, not the speaker ("Afghanistan's disaster chief").
    names = [s for s in _names(claim) if not re.search(r"['’]s$", s.text)]
    for match in _speech_verbs(claim):
        if match.group(0).lower() == "according to":
            out += [s.text for s in names if 0 <= s.start - match.end() <= 5][:1]
            continue
        # The body a spokesman speaks for before the place he speaks in.
        before = [i for i, s in enumerate(names) if s.end <= match.start()
                  and _SPEAKER_ROLE_RE.match(claim[s.end : match.start()])] or [
                  i for i, s in enumerate(names) if s.end <= match.start()
                  and _SPEAKER_GAP_RE.match(claim[s.end : match.start()])]
        # "said Azimi" names the speaker; "told Reuters" names the listener.
        after = [s for s in names if 0 <= s.start - match.end() <= 1
                 and not match.group(0).lower().startswith("tel")
                 and match.group(0).lower() != "told"]
        if before:
            i = before[-1]
            # An appositive names the same speaker twice, the person first: "Fawad Aman, Deputy
            # Spokesperson of the Ministry, said", "Sultan Musavi, the police chief of
            # Nahr-e-Shahi said".
            between = claim[names[i - 1].end : names[i].start] if i else ""
            if i and (between.strip() == "," and claim[names[i].end : names[i].end + 1] == ","
                      or _APPOSITIVE_OF_RE.fullmatch(between)):
                out.append(names[i - 1].text)
            out.append(names[i].text)
        else:
            out += [s.text for s in after[:1]]
    return list(dict.fromkeys(out))  # "was quoted as saying" names the speaker once


def role_problems(claim: str, text: str, header: str, words: WordMeanings) -> list[str]:
    """Who said it, and who did what to whom."""
    # Of several cited sentences, the one that says what the claim reports says who said it:
    # "Azimi said ..." does not make Azimi the speaker of the police chief's quote beside it.
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    claimed = {_stem(w) for w in _content(_tokens(claim))}
    scope = max(sentences, key=lambda s: len(claimed & {_stem(w) for w in _content(_tokens(s))}),
                default=text)
    problems = _speaker_problems(claim, scope, header) if _SPEECH_RE.search(scope) else []
    # Unless the claim names whom that sentence says spoke ("Russia said ..." and "Russian
    # Defence Minister Sergei Shoigu said"): the other sentence may say who that was.
    claim_words = _name_words(claim)
    if problems and any(_same_word(w, c) for n in claimed_speakers(scope)
                        for w in _name_words(n) for c in claim_words):
        problems = []
    if not problems:
        problems = _speaker_problems(claim, text, header)
    return problems or _preposition_problems(claim, text) or _argument_problems(
        claim, text, words)[:1] or _voice_problems(claim, text)[:1] or _hedge_problems(
        claim, text)


# A passage that only says something seemed so, or was believed or may have been ("appeared last
# night to have captured"): a claim that states it outright reports a hedge as certain. Not
# "reportedly", which a fluent answer drops as it drops "according to".
_HEDGE_RE = re.compile(
    r"\b(?:appear(?:s|ed)?|seem(?:s|ed)?|(?:is|are|was|were) (?:believed|thought|alleged)|"
    r"allegedly|apparently|supposedly|purportedly|may(?: well)? have|might have|could have|"
    r"probably|possibly)\b((?:\s+[\w’'-]+){1,5})",
    re.IGNORECASE)
_CLAIM_HEDGE_RE = re.compile(
    r"\b(?:appear|seem|believ|thought|said|say|report|alleg|apparent|suppos|purport|claim|"
    r"accord|may|might|could|probabl|possibl|likely|suggest|understood|perhaps|unconfirmed|"
    r"unclear|uncertain|not (?:yet )?(?:confirmed|clear|certain))", re.IGNORECASE)


def _hedge_problems(claim: str, text: str) -> list[str]:
    """A verb of the claim that the passage says only appeared, was believed or may have been so,
    where the claim says it outright (no hedge, nobody said it)."""
    if _CLAIM_HEDGE_RE.search(claim):
        return []
    claimed = {_stem(w) for w in _content(_tokens(claim)) if _verb_like(w)}
    for match in _HEDGE_RE.finditer(text):
        words = _WORD_RE.findall(match.group(1))
        reached = [i for i, w in enumerate(words) if _stem(w.lower()) in claimed]
        if reached:
            said = match.group(0)[: match.group(0).index(words[reached[0]])
                                  + len(words[reached[0]])]
            return [f"the cited passage hedges it: \"{said}\""]
    return []


# Prepositions that give a name its role: bought "from" one, helped "by" another.
_ROLE_PREPOSITION_RE = re.compile(r"\b(from|by|to|against|with the help of)\s+(?:the\s+)?$",
                                  re.IGNORECASE)


def _preposition_problems(claim: str, text: str) -> list[str]:
    """A name the claim puts after a preposition ("from Jacob Leisler") where the passage puts
    another of its names after that preposition, and this one after another ("from John Pell
    ... with the help of Jacob Leisler")."""
    def roles(where: str) -> list[tuple[str, set[str], str]]:
        out = []
        for span in _names(where):
            found = _ROLE_PREPOSITION_RE.search(where[max(0, span.start - 20) : span.start])
            if found:
                out.append((found.group(1).lower(), set(_name_words(span.text)) - _TITLES,
                            span.text))
        return out
    theirs = roles(text)
    for preposition, name, written in roles(claim):
        if not name or any(p == preposition and name & n for p, n, _ in theirs):
            continue
        elsewhere = [p for p, n, _ in theirs if name & n]  # the name, after another preposition
        instead = [t for p, n, t in theirs if p == preposition and not name & n]
        if elsewhere and instead:
            return [f"the cited passage says \"{preposition} {instead[0]}\", not "
                    f"\"{preposition} {written}\""]
    return []


def _speaker_problems(claim: str, text: str, header: str) -> list[str]:
    names = _names(text)
    near_speech = " ".join(
        n.text for m in _speech_verbs(text) for n in names
        if -SPEAKER_NEAR <= n.end - m.start() and n.start - m.end() <= SPEAKER_AFTER
        and not re.search(r"[.!?]\s", text[min(n.end, m.start()) : max(n.start, m.end())])
        and not _another_clause_speaks(text, n, m, names))
    if re.search(r"\b(?:he|she)\s+(?:has\s+|had\s+)?" + _SPEECH + r"\b", text, re.IGNORECASE):
        # "..., he said": the speaker is one of the people the passage names.
        near_speech += " " + " ".join(n.text for n in names if n.kind == "person")
    spoke = _name_words(" ".join([near_speech, header, *claimed_speakers(text)]))
    for speaker in claimed_speakers(claim):
        wanted = [w for w in _name_words(speaker) if w not in _TITLES]
        if not wanted or all(w in _REPORTERS for w in wanted):
            continue
        if all(any(_same_word(w, s) for s in spoke) for w in wanted):
            continue
        # Only a passage that names who spoke can contradict the claim's speaker; otherwise the
        # names check has already asked that the speaker be in the passage at all.
        others = [n for n in claimed_speakers(text) if n != speaker]
        if others:
            return [f"the cited passage attributes it to {others[0]}, not {speaker}"]
    return []


def _another_clause_speaks(text: str, name: Span, speech: re.Match[str],
                           names: Sequence[Span]) -> bool:
    """Whether, between a name and a speech verb after it, a verb of the name's own starts
    another clause whose subject, a name, is the one that speaks: "Lord Cromer revealed
    Schlesinger had told him" (Schlesinger told him). Not a name the speaker is named by
    ("Balkh governor Mohammad Farhad Azimi has said")."""
    between = [n for n in names if name.end <= n.start and n.end <= speech.start()]
    return any(
        any(_only_ever_a_verb(w) for w in re.findall(r"[a-z]+", text[name.end : other.start]))
        for other in between)


_AUXILIARIES = {"was", "were", "been", "being", "is", "are", "be"}
_CONJUNCTIONS = {"and", "or", "but", "then"}
ARGUMENT_WORDS = 3  # content words on each side of a claim's verb (twice as many in the passage)


def _sides(tokens: list[str], i: int, reach: int = ARGUMENT_WORDS) -> tuple[list[str], list[str]]:
    """The content words before and after token i, within its clause (at most `reach`)."""
    def walk(indices: Iterable[int]) -> list[str]:
        out = []
        aside = False
        for j in indices:
            if tokens[j] in "()":
                aside = not aside  # what a bracket holds is an aside: "Countries (OAPEC, ...)"
                continue
            if aside:
                continue
            if tokens[j] in "“”\"":
                continue  # quotation marks do not end a clause
            if not re.match(r"\w", tokens[j]):
                break
            if tokens[j] not in _GLUE and tokens[j] not in _NEGATION_SKIP:
                out.append(tokens[j])
            if len(out) >= reach:
                break
        return out
    return walk(range(i - 1, -1, -1)), walk(range(i + 1, len(tokens)))


def _passive(tokens: list[str], i: int) -> bool:
    """Whether the verb at token i is passive: after a form of "be", or (a participle without
    one: "a government recognised only by Pakistan") right before its agent's "by". A verb in
    -ing is not ("have been bombarding": its doer comes before it)."""
    if tokens[i].endswith("ing"):
        return False
    return (any(t in _AUXILIARIES for t in tokens[max(0, i - 2) : i])
            or tokens[i].endswith("ed") and "by" in tokens[i + 1 : i + 3])


# Past forms that do not end in -ed: with -ed and -ing words, what the argument check pivots on.
_IRREGULAR_VERBS = set("""
took taken fell fallen fled won lost met left led held fought sent began begun drove driven gave
given made struck seized overran overrun beat beaten brought bought sold caught threw thrown
withdrew withdrawn rose told sought stood kept broke broken shot hit ran became forbade
""".split())


# Words that look like verbs by their ending and are not.
_NOT_VERBS = {"morning", "evening", "during", "nothing", "something", "anything", "everything",
              "fighting", "meeting", "according", "building", "ceiling", "wedding", "hundred",
              "kindred", "sacred", "spring"}


def _verb_like(token: str) -> bool:
    """A verb whose arguments the check compares; not a verb of saying, whose "argument" is
    what was said (who said it is the speaker check's)."""
    if _SPEECH_RE.fullmatch(token):
        return False
    return (len(token) >= 5 and token.endswith(("ed", "ing")) and token not in _GLUE
            and token not in _NOT_VERBS) or token in _IRREGULAR_VERBS


# Verbs whose object may be the subject of the same verb unchanged: "the treaty ended the war",
# "the war ended with the treaty".
_ERGATIVE = {"end", "began", "begun", "begin", "start", "open", "close", "grew", "grow",
             "collaps", "chang", "spread", "stop", "broke", "increas", "decreas", "doubl"}


def _argument_problems(claim: str, text: str, words: WordMeanings) -> list[str]:
    """Of a verb the claim shares with the passage (same stem, same voice), the name right before
    it (who did it) and right after it (to whom or what) must be among the passage's words on
    that side of it: "the Taliban left behind" is not "the enemy left behind", and "pushing the
    Afghan government" is not "pushing the hardline Islamists"."""
    # An initialism's dots end no clause: "funded by the U.S. National Science Foundation".
    claim, text = (_DOTTED_RE.sub(lambda m: m.group(0).replace(".", ""), t) for t in (claim, text))
    claim_tokens = _clause_tokens(claim)
    sentences = [_clause_tokens(text[a:b]) for a, b in sentence_spans(text)]
    text_stems = {_stem(t) for tokens in sentences for t in tokens}
    named = {w for name in claim_names(claim) for w in _name_words(name)}

    def agrees(mine: list[str], theirs: list[str]) -> bool:
        # A swap puts a name the passage uses elsewhere in this place; another word, or a name
        # the passage does not use at all, is rewording (the wording and names checks judge it).
        if not mine or not theirs or mine[0] not in named or _stem(mine[0]) not in text_stems:
            return True
        spelt_out = "".join(w[0] for w in reversed(theirs))  # "OAPEC": the words it stands for
        return any(_same_word(m, w) or (m not in named and words.same(m, w, ARGUMENT_MATCH))
                   for m in mine[:2] for w in theirs) or (  # names by spelling: Taliban is not Afghan
            len(mine[0]) >= 3 and mine[0] in spelt_out)

    for i, token in enumerate(claim_tokens):
        if not _verb_like(token) or token in named:
            continue  # (nor a word of a name: "the Presiding Officer")
        before, after = _sides(claim_tokens, i)
        arguments = {_stem(w) for w in before[:1] + after[:1] if w in named}
        # The verb in a passage sentence that also names the claim's argument: a sentence about
        # another event may use the same verb with other names.
        found = [(tokens, j) for tokens in sentences if arguments & {_stem(t) for t in tokens}
                 for j, t in enumerate(tokens) if _verb_like(t) and _stem(t) == _stem(token)]
        disagreeing: list[str] = []
        for text_tokens, j in found:
            if _passive(claim_tokens, i) != _passive(text_tokens, j):
                disagreeing = []
                break  # a change of voice moves who is where: leave it to the other checks
            text_before, text_after = _sides(text_tokens, j, 2 * ARGUMENT_WORDS)
            # A verb after "and" has its subject further back ("Normans took southern Italy
            # and founded", "Guo Shoujing, who was tasked with ... and helped"): who did it is
            # not the word before it, on either side.
            elided = _CONJUNCTIONS & {claim_tokens[i - 1] if i else "", text_tokens[j - 1]
                                      if j else ""}
            if (_stem(token) in _ERGATIVE and after
                    and any(_same_word(after[0], w) for w in text_before)):
                disagreeing = []
                break  # "the Edict ended the wars" is "the wars ended with the Edict"
            disagreeing = (
                ([f"{_display(before[0], claim)} {token}"]
                 if not elided and not agrees(before, text_before) else [])
                + ([f"{token} {_display(after[0], claim)}"]
                   if not agrees(after, text_after) else []))
            if not disagreeing:
                break  # one place in the passage where the verb has the same arguments
        if disagreeing:
            return [f"the cited passage does not say \"{disagreeing[0]}\""]
    return []


# -- who did it, across voices --------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
_PRONOUN_RE = re.compile(r"\b(?:he|she|He|She)\s+(?:[a-z]+\s+){1,2}$")  # "He was supposedly "
_BY_AGENT_RE = re.compile(r"^((?:\s+[a-z]+){0,3}?)\s+by\s+(?:the\s+)?")  # "killed with poison by"
_OBJECT_RE = re.compile(r"^\s+(?:the\s+)?")
# What may stand between who did something and the verb: "Kusala is thought to have poisoned"
_AGENT_GAP_RE = re.compile(r"^(?:\s+(?:has|had|have|is|was|were|are|thought|said|to|also|then|"
                           r"later|reportedly|allegedly|supposedly|himself|herself|\w+ly))*\s+$")
_ASIDE_RE = re.compile(r"^\s*,[^,.;:!?]{1,60},\s+$")
# What may follow a name that is the whole of what a verb was done to: not "US envoy" (a name
# before a noun) but "El Temür four days after", "the Taliban of massacring", "Kusala."
_OBJECT_END_RE = re.compile(r"^(?:\s*[,.;:!?)]|$|\s+(?:of|to|in|at|on|for|with|from|after|"
                            r"before|and|as|by|into|over|who|which|that)\b|\s+\d|\s+(?:" +
                            "|".join(NUMBER_WORDS) + r")\b)")


@dataclass(frozen=True)
class _Deed:
    """A verb of a sentence and the names around it: who did it (`agent`) and to whom
    (`patient`), whichever voice the sentence says it in."""
    stems: frozenset[str]  # the verb's stem, and those of the words up to a passive's "by"
    agent: str | None
    patient: str | None
    passive: bool = False
    by: bool = False  # a passive whose agent is given ("...by El Temür")


# A verb of saying that is done to someone: who was accused is its patient.
_ACCUSING = {"accused", "accuses", "accusing"}


def _deeds(sentence: str, before: str = "") -> list[_Deed]:
    """The deeds a sentence tells, with the names right beside their verb: "He was killed with
    poison by El Temür" (agent El Temür, patient whom "He" stands for: the first name of the
    sentence, ahead of the pronoun, or else of the one `before` it); "Kusala poisoned El Temür"
    (agent Kusala, patient El Temür).

    >>> [(sorted(d.stems), d.agent, d.patient) for d in _deeds(
    ...     "He was supposedly killed with poison by El Temür.", "Kusala died.")]
    [(['kill', 'poison'], 'El Temür', 'Kusala')]
    >>> [(sorted(d.stems), d.agent, d.patient) for d in _deeds(
    ...     "Kusala is thought to have poisoned El Temür four days after.")]
    [(['poison'], 'Kusala', 'El Temür')]
    >>> [(d.agent, d.patient) for d in _deeds("Khalilzad was pressing US officials.")]
    [('Khalilzad', None)]
    """
    names, earlier = _titled_names(sentence), _titled_names(before)

    def starting_at(at: int) -> str | None:
        found = next((n for n in names if n.start == at), None)
        if found is None:
            return None
        # A title or role and the name it goes with: "the Byzantine general Alexius Komnenos",
        # "Spanish architect Enric Miralles"
        titled = next((n for n in names if n.start > found.end and re.fullmatch(
            r"(?:\s+[a-z]+){1,2}\s+", sentence[found.end : n.start]) and not any(
            w in _GLUE for w in sentence[found.end : n.start].split())), None)
        found = titled or found
        # and the name it is "of": "the Parliament of the United Kingdom" is not any parliament
        of = next((n for n in names if re.fullmatch(r"\s+of\s+(?:the\s+)?",
                                                   sentence[found.end : n.start])), None)
        return _POSSESSIVE_RE.sub("", sentence[found.start : (of or found).end])

    def right_before(at: int) -> str | None:
        found = [n for n in names if n.end <= at]
        gap = sentence[found[-1].end : at] if found else ""
        # (also past a clause set off by commas: "Roussel, backed by the locals, stopped")
        return found[-1].text if found and (_AGENT_GAP_RE.match(gap) or _ASIDE_RE.match(
            gap)) else None

    deeds = []
    for match in _WORD_RE.finditer(sentence):
        word = match.group(0).lower()
        if not _verb_like(word) and word not in _ACCUSING:
            continue
        words_before = [w.lower() for w in _WORD_RE.findall(sentence[: match.start()])][-2:]
        rest = sentence[match.end() :]
        if any(w in _AUXILIARIES for w in words_before) and not word.endswith("ing"):
            by = _BY_AGENT_RE.match(rest)
            agent = starting_at(match.end() + by.end()) if by else None
            between = _WORD_RE.findall(by.group(1)) if by else []
            patient = right_before(match.start())
            pronoun = _PRONOUN_RE.search(sentence[: match.start()])
            if pronoun is not None:
                ahead = [n for n in names if n.end <= pronoun.start()] or earlier
                patient = ahead[0].text if ahead else None
            stems = {_stem(word), *(_stem(w) for w in between if w.lower() not in _GLUE)}
            deeds.append(_Deed(frozenset(stems), agent, patient, passive=True,
                               by=agent is not None))
        else:
            start = obj.end() if (obj := _OBJECT_RE.match(rest)) else 0
            patient = starting_at(match.end() + start)
            if patient and not _OBJECT_END_RE.match(
                    sentence[match.end() + start + len(patient) :]):
                patient = None  # "pressing US envoy...": the name is not all of it
            deeds.append(_Deed(frozenset({_stem(word)}), right_before(match.start()), patient))
    return deeds


def _same_name(a: str | None, b: str | None) -> bool:
    """Whether two names name one person or thing: every word of the shorter is in the longer
    ("Khalilzad", "Zalmay Khalilzad"; not "Tugh Temür", "El Temür"), or one is the other's
    initials ("DEC", "Digital Equipment Corporation")."""
    if not a or not b:
        return False
    if _initials(a) & set(_name_words(b)) or _initials(b) & set(_name_words(a)):
        return True
    words = sorted(([w for w in _name_words(n) if w not in _TITLES] for n in (a, b)), key=len)
    return bool(words[0]) and all(any(_same_word(x, y) for y in words[1]) for x in words[0])


# Deeds two do to each other: "A met B" is "B was met by A" too.
_MUTUAL_DEEDS = frozenset({"meet", "met", "marri", "fought", "fight", "battl", "join", "alli",
                           "negoti", "talk", "agre", "clash", "trade", "embrac", "greet",
                           "accompani", "face", "encount", "engag", "partner", "merg"})


def _names_it(text: str, name: str) -> bool:
    """Whether a text has every word of a name (a sentence's first word too: "Dostum, ...")."""
    words = set(_tokens(text))
    return all(any(_same_word(w, t) for t in words)
               for w in _name_words(name) if w not in _TITLES)


# A name right after a preposition is not who did what follows ("Huguenots in Berlin created").
_AFTER_PREPOSITION_RE = re.compile(r"\b(?:in|of|at|from|on|for|with|near|across)\s+(?:the\s+)?$",
                                   re.IGNORECASE)


def _voice_problems(claim: str, text: str) -> list[str]:
    """Who did what to whom, compared whatever voice each says it in: "Kusala poisoned El Temür"
    is not "He [Kusala] was killed with poison by El Temür", nor is "Kusala was poisoned by Tugh
    Temür". (The argument check compares a verb's neighbours only where both use one voice.)
    Only names right beside the verb count, and only a whole swap, two agents each given by
    "by", or, across voices, another one it was done to ("The guards poisoned Edwin Hale"
    against "He [Aldric] was killed with poison"): a sentence read this roughly says little
    more."""
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    told = [d for i, s in enumerate(sentences) for d in _deeds(s, sentences[i - 1] if i else "")]
    names: dict[str, list[str]] = {}  # the claim's and the passage's names, read when wanted

    def named_in(where: str) -> list[str]:
        if where not in names:
            names[where] = claim_names(where)
        return names[where]

    for mine in _deeds(claim):
        theirs = [d for d in told if mine.stems & d.stems]
        if any(_same_name(mine.agent, d.agent) for d in theirs):
            continue  # one place where the passage says the claim's agent did it
        if mine.stems & _MUTUAL_DEEDS:
            continue  # what two do to each other ("met") is told from either side
        swapped = next((d for d in theirs if _same_name(mine.agent, d.patient)
                        and _same_name(mine.patient, d.agent)), None)
        if swapped is not None:
            return [f"the cited passage says {swapped.agent} did it to {swapped.patient}, "
                    f"not the other way round"]
        # Half a swap: the claim's doer is the one the passage says it was done to, by
        # another ("Roussel stopped..." against "he [Roussel] was stopped by Alexius").
        undergone = next((d for d in theirs if not mine.passive and d.passive and d.by
                          and _same_name(mine.agent, d.patient)), None)
        if undergone is not None:
            return [f"the cited passage says {undergone.agent} did it to {undergone.patient}, "
                    f"not the other way round"]
        # ...and the mirror half: the claim's "by" names the one the passage has it done to
        # ("were outnumbered by the Taliban" against "they have outnumbered the Taliban").
        undergone = next((d for d in theirs if mine.passive and mine.by and not d.passive
                          and _same_name(mine.agent, d.patient)), None)
        if undergone is not None:
            return [f"the cited passage says it was done to {undergone.patient}, not by them"]
        other = next((d for d in theirs if mine.by and d.by), None)
        if other is not None:
            return [f"the cited passage says it was done by {other.agent}, not {mine.agent}"]
        # Crossed doers: the passage has another do it, and each sentence names the other's doer
        # elsewhere ("Afghan forces had to retreat after resistance from the Taliban" against
        # "forcing the Taliban to retreat after resistance from Afghan forces").
        crossed = next((d for d in theirs if mine.agent and d.agent
                        and not mine.stems & _ERGATIVE  # "the war ended", "the treaty ended it"
                        and not _AFTER_PREPOSITION_RE.search(claim[: claim.find(mine.agent)])
                        and any(_same_name(d.agent, n) for n in named_in(claim))
                        and any(_same_name(mine.agent, n) for n in named_in(text))), None)
        if crossed is not None:
            return [f"the cited passage says {crossed.agent} did it, not {mine.agent}"]
        # Another one it was done to: in one voice where the two cross, as doers do above ("the
        # Taliban were accused of massacring his prisoners" against "he [Dostum] was accused of
        # massacring Taliban prisoners"), or across voices ("The guards poisoned Edwin Hale"
        # against "He [Aldric] was killed with poison").
        if mine.patient and not any(_same_name(mine.patient, d.patient) for d in theirs):
            crossed = next((d for d in theirs if d.patient and d.passive == mine.passive
                            and _names_it(claim, d.patient) and _names_it(text, mine.patient)),
                           None)
            done_to = crossed or next((d for d in theirs if d.patient
                                       and d.passive != mine.passive), None)
            if done_to is not None:
                return [f"the cited passage says it was done to {done_to.patient}, "
                        f"not {mine.patient}"]
    return []


def _display(word: str, text: str) -> str:
    """A lower-cased word as the text writes it ("taliban" -> "Taliban")."""
    found = re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE)
    return found.group(0) if found else word


# -- wording --------------------------------------------------------------------------------------

# Words that carry no claim: function words, and the glue a fluent answer wraps a fact in.
_GLUE = set("""
a about above after again against all also although am an and any are as at be because been
before being below between both but by can could did do does doing down during each either
else even ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just let may me might more most much must
my myself neither no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through thus to too under until up upon us very was we were what when where which
while who whom whose why will with within would yet you your yes indeed also
according article articles report reports reported reporting passage passages text source
sources says said say stated states noted notes note worth noting mentions mentioned explains
explained describes described indicates indicated short overall specifically particular
particularly namely instance example therefore hence meaning means meant essentially basically
notably addition additionally furthermore moreover clear clearly fact actually really
answer question regarding concerning along way since well
almost still already rather quite perhaps
""".split())


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """BM25's stemmer, for one word (every check stems the same few hundred words again)."""
    return str(_stemmer().stemWord(word.lower().strip("'’")))


_CALENDAR_WORDS = set(MONTHS) | set(WEEKDAYS)
_TYPE_NOUNS = {"province", "city", "town", "district", "region", "country", "village", "river",
               "county", "state", "valley", "group", "party", "movement", "government"}


def _content(words: Iterable[str]) -> list[str]:
    """Words the wording check looks for: not glue (nor an adverb in -ly, the commonest glue of
    all: "famously", "likewise"), and not figures or calendar words (the number and date checks
    compare those exactly)."""
    return [w for w in words if w not in _GLUE and w not in _CALENDAR_WORDS
            and not w.endswith("ly") and w != "likewise"
            and not w[0].isdigit() and len(w) > 1 and not _NUMBER_TOKEN_RE.fullmatch(w)]


class WordMeanings:
    """Whether two words mean about the same: by stem, then by the cosine of their embeddings
    (each word embedded once and cached; the cache starts over past `CACHED_WORDS`, so a
    long-running page does not grow without bound)."""

    CACHED_WORDS = 50_000  # about 75 MB of 384-float vectors
    _cache: dict[str, np.ndarray] = {}

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def vectors(self, words: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(w for w in words))
        missing = [w for w in wanted if w not in self._cache]
        if len(self._cache) + len(missing) > self.CACHED_WORDS:
            self._cache.clear()
            missing = wanted
        if missing:
            for word, vector in zip(missing, self.embedder.embed_texts(missing)):
                self._cache[word] = vector
        return {w: self._cache[w] for w in wanted}

    def same(self, a: str, b: str, threshold: float | None = None) -> bool:
        if _stem(a) == _stem(b):
            return True
        vectors = self.vectors([a, b])
        return float(np.dot(vectors[a], vectors[b])) >= (threshold or WORD_MATCH)

    def best(self, word: str, candidates: Sequence[str]) -> float:
        if not candidates:
            return 0.0
        vectors = self.vectors([word, *candidates])
        matrix = np.stack([vectors[c] for c in candidates])
        return float((matrix @ vectors[word]).max())


# Discourse markers: phrases that place a statement in the answer, not facts about the world
# ("In practice, each MSP votes...", "For his part, Ghani..."). Their words are not looked for.
_DISCOURSE_RE = re.compile(
    r"\b(?:in (?:total|all|practice|principle|short|sum|brief|turn|effect|general|the end|"
    r"other words|contrast|response|return|the meantime|the event)|all told|as a rule|"
    r"for (?:his|her|its|their|our|my) part|as for|on the other hand|by contrast|for example|"
    r"for instance|at the time|at the same time|at first|of course|to be sure|on balance|"
    r"as such|by then|writing (?:on|in))\b", re.IGNORECASE)


def wording_support(claim: str, text: str, words: WordMeanings) -> tuple[float, list[str]]:
    """The share of the claim's content words (weighted by length) found in the text, by stem or
    meaning, and the words not found."""
    named = {w for name in claim_names(claim) for w in _name_words(name)}  # the names check's
    # (nor the words of futility, "came to nothing", which the polarity check compares)
    tokens = _tokens(_FUTILE_RE.sub(" ", _DISCOURSE_RE.sub(" ", claim)))
    # What kind of place or body a name is ("Balkh province") adds nothing to check.
    typed = {w for before, w in zip(tokens, tokens[1:]) if w in _TYPE_NOUNS and before in named}
    claim_words = [w for w in _content(tokens)
                   if not set(_name_words(w)) <= named and w not in typed]
    text_tokens = _tokens(text)
    text_words = list(dict.fromkeys(_content(text_tokens)))
    # Number words stay out of the words a claim word may be found as ("three" is the figure
    # check's), but a synonym may name one: "a single room" for "one room".
    numbers = {_stem(w) for w in text_tokens if w in _SMALL}
    claim_stems = {_stem(w) for w in claim_words}
    # A passage word the claim repeats is taken: it cannot also stand for another word of the
    # claim (an added detail "travelling on foot" must not lean on "fled", which the claim has).
    free = [w for w in text_words if _stem(w) not in claim_stems]
    text_stems = {_stem(w) for w in text_words}
    found, total, missing = 0.0, 0.0, []
    for word in dict.fromkeys(claim_words):
        weight = min(len(word), 10)
        total += weight
        if _stem(word) in text_stems or any(_same_word(word, w) for w in text_words):
            found += weight
        elif {_stem(s) for s in wordnet.synonyms(word)} & (text_stems | numbers):
            found += weight  # "reaped" for "harvested", "ample" for "plentiful"
        elif words.best(word, free) >= WORD_MATCH:
            found += weight
        else:
            missing.append(word)
    return (found / total if total else 1.0), missing


def _rewords_the_relation(missing: Sequence[str]) -> bool:
    """Whether the one word the passage does not say is a verb that is never a noun: how the
    claim relates what its other words name ("The chamber contains 131 seats" for "There are
    131 seats in the chamber"), which a short claim may reword, however few its words, as a
    longer one already may (`MAX_MISSING`). Its names, figures, polarity and roles are checked
    all the same. A missing noun may be a thing the passage never mentions ("heartland",
    "officials"): excused too, it let more wrong claims through on the dev claims, where this
    was decided. Like a longer claim's one missing word, a swapped action is not caught this
    way ("destroyed" for "harvested" passes).

    >>> _rewords_the_relation(["contains"]), _rewords_the_relation(["officials"])
    (True, False)
    """
    return len(missing) == 1 and _only_ever_a_verb(missing[0])


def _only_ever_a_verb(word: str) -> bool:
    """A verb (or its participle) that WordNet never lists as a noun: "contains", "revealed",
    not "seats" or "officials"."""
    return wordnet.is_a_verb(word) and not wordnet.is_a_noun(word)


def _listed(words: Sequence[str]) -> str:
    quoted = [f"\"{w}\"" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
