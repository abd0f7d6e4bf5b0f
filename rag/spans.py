"""Typed phrases in a sentence: names (people, places, organisations), numbers and dates.

These are the phrases a direct answer is made of ("Faizabad", "60,000", "Sunday afternoon"), and
what tells whether a sentence has anything of the kind a question wants. The reading is shallow on
purpose (capitalisation, digits, calendar words and the words around a name), so it runs in
microseconds per sentence and needs no model; context words decide which kind a name is: "said"
and titles after or before it for a person, "in", "province", "capital of" for a place,
"Group", "TV", "Agency" or an acronym for an organisation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsrag.index.lexical import terms
from rag.capitals import is_a_capital
from rag.places import kinds_of, only_a_place
from rag.people import is_a_person
from rag.question import (
    MONTHS, NUMBER_WORDS, ORDINALS, ORGANISATION_NOUNS, PERSON_NOUNS, WEEKDAYS, Focus, Question,
    asks_the_name_of, folded_name, number_forms, other_names_of, without_accents,
)
from rag.wordnet import is_a_noun, only_an_adjective, singulars

SpanKind = str  # "person" | "place" | "organisation" | "name" | "number" | "date"
# The kinds of span that name someone or something, as against a figure or a date.
NAME_KINDS = frozenset({"person", "place", "organisation", "name"})
NEAR_FIGURE = 60  # characters around a figure in which the thing it counts is named
NEAR_ROLE = 40  # characters around a name in which the office asked about is named


@dataclass(frozen=True)
class Span:
    start: int  # offsets in the sentence
    end: int
    text: str
    kind: SpanKind


_CALENDAR = "|".join(word.capitalize() for word in WEEKDAYS + MONTHS)
_DATE_RE = re.compile(
    r"\b(?:(?:early |late |on |last |this |next )?(?:" + _CALENDAR + r")s?"
    r"(?:,? \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?"
    r"(?: (?:morning|afternoon|evening|night))?"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:" + _CALENDAR + r")(?:,? \d{4})?"
    # A span of years is one date ("between 1268 and 1273"; not "(1249–1314)", a lifespan whose
    # first year is a birth), and a decade keeps its part ("the late 1960s").
    r"|between (?:1\d{3}|20\d{2})s? and (?:1\d{3}|20\d{2})s?"
    r"|from (?:1\d{3}|20\d{2})s? (?:to|until) (?:1\d{3}|20\d{2})s?"
    r"|(?:in |since |by )?(?:the )?(?:early |late |mid-|mid )?(?:1\d{3}|20\d{2})s?"
    r"|(?:the )?\d{1,2}(?:st|nd|rd|th) (?:and \d{1,2}(?:st|nd|rd|th) )?centur(?:y|ies)"
    r"|(?:yesterday|today|tonight|overnight|over the weekend|last night|last weekend|"
    r"(?:this|that) (?:morning|afternoon|evening)|at dawn|this week|last week|earlier this "
    r"(?:week|month|year)|last (?:month|year)|earlier in the day|the same day|"
    r"(?:\w+ )?(?:hours|days|weeks|months|years) (?:ago|earlier|later|before|after)|"
    r"next (?:week|month|year)|this (?:month|year)"
    # "by the end of next year", "before the end of the month"
    r"|(?:by |until |before |after |from )?the (?:end|start|beginning|middle) of (?:the |this |"
    r"next |last )?(?:week|month|year|decade|century))"
    r"|(?:at |around |about |by )?\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m|p\.m|am|pm)"
    r"|(?:at |around |about |by )?(?:noon|midday|midnight|dusk|dawn)"
    r"|in the (?:early |late )?(?:morning|afternoon|evening)|at night"
    r")\b")
_NUMBER_WORDS_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER_RE = re.compile(
    # A hedge belongs to the figure: "more than a quarter", "nearly half", "up to 2,000".
    r"(?:\b(?:some|about|around|nearly|almost|over|more than|at least|less than|up to) )?(?:"
    r"(?:\$|£|€)?\b\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|thousand|hundred))?"
    # A fraction is said with its count ("a third", "two-thirds", "half"): a bare "third" or
    # "quarter" is an ordinal or a season ("the third major city", "the third quarter").
    r"|\b(?:(?:a|one|two|three)[ -](?:quarter|half|third|fifth|tenth)s?|half)\b"
    r"|\b(?:" + _NUMBER_WORDS_RE + r"|dozens|hundreds|thousands|millions)"
    r"(?: (?:hundred|thousand|million|billion))?\b)",
    re.IGNORECASE)
# Capitalised words run together, allowing lower-case joiners inside (Mazar-i-Sharif, Bank of
# England, Abdul Rashid Dostum); a capital may be accented (Ögedei, Émile).
_CAPITAL = "[A-ZÀ-ÖØ-Þ]"
_NAME_RE = re.compile(
    r"\b" + _CAPITAL + r"[\w’'.-]*[\w’']?"
    r"(?:(?:\s|-)+(?:(?:of|the|al|bin|de|du|la|e|i|ul|von|van)(?:\s|-)+)?"
    # A middle initial ("Frederick W. Mote", "George W. Bush") is a word of the name.
    + _CAPITAL + r"(?:\.(?=\s+" + _CAPITAL + r"[a-z])|[\w’'-]*))*")
_PERSON_BEFORE = re.compile(
    r"(?:President|governor|Governor|spokesman|spokeswoman|leader|lawmaker|warlord|strongman|"
    r"Mr|Mrs|Ms|Dr|General|Gen|minister|Minister|envoy|commander|King|Queen|Emperor|Pope|Sir|"
    r"Prince|Saint|St|chief|official|member|consultant|analyst|reporter|Khan|Sultan|Lord|"
    r"Bishop|Duke)\.?\s+$")
_PERSON_AFTER = re.compile(r"^,?\s*(?:said|says|told|tweeted|added|wrote|stated|declared|"
                           r"who\b|was quoted|has said|had said|warned|argued|claimed)"
                           # "IbraheemThurial, a consultant for...", "Azimi, the governor"
                           r"|^,\s+(?:a|an|the)\s+(?:[a-z-]+\s+)?(?:consultant|analyst|"
                           r"spokes(?:man|woman|person)|official|governor|commander|minister|"
                           r"leader|lawmaker|president|researcher|professor|expert|journalist|"
                           r"reporter|author|writer|member|chief|head|director|envoy)\b"
                           # ...but not the subject of the clause after an opening phrase ("in
                           # Badakhshan's capital Faizabad, a local lawmaker told AFP")
                           r"(?!\s+(?:said|says|told|tweeted|added|wrote|stated|declared|"
                           r"confirmed|warned|claimed|has|had|was|is)\b)"
                           # "Gulam Bahauddin Jailani, head of the national disaster authority"
                           r"|^,\s+(?:head|chief|director|leader|member|spokes(?:man|woman))\s+"
                           r"of\b")
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|to|from|into|near|at|of|across|around|outside|toward|"
                           r"towards|captured|seized|took|overran|entered|fell to|reached|"
                           r"city of|province of|capital of|capital,|['’]s capital|"
                           r"provincial capital)\s+(?:the\s+)?)$")
_PLACE_AFTER = re.compile(r"^(?:,? the capital| province| city| district| region| county|"
                          r"’s capital|'s capital| airport| river| valley)")
_ORGANISATION_WORDS = re.compile(
    r"\b(?:Group|Party|Alliance|Forces|News|TV|Agency|Council|Ministry|Union|Company|"
    r"Corporation|Army|Organi[sz]ation|Parliament|Committee|Bank|Times|Post|Press|Network|"
    r"Movement|Front|Church|University|Association|Institute|Office|Department|Government|"
    r"Coalition|Commission|Court|Guard)\b")
# A sports club is named by its town and one of these ("Castlegate United", "Harwick Rovers");
# not "United States", where the word opens the name.
_CLUB_RE = re.compile(r"\s(?:United|Rovers|Wanderers|Athletic|Albion|Rangers|Hotspur|FC)$")
_ACRONYM_RE = re.compile(r"^[A-Z]{2,6}$")
_ORGANISATION_AFTER = re.compile(r"^\s+(?:union|party|group|company|firm|agency|council|"
                                 r"ministry|militia|movement|network|newspaper|channel|"
                                 r"broadcaster|organi[sz]ation|association|federation|bank)\b")
_PLACE_WORDS = re.compile(r"\b(?:Bridge|Street|Square|Road|Avenue|Castle|Abbey|Palace|Cathedral|"
                          r"Tower|Park|Station|Airport|Harbou?r|Island|Islands|Mountains?|"
                          r"River|Lake|Valley|Coast|Ocean|Sea|Bay|Peninsula|Province|County|"
                          r"District|City)\b")
_TITLE_FIRST_RE = re.compile(r"^(?:President|Governor|King|Queen|Emperor|Pope|Sir|Prince|"
                             r"Princess|Saint|General|Duke|Bishop|Lord|Lady|Sultan|Mr|Mrs|Ms|Dr)"
                             r"\.?\s+" + _CAPITAL)
# A name listed after a place it is listed with ("from Denmark, Iceland and Norway"), when the
# list goes on after it or closes with "and" before it (not "the War of Barbastro, William...").
_LISTED_AFTER_PLACE = re.compile(
    r"\b(?:in|to|from|into|near|across|of)\s+(?:the\s+)?" + _CAPITAL
    + r"[\w’'-]*(?:\s" + _CAPITAL + r"[\w’'-]*)?(?:,\s" + _CAPITAL
    + r"[\w’'-]*(?:\s" + _CAPITAL + r"[\w’'-]*)?)*,?\s(?:and\s|or\s)?$")
# Capitalised words that start sentences or clauses without naming anything.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "but", "and", "he", "she", "it", "they", "this", "that",
    "these", "those", "as", "after", "before", "when", "while", "meanwhile", "however",
    "according", "earlier", "later", "some", "many", "most", "further", "within", "hours", "his",
    "her", "their", "its", "we", "our", "i", "if", "so", "also", "there", "here", "since",
    "although", "though", "by", "for", "from", "with", "of", "to", "what", "which", "who", "where",
    "why", "how", "during", "under", "over", "until", "despite", "both", "each", "all", "no",
    "not", "one", "two", "three", "several", "other", "another", "yet", "still", "now", "then",
    "once", "even", "only", "more", "such", "because", "about", "among", "between", "without",
    "instead", "first", "last", "next", "new", "former", "nevertheless", "nonetheless",
    "moreover", "furthermore", "thus", "therefore", "hence", "indeed", "otherwise", "likewise",
    "besides", "overall", "today", "again", "whereas", "unlike", "upon", "through", "throughout",
    "following", "including", "perhaps", "already", "against", "towards", "toward", "into",
    "beyond", "amid", "whether",
}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Whole words of the embedding model's (lower-case) vocabulary: a capitalised sentence opener
    that is one of them ("Fighters", "According") may be a common word, not a name."""
    from newsrag.index.embed import model_path

    # vocab.txt (a token a line) holds tokenizer.json's vocabulary, and reads in a third of the time.
    vocab = (model_path() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in vocab if w.isalpha())


def _plural_noun(word: str) -> bool:
    """A capitalised plural of a common noun ("Spokesmen", "Fighters", "Residents") rather than a
    name ending in -s ("Paris", "Athens", whose singular is no word)."""
    lower, vocab = word.lower(), common_words()
    return (lower.endswith("men") and lower[:-3] + "man" in vocab
            or lower.endswith("s") and len(lower) > 4 and lower[:-1] in vocab)


def _adverb(word: str) -> bool:
    """A capitalised adverb opening a sentence ("Separately", "Initially"), not a name ("Kelly")."""
    return word.lower().endswith("ly") and word.lower() in common_words() and len(word) > 6


def _participle(word: str) -> bool:
    """A capitalised participle opening a sentence ("Faced with...", "Leaving a force..."), not a
    name ending the same way ("Beijing", whose stem is no word)."""
    lower, vocab = word.lower(), common_words()
    return len(lower) > 4 and (
        lower.endswith("ed") and (lower[:-1] in vocab or lower[:-2] in vocab)
        or lower.endswith("ing") and (lower[:-3] in vocab or lower[:-3] + "e" in vocab))


# A sentence's end: its stop, a closing quote, the space after.
_SENTENCE_STOP = r"[.!?][”\"’]?\s+"
# Text before a word that opens a sentence, or a quote that opens one ('... decision. "Workers').
_OPENS_A_SENTENCE_RE = re.compile(r"(?:^|" + _SENTENCE_STOP + r")[“\"‘]?$")


def find_spans(sentence: str) -> list[Span]:
    """Names, numbers and dates in a sentence, left to right, not overlapping (a new list each
    call: the spans of a sentence are read once and remembered).

    >>> [(s.text, s.kind) for s in find_spans(
    ...     "The latest city to fall was Faizabad, the capital of Badakhshan, on Wednesday.")]
    [('Faizabad', 'place'), ('Badakhshan', 'place'), ('on Wednesday', 'date')]
    >>> [(s.text, s.kind) for s in find_spans("“We won,” Taliban spokesman Zabihullah Mujahid said.")]
    [('Taliban', 'name'), ('Zabihullah Mujahid', 'person')]
    >>> [s.text for s in find_spans("When the war began, New France had 60,000 settlers.")]
    ['New France', '60,000']
    """
    return list(_spans_of(sentence))


@lru_cache(maxsize=65_536)
def _spans_of(sentence: str) -> tuple[Span, ...]:
    taken: list[Span] = []
    for match in _DATE_RE.finditer(sentence):
        taken.append(Span(match.start(), match.end(), match.group(0), "date"))
    for match in _NUMBER_RE.finditer(sentence):
        text = match.group(0).rstrip(".,")
        if _free(match.start(), match.start() + len(text), taken):
            taken.append(Span(match.start(), match.start() + len(text), text, "number"))
    for start, text in _names_in(sentence):
        first, _, rest = text.partition(" ")
        # A common word or, opening a sentence, an adverb is no part of the name after it
        # ("Initially the Normans maintained...": the Normans); but inside a sentence a
        # capitalised "New" begins a name (New France, New Delhi).
        opens = start == 0 or bool(_OPENS_A_SENTENCE_RE.search(sentence[:start]))
        if (first.lower() in _NOT_NAMES or rest and opens and _adverb(first)) \
                and not (start > 0 and first == "New"):
            # "Following the Conservative victory": the name is what follows the joiners.
            lead = re.match(r"(?:(?:the|of)\s+)+", rest)
            joiners = lead.end() if lead else 0
            if not rest[joiners:joiners + 1].isupper():
                continue
            start, text = start + len(first) + 1 + joiners, rest[joiners:]
        end = start + len(text)
        if not _free(start, end, taken) or text.lower() in _NOT_NAMES:
            continue
        if (" " not in text and (_plural_noun(text) or _adverb(text) or _participle(text)
                                 or only_an_adjective(text))
                and (start == 0 or _OPENS_A_SENTENCE_RE.search(sentence[:start]))):
            continue  # "Spokesmen for the opposition...", "Separately on Tuesday, ...", "Faced
            # with this strength, ...", "Vivid footage of...": no name
        if " " not in text and only_an_adjective(text) and re.match(r" [a-z]", sentence[end:]):
            continue  # "where Ministerial functions usually lie": an adjective, capitalised
        taken.append(Span(start, end, text, _name_kind(sentence, start, end, text)))
    taken.sort(key=lambda s: s.start)
    return tuple(taken)


_PLURAL_ACRONYM_RE = re.compile(r"[A-Z]{2,}s")


def _free(start: int, end: int, taken: Iterable[Span]) -> bool:
    """Whether the stretch of a sentence from `start` to `end` overlaps none of the spans."""
    return all(end <= s.start or start >= s.end for s in taken)


# A break between sentences inside a run of capitalised words: not after a middle initial
# ("Frederick W. Mote"), unless a word that opens sentences follows ("Plan B. The Normans").
_SENTENCE_BREAK_RE = re.compile(
    r"(?<![\s.][A-Z]\.)(?<=[.!?])\s+|(?<=\s[A-Z]\.)\s+(?=(?:" + "|".join(
        sorted(w.capitalize() for w in _NOT_NAMES if w.isalpha())) + r")\b)")


def _names_in(sentence: str) -> list[tuple[int, str]]:
    """Runs of capitalised words with their offsets; a run does not cross a sentence break
    ("...Cheshire. These Normans...": "Cheshire", then "These Normans"), nor a "the" after an
    acronym or two words ("told AFP the Taliban": "AFP", then "Taliban"; but "William the
    Conqueror" is one name)."""
    out = []
    for match in _NAME_RE.finditer(sentence):
        position = match.start()
        for piece in _SENTENCE_BREAK_RE.split(match.group(0)):
            at = sentence.index(piece, position)
            position = at + len(piece)
            for offset, part in _at_the_after_a_name(piece):
                text = part.rstrip(".’'-")
                if text:
                    out.append((at + offset, text))
    return out


def _at_the_after_a_name(name: str, offset: int = 0) -> list[tuple[int, str]]:
    """A run split at a "the" that an epithet cannot follow, each part with its offset in the
    run: a "the" after an acronym or after two or more words ("Besh Balikh the Mongols")."""
    joined = re.search(r"\sthe\s", name)
    before = name[: joined.start()] if joined else name
    if joined is None or (" " not in before and not _ACRONYM_RE.match(before)):
        return [(offset, name)]  # "Edward the Confessor", "Suleiman the Magnificent"
    return [(offset, before), *_at_the_after_a_name(name[joined.end() :], offset + joined.end())]


def _name_kind(sentence: str, start: int, end: int, text: str) -> SpanKind:
    before, after = sentence[max(0, start - 40) : start], sentence[end : end + 30]
    if _PLURAL_ACRONYM_RE.fullmatch(text):
        return "name"  # "a small number of MSPs": people or things, never a place
    if re.search(r"\baccording to\s+$", before, re.IGNORECASE):
        return "name"  # "According to Azimi, ...": a source, whoever or whatever it is
    if (_ORGANISATION_WORDS.search(text) or _CLUB_RE.search(text) or _ACRONYM_RE.match(text)
            or (_ORGANISATION_AFTER.match(after) and not re.search(r"-[a-z]+$", text))):
        return "organisation"  # ...or one the words after it call one: "the IG Metall union"
        # (not "the Qatar-based channel")
    if _PLACE_WORDS.search(text):
        return "place"  # "George IV Bridge", "Bayeux Cathedral"
    if (_PERSON_BEFORE.search(before) or (_PERSON_AFTER.match(after) and " " in text)
            or _TITLE_FIRST_RE.match(text)):
        return "person"  # "...between King Charles III of West Francia and..."
    listed = _LISTED_AFTER_PLACE.search(before)
    if _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before) or (listed and (
            re.search(r"\b(?:and|or)\s$", before) or re.match(r",?\s(?:and\s|or\s)?" + _CAPITAL,
                                                           after))):
        return "place"
    if _PERSON_AFTER.match(after):
        return "person"
    return "name"


_DAY_RE = re.compile(
    # "on Wednesdays" says which day as well as "on Wednesday"
    r"\b(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + r")s?\b|\b\d{1,2}(?:st|nd|rd|th)? (?:"
    + "|".join(m.capitalize() for m in MONTHS) + r")\b|\b(?:" + "|".join(
        m.capitalize() for m in MONTHS) + r") \d{1,2}\b|\b(?:yesterday|today|tonight|overnight|"
    r"last night|(?:over the|last) weekend|the same day|(?:this|that) (?:morning|afternoon|"
    r"evening))\b", re.IGNORECASE)
_GRAIN_SPAN_RES = {
    "time": re.compile(r"\b(?:morning|afternoon|evening|night|tonight|overnight|noon|midday|"
                       r"midnight|dusk|dawn|a\.m|p\.m|am|pm|o'clock)\b|\d:\d\d", re.IGNORECASE),
    "day": _DAY_RE,
    "month": re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS)
                        + r")\b|\b(?:last|this|next) month\b", re.IGNORECASE),
    "year": re.compile(r"\b(?:1\d{3}|20\d{2})\b|\b(?:last|this|next) year\b"),
    "decade": re.compile(r"\b(?:1\d{3}|20\d{2})s?\b"),
    "century": re.compile(r"\bcentur(?:y|ies)\b|\b(?:1\d{3}|20\d{2})s?\b"),
    "share": re.compile(r"%|\bper ?cent\b|\b(?:half|halves|quarters?|thirds?|fifths?|tenths?)\b",
                        re.IGNORECASE),
    "money": re.compile(r"[$£€¥]|\b(?:dollars?|pounds?|euros?|yuan|rupees?|afghanis?)\b",
                        re.IGNORECASE),
}


# A clock time, which "at what time" asks for before a part of the day ("this morning").
_CLOCK_RE = re.compile(r"(?i)\d\s*(?:a\.?m\b|p\.?m\b|o'clock)|\d:\d\d|\b(?:noon|midday|midnight)\b")


def _no_finer_than_the_year_asked(text: str, question: Question) -> bool:
    """True when the question names a year and the date phrase says no more than a year."""
    return any(f.kind == "year" for f in question.focus) and not any(
        _GRAIN_SPAN_RES[g].search(text) for g in ("time", "day", "month"))


def has_grain(text: str, grain: str | None) -> bool:
    """Whether a date phrase is as precise as the question asks: a year for "what year", a time
    of day for "at what time"; any date when it asks "when".

    >>> has_grain("in the 1990s", "time"), has_grain("Sunday afternoon", "time")
    (False, True)
    >>> has_grain("on Wednesday", "year"), has_grain("in 1998", "year"), has_grain("May", None)
    (False, True, True)
    """
    return grain is None or bool(_GRAIN_SPAN_RES[grain].search(text))


def fits(span: Span, kind: str) -> float:
    """How well a span fits the kind a question wants: 1 sure, 0.5 possible (an untyped name for
    a person or place), 0 not at all."""
    if span.kind == kind:
        return 1.0
    if span.kind == "name" and kind in ("person", "place", "organisation"):
        return 0.5
    if span.kind == "organisation" and kind == "person":
        return 0.5  # "Who had military control?" "the Privy Council"
    if kind == "list" and span.kind in ("name", "place", "person", "organisation"):
        return 0.5
    return 0.0


_HOW_MANY_TIMES_RE = re.compile(r"\bhow many times\b", re.IGNORECASE)
_TIMES_WORD_RE = re.compile(r"\b(?:twice|thrice)\b", re.IGNORECASE)
_ORDINAL_BEFORE_A_NOUN_RE = re.compile(
    r"\bthe (" + "|".join(ORDINALS) + r")((?:\s+[\w-]+){1,3})", re.IGNORECASE)


# What an ordinal counts within: "the third ... to fall in one day", "the ninth ... since
# Friday", "this week".
_ORDINAL_SCOPE_RE = re.compile(r"\b(?:in (?:one|a single|a) (day|week|month|year)|(since) \w+|"
                               r"(?:this|that|the same) (day|week|month|year))\b", re.IGNORECASE)
# How a question asks within one day: "that day", "on that single Sunday", "on 8 August" (not
# "by Sunday", which counts all until then).
_ONE_DAY_RE = re.compile(
    r"\b(?:today|tonight|(?:on|that|this|one|a|same|single)\s+(?:(?:single|same)\s+)?(?:day|"
    + "|".join(WEEKDAYS) + r"|\d{1,2} (?:" + "|".join(MONTHS) + r")|(?:" + "|".join(MONTHS)
    + r") \d{1,2}))\b", re.IGNORECASE)


def _ordinal_counts(sentence: str, question: Question) -> list[Span]:
    """Ordinals that count what the question counts: "the ninth city to be overrun" for "How
    many cities...?" (the noun within three words after it), within what the question counts
    in: "the third major provincial center to fall to the Taliban in one day" answers how many
    fell that day, not how many had fallen by 11 August."""
    what = frozenset(terms(counted(question.text) or ""))
    return [Span(m.start(1), m.end(1), m.group(1), "number")
            for m in _ORDINAL_BEFORE_A_NOUN_RE.finditer(sentence)
            if what & frozenset(terms(m.group(2)))
            and _counted_within_as_asked(sentence[m.end() : m.end() + 60], question.text)
            ] if what else []


def _counted_within_as_asked(after: str, question: str) -> bool:
    """Whether the stretch an ordinal counts within, if the words after it give one, is one the
    question asks about: a day (by a weekday or a date too), a week, a month, a year, "since".

    >>> _counted_within_as_asked(" to fall in one day", "How many fell on that single Sunday?")
    True
    >>> _counted_within_as_asked(" to fall in one day", "How many had fallen by 11 August?")
    False
    """
    scope = _ORDINAL_SCOPE_RE.search(after)
    if scope is None:
        return True
    word = next(g for g in scope.groups() if g).lower()
    if word == "day":
        return _ONE_DAY_RE.search(question) is not None
    return re.search(r"\b" + word, question, re.IGNORECASE) is not None


_LAST_YEAR_RE = re.compile(r"\b(?:last|previous|past) year\b")
_NEXT_YEAR_RE = re.compile(r"\bnext year\b")
_ANY_YEAR_RE = re.compile(r"\b(?:1[5-9]|20)\d\ds?\b")  # "1998", "the 1990s"
# A report dates what it tells to another day than its own: "yesterday", "last night", a weekday.
_ANOTHER_DAY_RE = re.compile(r"\b(?:yesterday|tomorrow|last night|overnight|" + "|".join(WEEKDAYS)
                             + r")\b")


def _weekday(iso_date: str) -> str | None:
    try:
        return WEEKDAYS[date.fromisoformat(iso_date[:10]).weekday()]
    except ValueError:
        return None


def mentions(text: str, focus: Focus, article_date: str | None = None) -> bool:
    """Whether a text names a focus of the question (a year also matches the article's date,
    when the text states no year of its own).

    >>> from rag.question import focus_of
    >>> [mentions("the ninth city to be overrun", f) for f in focus_of("the ninth city")]
    [True]
    >>> mentions("Mazar-e-Sharif fell", focus_of("Did Mazar-i-Sharif fall?")[0])
    True
    """
    lower = without_accents(text).lower().replace("’", "'")
    if focus.kind == "year":
        # The article's own year, unless the text dates what it tells to another ("after
        # capturing the city in 1998", in a 2021 report); and the year before or after it, as
        # "last year" or "next year" ("It captured the city twice last year", in 1998: 1997).
        if focus.forms[0] in lower:
            return True
        if not article_date or _ANY_YEAR_RE.search(lower):
            return False
        year = int(article_date[:4])
        said = {year, *([year - 1] if _LAST_YEAR_RE.search(lower) else []),
                *([year + 1] if _NEXT_YEAR_RE.search(lower) else [])}
        return focus.forms[0] in {str(y) for y in said}
    if focus.text.lower() in WEEKDAYS and article_date and focus.text.lower() not in lower:
        # So is a weekday the article's own ("Earlier in the day, ... Kunduz was seized", in the
        # Sunday report, for "Which cities fell on Sunday?"), unless the text dates it otherwise.
        return not _ANOTHER_DAY_RE.search(lower) and _weekday(article_date) == focus.text.lower()
    if focus.kind == "number":
        words = set(re.findall(r"[a-z]+|\d[\d,]*", lower))
        digits = {w.replace(",", "") for w in words}
        return any(f in words or f in digits for f in focus.forms)
    return all(re.search(r"\b" + re.escape(form), lower) for form in focus.forms) or bool(
        focus.also and re.search(focus.also, text)) or bool(
        focus.short and re.search(r"\b" + re.escape(focus.short) + r"\b", lower)) or (
        _respelt(lower, focus))


RESPELT_LENGTH = 6  # a name this long may be written with one letter more, less or other


def _respelt(lower: str, focus: Focus) -> bool:
    """Whether a text writes a one-word name with a letter more, less or changed, as
    transliterations do ("Khublai" for "Kublai"; not "Khubilai", two letters off)."""
    if focus.kind != "name" or " " in focus.text:
        return False
    word = folded_name(focus.text)
    if len(word) < RESPELT_LENGTH or not word.isalpha():
        return False
    return any(abs(len(w) - len(word)) <= 1 and w[0] == word[0] and one_edit(w, word)
               for w in re.findall(r"[a-z]+", lower))


def one_edit(a: str, b: str) -> bool:
    """Whether two words differ by at most one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:]


def answer_spans(sentence: str, question: Question) -> list[tuple[Span, float]]:
    """Spans of the kind the question wants that the question does not already name, each with
    how well it fits."""
    asked, asked_words, content_words = _asked(question)
    # A when-question's names the window says, which the clause of its date must say too.
    named = [f for f in question.focus if f.kind == "name" and mentions(sentence, f)
             ] if question.kind == "date" else []
    # What the question asks for, read once, not once per span.
    for_a_country = _asks_for_a_country(question)
    for_who_did_it = question.kind == "person" or bool(_ASKS_FOR_A_SIDE_RE.search(question.text))
    for_kin = kin_asked(question.text)
    for_a_maker = question.kind == "person" and bool(_ASKS_FOR_A_MAKER_RE.search(question.text))
    for_how_long = bool(_HOW_LONG_ONLY_RE.search(question.text))
    out = []
    kin_said: list[Span] = []  # the persons the window relates as the kin asked
    for span in find_spans(sentence):
        if for_how_long:
            span = _stretch_of_time(span)  # "four days after the banquet": four (days)
        if for_kin is not None and span.kind in ("person", "name", "place"):
            # "Who was Kaidu's grandfather?": a person the window relates to Kaidu as that kin
            # ("Ogedei's grandson Kaidu"), whatever kind of name it reads; never one it
            # relates otherwise ("Who was Ayurbarwada's daughter?" is not answered by "Emperor
            # Gegeen Khan, Ayurbarwada's son").
            person = _without_possessive(span)
            relation = _kin_of(sentence, person, for_kin[0])
            if relation is not None:
                if for_kin[1] in relation and not _is_named(person.text, for_kin[0]):
                    kin_said.append(person)
                continue
        owner = _owner_of_what_is_asked(sentence, span, asked_words) if for_a_maker else None
        if owner is not None:
            # "Who wrote the Nong Shu?": the Wang Zhen of "Wang Zhen's Nong Shu", whatever kind
            # of name the whole reads as
            out.append((owner, 1.0))
            continue
        fit = fits(span, question.item or question.kind)
        # A sum names its currency just after the figure ("2 billion dollars").
        written = span.text + (sentence[span.end : span.end + 12] if question.grain == "money"
                               else "")
        if not fit or (span.kind in ("date", "number")
                       and not has_grain(written, question.grain)):
            continue
        if question.grain == "time" and span.kind == "date" and not _CLOCK_RE.search(span.text):
            fit = min(fit, 0.5)  # "At what time...?": "this morning" if no "around 9 am"
        if span.kind == "date" and question.grain is None and _no_finer_than_the_year_asked(
                span.text, question):
            continue  # "When in 1998...?" is not answered by "the 1990s"
        if span.kind == "date" and _other_end_of_a_lifespan(sentence, span, question):
            continue  # "When did Wei Yilin die?": not 1277 of "Wei Yilin (1277–1347)"
        if named and not all(mentions(_clause_of(sentence, span), f) for f in named):
            continue  # "Ghani arrived in Mazar as the Taliban captured Faizabad overnight"
            # does not say when Ghani landed in Mazar
        if question.role and span.kind == "organisation":
            continue  # "Who is the Taliban commander...?" asks for the one who holds an office,
            # not a body ("the Northern Alliance")
        if question.role and _GROUP_AFTER.match(sentence, span.end):
            continue  # "Who was the governor...?" is not answered by a side ("Security forces
            # and the provincial governor retreated..."): an office has one holder
        if question.role and span.kind in ("person", "name") and not _holds_role(
                sentence[max(0, span.start - NEAR_ROLE) : span.end + NEAR_ROLE], question.role):
            if asks_the_name_of(question.text):
                continue  # "What is the name of the clerk he blamed?": not the one blaming
            fit = min(fit, 0.25)  # "Who was the governor of Balkh?": a name no governor is near
        if question.role and span.kind in ("person", "name") and _of_another_place(
                sentence, span, question):
            continue  # "Which Badakhshan MP...?" is not answered by "Baghlan MP Mamoor Ahmadzai"
        if question.kind == "person" and span.kind == "name" and only_a_place(span.text):
            continue  # "Who killed Harold II?" is not answered by "England"
        if span.kind in ("place", "name") and _headed_as_no_settlement(span.text) and (
                place_kinds_asked(question.text)):
            continue  # "What country did the Normans invade?" is not answered by "Bannow Bay"
        if span.kind in ("place", "name") and _another_kind_of_place(span, question):
            continue  # "What modern city did Khanbaliq become?": not "Mongolia", a country
        if span.kind == "place" and _asks_for_a_city(question) and _named_as_region(sentence, span):
            continue  # "capital of the northern province of Baghlan": not a city
        if span.kind in ("place", "name") and for_a_country and (
                is_a_capital(span.text) or _named_as_town_or_region(sentence, span)
                or not _known_as_a_country(span.text)):
            continue  # "Which country...?" is not answered by "Kabul", nor by "Mazar"
        if (span.kind == "number" and for_how_long
                and not _LONG_UNIT_RE.match(sentence, span.end)):
            continue  # "How long have the Taliban been fighting?": not "thousands" (of troops)
        if question.kind == "number" and _counts_time(sentence, span, question):
            continue  # "60,000 families ... over the past two months": two counts months
        if span.kind == "number" and _WHOLE_AFTER_A_PART_RE.search(sentence[: span.start]):
            continue  # "25 of 34 provinces": the part answers, and reads with its whole
        # Less a title: "King Harold II" is who "Who killed Harold II?" asks about, not its answer.
        untitled = _TITLE_FIRST_RE.sub(lambda m: m.group(0)[-1], span.text)
        words = [w for w in re.findall(r"[A-Za-z0-9]\w*", untitled)
                 if (len(w) > 2 or w.isupper()) and w.lower() not in _HEDGES]
        if span.kind in ("number",) and _number_key(span.text) in asked:
            continue
        if words and all(w.lower()[:5] in asked_words for w in words):
            continue  # the question's own words are not its answer
        if _spells_a_place_asked(span, question):
            continue  # nor a place it asks about, spelt another way ("Mazar-e-Sharif" for Mazar)
        if _names_what_is_asked_about(span, question):
            continue  # nor what it asks about, named in full ("Ralph the Timid" for Ralph)
        if (question.item or question.kind) == "place" and _people_adjective(sentence, span):
            continue  # "inlaid with gold from Scottish rivers": the rivers, not "Scottish"
        if question.kind == "person" and _people_adjective(sentence, span) and not re.match(
                _GROUP_AFTER, sentence[span.end :]):
            continue  # "designed by Spanish architect Enric Miralles": not "Spanish"; but
            # "joined Turkish forces" names who they joined
        if for_who_did_it and _told_to_an_outlet(sentence, span):
            continue  # "a spokesman ... told Al Jazeera TV", "quoted as saying by the Guardian":
            # the outlet is where the words went, not who said or did anything ("Which group
            # stormed Mazar?" is not answered by "told AFP"; "Which news agency...?" may be)
        if (question.item or question.kind) == "place" and _TOLD_TO_RE.search(
                sentence, max(0, span.start - 40), span.start):
            continue  # "...told Reuters ..., with most seeking refuge in Kabul": whom words
            # were told to is no place, whatever kind of name it reads as
        if (question.item or question.kind) == "person" and re.search(r"(?:['’]s|s['’])$",
                                                                     span.text):
            continue  # "Robert's son": the son is the answer, not Robert
        if _HOW_BIG_RE.search(question.text) and span.kind == "number":
            # "How big is the fire?": its area ("more than 18,500 acres"), before any count
            # ("more than 1,100 firefighters" fighting it)
            if _AREA_UNIT_RE.match(sentence, span.end):
                out.append((span, 1.0))
                continue
            fit = min(fit, 0.5)
        if (question.kind == "number" and question.grain != "share"
                and not _is_duration_asked(sentence, span, question)
                and not _near_question_word(sentence, span, content_words)
                and not _counts_what_is_asked(sentence, span, question)):
            continue  # "how many families": a figure that counts families, not any figure
        if question.kind == "number" and _counts_another_thing(sentence, span, question):
            continue  # "How many districts...?" is not answered by "the only two major cities"
        if question.kind == "number" and _counts_another_sides(sentence, span, question):
            fit = min(fit, 0.5)  # "How many Taliban troops...?": "thousands of troops" (whose?)
        out.append((span, fit))
    if question.where:
        out += [(span, 0.5) for span in _place_phrases(sentence)
                if _free(span.start, span.end, (s for s, _ in out))
                and span.text.split()[-1][:5] not in asked_words]  # "Where is the airport?"
        if not out:  # a last resort: "in large numbers" is no place beside "the Cévennes"
            out = [(span, 0.5) for span in _where_the_question_leaves_off(sentence, content_words)]
    if question.kind == "person" and _ASKS_WHO_SAID_RE.search(question.text):
        # "Who said the Taliban have no interest in negotiating?": "...,” the unnamed official
        # said." News often quotes people it does not name; the speaker it describes answers.
        out += [(speaker, UNNAMED_SPEAKER) for speaker in _unnamed_speakers(sentence)
                if _free(speaker.start, speaker.end, (s for s, _ in out))]
    if (question.kind == "person" and question.role is None and not asks_the_name_of(question.text)
            and not _WHO_HOLDS_RE.search(question.text)
            and not any(fit >= ROLE_PHRASE for _, fit in out)):
        # "Who operates the voting equipment?": "A vote clerk ... operates the electronic voting
        # equipment". Where a window names nobody who fits, the kind of person it names may
        # answer; not a kind the question names itself ("Who did the governor meet?"), nor
        # where it asks who someone is ("Who was the head of Takhar?" wants a name).
        out += [(span, ROLE_PHRASE) for span in role_phrases(sentence)
                if span.text.split()[-1][:5].lower() not in asked_words
                and not _PERSON_AFTER.match(sentence[span.end :])  # a speaker says, not does
                and _free(span.start, span.end, (s for s, _ in out))]
    if (question.kind == "date" and question.grain is None
            and not any(fit >= EVENT_TIME for _, fit in out)):
        # "When is the Members Debate held?": "Immediately after Decision Time, ...". Where a
        # window gives no date, the event it dates by may answer.
        out += [(span, EVENT_TIME) for span in _event_times(sentence)
                if _free(span.start, span.end, (s for s, _ in out))
                and all(mentions(_clause_of(sentence, span), f) for f in named)]
    if question.kind == "number" and question.grain is None:
        # "It became the third major provincial center to fall": three such centres so far
        # ("How many provincial centres fell that day?"); an ordinal counts only what it
        # stands before, never the fighters a question asks about.
        out += [(span, 1.0) for span in _ordinal_counts(sentence, question)
                if _number_key(span.text) not in asked
                and _free(span.start, span.end, (s for s, _ in out))]
    if question.kind == "number" and _HOW_MANY_TIMES_RE.search(question.text):
        # "How many times...?": "It captured the city twice last year"
        out += [(Span(m.start(), m.end(), m.group(0), "number"), 1.0)
                for m in _TIMES_WORD_RE.finditer(sentence)]
    if for_kin is not None:
        # Only a person the window names as the kin asked answers: "Who was Ayurbarwada's
        # daughter?" is not answered by his son, nor by "Buyantu Khan (Ayurbarwada)".
        out = [(span, 1.0) for span in kin_said]
    if asks_where_it_lies(question.text):
        # "In which province is Mazar-i-Sharif?": the place the sentence gives beside the name
        # ("Mazar-i-Sharif, the capital of Balkh province"), not beside another one ("...are
        # Kabul and Jalalabad, the capital of Nangarhar Province").
        at = _where_the_name_asked_is(sentence, question)
        names = [s for s in find_spans(sentence) if s.kind not in ("date", "number")]
        out = [(span, fit if not at else (
                    _after_it(span, fit, at) if _beside(sentence, span, at, names)
                    else min(fit, BESIDE_ANOTHER)))
               for span, fit in out]
    if question.where and asks_where_to(question.text):
        # "Where did the forces that fled the city go?": the first place a verb of moving leads
        # to is where they went, whatever its kind; one further on ("...are now at Hayratan
        # port on the border with Uzbekistan") says where that is; one no such verb leads to is
        # where they left ("fled the city of Mazari Sharif") or were seen ("in parts of Mazari
        # Sharif, soldiers were seen fleeing").
        starts = [span.start for span, _ in out]
        out = [(span, {"first": 1.0, "further": fit}.get(
                    _reached_by_moving(sentence, span, starts), min(fit, AWAY_FROM_MOVING)))
               for span, fit in out]
    return out


# "In which province is X?", "What country is X located in?": where a name lies.
_PLACE_KIND = (r"(?:which|what)\s+(?:province|country|region|state|district|county|continent|"
               r"city|town|island)\s+(?:is|was|are|were|lies|lay)\b")
_LIES_IN_RE = re.compile(
    r"(?i)^\W*in\s+" + _PLACE_KIND + r"|^\W*" + _PLACE_KIND
    + r".*\b(?:in|located|situated|part of)\s*\?\s*$")
# "Where is Hayratan?", "Where is Sheberghan located?" (a name, and nothing it did: not "Where was
# Friedrich Ratzel born?")
_WHERE_IS_RE = re.compile(
    r"^\W*[Ww]here\s+(?:is|was|are|were)\s+(?:the\s+)?" + _CAPITAL + r"[\w’'.-]*"
    r"(?:\s+(?:(?:of|the|de)\s+)?" + _CAPITAL + r"[\w’'.-]*)*"
    r"(?:\s+(?:located|situated|found|based))?\s*\??\s*$")


def asks_where_it_lies(question: str) -> bool:
    """
    >>> [asks_where_it_lies(q) for q in ("Where is Hayratan?", "In which province is Kunduz?",
    ...                                  "Where was Friedrich Ratzel born?")]
    [True, True, False]
    """
    return bool(_LIES_IN_RE.search(question) or _WHERE_IS_RE.search(question))


# How well a place fits such a question when another name stands between it and the one asked.
BESIDE_ANOTHER = 0.5


def _where_the_name_asked_is(sentence: str, question: Question) -> list[int]:
    """Where a sentence names the one name the question asks about (none when it asks about
    several)."""
    names = [f for f in question.focus if f.kind == "name"]
    if len(names) != 1:
        return []
    lower = without_accents(sentence).lower()
    return [m.start() for m in re.finditer(r"\b" + re.escape(names[0].forms[0]), lower)]


_ANOTHER_CLAUSE_RE = re.compile(r"\band\b|[,;:]\s")
_LISTED_WITH_RE = re.compile(r"\s*,?\s*(?:and|or)?\s*")
_CLAUSE_GOES_ON_RE = re.compile(r";|\b(?:and|after|before|while|when|as)\b")
_NAME_AT_RE = re.compile(r"[\w’'-]+(?:\s+[A-Z][\w’'-]*)*")


def _after_it(span: Span, fit: float, at: list[int]) -> float:
    """How well a name beside the one asked about fits: fully when it comes after it, where news
    says where a place is ("Hayratan port on the border with Uzbekistan", "Faizabad, the capital
    of Badakhshan"); as it reads otherwise ("Afghan President Ashraf Ghani flew to the besieged
    northern city of Mazar-i-Sharif")."""
    if span.kind in ("place", "name") and span.text[0].isupper() and span.start > min(at):
        return 1.0
    return fit


def _beside(sentence: str, span: Span, at: list[int], names: list[Span]) -> bool:
    """Whether none of a sentence's other `names` stands between a span and the nearest of the
    places `at` which it names what the question asks about, nor, before it, a break to another
    clause."""
    nearest = min(at, key=lambda a: abs(a - span.start))
    low, high = sorted((nearest, span.start))
    if span.start < nearest:
        between = sentence[span.end : nearest]
        if _ANOTHER_CLAUSE_RE.search(between):
            return False  # "fled the city of Mazari Sharif and are now at Hayratan port"
    else:
        name = _NAME_AT_RE.match(sentence, nearest)
        between = sentence[name.end() if name else nearest : span.start]
        if _CLAUSE_GOES_ON_RE.search(between):
            return False  # "Mazar-i-Sharif — long a linchpin ... — after capturing Sheberghan"
    if _LISTED_WITH_RE.fullmatch(between):
        return False  # "Kunduz and Taloqan": listed with it, not where it is
    return not any(low < other.start < high and other.end <= high
                   and not other.start <= nearest < other.end
                   for other in names if other.start != span.start)


# Kin, and what each is to the one it is kin of: a son's father is his father or mother.
_KIN_CONVERSE = {
    "father": ("son", "daughter", "child"), "mother": ("son", "daughter", "child"),
    "son": ("father", "mother", "parent"), "daughter": ("father", "mother", "parent"),
    "brother": ("brother", "sister", "sibling"), "sister": ("brother", "sister", "sibling"),
    "grandfather": ("grandson", "granddaughter", "grandchild"),
    "grandmother": ("grandson", "granddaughter", "grandchild"),
    "grandson": ("grandfather", "grandmother"), "granddaughter": ("grandfather", "grandmother"),
    "uncle": ("nephew", "niece"), "aunt": ("nephew", "niece"),
    "nephew": ("uncle", "aunt"), "niece": ("uncle", "aunt"),
    "husband": ("wife",), "wife": ("husband",),
}
_KIN = r"(?:half-)?(" + "|".join(sorted(_KIN_CONVERSE, key=len, reverse=True)) + r")s?"
_NAME = r"[A-ZÀ-Þ][\w'’-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-ZÀ-Þ][\w'’-]*)*"
_KIN_QUESTION_RES = (
    re.compile(r"^\W*(?i:who|whom)\s+(?i:was|is|were|are)\s+(?P<who>" + _NAME + r")['’]s\s+"
               + _KIN + r"\b"),
    re.compile(r"^\W*(?i:what)\s+(?i:was|is)\s+the\s+name\s+of\s+(?P<who>" + _NAME
               + r")['’]s\s+" + _KIN + r"\b"),
    re.compile(r"^\W*(?i:who|whom)\s+(?i:was|is)\s+the\s+" + _KIN + r"\s+of\s+(?P<who>"
               + _NAME + r")\s*\?"),
)


def kin_asked(question: str) -> tuple[str, str] | None:
    """(whose kin, which kin) a question asks for.

    >>> kin_asked("Who was Kaidu's grandfather?"), kin_asked("Who was the wife of Ogedei?")
    (('Kaidu', 'grandfather'), ('Ogedei', 'wife'))
    """
    for pattern in _KIN_QUESTION_RES:
        match = pattern.search(question)
        if match:
            kin = next(g for g in match.groups() if g and g.lower() in _KIN_CONVERSE)
            return match.group("who"), kin.lower()
    return None


def _without_possessive(span: Span) -> Span:
    """ "Ogedei" of "Ogedei's"."""
    match = re.search(r"['’]s$", span.text)
    return Span(span.start, span.end - 2, span.text[:-2], span.kind) if match else span


# "Who wrote...?": what a possessive names is its maker's ("Wang Zhen's Nong Shu"), not what
# "Who destroyed...?" asks ("Kublai's palace" was not destroyed by Kublai).
_ASKS_FOR_A_MAKER_RE = re.compile(
    r"(?i)^\W*who\s+(?:\w+\s+)?(?:wrote|writ|written|author(?:ed)?|compos(?:ed|e)|painted|"
    r"design(?:ed)?|buil[dt]|found(?:ed)?|creat(?:ed|e)|invent(?:ed)?|made|make|own(?:ed|s)?|"
    r"commission(?:ed)?|dr[ae]w|drawn|direct(?:ed)?|produc(?:ed|e)|translat(?:ed|e)|"
    r"coin(?:ed)?|devis(?:ed|e)|develop(?:ed)?|propos(?:ed|e))\b")


def names_the_maker(sentence: str, span: Span, question: str) -> bool:
    """Whether a span is the possessive that names the maker a who-question asks for ("Wang
    Zhen" of "Wang Zhen's Nong Shu" for "Who wrote the Nong Shu?")."""
    return bool(_ASKS_FOR_A_MAKER_RE.search(question)) and bool(
        re.match(r"['’]s\s", sentence[span.end : span.end + 3]))


def _owner_of_what_is_asked(sentence: str, span: Span, asked_words: frozenset[str]
                            ) -> Span | None:
    """The name a possessive gives a thing the question names ("Wang Zhen" of "Wang Zhen's Nong
    Shu" for "Who wrote the Nong Shu?"), not a person ("Robert's son" for "Who was Robert's
    son?"); None when the span has no such possessive."""
    mark = re.search(r"['’]s(?:\s|$)", span.text)
    if mark is None or mark.start() == 0:
        return None
    owner = span.text[: mark.start()]
    had = re.findall(r"[A-Za-z]\w*", sentence[span.start + mark.end() : span.end + 30])[:1]
    if (not had or had[0].lower()[:5] not in asked_words
            or singulars(had[0].lower()) & PERSON_NOUNS
            or all(w.lower()[:5] in asked_words for w in owner.split())):
        return None  # not what the question names, a person, or the question's own name
    return Span(span.start, span.start + mark.start(), owner, "person")


def _is_named(text: str, whose: str) -> bool:
    """Whether a name is the one whose kin is asked, accents apart ("Ögedei" for "Ogedei")."""
    name, whose = without_accents(text).lower(), without_accents(whose).lower()
    return name in (whose, *whose.split())


def _kin_of(sentence: str, span: Span, whose: str) -> tuple[str, ...] | None:
    """What the window says a person (X) is to `whose` (K): the kin it names between them, or
    None when it relates them by no kin word."""
    words = [w for w in whose.split() if len(w) > 2]
    who = r"(?:" + "|".join(re.escape(without_accents(w)) for w in [whose, *words]) + r")"
    before = without_accents(sentence[max(0, span.start - 60) : span.start])
    after = without_accents(sentence[span.end : span.end + 60])
    # X is K's kin: "K's uncle X", "X, K's uncle", "X, the uncle of K"
    said = (re.search(who + r"['’]s\s+" + _KIN + r"\s*,?\s*$", before)
            or re.search(r"^\s*,\s*(?:the\s+)?(?:" + who + r"['’]s\s+" + _KIN + r"|" + _KIN
                         + r"\s+of\s+" + who + r")\b", after))
    # ...or by a pronoun: "K ... his son X"; or in a window that opens "His father was X", which
    # answers only where the passage has just named K (`rag.evidence`)
    by_pronoun = r"\b(?i:his|her)\s+" + _KIN + r"(?:\s*,|\s+(?:was|is))?\s*$"
    pronoun = re.search(by_pronoun, before)
    so_far = without_accents(sentence[: span.start])
    if said is None and pronoun is not None and (
            re.search(who, so_far) or re.fullmatch(r"\W*" + by_pronoun, so_far)):
        said = pronoun
    if said:
        return (next(g for g in said.groups() if g).lower(),)
    # X married K: "Malcolm III married Edgar's sister Margaret"
    if (re.search(r"^\s+(?:had\s+)?married\s+(?:\S+\s+){0,3}?" + who + r"\b", after)
            or re.search(who + r"\s+(?:had\s+)?married\s+$", before)):
        return ("husband", "wife")
    # K is X's kin: "X's grandson K", "K, X's grandson", "K, grandson of X"
    converse = (re.search(r"^['’]s\s+" + _KIN + r"\s*,?\s+" + who + r"\b", after)
                or re.search(who + r"\s*,\s*(?:the\s+)?" + _KIN + r"\s+of\s+$", before))
    if converse is None and re.search(who + r"\s*,\s*$", before):
        converse = re.search(r"^['’]s\s+" + _KIN + r"\b", after)
    if converse:
        return _KIN_CONVERSE[next(g for g in converse.groups() if g).lower()]
    return None


# Verbs of moving somewhere, for "Where did they go / flee to / pull back to?".
_MOVING = (r"(?:fle[de]s?|fleeing|retreat\w*|withdr[ae]w\w*|went|go(?:es|ne|ing)?|"
           r"mov(?:e|ed|es|ing)|head(?:ed|ing|s)?|(?:pull|fall|fell|push|drove|driven)\w*\s+back|"
           # verbs, not their nouns: "Where is the evacuation shelter?" asks where it is
           r"escap\w*|travel\w*|sen[dt]|(?:evacuat|relocat|migrat)(?:e|ed|es|ing)|return\w*|"
           r"end(?:ed|s)?\s+up|(?:sought|seek\w*|took|tak\w+)\s+(?:refuge|shelter))")
_MOVING_RE = re.compile(r"(?i)\b" + _MOVING + r"\b")
# A verb of moving in a clause that only dates the question: "Where was the capital before
# Kublai moved it?" asks where it was.
_MOVING_IN_A_TIME_CLAUSE_RE = re.compile(
    r"(?i)\b(?:before|after|when|once|since|until|while)\s+(?:\S+\s+){0,3}" + _MOVING + r"\b")
# What a place just after names where someone left: "fled the city of Mazari Sharif", "from
# Kunduz".
_LEFT_RE = re.compile(r"(?i)\b(?:from|out of|left|leaving|fled|fleeing|flee|abandon\w*|"
                      r"evacuated)\s+(?:the\s+(?:city|town|province|village|district)\s+of\s+|"
                      r"the\s+)?$")
# Characters before a place within which a verb of moving takes someone there.
NEAR_MOVING = 80
# How well a place fits a where-to question when no verb of moving leads to it.
AWAY_FROM_MOVING = 0.25


def asks_where_to(question: str) -> bool:
    """Whether a where-question asks where someone or something went.

    >>> asks_where_to("Where did the Afghan forces that fled the city go?")
    True
    >>> asks_where_to("Where had the Mongol capital been before Kublai moved it?")
    False
    """
    return any(not _MOVING_IN_A_TIME_CLAUSE_RE.search(question, 0, m.end())
               for m in _MOVING_RE.finditer(question))


def _reached_by_moving(sentence: str, span: Span, starts: list[int]) -> str:
    """Whether a verb of moving leads to a place (not from it), in its sentence: "first" when no
    other phrase (`starts`) stands between them, "further" when one does, "" when none leads.

    >>> text = "All forces have fled the city of Mazari Sharif and are now at Hayratan port."
    >>> spans = [Span(text.find(n), text.find(n) + len(n), n, "place")
    ...          for n in ("Mazari Sharif", "Hayratan")]
    >>> [_reached_by_moving(text, span, [s.start for s in spans]) for span in spans]
    ['', 'first']
    """
    reach = sentence[max(0, span.start - NEAR_MOVING) : span.start]
    before = re.split(r"[.!?][”’\"]?\s", reach)[-1]  # in this sentence only
    begin = span.start - len(before)
    verbs = list(_MOVING_RE.finditer(before))
    if not verbs or _LEFT_RE.search(before):
        return ""
    verb_end = begin + verbs[-1].end()
    between = [s for s in starts if verb_end <= s < span.start and not _LEFT_RE.search(
        sentence[begin : s])]
    return "further" if between else "first"


# Words that say how exact a figure or time is, not what it is: "At around what time...?" is
# answered by "around 9 am", though "around" is the question's own word.
_HEDGES = {"around", "about", "roughly", "nearly", "almost", "approximately", "some", "over",
           "under", "more", "less", "than", "just", "least", "most", "exactly", "precisely"}


def _spells_a_place_asked(span: Span, question: Question) -> bool:
    """Whether a place is one the question names, spelt another way: one word that begins with
    the question's name ("Mazar-e-Sharif", "Mazar-i-Sharif’s" for "Mazar"), or two of which the
    first does and is longer ("Mazari Sharif"); not the name and another word, which names
    something else ("Toyota Hilux" for "Toyota")."""
    words = span.text.lower().split()
    return span.kind in ("place", "name") and len(words) <= 2 and any(
        f.kind == "name" and " " not in f.text and words[0].startswith(f.text.lower())
        and (len(words) == 1 or words[0] != f.text.lower()) for f in question.focus)


# What may follow a name and still name the same one: an epithet ("Ralph the Timid"), what it
# is of ("the Grand Canal of China"). Not a numeral: Henry II is not Henry I.
_SAME_ONE_AFTER_RE = re.compile(r"^\s+(?:the\s+[A-Z][a-z]+|of\s+\S.*)$")


def _names_what_is_asked_about(span: Span, question: Question) -> bool:
    """Whether a name is one the question names, said in full: "Ralph the Timid" for "Who made
    Ralph earl?", "the Grand Canal of China" for "Where did the Grand Canal start?", "Hakainde
    Hichilema" for "Who did Hichilema defeat?"."""
    if span.kind not in ("person", "place", "name", "organisation"):
        return False
    text = without_accents(re.sub(r"^(?:the|The)\s+", "", span.text))
    if span.kind in ("person", "name") and any(
            f.kind == "name" and " " not in f.text and " " in text
            and text.rsplit(" ", 1)[-1].lower() == without_accents(f.text).lower()
            for f in question.focus):
        return True  # "Hakainde Hichilema" for "Who did Hichilema defeat?": he, by his full name
    return any(f.kind == "name" and text.lower().startswith(without_accents(f.text).lower())
               and _SAME_ONE_AFTER_RE.match(text[len(f.text) :]) is not None
               for f in question.focus)


# A place a where-question may be answered by, named by a common noun after a preposition of
# place ("retreated to the nearby airport", "raised their flag in the main square"): news tells
# where things happen in such words as often as by name. Not "the city" or "the province":
# those say no more than the question already does.
_PLACE_NOUNS = (r"(?:square|airport|post|base|outskirts|building|office|compound|palace|border|"
                r"port|hospital|prison|headquarters|barracks|camp|market|mosque|garrison|fort|"
                r"airbase|checkpoint|mountains|valley|hills|embassy|residence|bunker|stadium|"
                r"school|church|shelter|tent|sports hall|hall|hotel)")
_PLACE_PHRASE_RE = re.compile(
    r"\b(?:in|on|at|to|into|near|outside|inside|towards?|from|around)\s+((?:the|an?|its|their|"
    r"his|her)\s+(?:[a-z’'-]+\s+){0,2}?" + _PLACE_NOUNS + r"s?"
    # ...or several of them, without an article: "sheltering in mosques, schools and sports halls"
    r"|" + _PLACE_NOUNS + r"s(?:(?:,\s+|,?\s+(?:and|or)\s+)(?:[a-z]+\s+)?" + _PLACE_NOUNS
    + r"s)*)\b")


# A preposition of place after a word of the question, and the common noun phrase it takes:
# "Where is much of the work done?" -> "...is done in committee."
_AFTER_A_WORD_RE = re.compile(
    r"\b([a-z]+)\s+(?:in|at|on|inside|within|near|outside|into)\s+((?:(?:the|a|an|its|their)\s+)?"
    r"[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}?)(?=\s*(?:[.,;:!?)]|$)|\s+(?:on|at|in|during|from|"
    r"since|until|for|every|each|when|while|after|before|by|with|and)\b)")
_NOT_A_PLACE = {"practice", "time", "turn", "part", "general", "fact", "particular", "total",
                "addition", "response", "order", "theory", "principle", "public", "private",
                "person", "advance", "return", "full", "vain", "effect", "place", "common",
                "detail", "short", "power", "charge", "force", "office", "control", "all"}


# An adverb of place after a word of the question: "spent the night outdoors".
_PLACE_ADVERB_RE = re.compile(
    r"\b([a-z]+)\s+(outdoors|indoors|abroad|overseas|underground|offshore|upstairs|downstairs)\b")


def _where_the_question_leaves_off(sentence: str, content_words: frozenset[str]) -> list[Span]:
    """Places a where-question's own words lead to: a common noun after a preposition of place
    right after a word of the question ("done in committee" for "Where is the work done?"), or
    an adverb of place ("spent the night outdoors" for "Where did residents spend the night?")."""
    spans = [Span(m.start(2), m.end(2), m.group(2), "place")
             for m in _PLACE_ADVERB_RE.finditer(sentence)
             if set(terms(m.group(1))) & content_words]
    for m in _AFTER_A_WORD_RE.finditer(sentence):
        phrase, stems = m.group(2), terms(m.group(1))
        if stems and set(stems) <= content_words and phrase.split()[-1] not in _NOT_A_PLACE:
            spans.append(Span(m.start(2), m.end(2), phrase, "place"))
    return spans


# When something happens told by another event rather than a date: "immediately after Decision
# Time", "at the beginning of each parliamentary session", "following the withdrawal".
EVENT_TIME = 0.5
_EVENT_TIME_RE = re.compile(
    r"(?i)\b(?:(?:immediately|shortly|soon|just|directly|right)\s+)?"
    r"(?:after|before|following|during|at\s+the\s+(?:beginning|start|end|close|outset)\s+of)"
    r"\s+(?:(?:the|a|an|each|every|its|their|his|her)\s+)?"
    r"((?:[A-Za-z][\w-]*)(?:\s+(?!(?:is|are|was|were|be|been|has|had|have|and|or|but|when|"
    r"which|that|who|to|by|in|on|at|for|from|with|as|it|they|he|she|a|an|the|also|then)\b)"
    r"[A-Za-z][\w-]*){0,2})")


def _event_times(sentence: str) -> list[Span]:
    """Times given by another event ("at the beginning of each parliamentary session").

    >>> [s.text for s in _event_times('Immediately after Decision Time a debate is held.')]
    ['Immediately after Decision Time']
    >>> [s.text for s in _event_times('Committees are set up at the beginning of each session.')]
    ['at the beginning of each session']
    """
    return [Span(m.start(), m.end(), m.group(0), "date") for m in _EVENT_TIME_RE.finditer(sentence)
            if not _ANY_YEAR_RE.search(m.group(1))]


def _place_phrases(sentence: str) -> list[Span]:
    """Places named by a common noun after a preposition of place.

    >>> [s.text for s in _place_phrases("Troops were pushed back to the nearby airport.")]
    ['the nearby airport']
    """
    return [Span(m.start(1), m.end(1), m.group(1), "place")
            for m in _PLACE_PHRASE_RE.finditer(sentence)]


# Where a clause that tells of another event begins: "...as the Taliban captured Faizabad",
# "...while fierce battles continue on the outskirts of Herat", a semicolon. (Also at "after",
# "before", "when" and "but": a date then often left the clause it dates, "In 1271, when...", and
# FIT date answers fell 0.526 -> 0.505. Not between a window's two sentences: the neighbour is
# there to say who or where.)
_CLAUSE_BREAK_RE = re.compile(r";|,?\s+(?:while|whereas)\s+|\s+as\s+the\s+")


# A lifespan in brackets, "Wei Yilin (1277–1347)": what stands before and after its first year,
# and before its last.
_LIFESPAN_OPENS_RE = re.compile(r"\(\s*$")
_LIFESPAN_GOES_ON_RE = re.compile(r"\s*[–—-]\s*\d{3,4}\s*\)")
_LIFESPAN_ENDS_RE = re.compile(r"\(\s*\d{3,4}\s*[–—-]\s*$")
_DIED_RE = re.compile(r"\b(?:die|died|dies|death|killed|passed away|end|ended|ends)\b",
                      re.IGNORECASE)
_BORN_RE = re.compile(r"\b(?:born|birth|begin|began|begun|begins|start|started|starts)\b",
                      re.IGNORECASE)


def _other_end_of_a_lifespan(sentence: str, span: Span, question: Question) -> bool:
    """A year of a lifespan (or of any span of years in brackets) that is not the end the
    question asks about: its first year for "When did X die?" or "When did the war end?", its
    last for "When was X born?" or "When did the dynasty begin?"."""
    before, after = sentence[max(0, span.start - 12) : span.start], sentence[span.end :]
    if _LIFESPAN_OPENS_RE.search(before) and _LIFESPAN_GOES_ON_RE.match(after):
        return bool(_DIED_RE.search(question.text))
    if _LIFESPAN_ENDS_RE.search(before) and after.lstrip().startswith(")"):
        return bool(_BORN_RE.search(question.text))
    return False


def in_the_clause_of_a_figure_asked(sentence: str, span: Span, question: Question) -> bool:
    """Whether a span stands in the clause that says a number or ordinal the question asks
    about: in "Ghani arrived in Mazar as the Taliban captured Faizabad overnight, making it the
    ninth city...", Faizabad is in the ninth city's clause and Mazar is not."""
    figures = [f for f in question.focus if f.kind == "number"]
    return bool(figures) and all(mentions(_clause_of(sentence, span), f) for f in figures)


def _clause_of(sentence: str, span: Span) -> str:
    """The clause of a window that holds a span."""
    start = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(sentence) if m.end() <= span.start),
                default=0)
    end = min((m.start() for m in _CLAUSE_BREAK_RE.finditer(sentence) if m.start() >= span.end),
              default=len(sentence))
    return sentence[start:end]


@lru_cache(maxsize=256)
def _asked(question: Question) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What `answer_spans` compares every window's spans with, read once per question: the forms
    of its focus, its words (first five letters), and the stems of what a "how many" question
    counts (its lower-case content words: families, soldiers; not the names it is about)."""
    asked = frozenset(f for focus in question.focus for f in focus.forms)
    asked_words = frozenset(w.lower()[:5] for w in re.findall(r"[A-Za-z0-9]\w+", question.text))
    content = frozenset(terms(" ".join(w for w in re.findall(r"\b[a-z]{3,}\b", question.text)
                                       if w[:5] not in _COUNTED_WORDS)))
    # What a count counts, however written: "How many MSPs are there?" counts MSPs.
    how_many = _HOW_MANY_RE.search(question.text)
    written = _COUNTED_AS_WRITTEN_RE.match(question.text, how_many.end()) if how_many else None
    what = counted(question.text) or " ".join(itertools.takewhile(
        lambda w: w.lower()[:5] not in _COUNTED_WORDS, written.group(0).split()) if written else [])
    dead = frozenset(terms(CASUALTY_WORDS))
    if content & dead and not what:
        # "What is the death toll?": a figure near "killing" counts the dead (a question that
        # says what it counts, "How many deaths...?", is held to it)
        content |= dead
    return asked, asked_words, content | frozenset(terms(what))


# Adjectives of a people or a faith ("Scottish", "Islamic", "French"): before a noun, they say
# whose the noun is, never where (a who-question may be answered by one: "the French").
_PEOPLE_ADJECTIVE_RE = re.compile(
    r"^[A-Z][a-z]+(?:ian|ese|ish|ic)$|^(?:French|Dutch|Greek|Thai|Swiss|Norse|Viking|Arab|Welsh|"
    r"American|Afghan|German|Korean|Mexican|Roman|Muslim|Jewish|Sunni|Shia|Hindu|Buddhist)$")


def _people_adjective(sentence: str, span: Span) -> bool:
    """Whether a name is a people's or a faith's adjective before a noun ("Scottish rivers",
    "its Central Asian ally"; a "Republic" is a place).

    >>> _people_adjective("gold from Scottish rivers", Span(10, 18, "Scottish", "name"))
    True
    >>> _people_adjective("a march to Scottish Parliament", Span(11, 19, "Scottish", "name"))
    False
    """
    following = re.match(r"\s+([a-z]+)", sentence[span.end :])
    last = span.text.split()[-1]
    return bool(following and _PEOPLE_ADJECTIVE_RE.match(last) and last != "Republic"
                and following.group(1) not in ("and", "or", "of", "in", "to", "who", "which"))


# "Who said...?", "Who told AFP...?", "Who confirmed...?": a question for a speaker.
_ASKS_WHO_SAID_RE = re.compile(
    r"(?i)^\W*who\b.*\b(?:said|say|says|told|tell|tells|claim(?:s|ed)?|confirm(?:s|ed)?|"
    r"warn(?:s|ed)?|tweet(?:s|ed)?|announc(?:e|es|ed)|state[sd]?|den(?:y|ies|ied)|"
    r"insist(?:s|ed)?|quoted)\b")
# A speaker news describes without a name, just before the verb of saying ("the unnamed official
# said", "One resident told me", "a spokesman for Taliban's political office told Al Jazeera").
_UNNAMED_SPEAKER_RE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne)\s+(?:[a-z][\w-]*\s+){0,3}?(?:officials?|spokes(?:man|woman|"
    r"person)|residents?|locals?|lawmakers?|sources?|diplomats?|witness(?:es)?|commanders?|"
    r"officers?|analysts?|journalists?|reporters?|members?|villagers?|elders?|doctors?|aides?)"
    r"(?:\s+(?:for|of|from|in)\s+[\w’'-]+(?:\s+[\w’'-]+){0,4}?)?"
    r"(?=\s+(?:has\s+|had\s+)?(?:said|says|told|tweeted|added|wrote|confirmed|warned|claimed|"
    r"was quoted|were quoted)\b)")
# How well such a speaker fits: less than a name, which says who it was.
UNNAMED_SPEAKER = 0.5


# A phrase that names who did something by what they are rather than by name ("A vote clerk",
# "other members"): the answer to "Who operates the voting equipment?" where no name is given.
ROLE_PHRASE = 0.5
_WHO_HOLDS_RE = re.compile(r"(?i)\bwho(?:'s|’s|\s+(?:is|was|are|were))\s+(?:the|a|an|its|their)\b")
ROLE_MODIFIERS = 2  # words before the noun that belong to the phrase ("the provincial police chief")
_ROLE_TOKEN_RE = re.compile(r"[A-Za-z][\w’'-]*")
_ROLE_DETERMINERS = {"a", "an", "the", "other", "any", "some", "many", "most", "all", "several",
                     "each", "every", "its", "their", "his", "her", "two", "three", "four"}
# Words that end a phrase on its left: they begin another ("of", "and", "by"), or are verbs
# and pronouns no phrase naming a kind of person holds.
_ROLE_BREAKS = {"of", "and", "or", "by", "to", "in", "on", "at", "for", "with", "from", "as",
                "that", "which", "who", "was", "were", "is", "are", "be", "been", "has", "had",
                "have", "not", "no", "it", "they", "he", "she", "we", "said", "says", "also",
                "then", "than", "but", "if", "when", "while", "after", "before", "into", "over"}


def role_phrases(sentence: str) -> list[Span]:
    """Phrases that name a kind of person, not a person: "A vote clerk", "other members".
    A kind of person just before a name is that person's title, not an answer of its own.

    >>> [s.text for s in role_phrases(
    ...     "A vote clerk sits in front of the Presiding Officer and operates the clocks.")]
    ['A vote clerk']
    >>> [s.text for s in role_phrases("As well as the proposer, other members contribute.")]
    ['the proposer', 'other members']
    >>> [s.text for s in role_phrases("Ghani met notorious warlord Abdul Rashid Dostum.")]
    []
    >>> [s.text for s in role_phrases("It was seized by the militant group.")]
    []
    >>> [s.text for s in role_phrases("It was seized by the provincial police chief.")]
    ['the provincial police chief']
    """
    tokens = list(_ROLE_TOKEN_RE.finditer(sentence))
    out = []
    for i, token in enumerate(tokens):
        word = token.group(0)
        if not word.islower() or word in _ROLE_BREAKS or not is_a_person(word):
            continue
        after = tokens[i + 1].group(0) if i + 1 < len(tokens) and re.fullmatch(
            r"\s+", sentence[token.end() : tokens[i + 1].start()]) else ""
        if after[:1].isupper() or after.lower() in ORGANISATION_NOUNS:
            continue  # "warlord Abdul Rashid Dostum": a title; "the militant group": a body
        first, modifiers = i, 0
        while first > 0 and re.fullmatch(
                r"\s+", sentence[tokens[first - 1].end() : tokens[first].start()]):
            before = tokens[first - 1].group(0)
            if before.lower() in _ROLE_DETERMINERS:
                first -= 1
                break
            if (not before.islower() or before in _ROLE_BREAKS
                    or modifiers == ROLE_MODIFIERS):
                break
            first, modifiers = first - 1, modifiers + 1
        start = tokens[first].start()
        out.append(Span(start, token.end(), sentence[start : token.end()], "person"))
    # "the provincial police chief", not also "the provincial" (a provincial is a person too)
    return [span for span in out if not any(o is not span and o.start <= span.start
                                            and span.end <= o.end for o in out)]


def _unnamed_speakers(sentence: str) -> list[Span]:
    """
    >>> [s.text for s in _unnamed_speakers("“We will fight,” the unnamed official said.")]
    ['the unnamed official']
    """
    return [Span(m.start(), m.end(), m.group(0), "person")
            for m in _UNNAMED_SPEAKER_RE.finditer(sentence)]


# A question for a side of a fight or a dispute ("Which group...?", "What militia...?").
_ASKS_FOR_A_SIDE_RE = re.compile(r"(?i)\b(?:which|what)\s+(?:[a-z-]+\s+)?(?:groups?|militias?|"
                                 r"factions?|forces?|army|armies|party|parties|movements?|"
                                 r"alliances?|sides?)\b")
# What comes before the outlet a statement was given to.
_TOLD_TO_RE = re.compile(r"\b(?:told|quoted(?: as saying)? by|reported by|in an interview with|"
                         r"speaking to)\s+(the\s+)?$", re.IGNORECASE)


def _told_to_an_outlet(sentence: str, span: Span) -> bool:
    """Whether a span is the outlet words were told to or quoted by: an organisation ("told Al
    Jazeera TV", "told AFP") or a name after "the" ("by the Guardian"); not a person who was told
    something ("Ghani told Dostum")."""
    told = _TOLD_TO_RE.search(sentence, max(0, span.start - 40), span.start)
    return told is not None and (told.group(1) is not None or span.kind == "organisation")


# A people's adjective that names a side: "Turkish forces", "the French army".
_GROUP_AFTER = re.compile(r"\s+(?:forces|troops|army|armies|soldiers|people|rebels|mercenaries|"
                          r"fighters|militias?|settlers|knights|colonists|navy|fleet)\b")


# The words after "how many" (`_HOW_MANY_RE`), capitalised or not ("How many MSPs...?", "How
# many Khitan Tumens").
_COUNTED_AS_WRITTEN_RE = re.compile(r"(?:[A-Za-z][\w’'-]*\s+)?[A-Za-z][\w’'-]*")
_COUNTED_WORDS = {"many", "much", "numbe", "what", "which", "were", "was", "did", "have", "the",
                  "how", "does", "there", "are", "has", "had", "with", "from", "that", "this",
                  "they", "their", "for", "and", "been", "about", "accor"}


# The words between "which" and the kind of place asked describe it ("What modern city"); a
# preposition starts another phrase ("What battle outside Quebec City" asks for a battle).
_DESCRIBING = (r"(?:(?!\b(?:in|outside|near|at|from|to|by|on|for|with|after|before)\b)"
               r"[\w\s’'-]){0,25}?")
_CITY_QUESTION_RE = re.compile(
    r"\b(?:which|what|name|list|give me)\b" + _DESCRIBING + r"\b(?:city|cities|towns?|capitals?)\b",
    re.IGNORECASE)


def _holds_role(text: str, role: str) -> bool:
    """Whether a text names the office a question asks about (by stem, or as the acronym or word
    news uses for it: a "spokesperson" is a spokesman, an "MP" a lawmaker)."""
    stems = set(terms(text))
    return any(set(terms(word)) <= stems for word in _ROLE_WORDS.get(role, (role,)))


@lru_cache(maxsize=64)
def _role_place_re(role: str) -> re.Pattern[str]:
    """The pattern of `_role_place` for one office, compiled once."""
    words = "|".join(w if w.isupper() else "(?i:" + re.escape(w) + ")"
                     for w in _ROLE_WORDS.get(role, (role,)))
    return re.compile(
        r"\b(" + _CAPITALISED + r")(?:['’]s)?\s+(?:(?i:provincial)\s+)?(?:" + words + r")\b"
        r"|\b(?:" + words + r")\s+(?:of|for)\s+(?:the\s+)?(" + _CAPITALISED + r")")


def _role_place(text: str, role: str) -> list[tuple[int, int, str]]:
    """Each office of a text written with the name it is of ("Baghlan MP", "the governor of
    Balkh", "Taliban commander"): its extent and that name."""
    out = []
    for m in _role_place_re(role).finditer(text):
        # "Which Badakhshan MP", "The Balkh governor": the name without the words before it
        name = (m.group(1) or m.group(2)).split()
        while name and name[0].lower() in _NOT_OF_A_PLACE:
            name = name[1:]
        if name:
            out.append((m.start(), m.end(), " ".join(name)))
    return out


_CAPITALISED = r"[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*"
# Capitalised words before an office that do not say where or whose it is ("The governor")
_NOT_OF_A_PLACE = {"the", "a", "an", "its", "their", "his", "her", "former", "deputy", "senior",
                   "local", "provincial", "acting", "new", "then", "chief", "vice", "which",
                   "what", "whose", "who", "is", "was", "did", "does", "in", "on", "name"}


@lru_cache(maxsize=256)
def _places_asked(question: Question) -> tuple[str, ...]:
    """The places (not countries or peoples) the office a question asks about is of ("Which
    Badakhshan MP...?": Badakhshan): read once a question, not once for each span of each
    window."""
    if question.role is None:
        return ()
    return tuple(place for _, _, place in _role_place(question.text, question.role)
                 if not other_names_of(place))


def _of_another_place(sentence: str, span: Span, question: Question) -> bool:
    """Whether a name holds the office a question asks about for another place (or body) than
    the one it asks ("Which Badakhshan MP...?": not "Baghlan MP Mamoor Ahmadzai"; "Who is the
    governor of Balkh?": not "Kunduz governor Abdul Sattar Mirzakwal"). Not when the question's
    place is a country or a people ("Which Afghan MP...?" may be answered by a Baghlan MP).

    >>> from rag.question import read
    >>> q = read("Which Badakhshan MP confirmed it to AFP?")
    >>> text = "Baghlan MP Mamoor Ahmadzai told AFP the city had fallen."
    >>> _of_another_place(text, Span(11, 26, "Mamoor Ahmadzai", "person"), q)
    True
    >>> text = "Badakhshan MP Zabihullah Attiq told AFP the city had fallen."
    >>> _of_another_place(text, Span(14, 30, "Zabihullah Attiq", "person"), q)
    False
    """
    asked = _places_asked(question)
    if not asked or question.role is None:  # (no places are asked without an office)
        return False
    for start, end, place in _role_place(sentence, question.role):
        near = start <= span.start <= end + 2 or (0 <= span.start - end <= 3) or (
            0 <= start - span.end <= 3)
        if near and not any(place.lower().startswith(a.lower()[:5]) for a in asked):
            return True
    return False


_ROLE_WORDS = {
    "lawmaker": ("lawmaker", "MP", "legislator", "parliamentarian"),
    "mp": ("MP", "lawmaker", "legislator", "parliamentarian"),
    "legislator": ("legislator", "lawmaker", "MP", "parliamentarian"),
    "spokesman": ("spokesman", "spokeswoman", "spokesperson", "spokesmen"),
    "spokeswoman": ("spokesman", "spokeswoman", "spokesperson"),
    "spokesperson": ("spokesman", "spokeswoman", "spokesperson"),
    "president": ("president", "leader"),
    "diplomat": ("diplomat", "envoy", "ambassador"),
    "envoy": ("envoy", "diplomat", "ambassador"),
    "ambassador": ("ambassador", "envoy"),
    "ceo": ("CEO", "chief executive"),
    "executive": ("executive", "CEO"),
    # Kin are named beside the word for them or for the other side ("Shi Bingzhi's son").
    "father": ("father", "son", "daughter"),
    "mother": ("mother", "son", "daughter"),
    "son": ("son", "father", "mother"),
    "daughter": ("daughter", "father", "mother"),
    "brother": ("brother", "sister"),
    "sister": ("sister", "brother"),
    "wife": ("wife", "husband", "married", "widow"),
    "husband": ("husband", "wife", "married", "widow"),
    "uncle": ("uncle", "nephew"),
    "nephew": ("nephew", "uncle"),
    "grandfather": ("grandfather", "grandson"),
    "grandson": ("grandson", "grandfather"),
    "successor": ("successor", "succeeded"),
    "predecessor": ("predecessor", "succeeded"),
}


_COUNTRY_QUESTION_RE = re.compile(
    r"\b(?:which|what)\b" + _DESCRIBING + r"\b(?:country|countries|nations?)\b", re.IGNORECASE)


def _asks_for_a_country(question: Question) -> bool:
    return bool(_COUNTRY_QUESTION_RE.search(question.text))


# A name headed by one of these words names a state, whether or not WordNet lists it ("the Dutch
# Republic", "the Mongol Empire", "the United Arab Emirates").
_STATE_HEAD_RE = re.compile(r"\b(?:Republic|Kingdom|Empire|Union|Emirates?|States|Federation|"
                            r"Confederation|Commonwealth|Caliphate|Sultanate|Khanate)$")


def _known_as_a_country(name: str) -> bool:
    """Whether a name is known to name a country: WordNet knows it as one ("U.S" and "the UK"
    too), or it is headed as a state. Countries are few and WordNet names those of its time, so
    a name it does not know is no country: a city or district only a news story names ("Mazar").

    >>> [_known_as_a_country(n) for n in ("the U.S", "Dutch Republic", "Mazar", "Kabul")]
    [True, True, False, False]
    """
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return bool(_STATE_HEAD_RE.search(bare)) or any(
        "country" in kinds_of(form) for form in (bare, bare.replace(".", ""), bare + "."))


def _asks_for_a_city(question: Question) -> bool:
    return bool(_CITY_QUESTION_RE.search(question.text))


_CONTINENT_QUESTION_RE = re.compile(r"\b(?:which|what)\b" + _DESCRIBING + r"\bcontinents?\b",
                                    re.IGNORECASE)
_REGION_QUESTION_RE = re.compile(
    r"\b(?:which|what)\b" + _DESCRIBING + r"\b(?:provinces?|regions?|count(?:y|ies)|districts?)\b",
    re.IGNORECASE)


# How a question asks for each kind of place `rag.places` knows.
_PLACE_KIND_QUESTION_RES = {"country": _COUNTRY_QUESTION_RE, "continent": _CONTINENT_QUESTION_RE,
                            "city": _CITY_QUESTION_RE, "region": _REGION_QUESTION_RE}


def _another_kind_of_place(span: Span, question: Question) -> bool:
    """Whether a question asks for a kind of place (a country, continent, city or region) that
    WordNet knows the span's place is not: "Mongolia" answers no "What modern city...?", "Kabul"
    no "Which province...?". A place WordNet does not know may be any."""
    known = kinds_of(span.text) - {"person"}
    if not known:
        return False
    asked = place_kinds_asked(question.text)
    return bool(asked) and not known & asked


def of_the_kind_of_place_asked(span: Span, question: str) -> bool:
    """Whether WordNet knows the span's place is of the kind the question asks for ("Pakistan"
    for "Which countries...?")."""
    return bool(place_kinds_asked(question) & kinds_of(span.text))


@lru_cache(maxsize=256)
def place_kinds_asked(question: str) -> frozenset[str]:
    """The kinds of place (of `rag.places`) a question asks for: "country" for "Which
    countries...?"; read once per question, not once per span."""
    return frozenset(kind for kind, asks in _PLACE_KIND_QUESTION_RES.items()
                     if asks.search(question))


# What a sentence calls a place, before it ("the province of Baghlan") or after it ("Kunduz
# province"). Less than a country, for "Which country...?" (a "state" may be one: "the new state
# of Turkey"; and not "capital of": "Kabul, the capital of Afghanistan" names the country after
# it); more than a city, for "Which city...?".
_TOWN_KINDS = ("city", "town", "village", "port", "province", "district", "county")
_REGION_KINDS_BEFORE = ("province", "country", "district", "region", "state")
_REGION_KINDS_AFTER = ("province", "district", "region")


@lru_cache(maxsize=None)
def _called_res(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The patterns of `_called_one_of`, compiled once per pair of word lists."""
    return (re.compile(r"\b(?:" + "|".join(before) + r") of\s+(?:the\s+)?$"),
            re.compile(r"^\s+(?:" + "|".join(after) + r")\b"))


def _called_one_of(sentence: str, span: Span, before: tuple[str, ...],
                   after: tuple[str, ...]) -> bool:
    before_re, after_re = _called_res(before, after)
    return bool(before_re.search(sentence[max(0, span.start - 30) : span.start])
                or after_re.match(sentence[span.end :]))


# The common noun a name ends on says what it names ("Bannow Bay", "the Grand Canal of China",
# "Holyrood Palace"): a water, a landform, a building or a body, not a country, city or region.
_NO_SETTLEMENT_HEADS = frozenset({
    "bay", "river", "sea", "lake", "ocean", "gulf", "strait", "straits", "canal", "channel",
    "mountain", "mountains", "hill", "hills", "peninsula", "valley", "desert", "forest", "coast",
    "castle", "abbey", "church", "cathedral", "palace", "bridge", "street", "square", "hall",
    "building", "tower", "house", "school", "university", "college", "court", "council",
    "parliament", "party", "army", "company", "bank", "office", "ministry", "committee",
    "government", "dynasty", "war", "battle", "treaty", "act", "agreement"})


def _headed_as_no_settlement(name: str) -> bool:
    """Whether a name's head noun (its last word, or the last before "of") names a water, a
    landform, a building, a body or an event.

    >>> _headed_as_no_settlement("Bannow Bay"), _headed_as_no_settlement("Grand Canal of China")
    (True, True)
    >>> _headed_as_no_settlement("Mazar-i-Sharif"), _headed_as_no_settlement("Bay of Bengal")
    (False, True)
    """
    words = name.split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head.lower() in _NO_SETTLEMENT_HEADS


def _named_as_town_or_region(sentence: str, span: Span) -> bool:
    """A place the sentence names as a town, city, province or district, not a country."""
    return _called_one_of(sentence, span, _TOWN_KINDS, _TOWN_KINDS)


def called_a_region(passage: str, name: str, question: Question) -> bool:
    """Whether a question asks for a city and the passage, anywhere, names `name` as a province,
    district or country ("clashed in Nahr-e-Shahi district of Balkh province", a sentence or two
    before "the police chief of Nahr-e-Shahi said...").

    >>> from rag.question import read
    >>> called_a_region("Clashes in Nahr-e-Shahi district. The police chief of Nahr-e-Shahi "
    ...                 "said...", "Nahr-e-Shahi", read("Which provincial capital fell?"))
    True
    """
    if not _asks_for_a_city(question):
        return False
    return any(_named_as_region(passage, Span(m.start(), m.end(), name, "place"))
               for m in re.finditer(re.escape(name), passage))


def _named_as_region(sentence: str, span: Span) -> bool:
    """A place the sentence names as a province, district or country ("the province of
    Baghlan", "Kunduz province"), which a question about a city is not answered by."""
    return _called_one_of(sentence, span, _REGION_KINDS_BEFORE, _REGION_KINDS_AFTER)


_TIME_UNIT_RE = re.compile(r"\s*(?:hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))\b",
                           re.IGNORECASE)


_HOW_LONG_RE = re.compile(r"\bhow (?:long|old)\b", re.IGNORECASE)
_HOW_LONG_ONLY_RE = re.compile(r"\bhow long\b", re.IGNORECASE)
_HOW_OLD_RE = re.compile(r"\bhow old\b", re.IGNORECASE)
_HOW_FAR_RE = re.compile(r"\bhow far\b", re.IGNORECASE)
# The units "how far" and "how long" are answered in, after a figure or a range of them ("five to
# ten years"): a length ("6,650 km", "a 40-mile front") or a stretch of time ("45 minutes").
_RANGE = r"(?:\s*(?:to|or|-|–)\s*[\w,.]+)?[\s-]*"
_LENGTHS = r"km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|yards?|leagues?"
_DISTANCE_UNIT_RE = re.compile(_RANGE + r"(?:" + _LENGTHS + r")\b", re.IGNORECASE)
_LONG_UNIT_RE = re.compile(
    _RANGE + r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|"
    r"centur(?:y|ies)|" + _LENGTHS + r"|inch(?:es)?)\b", re.IGNORECASE)


def measured_as_asked(sentence: str, span: Span, question: str) -> bool:
    """Whether a figure comes in the unit a how-long or how-far question asks for ("about 30
    kilometres south of the provincial capital" for "How far...?", "45 minutes" for "How long
    ...?"): it stands where the answer does, whatever words of the question are near it.

    >>> text = "It hit about 30 kilometres south of the city, killing 41."
    >>> [measured_as_asked(text, s, "How far was it from the city?") for s in find_spans(text)]
    [True, False]
    """
    if span.kind != "number":
        return False
    if _HOW_FAR_RE.search(question):
        return bool(_DISTANCE_UNIT_RE.match(sentence, span.end))
    return bool(_HOW_LONG_ONLY_RE.search(question) and _LONG_UNIT_RE.match(sentence, span.end))


# An age: "over the age of 18", "aged 23", "a 23-year-old", "23 years old".
_AGE_BEFORE_RE = re.compile(r"\b(?:ages? of|aged)\s+$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"(?:\s+|-)years?[\s-]+old\b", re.IGNORECASE)
# A date that counts a stretch of time from another: "four days after", "two weeks later".
_STRETCH_DATE_RE = re.compile(r"(\w+) (?:hours|days|weeks|months|years) (?:earlier|later|before|"
                              r"after|ago)$")


_HOW_BIG_RE = re.compile(r"(?i)\bhow\s+(?:big|large|much\s+(?:land|ground|area))\b|"
                         r"\b(?:size|area)\s+of\b")
_AREA_UNIT_RE = re.compile(r"\s*(?:square\s+|sq\.?\s*)?(?:acres|hectares|miles|kilometres|kilometers"
                           r"|km|metres|meters|feet)\b", re.IGNORECASE)


def _is_duration_asked(sentence: str, span: Span, question: Question) -> bool:
    """A stretch of time ("380 years") for a question asking how long or how old, or an age
    ("over the age of 18") for one asking how old."""
    if not _HOW_LONG_RE.search(question.text):
        return False
    return bool(_TIME_UNIT_RE.match(sentence[span.end :])) or bool(
        _HOW_OLD_RE.search(question.text) and (
            _AGE_BEFORE_RE.search(sentence[max(0, span.start - 12) : span.start])
            or _AGE_AFTER_RE.match(sentence, span.end)))


def _stretch_of_time(span: Span) -> Span:
    """The figure of a date that counts time from another ("four days after"), as the count it
    is: "How long after the banquet did Kusala die?" asks for it. Any other span as it is."""
    match = _STRETCH_DATE_RE.fullmatch(span.text) if span.kind == "date" else None
    if match is None or not (match.group(1).isdigit() or match.group(1).lower() in NUMBER_WORDS):
        return span
    return Span(span.start, span.start + len(match.group(1)), match.group(1), "number")


def _counts_time(sentence: str, span: Span, question: Question) -> bool:
    """A figure that counts hours, days or years, when the question counts something else."""
    unit = _TIME_UNIT_RE.match(sentence[span.end :])
    if unit is None or _HOW_LONG_RE.search(question.text):
        return False  # "How long did they rule Cyprus?" "380 years"
    return not re.search(r"\bhow many\s+" + unit.group(0).strip()[:4], question.text,
                         re.IGNORECASE)


# What a count counts: the plural noun after "how many" in a question ("How many of Balkh's
# districts", "how many Taliban troops") and after a figure in a sentence ("two major cities",
# "thousands of fighters"), past a name or an adjective or two.
_HOW_MANY_RE = re.compile(r"\b(?:how many|number of)\s+", re.IGNORECASE)
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "police", "personnel", "staff"}
# Where what a figure counts is not named: "60,000 had fled", "5 in the north".
_NOT_COUNTED = {"had", "have", "has", "were", "are", "was", "is", "in", "on", "at", "to", "for",
                "by", "from", "and", "or", "who", "which", "that", "than", "as", "per"}
# Words news uses for the dead: "the death toll" is the figure of "killing at least 41 people".
CASUALTY_WORDS = "killed died dead massacred death deaths fatalities toll"
# Words news uses for the same counted things ("5,000 Taliban soldiers" counts the troops asked
# about).
_COUNTED_ALIKE = (
    "troops soldiers fighters forces militants insurgents combatants men commandos guerrillas "
    "rebels militiamen attackers gunmen personnel",
    "people persons civilians residents individuals inhabitants citizens men women children",
    "families households",
    "cities capitals towns",
    "types kinds sorts forms varieties categories",
    "jobs positions posts roles layoffs redundancies",  # "How many layoffs?": "1,200 jobs"
    "homes houses dwellings residences",  # "How many houses burned?": "140 homes"
)


@lru_cache(maxsize=1)
def counted_alike() -> list[frozenset[str]]:
    """The stems of each group of `_COUNTED_ALIKE` (also words alike to `rag.evidence`)."""
    return [frozenset(terms(group)) for group in _COUNTED_ALIKE]


_DIGITS_RE = re.compile(r"\d[\d,.]*")
# A figure that is part of a whole ("25 of 34 provinces"): the whole after it, and before it.
OF_A_WHOLE_RE = re.compile(r"\s+of\s+(?:the\s+)?\d[\d,]*(?=\s)")
_WHOLE_AFTER_A_PART_RE = re.compile(r"\b\d[\d,]*\s+of\s+(?:the\s+)?$")
# The same, also after a name's possessive ("20 of Afghanistan's 34"), for telling two reports
# apart (`rag.compose.answer_names`): text before a figure that makes it a whole.
WHOLE_BEFORE_RE = re.compile(r"\b\d[\d,]*\s+of\s+(?:the\s+)?(?:[A-Z]\w+[’']s\s+)?$")


def _counted_noun(words: str) -> str | None:
    """The first plural common noun among a few words, with the common nouns before it ("class
    divisions"): what a count counts. A measure joined to its figure counts its unit ("a
    40-minute session": minutes)."""
    unit = re.match(r"-([a-z]{3,})\b", words)
    if unit:
        return unit.group(1) + "s"
    if re.match(r"\s*[,;]", words):
        return None  # "injuring more than 1,600, officials said" counts no officials
    before: list[str] = []
    for word in re.findall(r"[\w’'-]+", words)[:4]:
        lower = word.lower()
        if lower in _NOT_COUNTED:
            return None
        if (lower in ("of", "the", "a", "an") or word[0].isupper() or lower.endswith(("’s", "'s"))
                or (before == [] and _DIGITS_RE.fullmatch(lower))):
            continue  # "25 of 34 provinces" counts provinces
        if lower in _IRREGULAR_PLURALS or len(lower) > 3 and lower.endswith("s") and (
                {lower[:-1], lower[:-2], lower[:-3] + "y"} & common_words()
                or is_a_noun(lower[:-1])):  # "layoffs", which the common words lack
            return " ".join(before + [lower])  # "fighters", "churches", "cities"
        if lower not in common_words():
            return None
        before.append(lower)
    return None


@lru_cache(maxsize=256)
def counted(question: str) -> str | None:
    """What a how-many question counts: its plural noun, with the common nouns before it; None
    when it names none.

    >>> counted("How many of Balkh's districts fell?"), counted("How many class divisions?")
    ('districts', 'class divisions')
    >>> counted("How many provincial capitals fell?"), counted("How many fled?")
    ('provincial capitals', None)
    """
    asked = _HOW_MANY_RE.search(question)
    return _counted_noun(question[asked.end() :]) if asked else None


def _counts_another_thing(sentence: str, span: Span, question: Question) -> bool:
    """Whether the figure counts something other than what the question counts: both name what
    they count, and it is not the same word or one news uses for it."""
    wanted = _counted_stems(question.text)
    counted_here = _counted_noun(sentence[span.end : span.end + NEAR_FIGURE]) if wanted else None
    if wanted is None or counted_here is None:
        return False
    # Any word of the question's phrase may be what the figure's counts ("How many class
    # divisions...?" "four classes"); the figure's own is its last.
    return not _alike_counts(wanted, counted_here.split()[-1])


# What a count of people is asked by: "How many people took part?" is answered by "312 adults"
# (any noun of a person, `rag.people`), but "How many firefighters...?" not by "6,000 residents".
_PEOPLE = frozenset(terms("people persons individuals humans"))
# A gathering counts its people: "a crowd of 18,432" answers "How many fans were there?" (a fan is
# first a machine to WordNet).
_FANS = frozenset(terms("fans supporters spectators"))
_GATHERING_OF_RE = re.compile(
    r"\b(?:crowd|attendance|audience|turnout|gathering)\s+of\s+(?:about\s+|some\s+|nearly\s+|"
    r"more\s+than\s+|over\s+|around\s+|almost\s+)?$", re.IGNORECASE)


def _counts_what_is_asked(sentence: str, span: Span, question: Question) -> bool:
    """Whether the figure counts what a how-many question counts, named by another word: a kind
    of person where it asks for people ("312 adults"), a gathering where it asks for any kind of
    person ("a crowd of 18,432" for fans), a word news uses for it ("1,200 jobs" for layoffs).

    >>> from rag.question import read
    >>> ask = read("How many people took part in the study?")
    >>> sentence = "Researchers followed 312 adults aged 50 to 75 over 16 weeks."
    >>> [_counts_what_is_asked(sentence, s, ask) for s in find_spans(sentence)]
    [True, False, False, False]
    >>> sentence = "They won in front of a crowd of 18,432, the largest this season."
    >>> [_counts_what_is_asked(sentence, s, read("How many fans came?"))
    ...  for s in find_spans(sentence)]
    [True]
    """
    asked = counted(question.text)
    if not asked:
        return False
    wanted = frozenset(terms(asked))
    a_kind_of_person = is_a_person(asked.split()[-1])
    if (a_kind_of_person or wanted & (_PEOPLE | _FANS)) and _GATHERING_OF_RE.search(
            sentence[max(0, span.start - 40) : span.start]):
        return True
    counted_here = _counted_noun(sentence[span.end : span.end + NEAR_FIGURE])
    if not counted_here:
        return False
    here = counted_here.split()[-1]
    if wanted & _PEOPLE:
        return is_a_person(here)
    # Not one kind of person for another: "thousands of troops" does not count the commandos
    # who flew with Dostum (though it does not count anything else either, `_counts_another_thing`).
    return not a_kind_of_person and _alike_counts(wanted, here)


@lru_cache(maxsize=256)
def _sides_asked(question: str) -> frozenset[str]:
    """The names a how-many question puts before what it counts, lower case ("How many Taliban
    troops...?": taliban), read once per question.

    >>> sorted(_sides_asked("Roughly how many Taliban troops took part?"))
    ['taliban']
    >>> _sides_asked("How many provincial capitals fell?")
    frozenset()
    """
    asked = _HOW_MANY_RE.search(question)
    noun = counted(question)
    if asked is None or noun is None:
        return frozenset()
    noun_at = question.find(noun.split()[0], asked.end())
    before = question[asked.end() : max(noun_at, asked.end())]
    return frozenset(w.lower() for w in re.findall(r"\b[A-Z][\w'’-]*", before))


def _counts_another_sides(sentence: str, span: Span, question: Question) -> bool:
    """Whether a figure counts what is asked in a sentence that names none of the sides the
    question names: it asks whose troops ("How many Taliban troops...?") and the sentence tells
    of "thousands of troops" the Alliance poured in. (Not the figure's own phrase alone: "Fighting
    in Balkh has displaced hundreds of families" counts Balkh's families.)"""
    sides = _sides_asked(question.text)
    if not sides or not _counted_noun(sentence[span.end : span.end + NEAR_FIGURE]):
        return False
    # The figure's own sentence: a window's other one ("However, ... in Taliban hands") does
    # not make the Alliance's troops the Taliban's.
    before, after = _in_its_sentence(sentence, span, len(sentence))
    own = before + sentence[span.start : span.end] + after
    return not sides & {w.lower() for w in re.findall(r"[\w'’-]+", own)}


def _alike_counts(wanted: frozenset[str], counted_here: str) -> bool:
    """Whether what a figure counts (the noun `counted_here`) is what the question counts (the
    stems `wanted`): the same word, one news uses for it (`_COUNTED_ALIKE`), or a kind of person
    where it counts people."""
    here = set(terms(counted_here))
    return bool(wanted & here
                or any(wanted & group and here & group for group in counted_alike())
                or wanted & _PEOPLE and is_a_person(counted_here))


@lru_cache(maxsize=256)
def _counted_stems(question: str) -> frozenset[str] | None:
    """The stems of what a how-many question counts, read once per question; None when it names
    nothing it counts."""
    noun = counted(question)
    return frozenset(terms(noun)) if noun is not None else None


_SENTENCE_END_RE = re.compile(_SENTENCE_STOP + r"(?=[“\"A-Z0-9]|$)")  # between two sentences


def _in_its_sentence(window: str, span: Span, reach: int) -> tuple[str, str]:
    """What stands before and after a span in its own sentence of a window, at most `reach`
    characters each way."""
    before = _SENTENCE_END_RE.split(window[max(0, span.start - reach) : span.start])[-1]
    return before, _SENTENCE_END_RE.split(window[span.end : span.end + reach])[0]


def _near_question_word(sentence: str, span: Span, asked_words: frozenset[str]) -> bool:
    """A content word of the question within a few words of the figure ("60,000 families had
    been displaced": families)."""
    # Within the figure's own sentence: "...soldiers were seen fleeing. One resident told me"
    # does not count soldiers.
    before, after = _in_its_sentence(sentence, span, NEAR_FIGURE)
    # Compared by stem: "commanders" is not "commandos".
    return bool(asked_words & set(terms(before + " " + after)))


def _number_key(text: str) -> str:
    digits = re.sub(r"[^\d]", "", text)
    if digits:
        return digits
    word = text.lower().split()[-1]
    value = NUMBER_WORDS.get(word) or ORDINALS.get(word)
    return number_forms(str(value))[0] if value else word


# -- what a sentence says a name is ---------------------------------------------------------------

_DESCRIPTION = r"(?:[^,;:.()“”\"]|\.(?=\w)){2,80}?"  # "an Australian public X.25 network"
# The ways a sentence says what a name is, most explicit first: "the Semuren (various allied
# groups ...)", "Telenet was the first FCC-licensed public data network", "Jawad Mujadidi, a
# provincial council member,", "non-Mongol physicians called otachi".
_DESCRIBED_AFTER = (
    r"\s*\((" + _DESCRIPTION + r")\)",
    r"\s+(?:is|was|are|were|(?:has|had|have) been|became|remains)\s+((?:a|an|the|one)\s+"
    + _DESCRIPTION
    + r")(?=\s*(?:[,;:]|\.(?!\w)|\s(?:who|which|that|and|but|until|when)\b|$))",
    r",\s+((?:a|an|the)\s+" + _DESCRIPTION + r"|[A-Z][\w-]*[’']s\s+" + _DESCRIPTION
    + r")(?=[,;]|\.(?!\w))",
    # "Gulam Bahauddin Jailani, head of the national disaster authority, told Reuters"
    r",\s+((?:(?!and\b|or\b|but\b)[a-z][\w-]*\s+)?(?:head|chief|leader|member|spokesman|"
    r"spokeswoman|commander|governor|minister|president|director|founder|capital|author)\b"
    + _DESCRIPTION
    + r")(?=[,;]|\.(?!\w))",
)
_CALLED_RE = r"\s+(?:called|named|known as|dubbed)\s+"
# Words that end the description standing before a name ("...talks with | Mazar's long-time
# strongman Atta Mohammad Noor"): determiners, prepositions, conjunctions and verbs of saying.
_BEFORE_STOPS = frozenset({
    "the", "a", "an", "with", "and", "or", "of", "to", "by", "for", "in", "on", "at", "from", "as",
    "said", "says", "told", "that", "who", "which", "including", "into", "between", "among",
    "than", "is", "was", "are", "were", "his", "her", "their", "its", "this", "these", "those"})
DESCRIPTION_WORDS = 6  # at most, before a name or before "called"
# Words that say when or how a title is held, and belong to it: "former Vice President" is not
# the Vice President.
_TITLE_TENSE = frozenset({"former", "ex", "then", "late", "acting", "interim", "outgoing",
                          "incoming", "deputy", "retired", "ousted", "exiled", "deposed"})


def names_carrying(sentence: str, noun: str) -> list[Span]:
    """The names in a sentence that carry a common noun, capitalised: what "What journal...?"
    asks for.

    >>> [s.text for s in names_carrying("It was published in the Journal of Metabolic Health "
    ...                                 "on Monday.", "journal")]
    ['Journal of Metabolic Health']
    >>> names_carrying("The journal said so.", "journal")
    []
    >>> names_carrying("The French Wars of Religion began.", "religion")
    []
    >>> [s.text for s in names_carrying("Rovers beat Eastmoor 2-1 in the 2024-25 season.", "score")]
    ['2-1']
    """
    # The noun heads the name: it ends it ("Juniper Ridge Fire") or opens it before "of"
    # ("Journal of Metabolic Health"); not "French Wars of Religion" for a religion, nor the
    # bare word ("Session").
    if noun == "score":
        # What a match's score is called: its figures ("beat Eastmoor City 2-1")
        return [Span(m.start(), m.end(), m.group(0), "number") for m in _SCORE_RE.finditer(sentence)]
    head = re.escape(noun.capitalize()) + r"s?"
    carried = re.compile(r"(?:the\s+)?(?:" + head + r"\s+of\s+.+|(?:(?!\bof\b).)+\s" + head + r")")
    return [span for span in find_spans(sentence)
            if span.kind in ("name", "organisation", "place", "person")
            and carried.fullmatch(span.text)]


_SCORE_RE = re.compile(r"(?<![\d.,:/-])\d{1,2}[-–]\d{1,2}(?![\d.,:/-]?\d)")


def description_of(name: str, sentence: str) -> str | None:
    """What the sentence says `name` is, verbatim, or None where it only mentions it.

    >>> description_of("Atta Mohammad Noor", "He held talks with Mazar's long-time strongman "
    ...                "Atta Mohammad Noor and infamous warlord Abdul Rashid Dostum.")
    "Mazar's long-time strongman"
    >>> description_of("otachi", "Healers were divided into non-Mongol physicians called otachi "
    ...                "and traditional Mongol shamans.")
    'non-Mongol physicians'
    >>> description_of("Jawad Mujadidi", "Jawad Mujadidi, a provincial council member from "
    ...                "Badakhshan, told Reuters the Taliban had taken most of the province.")
    'a provincial council member from Badakhshan'
    >>> description_of("Dostum", "Sheberghan is the stronghold of Afghan warlord and former Vice "
    ...                "President Abdul Rashid Dostum.")
    'former Vice President'
    >>> description_of("Faizabad", "The Taliban took Faizabad on Tuesday.") is None
    True
    """
    if _ACRONYM_RE.match(name):
        spelt = _spelt_out(name, sentence)
        if spelt:
            return spelt
    named = r"(?<![\w’'-])" + re.escape(name) + r"(?![\w-])"
    for after in _DESCRIBED_AFTER:
        match = re.search(named + after, sentence, re.IGNORECASE if name.islower() else 0)
        if match and re.search(r"\b[a-z]{3,}", match.group(1)):
            return match.group(1).strip()
    for match in re.finditer(named, sentence, re.IGNORECASE):
        before = sentence[: match.start()]
        called = re.search(_CALLED_RE + r"$", before)
        words = _description_before(before[: called.start()] if called else before,
                                    titles=not called)
        if words:
            return words
    return None


# Capitalised words (with "of", "and", "for", "the" between them) just before a bracket.
_SPELT_OUT_RE = re.compile(r"(" + _CAPITAL + r"[\w’'-]*(?:\s+(?:(?:of|and|for|the|de|on)\s+)*"
                           + _CAPITAL + r"[\w’'-]*)+)\s*\(\s*")


def _spelt_out(acronym: str, sentence: str) -> str | None:
    """The words an acronym stands for, where a sentence spells it out before it in brackets
    ("the Afghan National Security and Defense Forces (ANDSF)"), its letters their initials in
    any order.

    >>> _spelt_out("ANDSF", "The Afghan National Security and Defense Forces (ANDSF) held.")
    'Afghan National Security and Defense Forces'
    >>> _spelt_out("UN", "Troops from Russia (UN) met.") is None
    True
    """
    for match in _SPELT_OUT_RE.finditer(sentence):
        if not sentence.startswith(acronym, match.end()):
            continue
        spelt = match.group(1)
        starts = [w.start() for w in re.finditer(r"\S+", spelt)]
        for start in starts:  # from the word its letters start at ("The | Afghan National...")
            initials = sorted(w[0] for w in spelt[start:].split() if w[0].isupper())
            if initials == sorted(acronym):
                return spelt[start:]
    return None


def _description_before(text: str, titles: bool) -> str | None:
    """The words just before a name (or "called") that say what it is: a run of words back to a
    determiner, preposition or comma, at most one name in it, in the possessive ("Mazar's"),
    ending on a common noun ("strongman", "physicians"). Capitalised titles ("Afghan President")
    count where the name follows them directly (`titles`)."""
    tokens = text.rstrip().split(" ")
    # The name's own first words ("Afghan President Ashraf | Ghani" for "Ghani").
    while titles and tokens and tokens[-1][:1].isupper() and not is_a_noun(tokens[-1]) \
            and not re.search(r"[’']s$", tokens[-1]):
        tokens.pop()
    taken: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token in ("of", "for") and taken and taken[-1][:1].isupper() and i > 0 \
                and tokens[i - 1][:1].isupper():
            taken.append(token)  # "High Commissioner for Human Rights"
            continue
        if not token or token[-1] in ",;:.)”\"" or token.lower() in _BEFORE_STOPS:
            break
        if re.fullmatch(r"[A-Z][\w-]*[’']s", token):
            taken.append(token)  # "Mazar's": whose, and where the description starts
            break
        if not (token[0].islower() or titles and token[0].isupper()):
            break
        if token[0].islower() and taken and all(t[:1].isupper() or t in ("of", "for")
                                                for t in taken):
            if token.lower().rstrip("-") in _TITLE_TENSE:
                taken.append(token)  # "former Vice President"
                continue
            break  # "...comes days after Afghan President": the title ends where it starts
        taken.append(token)
        if len(taken) > DESCRIPTION_WORDS:
            return None
    while taken and taken[-1].endswith("ly") and taken[-1].islower():
        taken.pop()  # "mostly Shiite Hazaras": Shiite
    if not taken or not is_a_noun(taken[0]):
        return None  # the last word is what the name is: a noun ("President"), not a verb
    return " ".join(reversed(taken))
