"""A question's names as the articles spell them: "Telnet" for the "Telenet" of the passages,
"Mongke Khan" for "Möngke Khan".

A name the question writes otherwise than every article finds no passage by its words and never
counts as named, so the question is refused or answered from whatever is near. A capitalised word
of the question that no chunk contains is read as the corpus word that is the same without
accents, or else one edit away (a letter dropped, added, changed or two swapped: Norvig's
corrector, over the lexical index's own vocabulary), the most common one when several are.
Short words are left alone: one edit from a four-letter name is another name. The vocabulary
is lower-case, so a name the articles never give may be read as a common word a letter away
("Herat" as "heart" in articles that never name Herat); the answer's notice says what was read.

News also writes one name several ways ("Mazar", "Mazari Sharif", "Mazar-i-Sharif"): `variants`
gives BM25 the corpus words that write a name of the question with one letter more.

Readers also type names in lower case ("why did ghani go to mazar?"), and a question is read by
its capitals: `recased` capitalises a lower-case word that the retrieved passages write only as
a name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from typing import Iterable, Mapping, Sequence

from newsrag.index.lexical import LexicalIndex, terms
from rag.places import kinds_of
from rag.question import QUESTION_OPENERS, without_accents
from rag.spans import common_words

# A word of a question or a passage: "Mazar-i-Sharif", "Taliban’s", "kundus".
_WORD_RE = re.compile(r"(?<![\w’'-])[^\W\d_][\w’'-]*")
MIN_LENGTH = 5  # "Iran" is one edit from "Oran"; "Telnet" is not one from any other word
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def respelled(question: str, lexical: LexicalIndex) -> tuple[str, list[tuple[str, str]]]:
    """The question with each capitalised word the corpus lacks written as the corpus writes it,
    and each lower-case one that is no word of the language either ("kundus", "govenor"), and
    the (written, read) pairs that changed.

    >>> index = LexicalIndex("g", ["a", "b"], None, {"telenet": 3, "möngke": 2, "telecom": 9})
    >>> text, read = respelled("Who founded Telnet, and when did Mongke die?", index)
    >>> text
    'Who founded Telenet, and when did Möngke die?'
    >>> read
    [('Telnet', 'Telenet'), ('Mongke', 'Möngke')]
    """
    doc_freq = lexical.doc_freq or {}
    if not doc_freq:
        return question, []
    changed: list[tuple[str, str]] = []

    def read_as(match: re.Match[str]) -> str:
        word = match.group(0)
        stems = terms(word)
        if len(word) < MIN_LENGTH or len(stems) != 1 or stems[0] in doc_freq:
            return word
        if word.islower() and (not word.isalpha() or word in common_words()):
            return word  # a word of the language the articles happen not to use, or "didn't"
        found = _corpus_word(word.lower(), doc_freq, _folded(doc_freq))
        if found is None:
            return word
        written = found[:1].upper() + found[1:] if word[:1].isupper() else found
        changed.append((word, written))
        return written

    # Capitalised words, and lower-case ones no dictionary knows: "kundus", "govenor".
    return _WORD_RE.sub(read_as, question), changed


def _corpus_word(word: str, doc_freq: Mapping[str, int], folded: Mapping[str, str]
                 ) -> str | None:
    """The corpus's spelling of a word it lacks: the same without accents, else the most common
    word one edit away; None when there is none."""
    plain = without_accents(word)
    if plain in folded:
        return folded[plain]
    candidates = [c for c in _edits(plain) if len(c) >= MIN_LENGTH]
    # The most common; among words of one stem, the stem itself ("kundus" is "kunduz", not
    # "kunduzs"), then the one of the word's length.
    common = [(doc_freq.get(stem, 0), c == stem, -abs(len(c) - len(plain)), c)
              for c, stem in zip(candidates, _stems(candidates))]
    best = max(common, default=(0, False, 0, ""))
    return best[3] if best[0] else None


def _stems(words: Iterable[str]) -> list[str]:
    return [(terms(w) or [""])[0] for w in words]


_FOLDED: dict[int, tuple[Mapping[str, int], dict[str, str]]] = {}


def _folded(doc_freq: Mapping[str, int]) -> dict[str, str]:
    """Each accented term of a lexical index without its accents -> the term; worked out once
    per index (its vocabulary does not change: a new generation is a new index)."""
    kept = _FOLDED.get(id(doc_freq))
    if kept is None or kept[0] is not doc_freq:
        if len(_FOLDED) >= 4:
            _FOLDED.clear()
        kept = _FOLDED[id(doc_freq)] = (doc_freq, {without_accents(t): t for t in doc_freq
                                                   if not t.isascii()})
    return kept[1]


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | {a + c + b for a, b in splits for c in _LETTERS}) - {word}


# What stands before a word of a passage that opens a sentence (a capital there says nothing of a
# name).
_OPENS_RE = re.compile(r"(?:^|[.!?:][”\"’]?\s+|[“\"]\s*)$")
# Times the passages write a word capitalised (not opening a sentence), and never in lower case.
# Once is enough for a word no dictionary knows: "hayratan", named once in the seeds, had been
# left in lower case at 2, and read as no name (2026-12-06: lower-cased paraphrase dev questions
# passed 0.711 -> 0.737, the seeds' 0.731 -> 0.742; SQuAD FIT's within two questions).
MIN_CAPITALISED = 1


def recased(question: str, texts: Sequence[str]) -> str:
    """The question with each lower-case word that the passages write only as a name, never in
    lower case, capitalised as they write it ("why did ghani go to mazar?" -> "why did Ghani
    go to Mazar?"): a reader's question is read by its capitals, and readers type in lower case.
    And a capitalised first word that the passages write only in lower case is read in lower
    case (`_first_word_as_written`).

    >>> recased("who did ghani meet in mazar?", ["President Ghani met them in Mazar. Ghani "
    ...                                          "flew to Mazar-i-Sharif, where Ghani met Noor."])
    'who did Ghani meet in Mazar?'
    """
    # Not a word of the language, which a passage may capitalise in a title ("President Ghani",
    # "Viking settlers"), unless it is a place's name ("kabul", "pakistan").
    question = _first_word_as_written(question, texts)
    asked = {w for w in _WORD_RE.findall(question) if w.islower() and len(w) >= 3
             and (w not in common_words() or kinds_of(w))}
    if not asked:
        return question
    lower, written = _how_written(asked, texts)
    names = {key: forms.most_common(1)[0][0] for key, forms in written.items()
             if sum(forms.values()) >= MIN_CAPITALISED and not lower[key]}
    if not names:
        return question
    return _WORD_RE.sub(lambda m: names.get(m.group(0), m.group(0)) if m.group(0).islower()
                        else m.group(0), question)


def _first_word_as_written(question: str, texts: Sequence[str]) -> str:
    """The question with its first word in lower case when the passages write it only so, and
    it is no question word: "Final proposals ... were passed in what year?" is not about a name
    "Final", nor "Because speakers are drawn from across Scotland, ...?" about "Because".

    >>> _first_word_as_written("Final proposals were passed when?", ["the final proposals"])
    'final proposals were passed when?'
    >>> _first_word_as_written("Ghani went where?", ["Then Ghani flew, and ghani..."])
    'Ghani went where?'
    """
    first = _WORD_RE.search(question)
    if first is None or not first.group(0)[:1].isupper() or first.group(0).isupper():
        return question
    word = first.group(0)
    if word.lower() in QUESTION_OPENERS:
        return question
    lower, written = _how_written({word.lower()}, texts)
    if lower[word.lower()] and word.lower() not in written:
        return question[: first.start()] + word.lower() + question[first.end() :]
    return question


def _how_written(words: set[str], texts: Sequence[str]
                 ) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """How the passages write each of some lower-case words: how often in lower case, and each
    capitalised form with its count, where it does not open a sentence (which capitalises any
    word)."""
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, sorted(words)))
                         + r")(?![\w’'])", re.IGNORECASE)  # "Mazar" of "Mazar-i-Sharif" too
    lower: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for text in texts:
        for found in pattern.finditer(text):
            word = found.group(0)
            if word.islower():
                lower[word] += 1
            elif not _OPENS_RE.search(text[max(0, found.start() - 4) : found.start()]):
                written.setdefault(word.lower(), Counter())[word] += 1
    return lower, written


_sorted: tuple[Mapping[str, int], list[str]] | None = None  # the last vocabulary, in order


def _in_order(doc_freq: Mapping[str, int]) -> list[str]:
    """A vocabulary's words in order, kept for the next question (sorted once per index)."""
    global _sorted
    known = _sorted
    if known is None or known[0] is not doc_freq:
        known = _sorted = (doc_freq, sorted(doc_freq))
    return known[1]


LONGER_BY = 1  # letters a corpus word may add to a name of the question and be its variant


def variants(question: str, lexical: LexicalIndex) -> list[str]:
    """The corpus words that write a capitalised name of the question with at most `LONGER_BY`
    letters more ("Mazari" of "Mazari Sharif" for "Mazar"; with two, "Normandy" for "Norman"
    cost SQuAD answers), for BM25 to look for beside it: news transliterates names several ways,
    and a passage that writes the name otherwise shares no word with the question.

    >>> index = LexicalIndex("g", ["a", "b"], None, {"mazar": 5, "mazari": 2, "mazarine": 1})
    >>> variants("Where did the forces go after leaving Mazar?", index)
    ['mazari']
    """
    terms_in_order = _in_order(lexical.doc_freq or {})
    found = []
    for match in _WORD_RE.finditer(question):
        word = match.group(0)
        stems = terms(word)
        if len(word) < MIN_LENGTH or not word[:1].isupper() or len(stems) != 1:
            continue
        # (the word as written, not its stem: "France's" is stemmed "franc", which "franco" is
        # a letter longer than)
        lower = re.sub(r"['’]s$", "", word).lower()
        at = bisect.bisect_left(terms_in_order, lower)
        following = itertools.islice(terms_in_order, at, None)  # (a slice would copy them all)
        for term in itertools.takewhile(lambda t: t.startswith(lower), following):
            if term != stems[0] and len(term) - len(lower) <= LONGER_BY:
                found.append(term)
    return list(dict.fromkeys(found))

