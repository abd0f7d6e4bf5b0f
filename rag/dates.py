"""Relative dates in an article resolved against its publication date.

News writes "on Wednesday", "yesterday" or "over the weekend" and leaves the reader to work out
which Wednesday. A when-question's direct answer states the calendar date beside the words it came
from: "Wednesday, 11 August 2021 [2]".

The rules, for an article published on day P:
- a weekday ("Wednesday", "on Sunday afternoon", "last Tuesday", "this Friday") is the most recent
  such day on or before P; "next Monday" is the first one after P;
- "today", "tonight", "this morning/afternoon/evening" are P; "yesterday" and "last night" are the
  day before P; "tomorrow" is the day after; "N days ago" is P minus N days;
- "over the weekend" / "last weekend" / "this weekend" are the Saturday and Sunday on or before P
  (the weekend P falls in, when P is a Saturday or Sunday);
- "this week" / "earlier this week" are P's Monday-to-Sunday week, "last week" the week before;
- "this month" / "earlier this month" are P's month, "last month" the one before; likewise years;
- a month and day without a year ("August 8", "8 August") are in P's year; a month alone ("in
  May", "since May") is the latest such month on or before P's.
Phrases that name a time only relative to the story ("the same day", "that morning", "hours
later", "overnight") are left as written, and so is everything in an article with no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rag.question import MONTHS, NUMBER_WORDS, WEEKDAYS


@dataclass(frozen=True)
class Resolved:
    first: date
    last: date  # the same as `first` for a single day

    def calendar(self) -> str:
        """'11 August 2021', '7-8 August 2021', '31 July-1 August 2021', 'August 2021', '1997'."""
        a, b = self.first, self.last
        if a == b:
            return f"{a.day} {a:%B %Y}"
        if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
            return str(a.year)
        if a.day == 1 and (b + timedelta(days=1)).day == 1 and (a.year, a.month) == (b.year, b.month):
            return f"{a:%B %Y}"
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}-{b.day} {b:%B %Y}"
        if a.year == b.year:
            return f"{a.day} {a:%B}-{b.day} {b:%B %Y}"
        return f"{a.day} {a:%B %Y}-{b.day} {b:%B %Y}"


_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY_RE = re.compile(
    r"^(?:(?:on|early|late)\s+)?(?P<which>last|this|next)?\s*(?P<day>" + "|".join(WEEKDAYS) + r")"
    + _PART_OF_DAY + r"$")
_MONTH_DAY_RE = re.compile(
    r"^(?:on\s+)?(?:(?P<m1>" + "|".join(MONTHS) + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>" + "|".join(MONTHS) + r"))$")
_MONTH_RE = re.compile(r"^(?:(?:in|since|by|early|late|last|this)\s+)?(?P<month>"
                       + "|".join(MONTHS) + r")$")
_AGO_RE = re.compile(r"^(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+days?\s+ago$")
_SAME_DAY = {"today", "tonight", "this morning", "this afternoon", "this evening"}
_DAY_BEFORE = {"yesterday", "last night", "yesterday morning", "yesterday afternoon",
               "yesterday evening"}


_PART_OF_A_PERIOD_RE = re.compile(
    r"(?:(?:by|until|before|after|from) )?the (?:end|start|beginning|middle) of (?:the )?"
    r"(?P<period>(?:(?:this|next|last) )?(?:week|month|year))$")


def resolve(phrase: str, published: date) -> Resolved | None:
    """The day or days `phrase` names in an article published on `published`; None when it names
    no time relative to the publication (or names a full date already)."""
    words = " ".join(phrase.lower().replace(",", " ").split())
    if re.search(r"\b\d{4}\b", words):
        return None  # a full date or a year: nothing to resolve
    if words in _SAME_DAY:
        return Resolved(published, published)
    if words in _DAY_BEFORE:
        day = published - timedelta(days=1)
        return Resolved(day, day)
    if words == "tomorrow":
        day = published + timedelta(days=1)
        return Resolved(day, day)
    if m := _AGO_RE.match(words):
        n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"]]
        day = published - timedelta(days=n)
        return Resolved(day, day)
    if words in ("over the weekend", "last weekend", "this weekend", "at the weekend"):
        sunday = published - timedelta(days=(published.weekday() + 1) % 7)
        return Resolved(sunday - timedelta(days=1), sunday)
    if words in ("this week", "earlier this week", "last week"):
        monday = published - timedelta(days=published.weekday())
        if words == "last week":
            monday -= timedelta(days=7)
        return Resolved(monday, monday + timedelta(days=6))
    if words in ("this month", "earlier this month", "last month"):
        first = published.replace(day=1)
        if words == "last month":
            first = (first - timedelta(days=1)).replace(day=1)
        return Resolved(first, _month_end(first))
    if words in ("this year", "earlier this year", "last year", "next year"):
        year = published.year - (words == "last year") + (words == "next year")
        return Resolved(date(year, 1, 1), date(year, 12, 31))
    if words == "next month":
        first = (_month_end(published.replace(day=1)) + timedelta(days=1))
        return Resolved(first, _month_end(first))
    if period := _PART_OF_A_PERIOD_RE.match(words):
        # "by the end of next year", "before the end of the month": within that period
        within = period["period"]
        return resolve(within if " " in within else f"this {within}", published)
    if m := _WEEKDAY_RE.match(words):
        wanted = WEEKDAYS.index(m["day"])
        if m["which"] == "next":
            day = published + timedelta(days=(wanted - published.weekday() - 1) % 7 + 1)
        else:
            day = published - timedelta(days=(published.weekday() - wanted) % 7)
        return Resolved(day, day)
    if m := _MONTH_DAY_RE.match(words):
        month = MONTHS.index(m["m1"] or m["m2"]) + 1
        try:
            day = date(published.year, month, int(m["d1"] or m["d2"]))
        except ValueError:
            return None  # "February 30"
        return Resolved(day, day)
    if m := _MONTH_RE.match(words):
        month = MONTHS.index(m["month"]) + 1
        year = published.year - (month > published.month)
        first = date(year, month, 1)
        return Resolved(first, _month_end(first))
    return None


_FULL_DATE_RE = re.compile(
    r"^(?:on\s+)?(?:(?:" + "|".join(WEEKDAYS) + r")\s+)?(?:(?P<m1>" + "|".join(MONTHS)
    + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>"
    + "|".join(MONTHS) + r"))\s+(?P<year>\d{4})$")
_MONTH_YEAR_RE = re.compile(r"^(?:(?:in|since|by|early|late)\s+)?(?P<month>" + "|".join(MONTHS)
                            + r")\s+(?P<year>\d{4})$")
_YEAR_RE = re.compile(r"^(?:(?:in|by)\s+)?(?P<year>1\d{3}|20\d{2})$")


def date_of(phrase: str, published: date | None) -> Resolved | None:
    """The day or days a date phrase names: a full date, a month and year or a year as written,
    or a relative phrase resolved against `published` (see `resolve`)."""
    words = " ".join(phrase.lower().replace(",", " ").split())
    if m := _FULL_DATE_RE.match(words):
        try:
            day = date(int(m["year"]), MONTHS.index(m["m1"] or m["m2"]) + 1,
                       int(m["d1"] or m["d2"]))
        except ValueError:
            return None
        return Resolved(day, day)
    if m := _MONTH_YEAR_RE.match(words):
        first = date(int(m["year"]), MONTHS.index(m["month"]) + 1, 1)
        return Resolved(first, _month_end(first))
    if m := _YEAR_RE.match(words):
        year = int(m["year"])
        return Resolved(date(year, 1, 1), date(year, 12, 31))
    return resolve(phrase, published) if published else None


def _month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def iso_day(value: str | None) -> date | None:
    """The day an ISO date names ("2021-08-11"); None when it is missing or not a date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def with_calendar_date(phrase: str, published: str | None) -> str:
    """The phrase with the date it names: "on Wednesday" in an article of 2021-08-11 becomes
    "Wednesday, 11 August 2021"; unchanged when it cannot be resolved.

    >>> with_calendar_date("on Wednesday", "2021-08-11")
    'Wednesday, 11 August 2021'
    >>> with_calendar_date("over the weekend", "2021-08-11")
    'over the weekend, 7-8 August 2021'
    >>> with_calendar_date("the same day", "2021-08-11")
    'the same day'
    """
    day = iso_day(published)
    if day is None:
        return phrase
    resolved = resolve(phrase, day)
    if resolved is None:
        return phrase
    words = re.sub(r"^on\s+", "", phrase.strip(), flags=re.IGNORECASE)
    if _MONTH_RE.match(words.lower()) or _MONTH_DAY_RE.match(words.lower()):
        return resolved.calendar()  # "in May" is "May 2021"; "August 8" is "8 August 2021"
    return f"{words}, {resolved.calendar()}"
