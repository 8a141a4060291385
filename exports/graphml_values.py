"""Typed values from GraphML text, with errors that name the node or edge and the attribute.

GraphML carries every value as text; the declared `attr.type` of a foreign
file may be anything, so values are read by what the attribute *is* here,
not by what the file declares.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from ecogram.caseformat import CaseFormatError
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Sector, Support, TieQuality
from exports.opengraph import LIST_SEPARATOR, Attribute

VOCABULARIES: dict[str, type[Enum]] = {
    "kind": PersonKind,
    "sector": Sector,
    "candidate": CandidateStatus,
    "quality": TieQuality,
    "flow": Flow,
    "support": Support,
}
DATES = frozenset({"opened", "birth_date", "expected_date"})
#: Free text is kept exactly; everything else is a token, and stray spaces are noise.
FREE_TEXT = frozenset({"name", "household"})
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def edge_name(source: str, target: str) -> str:
    return f"edge {source}->{target}"


def convert(raw: str, attribute: Attribute, where: str) -> Any:
    field = f"{where}: {attribute.name}"
    text = raw if attribute.name in FREE_TEXT else raw.strip()
    if attribute.is_list:
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if attribute.type == "int":
        try:
            return int(text)
        except ValueError:
            raise CaseFormatError(field, f"{text!r} is not a whole number") from None
    if attribute.type == "boolean":
        try:
            return _BOOLEANS[text.lower()]
        except KeyError:
            raise CaseFormatError(field, f"{text!r} is not true or false") from None
    if attribute.name in DATES:
        if text == "" and attribute.optional:
            return None
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise CaseFormatError(field, f"{text!r} is not a date (YYYY-MM-DD)") from None
    return text


def vocabulary_check(value: Any, name: str, where: str) -> None:
    vocabulary = VOCABULARIES.get(name)
    if vocabulary is None:
        return
    allowed = [member.value for member in vocabulary]
    for item in value if isinstance(value, list) else [value]:
        if item not in allowed:
            raise CaseFormatError(
                f"{where}: {name}", f"unknown value {item!r} (one of: {', '.join(allowed)})"
            )
