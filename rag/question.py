"""Read a question: the kind of answer it wants, and its focus.

A reader who asks "Which city was the ninth to fall?" wants a place, and the sentence that answers
must be about the *ninth* one: "It became the third major provincial center to fall" shares the
topic and the words but answers nothing. So before any sentence is scored, the question is read
for two things:

- its **kind**: person, place, organisation, number, date, reason, manner, yes/no, list or thing
  (anything else), from its question word and the noun after "which"/"what";
- its **focus**: the names, numbers, ordinals and years it is about, which a sentence must mention
  (or, for a year, its article's date must be in) to answer it.

Both are cheap regular-expression reads of the question; `rag.spans` finds the same kinds in the
articles' sentences.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rag.capitals import capitals
from rag.people import is_a_person
from rag.wordnet import is_a_noun, is_a_verb, only_an_adjective

Kind = Literal["person", "place", "organisation", "number", "date", "reason", "manner", "yes_no",
               "list", "thing"]
# How precise a date the question wants: "what year" is not answered by "on Wednesday", nor "at
# what time of day" by "in the 1990s" (None: any date, "when"); and a share ("what percentage")
# or a sum of money ("how much money") is not answered by a count.
Grain = Literal["time", "day", "month", "year", "decade", "century", "share", "money"]
# Kinds whose answer is a short phrase of a sentence: the answer opens with it.
PHRASE_KINDS = frozenset({"person", "place", "organisation", "number", "date"})

PERSON_NOUNS = {
    "person", "man", "woman", "spokesman", "spokeswoman", "spokesperson", "governor", "leader",
    "president", "lawmaker", "warlord", "commander", "official", "minister", "envoy", "king",
    "queen", "emperor", "general", "strongman", "politician", "member", "chief", "head",
    "journalist", "reporter", "consultant", "analyst", "writer", "author", "scientist", "pope",
    "ruler", "founder", "inventor", "prince", "duke", "bishop", "historian", "explorer",
    "diplomat", "ambassador", "negotiator", "mp", "legislator", "parliamentarian", "senator",
    "mayor", "father", "mother", "son", "daughter", "brother", "sister", "wife", "husband",
    "uncle", "nephew", "grandfather", "grandson", "successor", "predecessor", "heir", "broker",
    "powerbroker", "ceo", "executive", "chairman", "chairwoman", "director", "secretary",
}
_VAGUE_PERSONS = {"person", "man", "woman", "member", "official", "leader", "head", "chief"}
PLACE_NOUNS = {
    "city", "cities", "town", "capital", "province", "country", "countries", "place", "district",
    "region", "area", "airport", "village", "state", "continent", "island", "river", "location",
    "border", "valley", "county", "nation", "territory", "port", "colony",
}
ORGANISATION_NOUNS = {
    "outlet", "agency", "newspaper", "paper", "group", "faction", "organisation", "organization",
    "party", "militia", "movement", "channel", "network", "alliance", "company", "firm",
    "broadcaster", "institution", "body", "council", "government", "army", "force", "forces",
    "university", "church", "court", "committee", "team", "coalition", "union",
}
_DATE_NOUNS = {"day", "date", "year", "month", "time", "century", "decade", "week", "period",
               "era", "season", "hour"}
_NUMBER_NOUNS = {"number", "percentage", "percent", "share", "proportion", "fraction", "amount",
                 "total", "count", "figure", "population", "size", "toll"}

# After "what"/"which", a verb ends the phrase that names the kind of answer: the noun after it is
# the subject ("What can the members do?"), except after a copula and a determiner ("What was the
# ninth city to fall?") when the question does not end on a preposition ("What were the emperors
# interested in?").
_ENDS_THE_PHRASE = {"did", "does", "do", "has", "had", "have", "can", "could", "will", "would",
                    "should", "may", "might", "must", "happens", "happened", "happen"}
_COPULAS = {"is", "are", "was", "were"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_PREPOSITIONS = {"in", "on", "at", "of", "for", "with", "about", "to", "from", "by", "into"}
_ALL_NOUNS = (PERSON_NOUNS | PLACE_NOUNS | ORGANISATION_NOUNS | _DATE_NOUNS | _NUMBER_NOUNS)
_AUXILIARIES = ("is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "can",
                "could", "will", "would", "should", "may", "might")
_WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
CALENDAR = frozenset(WEEKDAYS + MONTHS)  # days and months: dates, never names
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}
# Words that negate or deny what follows: a question that asks what did *not* happen is answered
# by a sentence that says so, and a claim's polarity must agree with its passage's (rag.verify).
NEGATION_RE = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|cannot|"
    r"fail(?:s|ed|ing)? to|unable to|refus(?:e|es|ed|ing) to|yet to|no longer|unless|"
    r"rather than|instead of|"
    r"den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?)\b|n['’]t\b",
    re.IGNORECASE)
# A question asking about what did not happen (lower case only: "Doctors Without Borders" is a
# name).
_NEGATED_QUESTION_RE = re.compile(
    r"\b(?:not|never|no(?!\.)|none|nobody|nothing|without|cannot|"
    r"fail(?:s|ed|ing)? to|unable to)\b|n['’]t\b")  # "no." is a number
_OPENING_NEGATION_RE = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)n['’]t\b",
    re.IGNORECASE)
_LIST_COUNT_RE = re.compile(
    r"\b(?:(?:which|what)\s+|(?:name|list|give me)\s+(?:the\s+)?)"
    r"(two|three|four|five|six|2|3|4|5|6)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Focus:
    """One thing the question is about, with the forms a sentence may name it by."""

    text: str  # as written in the question
    forms: tuple[str, ...]  # lower-case forms to look for (prefixes for names, digits for numbers)
    kind: Literal["name", "number", "year"]
    also: str | None = None  # a pattern for the other names it goes by ("American": "US")
    short: str | None = None  # the part news shortens it to ("Mazar" for Mazar-i-Sharif)


# A people's or country's adjective and the country or land it names ("Irish": Ireland), for
# the names a question and a passage give one place by; the last few are peoples named
# after a land, which only the verifier reads as one name (a question about the Normans
# is not about Normandy).
DEMONYMS = {
    "french": "france", "british": "britain", "english": "england", "scottish": "scotland",
    "scots": "scotland", "dutch": "netherlands", "german": "germany", "spanish": "spain",
    "chinese": "china", "american": "america", "swiss": "switzerland", "irish": "ireland",
    "welsh": "wales", "italian": "italy", "russian": "russia", "soviet": "ussr",
    "portuguese": "portugal", "norse": "norway", "danish": "denmark", "swedish": "sweden",
    "turkish": "turkey", "arab": "arabia", "israeli": "israel", "egyptian": "egypt",
    "pakistani": "pakistan", "indian": "india", "iranian": "iran", "afghan": "afghanistan",
    "uzbek": "uzbekistan", "tajik": "tajikistan", "mongol": "mongolia", "mongolian": "mongolia",
    "briton": "britain", "britons": "britain", "uk": "britain", "us": "america", "usa": "america",
    "afghans": "afghanistan", "iraqi": "iraq", "syrian": "syria", "european": "europe",
    "african": "africa", "asian": "asia", "huguenots": "huguenot", "normans": "normandy",
    "norman": "normandy",
}
_PEOPLES_NOT_PLACES = {"huguenots", "normans", "norman"}

# Names a reader and a reporter use for the same thing: a country and its people ("the American
# envoy" - "US envoy"), and the acronyms news writes ("MP" - "lawmaker"). Not a capital for its
# country: "Did Kabul fall?" is not answered by a sentence about Afghanistan (a country for its
# capital is: `rag.capitals`).
_SAME_AS = [
    ("american", "americans", "america", "us", "u.s.", "united states"),
    ("british", "briton", "britons", "britain", "uk", "u.k.", "united kingdom"),
    ("chinese", "china"), ("russian", "russia"), ("french", "france"), ("german", "germany"),
    ("qatari", "qatar"), ("pakistani", "pakistan"), ("iranian", "iran"), ("indian", "india"),
    ("afghan", "afghans", "afghanistan"), ("tajik", "tajikistan"), ("uzbek", "uzbekistan"),
    ("turkish", "turkey"), ("un", "united nations"),
    ("mp", "mps", "lawmaker", "lawmakers", "member of parliament", "parliamentarian",
     "legislator"),
    ("ceo", "chief executive", "chief executive officer"),
]
# matched as written: "US", not "us"
_ACRONYMS = {"us", "u.s.", "uk", "u.k.", "un", "mp", "mps", "ceo"}


def other_names_of(name: str, demonyms: bool = False) -> str | None:
    """A pattern for the other names of a name, or None; with `demonyms`, a land's adjective
    stands for it and the other way round (not for a word of a longer name: the "Scottish" of
    "Scottish Parliament" is no focus of its own).

    >>> bool(re.search(other_names_of("American") or "", "the US envoy"))
    True
    >>> bool(re.search(other_names_of("American") or "", "told us"))
    False
    >>> bool(re.search(other_names_of("Qatar") or "", "talks in Doha"))
    True
    >>> bool(re.search(other_names_of("Ireland", demonyms=True) or "", "into Irish culture"))
    True
    """
    key = re.sub(r"['’]s$", "", name.lower())
    group = next((g for g in _SAME_AS if key in g), ())
    if demonyms and not group and key not in _PEOPLES_NOT_PLACES:
        # "Ireland" for "Irish", and "Irish" for "Ireland"
        group = tuple(w for w, land in DEMONYMS.items() if key in (w, land)
                      and w not in _PEOPLES_NOT_PLACES and w not in _ACRONYMS)
        group += tuple(dict.fromkeys(DEMONYMS[w] for w in group))
    patterns = [r"\b" + (re.escape(w.upper()) if w in _ACRONYMS else "(?i:" + re.escape(w) + ")")
                + r"(?!\w)" for w in group]
    # A place is also named by its capitals, as written ("talks in Doha" are talks in Qatar).
    patterns += [r"\b" + re.escape(c) + r"(?!\w)" for c in capitals(key)]
    return "|".join(patterns) or None


def other_names(question: str) -> list[str]:
    """The other names of the acronyms a question names, as news may write them: "chief
    executive" for "CEO", "lawmaker" for "MP", "United Nations" for "UN".

    >>> other_names("who's the CEO of Brightwater?")
    ['chief executive', 'chief executive officer']
    >>> other_names("What did the UN say?")
    ['united nations']
    """
    names = []
    for focus in focus_of(question):
        if focus.kind != "name":
            continue
        key = re.sub(r"['’]s$", "", focus.text.lower())
        if key not in _ACRONYMS:
            continue  # "Afghan" would add "Afghanistan", which nearly every passage names
        group = next((g for g in _SAME_AS if key in g), ())
        names += [w for w in group if w != key and w not in _ACRONYMS]
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class Question:
    text: str
    kind: Kind
    focus: tuple[Focus, ...]
    count: int | None = None  # "which two cities": how many items a list answer has
    grain: Grain | None = None  # for a date, how precise; for a number, whether a share
    negated: bool = False  # it asks what did not happen ("Which city did they fail to hold?")
    item: Kind | None = None  # what a list is of ("which two cities": place), when it says
    role: str | None = None  # the office a person question asks about ("the governor of Balkh")
    where: bool = False  # a place asked for with "where" ("After Kunduz fell, where did...?")
    # The name a "Who is X?" or "What was X?" question asks to have described: its answer says
    # what X is ("Mazar's long-time strongman"), and is never another name.
    identify: str | None = None
    # The common noun a name asked for may carry: "What journal was it in?" is answered by "the
    # Journal of Metabolic Health", "What's the fire called?" by "the Juniper Ridge Fire".
    named: str | None = None

    @property
    def wants_phrase(self) -> bool:
        return self.kind in PHRASE_KINDS


# A question word's contraction, as readers type it: "What's", "Who's", "Where'd", "When're".
# ("Whats", without its apostrophe, too.)
_CONTRACTED_RE = re.compile(r"\b(?:(what|who|where|when|why|how|which)['’](s|re|d|ve|ll)"
                            r"|(what|where|when|who)(s))\b", re.IGNORECASE)
_CONTRACTED = {"s": "is", "re": "are", "d": "did", "ve": "have", "ll": "will"}


# A list asked for as an order ("name the 3 cities that fell"): the things and the clause after.
_NAME_THE_RE = re.compile(
    r"(?i)^\s*(?:please\s+)?(?:name|list|give me)\s+(?:the\s+)?((?:\w+\s+){0,3}?\w+s)\s+"
    r"(?:that|which|who)\s+(?!(?:did|does|do|was|were|is|are|has|had|have)\b)")
# A polite frame around a question ("Can you tell me which city...?", "I want to know who...").
_POLITE_FRAME_RE = re.compile(
    r"^\s*(?:please,?\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show)\s+me"
    r"|(?:do|does)\s+(?:you|anyone)\s+know|i\s+(?:want|would\s+like|need)\s+to\s+know"
    r"|i\s+wonder|(?:please\s+)?tell\s+me)\s*,?\s+(?=(?:who|whom|whose|what|which|when|where|"
    r"why|how)\b)", re.IGNORECASE)


# A negation typed without its apostrophe: "didnt", "doesnt", "cant".
_BARE_NOT_RE = re.compile(r"\b(does|did|do|is|was|were|are|has|have|had|could|would|should|"
                          r"ca|wo)nt\b", re.IGNORECASE)
# A year in two figures ("in 98"), not a count ("in 30 minutes", "of 34 provinces", "by 12%")
# nor a day of the month ("by 11 August", "since 12 aug").
_SHORT_YEAR_RE = re.compile(r"\b(in|of|since|from|until|during|by|the)\s+['’]?(\d\d)\b"
                            r"(?!\s*(?:%|per|percent|of|[a-z]+s\b|(?:" + "|".join(
                                m[:3] for m in MONTHS) + r")))", re.IGNORECASE)
_SMALL_ORDINAL_RE = re.compile(r"\b([1-9])(?:st|nd|rd|th)\b")
_MONTH_NAMES = {m[:3]: m.capitalize() for m in MONTHS}
_WEEKDAY_NAMES = {d[:3]: d.capitalize() for d in WEEKDAYS}
_WEEKDAY_RE = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r"|tues|thurs|weds)\b")
_MONTH_ABBREVIATION_RE = re.compile(
    r"(?<=\d )((?i:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))\.?(?=[\s,?.!]|$)"
    r"|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?= \d)")
_ORDINAL_WORDS = {value: word for word, value in ORDINALS.items()}


def expanded(question: str) -> str:
    """The question as it is read, typed as people type it: its question word's contraction
    spelt out (with or without its apostrophe), so that "What's the name of Balkh's governor?"
    asks for a person, as "What is..." does, and "What's" is no name; "didnt" with its
    apostrophe; a year in two figures, an abbreviated month, a weekday and "9th" as news writes
    them; no polite frame, so that "Can you tell me which city fell?" asks which city, not
    whether one can, and "name the 3 cities that fell" as "Which 3 cities fell"; "Q2" and "found
    not guilty" as news writes them; "what %" and "no. of" spelt out; a country's news agency by
    its name ("the French news agency": AFP); "What does X stand for?" as "What is X?"; and
    "What post had X held?" as "Who is X?".

    >>> expanded("Who's Atta Noor, and where'd his fighters go?")
    'Who is Atta Noor, and where did his fighters go?'
    >>> expanded("Whats the name of the envoy, and whens the vote?")
    'What is the name of the envoy, and when is the vote?'
    >>> expanded("Can you tell me which city was the 9th to fall?")
    'Which city was the ninth to fall?'
    >>> expanded("what didnt biden regret, and why cant they hold it")
    "what didn't biden regret, and why can't they hold it"
    >>> expanded("how many troops did the alliance send in '98, and in 98 days?")
    'how many troops did the alliance send in 1998, and in 98 days?'
    >>> expanded("What does ANDSF stand for?")
    'What is ANDSF?'
    >>> expanded("What happened on August 8th, and on 9 Aug. 2021?")
    'What happened on August 8th, and on 9 August 2021?'
    >>> expanded("what had fallen by 11 August, and since 12 aug?")
    'what had fallen by 11 August, and since 12 August?'
    >>> expanded("what fell on sunday 8 aug, and on tues evening?")
    'what fell on Sunday 8 August, and on Tuesday evening?'
    >>> expanded("name the 3 cities that fell on Sunday")
    'Which 3 cities fell on Sunday'
    >>> expanded("What were Q2 sales, and which charge was he found not guilty of?")
    'What were second quarter sales, and which charge was he acquitted of?'
    >>> expanded("what % of the country did they hold, and no. of provinces")
    'what percentage of the country did they hold, and number of provinces'
    >>> expanded("Who told the French news agency, and what did the US wire service say?")
    'Who told AFP, and what did AP say?'
    >>> expanded("What senior national post had Dostum once held?")
    'Who is Dostum?'
    >>> expanded("What was Noor's job?")
    'Who is Noor?'
    >>> expanded("What post did the Taliban attack?")
    'What post did the Taliban attack?'
    """
    question = _CONTRACTED_RE.sub(
        lambda m: f"{m.group(1) or m.group(3)} {_CONTRACTED[(m.group(2) or m.group(4)).lower()]}",
        question)
    # "didnt", "doesnt": the negation it is, with its apostrophe
    question = _BARE_NOT_RE.sub(lambda m: f"{m.group(1)}n't", question)
    # "in 98", "in '98", "the 98 attack": the year in full, as the articles give it
    question = _SHORT_YEAR_RE.sub(
        lambda m: f"{m.group(1)} {'19' if int(m.group(2)) >= 30 else '20'}{m.group(2)}", question)
    # "8 Aug 2021", "Aug. 8": the month as a date of the articles is written
    question = _MONTH_ABBREVIATION_RE.sub(
        lambda m: _MONTH_NAMES[(m.group(1) or m.group(2)).lower()[:3]], question)
    # "sunday", "tues evening": a day of the week as the articles write it
    question = _WEEKDAY_RE.sub(lambda m: _WEEKDAY_NAMES[m.group(0).lower()[:3]], question)
    # News writes the first nine ordinals in words ("the ninth city"): so is a "9th" read; not
    # a day of the month ("August 8th").
    question = _SMALL_ORDINAL_RE.sub(
        lambda m: m.group(0) if _MONTH_RE.search(question, max(0, m.start() - 12), m.end() + 12)
        else _ORDINAL_WORDS[int(m.group(1))], question)
    # "name the 3 cities that fell on Sunday" asks what "Which 3 cities fell on Sunday?" does,
    # and is embedded as that question
    question = _NAME_THE_RE.sub(lambda m: f"Which {m.group(1)} ", question)
    framed = _POLITE_FRAME_RE.match(question)
    if framed:
        rest = question[framed.end():]
        question = rest[:1].upper() + rest[1:]
    # News words for what readers say: "Q2" is "the second quarter"; one "found not guilty" was
    # "acquitted", which reads as no negation
    question = _QUARTER_RE.sub(lambda m: _QUARTERS[m.group(1)], question)
    question = _VERDICT_RE.sub(lambda m: "acquitted" if m.group(1) else "convicted", question)
    # "what % of the country" asks for a share, as "what percentage" does (not for the country),
    # and "no. of provinces" for a number
    question = _PERCENT_SIGN_RE.sub(r"\1 percentage", question)
    question = _NUMBER_OF_RE.sub("number of", question)
    # "the French news agency" is AFP, as the articles name it (they rarely say whose it is)
    question = _WIRE_SERVICE_RE.sub(lambda m: _WIRE_SERVICES[m.group(1).lower()], question)
    # "What post had Dostum once held?", "What was Noor's job?": who he is, by office; the
    # articles name an office before the name ("former Vice President Abdul Rashid Dostum") and
    # seldom say "post" or "held"
    question = _OFFICE_HELD_RE.sub(lambda m: f"Who is {m.group(1) or m.group(2)}?", question)
    # "What does ANDSF stand for?" asks what "What is ANDSF?" does; "stand" is no word of it
    return _STANDS_FOR_RE.sub(r"What is \1?", question)


_OFFICE_WORDS = r"(?:post|office|position|title|job|rank|role)s?"
_OFFICE_HELD_RE = re.compile(
    r"^\s*(?:what|which)\s+(?:[a-z-]+\s+){0,3}?" + _OFFICE_WORDS + r"\s+(?:had|has|did|does|do)\s+"
    r"((?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}))\s+(?:once\s+|previously\s+|formerly\s+|"
    r"ever\s+|last\s+|first\s+)?(?:hold|held|occupy|occupied|fill|filled|have|had)\s*\??\s*$"
    r"|^\s*what\s+(?:is|was)\s+((?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}))[’']s\s+"
    r"(?:(?:former|current|old|new|official)\s+)?" + _OFFICE_WORDS + r"\s*\??\s*$",
    re.IGNORECASE)


# The news agencies news names without saying whose they are, by the country a reader names them
# by: "the French news agency" is AFP.
_WIRE_SERVICES = {"french": "AFP", "british": "Reuters", "american": "AP", "us": "AP",
                  "u.s.": "AP", "german": "dpa", "chinese": "Xinhua", "russian": "TASS",
                  "spanish": "EFE", "italian": "ANSA", "japanese": "Kyodo", "indian": "PTI",
                  "turkish": "Anadolu", "iranian": "IRNA", "south korean": "Yonhap"}
_WIRE_SERVICE_RE = re.compile(
    r"\b(?:the\s+)?(" + "|".join(re.escape(c) for c in _WIRE_SERVICES) +
    r")\s+(?:news|press|wire)\s+(?:agency|service)\b", re.IGNORECASE)
_QUARTER_RE = re.compile(r"\bQ([1-4])\b")
_QUARTERS = {"1": "first quarter", "2": "second quarter", "3": "third quarter",
             "4": "fourth quarter"}
_VERDICT_RE = re.compile(r"(?i)\b(?:found|ruled|declared)\s+(not\s+)?guilty\b")
_PERCENT_SIGN_RE = re.compile(r"(?i)\b(what|which)\s*%")
_NUMBER_OF_RE = re.compile(r"(?i)\bno\.\s*of\b")


def read(question: str) -> Question:
    """The kind of answer a question wants and its focus.

    >>> q = read("Which city was the ninth provincial capital to fall to the Taliban?")
    >>> q.kind, [f.text for f in q.focus]
    ('place', ['ninth', 'Taliban'])
    >>> read("why did Ghani go to Mazar?").kind
    'reason'
    >>> read("What did Ghani hope to achieve by flying to Mazar?").kind
    'reason'
    >>> read("Did the Taliban take Kunduz?").kind
    'yes_no'
    >>> q = read("At what time of day did the assault begin?")
    >>> q.kind, q.grain
    ('date', 'time')
    """
    words = [w.lower() for w in _WORD_RE.findall(question)]
    asking = [w.lower() for w in _WORD_RE.findall(_main_clause(question))]
    kind = _kind(asking)
    count_match = _LIST_COUNT_RE.search(question)
    count = None
    item: Kind | None = None
    if count_match:
        raw = count_match.group(1).lower()
        count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if count and count > 1 and kind in ("thing", "place", "person", "organisation"):
            item = kind if kind != "thing" else None
            kind = "list"
    if kind == "list" and item is None and asking[:1] in (["name"], ["list"], ["give"]):
        # "Name the warlords Ghani met": what a list is of is read as "Which warlords...?" reads
        of_what = _kind(["which", *asking[1:]])
        item = of_what if of_what in ("place", "person", "organisation") else None
    grain = grain_of(question)
    if (kind == "number") != (grain in ("share", "money")):
        grain = None  # a date's precision for a date, a share or a sum for a number
    # "Wasn't there footage of...?" asks whether there was: a negation that only opens a yes/no
    # question asks about what it negates as it would without it
    negated = bool(_NEGATED_QUESTION_RE.search(_OPENING_NEGATION_RE.sub("", question, count=1)))
    role = next((w for w in words if w in PERSON_NOUNS and w not in _VAGUE_PERSONS), None) \
        if kind == "person" else None
    if kind == "person" and role is None:
        # "What is the name of the clerk...?": the office a person question names after "name of"
        named_of = _NAME_OF_RE.search(question)
        role = named_of.group(1).lower() if named_of and is_a_person(named_of.group(1)) \
            else None
    # The question word that set the kind, found as `_kind` finds it (after a leading clause).
    where = kind == "place" and next(
        (w for w in asking[:6] if w in ("who", "whom", "whose", "where", "when", "how", "which",
                                       "what")), None) == "where"
    identify = identified(question)
    if identify:
        kind = "thing"  # a description, not a name of the kind "who" asks for
    return Question(question, kind, tuple(focus_of(question)), count, grain, negated, item, role,
                    where, identify, named_noun(question) if kind == "thing" else None)


# "What journal...?", "Which foundation...?", "What is the fire called?", "What is the name of the
# fire?": the noun of the thing whose name is asked.
_NAMED_NOUN_RE = re.compile(
    r"(?i)^\W*(?:(?:what|which)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|can|could|will|"
    r"would|should|happened|happens|kind|type|sort|form|about|else)\b)((?-i:[a-z]{3,}))\b(?!\s*\??$)"
    r"|what\s+(?:is|was|are|were)\s+the\s+(?:name\s+of\s+the\s+)?((?-i:[a-z]{3,}))(?:\s+(?:called|"
    r"named|known\s+as))?\s*\??\s*$)")


def named_noun(question: str) -> str | None:
    """The common noun of the thing whose name a question asks for.

    >>> [named_noun(q) for q in ("What journal was it in?", "What is the fire called?",
    ...                          "what is the name of the fire", "What happened in Kunduz?",
    ...                          "What is the capital?")]
    ['journal', 'fire', 'fire', None, 'capital']
    >>> named_noun("What was the final score?")
    'score'
    >>> named_noun("What Mongolian system did Kublai compromise with?") is None
    True
    """
    if _SCORE_ASKED_RE.match(question):
        return "score"
    match = _NAMED_NOUN_RE.match(question)
    return (match.group(1) or match.group(2)).lower() if match else None


# "What was the final score?", "what's the scoreline": a match's result, in figures
_SCORE_ASKED_RE = re.compile(r"(?i)^\W*what\s+(?:is|was)\s+the\s+(?:final\s+|half-time\s+|"
                             r"full-time\s+)?(?:score|scoreline)\b")


# "Which outlet reported...?", "What newspaper covered...?": asked of the articles themselves, whose
# outlet is in their metadata (seeds/metadata.json), not in their text.
_OUTLET_QUESTION_RE = re.compile(
    r"(?i)^\W*(?:(?:in|by)\s+)?(?:which|what)\s+(?:news\s+|media\s+)?(?:outlets?|newspapers?|"
    r"papers?|publications?|websites?|sites?|broadcasters?|channels?|organi[sz]ations?|media)\s+"
    r"(?:first\s+|also\s+)?(?:reported|covered|wrote|published|ran|broke)\b")


def asks_for_the_outlet(question: str) -> bool:
    """Whether the question asks which outlet reported something.

    >>> asks_for_the_outlet("Which outlet reported that Faizabad had fallen?")
    True
    >>> asks_for_the_outlet("Which news agency did the lawmaker speak to?")
    False
    """
    return bool(_OUTLET_QUESTION_RE.match(question))


# "Who is Atta Mohammad Noor?", "What was Telenet?", "Who were the Semuren?", "who were otachi?"
_IDENTIFY_RE = re.compile(r"(?i)\s*(?:who|what)\s+(?:is|was|are|were)\s+(the\s+)?"
                          r"([\w’'-]+(?:\s+[\w’'-]+){0,3}?)\s*\??\s*$")


_STANDS_FOR_RE = re.compile(r"(?i)\s*what\s+(?:(?:does|did|do)\s+)?(?:the\s+)?(?:letters\s+)?"
                            r"([\w’'.-]+(?:\s+[\w’'-]+){0,3}?)\s+stands?\s+for\s*\??\s*$")


def identified(question: str) -> str | None:
    """The name a question asks to have described, when all it asks is who or what that is: a
    name, or a word that is no word of the language ("otachi"); not "What is the capital?".

    >>> identified("Who is Atta Mohammad Noor?"), identified("who were otachi?")
    ('Atta Mohammad Noor', 'otachi')
    >>> identified("What is the capital?"), identified("Who was the governor of Balkh?")
    (None, None)
    >>> identified("Who is the First Minister?"), identified("Who were the Semuren?")
    (None, 'Semuren')
    """
    from rag.spans import common_words  # spans reads questions' words: imported when asked

    match = _IDENTIFY_RE.match(question)
    if not match:
        return None
    term = match.group(2)
    words = term.split()
    if re.search(r"[’']s\b", term):
        return None  # "Who was Guy's rival?" asks for another person
    if match.group(1) and all(w.lower() in common_words() for w in words):
        return None  # "Who is the First Minister?" asks who holds an office
    if all(w[0].isupper() for w in words) or (
            len(words) == 1 and term.lower() not in common_words()):
        return term
    return None


_GRAIN_PATTERNS: dict[Grain, str] = {
    "time": r"\b(?:what|which) time\b(?! (?:frame|period|span))|\btime of (?:the )?day\b|"
            r"\b(?:what|which) hour\b|\bpoint in the day\b|\bwhat part of the day\b",
    "day": r"\b(?:what|which) (?:day|date)\b",
    "month": r"\b(?:what|which) month\b",
    "year": r"\b(?:what|which) years?\b",
    "decade": r"\b(?:what|which) decade\b",
    "century": r"\b(?:what|which) century\b",
    "share": r"\b(?:what|which) (?:percentage|per ?cent|share|proportion|fraction|part)\b|"
             r"\bhow much of\b",
    "money": r"\bhow much (?:money|cash|funding|aid)\b|"
             r"\bhow much did\b.*\b(?:cost|pay|spend|raise)\b|"
             r"\b(?:what|which) (?:sum|amount of money|price)\b",
}
_GRAIN_RES = {grain: re.compile(pattern, re.IGNORECASE)
              for grain, pattern in _GRAIN_PATTERNS.items()}


def grain_of(question: str) -> Grain | None:
    """How precise a date a question asks for, from the noun after "what"/"which", or whether it
    asks for a share or a sum of money.

    >>> grain_of("In which year did the Normans arrive?"), grain_of("When did Kunduz fall?")
    ('year', None)
    """
    return next((grain for grain, pattern in _GRAIN_RES.items() if pattern.search(question)), None)


# "What did Ghani hope to achieve by flying to Mazar?" asks for a purpose.
_PURPOSE_RE = re.compile(
    r"^what (?:did|does|do|was|were|is|are|had|has|have) [\w\s'’-]{0,40}?\b(?:hope|hoping|hoped|"
    r"want|wanting|wanted|try|trying|tried|aim|aiming|aimed|seek|seeking|intend|intending|"
    r"intended|plan|planning|planned|mean|meant) to (?:achieve|accomplish|do|gain|get)\b")


# A clause that sets the scene before the question proper ("When Mazar fell in 2021, roughly
# how many provinces...?", "According to Moscow, along which borders...?").
_LEADING_CLAUSE_RE = re.compile(
    r"(?i)^\s*(?:when|once|after|before|while|as|since|if|according to|following|during|in|by|"
    r"with|given)\s+(?!(?:did|does|do|was|were|is|are|has|had|have|can|could|will|would)\b)"
    r"[^,?]{2,80},\s*")
# Any phrase without a question word before a comma and a question word: "Originally built with
# four layers, how many...?", "Two days later, which city...?".
_LEADING_PHRASE_RE = re.compile(
    r"(?i)^\s*(?![^,?]*\b(?:who|whom|whose|what|which|when|where|why|how)\b)[^,?]{2,80},\s*"
    r"(?=(?:who|whom|whose|what|which|when|where|why|how)\b)")
_ASKS_RE = re.compile(r"(?i)\b(?:who|whom|whose|what|which|when|where|why|how|did|does|do|was|"
                      r"were|is|are|has|had|have|can|could|will|would)\b")


def _main_clause(question: str) -> str:
    """The question without a leading clause that sets its scene, when what follows the comma
    asks something: the kind of answer is asked there ("roughly how many provinces...?", not
    the "When" that opens "When Mazar fell, ...")."""
    lead = _LEADING_CLAUSE_RE.match(question) or _LEADING_PHRASE_RE.match(question)
    if lead is None or not _ASKS_RE.search(question[lead.end() :]):
        return question
    return question[lead.end() :]


# Where the noun phrase after "the name of" ends: "the Sar-e-Pol provincial governor who...".
_PHRASE_ENDS = {"who", "whom", "whose", "that", "which", "when", "where", "in", "of", "on", "at",
                "for", "to", "from", "by", "with", "did", "does", "was", "were", "is", "are",
                "has", "had", "have"}


_NAMED_KINDS: tuple[tuple[Kind, set[str]], ...] = (
    ("person", PERSON_NOUNS), ("place", PLACE_NOUNS), ("organisation", ORGANISATION_NOUNS))
_NOUN_KINDS: tuple[tuple[Kind, set[str]], ...] = (
    ("date", _DATE_NOUNS), ("number", _NUMBER_NOUNS), *_NAMED_KINDS)


def _named_kind(words: list[str], start: int) -> Kind | None:
    """The kind of what a question asks the name of ("What is the name of the governor of
    Kunduz?": a person), from the last noun of the phrase after "name of", so that "the
    Northern Alliance spokesman" is a person, not an organisation; None without "name of"."""
    at = next((j for j in range(start, min(start + 3, len(words) - 1))
               if words[j] in ("name", "names") and words[j + 1] == "of"), None)
    if at is None:
        return None
    found: Kind | None = None
    for word in words[at + 2 : at + 8]:
        if word in _PHRASE_ENDS:
            break
        noun = word if word in _ALL_NOUNS else word.rstrip("s")
        for kind, nouns in _NAMED_KINDS:
            if noun in nouns:
                found = kind
    head = _NAME_OF_RE.search(" ".join(words)) if found is None else None
    if head and is_a_person(head.group(1)):
        found = "person"  # "the name of the clerk": any noun of a person (WordNet)
    return found


_NAME_OF_RE = re.compile(r"(?i)\bnames?\s+of\s+(?:the\s+|a\s+|an\s+)?([a-z]+)")


@lru_cache(maxsize=256)
def asks_the_name_of(question: str) -> bool:
    """Whether a question asks for a name in so many words ("What is the name of the clerk...?"):
    only a name the sentence gives that one is answers it. (Asked of every phrase of every
    window: read once a question.)"""
    return bool(_NAME_OF_RE.search(question))


def _noun(word: str) -> str:
    """A word of a question as the noun tables list it: "strongmen" as "strongman", "cities"
    as listed, "provinces" as "province"."""
    if word in _ALL_NOUNS:
        return word
    return word[:-3] + "man" if word.endswith("men") else word.rstrip("s")


def _kind_of_noun(noun: str) -> Kind | None:
    """The kind of answer a noun after "which" or "what" asks for, if it says one."""
    return next((kind for kind, nouns in _NOUN_KINDS if noun in nouns), None)


def _kind(words: list[str]) -> Kind:
    if not words:
        return "thing"
    head = " ".join(words[:4])
    if re.match(r"(why|how come)\b", head) or re.search(
            r"\b(for what reason|what (was|is|were) the (reason|purpose|motive|aim|goal|point|"
            r"objective)|what made|for what purpose)\b", head) or _PURPOSE_RE.search(
            " ".join(words)):
        return "reason"
    if re.search(r"\bhow (many|much|large|big|long|far|old|strong|deep|high|tall|wide|fast|"
                 r"heavy)\b", " ".join(words[:6])):
        return "number"
    if words[0] in _AUXILIARIES:
        return "yes_no"
    # The first question word, and the noun that follows "which"/"what" ("In which province").
    for i, word in enumerate(words[:6]):
        if word in ("who", "whom", "whose"):
            return "person"
        if word == "where":
            return "place"
        if word == "when":
            return "date"
        if word == "how":
            # "How did Russia react?" asks what Russia said or did, not by what means
            reacting = any(w.startswith(_REACTING) for w in words[i + 2 : i + 8])
            return "thing" if reacting else "manner"
        if word in ("which", "what"):
            if words[i + 1 : i + 3] and words[i + 1] in ("kind", "type", "sort", "form"):
                return "thing"  # "What kind of network...?" asks for a description, not a name
            named = _named_kind(words, i + 1)
            if named:
                return named
            for j in range(i + 1, min(i + 5, len(words))):
                noun = _noun(words[j])
                if (of_noun := _kind_of_noun(noun)) is not None:
                    return of_noun
                if noun in _ENDS_THE_PHRASE or (noun in _COPULAS and (
                        j + 1 == len(words) or words[-1] in _PREPOSITIONS
                        or words[j + 1] not in _DETERMINERS)):
                    break  # "What can members not do?", "What were emperors interested in?"
            return "thing"
    if words[0] in ("name", "list"):
        return "list"
    # A question word left in its place, as people type ("Faizabad is the capital of what
    # province?"): what the noun after it is
    for i, word in enumerate(words[6:-1], 6):
        ends = i + 2 == len(words) or words[i + 2] in _PHRASE_ENDS  # not "which state policies"
        if word in ("which", "what") and ends and (in_place := _kind_of_noun(_noun(words[i + 1]))):
            return in_place
    if not _QUESTION_WORDS.intersection(words):
        # A search-box fragment says what it wants last: "balkh governor name", "ghani trip
        # purpose". (Read as dates or counts, "kunduz fall date" and "mazar 1998 death toll" were
        # answered worse than as things: the date or figure stands apart from the words.)
        return _FRAGMENT_ENDS.get(words[-1], "thing")
    return "thing"


_REACTING = ("react", "respond", "repl", "retaliat")
_QUESTION_WORDS = frozenset(("who", "whom", "whose", "what", "which", "when", "where", "why",
                             "how"))
_FRAGMENT_ENDS: dict[str, Kind] = {
    **dict.fromkeys(("name", "names"), "person"),
    **dict.fromkeys(("purpose", "reason", "motive", "aim"), "reason"),
}


_NAME_RE = re.compile(r"\b[A-Z][\w’'-]*(?:[\s-]+(?:of|al|bin|de|e|i|ul)?[\s-]*[A-Z][\w’'-]*)*")
_NUMBER_RE = re.compile(r"\b\d[\d,.]*\b")
_ORDINAL_NUMERAL_RE = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")
_CENTURY_AFTER_RE = re.compile(r"[\s-]+centur(?:y|ies)\b", re.IGNORECASE)
_MONTH_RE = re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b")
QUESTION_OPENERS = {"who", "whom", "whose", "what", "which", "when", "where", "why", "how",
                    "in", "on", "at", "for", "from", "to", "by", "name", "list", "tell", "give",
                    "according", "as", "during", "after", "before", "is", "are", "was", "were",
                    "did", "does", "do", "has", "have", "had", "can", "could", "will", "would",
                    "i", "the", "a", "an", "and", "but", "so", "if", "of", "with", "up", "about",
                    "around", "approximately", "roughly", "nearly", "since", "until", "besides",
                    "apart", "other", "than", "following", "under", "over", "across",
                    "throughout", "despite", "among", "amid", "beyond", "within", "without",
                    "along", "against", "toward", "towards", "into", "upon", "while", "once",
                    "overall", "exactly", "just", "only", "also", "even", "all", "both", "each",
                    "every", "some", "any", "many", "much", "most", "given", "regarding",
                    "concerning", "like", "unlike", "near", "between", "below",
                    "above", "outside", "inside", "then", "now", "originally", "initially",
                    "finally", "eventually", "later", "earlier", "last", "first", "next",
                    "please", "still", "again", "altogether"}


_PARTICLES = {"of", "al", "bin", "de", "e", "i", "ul"}  # inside a name, as _NAME_RE joins them
_HYPHENATED_MODIFIER_RE = re.compile(r"-[a-z]{3,}\b(?!-)")
_ORDINAL_BEFORE_RE = re.compile(
    r"\b(?:the|its|his|her|their|whose|a|an|[a-z]+['’]s)\s+(?:very\s+)?$")


def _only_a_verb(word: str) -> bool:
    """Whether WordNet knows a word only as a verb ("Marry", "Fail"), never as a noun."""
    lower = word.lower()
    return is_a_verb(lower) and not is_a_noun(lower) and not only_an_adjective(lower)


def focus_of(question: str) -> list[Focus]:
    """The names, years, numbers and ordinals a question is about.

    >>> [(f.text, f.kind) for f in focus_of("How many fled Kunduz in 2021, after the third raid?")]
    [('Kunduz', 'name'), ('2021', 'year'), ('third', 'number')]
    >>> [f.forms for f in focus_of("Across the country, what did Press TV's report say on Sunday?")]
    [('press', 'tv'), ('sunday',)]
    """
    found: list[tuple[int, Focus]] = []
    for match in _NAME_RE.finditer(question):
        # A word hyphenated to a name says what it is to the name ("the US-led coalition", "a
        # Taliban-held city", "Kabul-based"): the name is the focus, not "led" or "held".
        name = _HYPHENATED_MODIFIER_RE.sub("", match.group(0))
        parts = [p for p in re.split(r"[\s-]+", name) if p]
        # The question's first word is capitalised whatever it is ("Which", "Did", "In").
        while parts and parts[0].lower() in QUESTION_OPENERS:
            parts = parts[1:]
        if not parts:
            continue
        # Days and months are dates, not names: "since Friday 6 August" is about a time.
        parts = [p for p in parts if p.lower() not in CALENDAR]
        # A verb typed in capitals ends no name: "Who did Emma Marry?" is about Emma.
        # (Not after a particle: "Jean de Rely" is one name.)
        while len(parts) > 1 and _only_a_verb(parts[-1]) and parts[-2] not in _PARTICLES:
            parts = parts[:-1]
        # A part that goes by other names ("Badakhshan MP": a lawmaker) is a focus of its own.
        # Not a particle of a name: the "de" of "Roger de Tosny" is no Delaware.
        aliased = {p: also for p in parts
                   if len(parts) > 1 and p[:1].isupper() and (also := other_names_of(p))}
        for part, also in aliased.items():
            found.append((match.start(), Focus(part, (_name_form(part),), "name", also)))
        parts = [p for p in parts if p not in aliased]
        # An office "of" a place names the place ("Who was made Governor of Samarqand?"): the
        # office is what is asked, not a name a passage must give
        if len(parts) > 2 and parts[1] == "of" and parts[0].lower() in PERSON_NOUNS:
            parts = parts[2:]
        while parts and parts[0] in _PARTICLES:
            parts = parts[1:]  # "the CEO of Veltrix": Veltrix, once the CEO is a focus apart
        while parts and parts[-1] in _PARTICLES:
            parts = parts[:-1]
        text = " ".join(parts)
        forms = tuple(dict.fromkeys(_name_form(p) for p in parts if len(p) > 1
                                    and p.lower() not in QUESTION_OPENERS))
        # "Mazar-i-Sharif" is "Mazar" in the next sentence; a short first part ("Sar-e-Pol") is
        # too common a beginning to stand alone.
        hyphenated = re.search(r"\b([A-Z][a-z]{3,})(?:-[a-z]{1,2})?-[A-Z]\w+", match.group(0))
        short = _name_form(hyphenated.group(1)) if hyphenated else None
        if forms:
            also = other_names_of(text, demonyms=len(parts) == 1)
            if initials := _spelt_out(text):
                also = f"{also}|{initials}" if also else initials
            if len(parts) > 1 and all(p.isalpha() for p in parts):
                # Written apart or as one word: "Apple Talk" is the AppleTalk of the passages.
                joined = r"(?i:\b" + "".join(parts) + r"\b)"
                also = f"{also}|{joined}" if also else joined
            found.append((match.start(), Focus(text, forms, "name", also, short)))
    # A weekday narrows a question to one day's events ("Which two cities fell late on
    # Tuesday?"); news names it once and then goes on, so it counts like a name.
    for match in re.finditer(r"\b(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\b",
                             question):
        found.append((match.start(), Focus(match.group(0), (match.group(0).lower(),), "name")))
    for match in _ORDINAL_NUMERAL_RE.finditer(question):
        if _MONTH_RE.search(question, max(0, match.start() - 12), match.end() + 12):
            continue  # the day of a date ("August 18th"), not an ordinal asked about
        value = int(match.group(1))
        if _CENTURY_AFTER_RE.match(question, match.end()):
            # "in the 17th century" is said by any year of it ("in 1624") as well
            words = "|".join([match.group(0), *[w for w, v in ORDINALS.items() if v == value]])
            century = rf"(?i:\b(?:{words})[\s-]+centur)|\b{value - 1}\d\d\b"
            found.append((match.start(), Focus(f"{match.group(0)} century",
                                               (match.group(0).lower(),), "name", century)))
        else:  # "the 12th city" is the twelfth
            found.append((match.start(), Focus(match.group(0), number_forms(str(value)),
                                               "number")))
    listed = _LIST_COUNT_RE.search(question)
    for match in _NUMBER_RE.finditer(question):
        digits = match.group(0).replace(",", "").rstrip(".")
        around = question[max(0, match.start() - 12) : match.end() + 12]
        if len(digits) <= 2 and _MONTH_RE.search(around):
            continue  # the day of a date ("6 August 2021"): its year is the focus
        if listed and listed.start(1) == match.start():
            continue  # "name the 3 cities": how many items the list has, not what it is about
        if re.fullmatch(r"1\d{3}|20\d{2}", digits):
            found.append((match.start(), Focus(digits, (digits,), "year")))
        elif digits:
            found.append((match.start(), Focus(match.group(0), number_forms(digits), "number")))
    for match in _DECADE_RE.finditer(question):
        found.append((match.start(), _decade(match.group(0))))
    lower = question.lower()
    for match in re.finditer(r"\b[a-z]+\b", lower):
        word = match.group(0)
        if word in NUMBER_WORDS and word != "one" and not (
                listed and listed.start(1) == match.start()) and not _DEFINITE_BEFORE_RE.search(
                lower[: match.start()]) and not lower.startswith(" of ", match.end()):
            # "built with four layers" is answered by no window that says three, as "with 4
            # layers" is not; "one" is no count ("one of them"), "which two cities" and "two of
            # his advisers" ask for two items, and "the two leaders" names them by number.
            found.append((match.start(), Focus(word, number_forms(str(NUMBER_WORDS[word])),
                                               "number")))
        elif word == "first":  # not "one": "one of", "in one day" are no first
            # Only the first of something ("the first city"), not an adverb ("When did Ribault
            # first settle...?", "was first recorded"), which the answer need not repeat.
            if _ORDINAL_BEFORE_RE.search(lower[: match.start()]):
                found.append((match.start(), Focus(word, ("first", "1st"), "number")))
        elif word in ORDINALS:
            found.append((match.start(), Focus(word, number_forms(str(ORDINALS[word])), "number")))
    found.sort(key=lambda item: item[0])
    return [f for _, f in found]


_DECADE_RE = re.compile(r"\b(?:1[0-9]|20)\d0s\b")
_DEFINITE_BEFORE_RE = re.compile(r"\b(?:the|these|those|its|their|his|her|our|all)\s+$")


def _decade(text: str) -> Focus:
    """A focus on a decade or a century written as one ("the 1990s", "the 1100s"), said by any
    year of it or by its name ("the twelfth century").

    >>> import re
    >>> f = _decade("1100s")
    >>> [bool(re.search(f.also, t)) for t in ("in 1154", "in the 12th century", "in 1066")]
    [True, True, False]
    """
    if text.endswith("00s"):
        hundreds = int(text[:-3])
        words = "|".join([f"{hundreds + 1}th", *[w for w, v in ORDINALS.items()
                                                   if v == hundreds + 1]])
        also = rf"\b{hundreds}\d\d\b|(?i:\b(?:{words})[\s-]+centur)"
    else:
        also = rf"\b{text[:-2]}\d\b|'{text[2:]}\b"
    return Focus(text, (text,), "name", also)


def _name_form(part: str) -> str:
    """Spelling variants meet on a name's first five letters (Mazar-i-Sharif, Mazar-e-Sharif),
    without accents (Möngke, Mongke)."""
    return folded_name(part)[:5]


_INITIALS_RE = re.compile(r"([A-Z]{2,5})(?:['’]s)?")
_INITIALS_JOINT = r"\s+(?:(?:of|the|for|and|on)\s+)*"


def _spelt_out(name: str) -> str | None:
    """A pattern for the words an acronym stands for ("Scottish Parliament" for the "SP's" of a
    question), by their capitals; None for a name not all capitals.

    >>> bool(re.search(_spelt_out("SP's") or "", "the Scottish Parliament's orders"))
    True
    >>> bool(re.search(_spelt_out("NSF") or "", "the National Science Foundation"))
    True
    >>> _spelt_out("Taliban") is None
    True
    """
    match = _INITIALS_RE.fullmatch(name)
    if not match:
        return None
    return r"\b" + _INITIALS_JOINT.join(c + r"[a-z]+" for c in match.group(1)) + r"\b"


def folded_name(part: str) -> str:
    """A name as its forms are compared: lower case, without accents or a possessive."""
    return re.sub(r"'s$", "", without_accents(part).lower().replace("’", "'"))  # Press TV's


def without_accents(text: str) -> str:
    """The text with its letters' accents dropped ("Temür" -> "Temur"), which writers of
    transliterated names keep or leave out; a text of ASCII only is returned as it is.

    >>> without_accents("Möngke Khan, Tugh Temür")
    'Mongke Khan, Tugh Temur'
    """
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def number_forms(digits: str) -> tuple[str, ...]:
    """How a sentence may write a number: digits, the word, the ordinal ("9", "nine", "ninth")."""
    forms = [digits]
    try:
        value = int(digits)
    except ValueError:
        return tuple(forms)
    forms += [w for w, v in NUMBER_WORDS.items() if v == value]
    forms += [w for w, v in ORDINALS.items() if v == value]
    roman = _roman(value) if 2 <= value <= 39 else ""
    if len(roman) > 1:  # "World War 2" is "World War II" (not I, V or X: words of their own)
        forms.append(roman.lower())
    return tuple(forms)


def _roman(value: int) -> str:
    """A number in Roman numerals.

    >>> _roman(2), _roman(14), _roman(39)
    ('II', 'XIV', 'XXXIX')
    """
    out = ""
    for number, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + letters, value - number
    return out


# "..., and which city fell ninth?": a conjunction before a new question word starts a new part.
_PART_BREAK_RE = re.compile(
    r",?\s+(?:and|but|as well as)\s+(?=(?:who|whom|what|which|when|where|why|how|did|does|do|"
    r"was|were|is|are|has|had|in which|on which|to which)\b)", re.IGNORECASE)


def split_parts(question: str) -> list[str]:
    """A question in two parts as two questions (one when it is one).

    >>> split_parts("How many families were displaced, and which city fell ninth?")
    ['How many families were displaced?', 'which city fell ninth?']
    >>> split_parts("Who met Ghani and Dostum?")
    ['Who met Ghani and Dostum?']
    """
    pieces = [p.strip(" ,;?") for p in _PART_BREAK_RE.split(question)]
    pieces = [p for p in pieces if len(p.split()) >= 2]
    if len(pieces) < 2:
        return [question]
    return [f"{p}?" for p in pieces]
