"""The trajectory's vocabularies for its forms and templates, in the user's language.

The words are the core's (`ecogram.labels`); these tables only make them lazy,
so a form defined once at import speaks the language of each request.
"""

from __future__ import annotations

from flask_babel import LazyString

from ecogram.labels import TABLES
from webapp.labels import lazy_label


def _lazy(table: str) -> dict[str, LazyString]:
    return {value: lazy_label(table, value) for value in TABLES[table]}


KINDS = _lazy("trajectory_kind")
REFERRERS = _lazy("referrer")
OUTCOMES = _lazy("outcome")
CATEGORIES = _lazy("budget_category")
STAYS = _lazy("stay")
PARTIES = _lazy("party")

#: Every table by the name templates use: words["referrer"][trajectory.referrer].
WORDS: dict[str, dict[str, LazyString]] = {
    "kind": KINDS,
    "referrer": REFERRERS,
    "outcome": OUTCOMES,
    "category": CATEGORIES,
    "stay": STAYS,
    "party": PARTIES,
}


def choices(table: dict[str, LazyString]) -> dict[str, str]:
    """A select's {value: label}, in the vocabulary's order."""
    return {str(value): str(word) for value, word in table.items()}
