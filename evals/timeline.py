"""The timeline eval: `rag.timelines` on the seeds against the hand-written timeline of
evals/timeline.yaml (written by a reader from the articles, in their own words, dates resolved by
hand).

A gold event is *found* when a line of the timeline contains all of its `names`; its *date is
right* when that line's days overlap the event's `date`..`until`; the *order* is right for a pair
of found events on different days when their lines come in the same order. Lines that match no
gold event are counted too: the gold timeline leaves out statements and remarks (a minister's
words on Wednesday) that the timeline lists as dated reports, so that share is reported, not gated.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

GOLD = Path(__file__).resolve().parent / "timeline.yaml"


def load(path: Path = GOLD) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for event in data["events"]:
        event["date"] = _day(event["date"])
        event["until"] = _day(event.get("until") or event["date"])
    return data


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _line_of(event: dict[str, Any], lines: list[Any]) -> int | None:
    """The most precisely dated line naming the event whose days overlap it (a line dated "1998"
    also overlaps 8 August 1998), else the first line naming it."""
    named = [i for i, line in enumerate(lines) if all(n in line.text for n in event["names"])]
    dated = sorted((i for i in named
                    if lines[i].first <= event["until"] and event["date"] <= lines[i].last),
                   key=lambda i: (lines[i].last - lines[i].first, i))
    best = dated or named
    return best[0] if best else None


def score(gold: dict[str, Any], lines: list[Any]) -> dict[str, Any]:
    """The figures, and per gold event the line it matched (or None)."""
    matched = {e["id"]: _line_of(e, lines) for e in gold["events"]}
    found = [e for e in gold["events"] if matched[e["id"]] is not None]
    right_day = [e for e in found
                 if lines[matched[e["id"]]].first <= e["until"]  # type: ignore[index]
                 and e["date"] <= lines[matched[e["id"]]].last]  # type: ignore[index]
    pairs = [(a, b) for a, b in combinations(right_day, 2) if a["date"] != b["date"]]
    in_order = [(a, b) for a, b in pairs
                if (a["date"] < b["date"]) == (matched[a["id"]] < matched[b["id"]])]  # type: ignore[operator]
    used = {i for i in matched.values() if i is not None}
    n = len(gold["events"])
    metrics = {
        "events": n,
        "lines": len(lines),
        "events_found": round(len(found) / n, 4) if n else 0.0,
        "dates_right": round(len(right_day) / n, 4) if n else 0.0,
        "order_right": round(len(in_order) / len(pairs), 4) if pairs else 1.0,
        "lines_matching_an_event": round(len(used) / len(lines), 4) if lines else 0.0,
    }
    return {"metrics": metrics, "matched": matched}


def run(settings: Any) -> dict[str, Any]:
    """The timeline of the gold topic over the seeds (in their own index), scored."""
    from rag.timelines import timeline

    gold = load()
    result = timeline(gold["topic"], settings=settings)
    scored = score(gold, result.events)
    scored["missed"] = [e["id"] for e in gold["events"] if scored["matched"][e["id"]] is None]
    scored["wrong_day"] = [
        e["id"] for e in gold["events"] if (i := scored["matched"][e["id"]]) is not None
        and not (result.events[i].first <= e["until"] and e["date"] <= result.events[i].last)]
    scored["timeline"] = result.text.splitlines()
    return scored
