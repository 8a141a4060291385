"""Three sessions with the family for each demo case, so the history shows growth.

A real ecogram grows at the kitchen table: the first session maps the parents
and the professionals around them, the next ones add the relatives, friends and
neighbours the family names. The demo stores each full case as its last
session and derives the earlier ones by leaving persons out, so every earlier
state is a valid case that the history pages read like any other.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from ecogram.history import without_person

#: Known from the very first conversation: the child, the parents and the professionals.
FIRST_SESSION_KINDS = frozenset({"child", "parent", "professional"})


class DemoSession(NamedTuple):
    date: dt.date
    present: str
    document: dict[str, Any]


def demo_sessions(document: dict[str, Any], today: dt.date) -> list[DemoSession]:
    """Up to three sessions, oldest first; the last one is the document itself."""
    opened = dt.date.fromisoformat(document["case"]["opened"])
    if today <= opened + dt.timedelta(days=2):
        return [DemoSession(opened, _present(document), document)]
    middle = opened + (today - opened) / 2
    last = today - dt.timedelta(days=1)
    persons = [p for p in document["persons"] if p["kind"] not in FIRST_SESSION_KINDS]
    later = [p["id"] for p in persons[len(persons) // 2 :]]
    found_by_middle = _without(document, later, middle)
    first = _without(found_by_middle, [p["id"] for p in persons], opened)
    return [
        DemoSession(opened, _present(first), first),
        DemoSession(middle, _present(found_by_middle), found_by_middle),
        DemoSession(last, _present(document), document),
    ]


def _without(document: dict[str, Any], refs: list[str], day: dt.date) -> dict[str, Any]:
    """The document as it stood on `day`: these persons not yet named, nothing dated later."""
    result: dict[str, Any] = json.loads(json.dumps(document))  # a deep, canonical copy
    for ref in refs:
        result = without_person(result, ref)
    if result["trusted_person"] is not None and not any(
        p["id"] == result["trusted_person"] for p in result["persons"]
    ):
        result["trusted_person"] = None
    iso = day.isoformat()
    result["assessments"] = [a for a in result["assessments"] if a["date"] <= iso]
    result["roles"] = [r for r in result["roles"] if r["start"] <= iso]
    return result


def _present(document: dict[str, Any]) -> str:
    """Who sat at the table: the parents by name, and the context worker."""
    parents = [p["name"] for p in document["persons"] if p["kind"] == "parent"]
    return ", ".join([*parents, "contextbegeleider"])
