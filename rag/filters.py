"""Date and outlet filters: which articles a question may be answered from.

A filter is applied inside retrieval (see `rag.retrieve.Retriever.within`): the dense search asks
Chroma only for chunks of the admitted articles and BM25 scores only theirs, so a narrow filter
still gets its best k passages instead of whatever survives of the unfiltered top k.

Dates are the articles' publication dates (ISO, as ingest records them). An article whose date is
unknown is left out by a date filter: nothing says it falls inside the range. Outlets match by name,
ignoring case and spacing ("press tv" admits "Press TV").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Protocol

from newsrag.errors import RagError
from rag.dates import iso_day


TOPIC_WORDS = 4  # a title this short names a topic ("Normans"); a longer one is a headline


class Dated(Protocol):
    """What a filter, and the answerer, read of an article (`index.store.DocumentRecord` has it)."""

    @property
    def title(self) -> str | None: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def date(self) -> str | None: ...


def topic_of(title: str | None) -> str | None:
    """An article's title when it names the topic all of the article is about (a Wikipedia page's,
    "French and Indian War"): its sentences need not repeat it. A headline says more than that."""
    return title if title and len(title.split()) <= TOPIC_WORDS else None


class NoMatchingArticles(RagError):
    """No indexed article passes the filter."""


def _outlet_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _day(value: date | str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise RagError(f"{name} must be a date like 2021-08-10, not {value!r}") from None


@dataclass(frozen=True)
class Filters:
    since: date | None = None  # published on or after
    until: date | None = None  # published on or before
    outlets: tuple[str, ...] = ()  # any of these; empty means every outlet

    @classmethod
    def of(cls, since: date | str | None = None, until: date | str | None = None,
           outlets: str | Iterable[str] | None = None) -> Filters:
        """Filters from what a user typed: ISO dates or `date`s, one outlet or several (a blank
        value means no restriction). A RagError says what is wrong with a bad value."""
        first, last = _day(since, "since"), _day(until, "until")
        if first and last and first > last:
            raise RagError(f"since ({first}) is after until ({last}) - swap them")
        if isinstance(outlets, str):
            outlets = [outlets]
        names = tuple(dict.fromkeys(o.strip() for o in outlets or () if o and o.strip()))
        return cls(first, last, names)

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.outlets)

    def admits(self, record: Dated) -> bool:
        if self.outlets and _outlet_key(record.outlet or "") not in {
                _outlet_key(o) for o in self.outlets}:
            return False
        if self.since or self.until:
            published = iso_day(record.date)
            if published is None:
                return False
            if (self.since and published < self.since) or (self.until and published > self.until):
                return False
        return True

    def describe(self) -> str:
        """'published 2021-08-10 to 2021-08-12, from Press TV'."""
        parts = []
        if self.since and self.until:
            parts.append(f"published {self.since} to {self.until}")
        elif self.since:
            parts.append(f"published on or after {self.since}")
        elif self.until:
            parts.append(f"published on or before {self.until}")
        if self.outlets:
            parts.append("from " + " or ".join(self.outlets))
        return ", ".join(parts)

    def select(self, records: Mapping[str, Dated]) -> set[str]:
        """The ids of the admitted articles; NoMatchingArticles, naming what the index has, when
        there are none."""
        admitted = {doc_id for doc_id, record in records.items() if self.admits(record)}
        if admitted or not records:
            return admitted
        outlets = sorted({r.outlet for r in records.values() if r.outlet})
        dates = sorted(r.date for r in records.values() if r.date)
        has = []
        if self.outlets:
            has.append("outlets: " + (", ".join(outlets) or "none recorded"))
        if self.since or self.until:
            has.append(f"dates: {dates[0]} to {dates[-1]}" if dates else "no dates recorded")
        raise NoMatchingArticles(
            f"no indexed article is {self.describe()} (the index has {'; '.join(has)}) "
            f"- widen the filter or drop it")
