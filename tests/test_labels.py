"""Vocabulary labels are found by enum member and by plain string alike."""

from __future__ import annotations

import pytest

from ecogram.labels import TABLES, label
from ecogram.vocabulary import PersonKind, Role


@pytest.mark.parametrize("table", list(TABLES))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_label_is_found_by_member_and_by_its_string(table: str, lang: str) -> None:
    for key, text in TABLES[table][lang].items():
        assert label(table, key, lang) == text
        assert label(table, str(getattr(key, "value", key)), lang) == text


def test_it_speaks_dutch_unless_asked_for_english() -> None:
    assert label("role", Role.RESPITE, "nl") == label("role", "respite", "fr")
    assert label("kind", PersonKind.GRANDPARENT, "nl") == "grootouder"
    assert label("kind", PersonKind.GRANDPARENT, "en") == "grandparent"


def test_an_unknown_value_shows_as_itself_and_none_as_nothing() -> None:
    assert label("role", "nanny", "nl") == "nanny"
    assert label("role", None, "en") == ""
