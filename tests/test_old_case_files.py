"""Case files written before the checks looked ahead still import, come back the same, and
give the same findings on the same dates, apart from the decisions of docs/findings.md.

The files and what `ecogram check` said about them then are in tests/data/old-cases
(see its README): never regenerated, they stand for the files people already have.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from ecogram import caseformat, storage
from ecogram.checks import check_case
from ecogram.findings import Code, to_json

DATA = Path(__file__).parent / "data"
OLD = DATA / "old-cases"
SAID_THEN: dict[str, dict[str, list[dict[str, Any]]]] = json.loads(
    (OLD / "findings.json").read_text("utf-8")
)
#: The codes these files could not have had: a decision of docs/findings.md added them.
NEW_CODES = {
    Code.NIGHTS_OVERBOOKED.value,
    Code.MANDATED_SERVICE_ABSENT.value,
    Code.STAY_OPEN_AFTER_END.value,
    Code.CHILD_PERSPECTIVE_MISSING.value,
}
CASES = [(name, day) for name, days in SAID_THEN.items() for day in days]


def path_of(name: str) -> Path:
    return DATA / name if (DATA / name).exists() else OLD / name


@pytest.mark.parametrize(("name", "day"), CASES)
def test_an_old_file_gives_the_findings_it_gave_apart_from_the_new_codes(
    name: str, day: str
) -> None:
    case = caseformat.load_file(path_of(name))
    now = [to_json(f, "en") for f in check_case(case, dt.date.fromisoformat(day))]
    # Decisions 1 to 3 (night roles, the rhythm from the referral, same-day assessments)
    # change nothing in these files: every finding they gave is given again, in order.
    assert [f for f in now if f["code"] not in NEW_CODES] == SAID_THEN[name][day]


def test_the_new_codes_in_old_files_are_the_ones_their_data_calls_for() -> None:
    """A care table without a perspective everywhere; demo-4's mandated service that no
    care table lists; demo-5's roles of 8 nights a week for a while."""
    found: dict[str, set[str]] = {}
    for name, day in CASES:
        case = caseformat.load_file(path_of(name))
        codes = {f.code.value for f in check_case(case, dt.date.fromisoformat(day))}
        found.setdefault(name, set()).update(codes & NEW_CODES)
    assert found == {
        "design_example.json": {"CHILD_PERSPECTIVE_MISSING"},
        "demo-1.json": {"CHILD_PERSPECTIVE_MISSING"},
        "demo-2.json": {"CHILD_PERSPECTIVE_MISSING"},
        "demo-3.json": {"CHILD_PERSPECTIVE_MISSING"},
        "demo-4.json": {"CHILD_PERSPECTIVE_MISSING", "MANDATED_SERVICE_ABSENT"},
        "demo-5.json": {"CHILD_PERSPECTIVE_MISSING", "NIGHTS_OVERBOOKED"},
    }


@pytest.mark.parametrize("name", sorted(p.name for p in OLD.glob("demo-*.json")))
def test_an_old_canonical_file_imports_and_comes_back_byte_for_byte(
    name: str, session: Session
) -> None:
    written = (OLD / name).read_text("utf-8")
    stored = storage.save_case(session, caseformat.loads(written))
    session.flush()
    loaded = storage.load_case(session, stored.ref)
    assert loaded is not None
    assert caseformat.dumps(loaded) == written
