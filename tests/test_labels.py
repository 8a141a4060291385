"""Vocabulary labels: every value has its words, found by member and by plain string alike."""

from __future__ import annotations

from enum import StrEnum

import pytest

from ecogram import vocabulary as v
from ecogram.imh_checklist import Item, Rating, Severity
from ecogram.labels import TABLES, label, labels
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, PlanStatus, SelfScanTheme

VOCABULARIES: dict[str, type[StrEnum]] = {
    "role": v.Role,
    "item": Item,
    "rating": Rating,
    "sector": v.Sector,
    "kind": v.PersonKind,
    "candidate": v.CandidateStatus,
    "quality": v.TieQuality,
    "flow": v.Flow,
    "support": v.Support,
    "attestation": v.AttestationStatus,
    "severity": Severity,
    "phase": v.Phase,
    "deadline": v.DeadlineKind,
    "trajectory_kind": v.TrajectoryKind,
    "referrer": v.Referrer,
    "outcome": v.Outcome,
    "budget_category": v.BudgetCategory,
    "stay": v.StayKind,
    "party": v.CareTableParty,
    "end_reason": v.RoleEndReason,
    "theme": SelfScanTheme,
    "plan_status": PlanStatus,
    "activity": ActivityKind,
    "budget_line": BudgetLineCategory,
}


def test_every_vocabulary_has_a_table_with_every_value_in_its_order() -> None:
    assert set(TABLES) == set(VOCABULARIES)
    for table, vocabulary in VOCABULARIES.items():
        assert list(TABLES[table]) == list(vocabulary), table


@pytest.mark.parametrize("table", list(VOCABULARIES))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_label_is_found_by_member_and_by_its_string(table: str, lang: str) -> None:
    for member in VOCABULARIES[table]:
        assert label(table, member, lang) == label(table, member.value, lang)
        assert label(table, member, lang) != ""


@pytest.mark.parametrize("table", list(VOCABULARIES))
def test_english_is_the_msgid_and_dutch_differs_where_the_words_do(table: str) -> None:
    english = labels(table, "en")
    assert english == dict(TABLES[table])
    assert len(set(english.values())) == len(english), "two values, one English word"
    assert len(set(labels(table, "nl").values())) == len(english), "two values, one Dutch word"


def test_it_speaks_dutch_by_default_and_english_on_request() -> None:
    assert label("kind", v.PersonKind.GRANDPARENT) == "grootouder"
    assert label("kind", v.PersonKind.GRANDPARENT, "en") == "grandparent"
    assert label("role", v.Role.RESPITE, "nl-BE") == "respijtzorg"


def test_one_english_word_has_a_dutch_word_per_vocabulary() -> None:
    assert label("kind", v.PersonKind.CHILDCARE) == "kinderopvang"
    assert label("support", v.Support.CHILDCARE) == "opvang"


def test_a_note_is_a_melding() -> None:
    assert label("severity", Severity.INFO) == "melding"
    assert label("severity", Severity.INFO, "en") == "note"


def test_an_unknown_value_shows_as_itself_and_none_as_nothing() -> None:
    assert label("role", "nanny", "nl") == "nanny"
    assert label("role", None, "en") == ""
