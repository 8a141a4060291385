"""A case's revision changes on every write to anything in the case, whoever writes it.

The cached read model of the ecogram is keyed by the revision, so these tests
write the way another process would: plain SQL on a connection of its own,
without the ORM or any code of the app. Each runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

from ecogram import caseformat, storage
from ecogram.db import session_scope
from ecogram.readmodel import revision_of

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"

#: Every table whose rows belong to a case, besides the case itself.
CASE_TABLES = (
    "person",
    "tie",
    "anchor_period",
    "role_assignment",
    "assessment",
    "assessment_entry",
    "trajectory",
    "care_table",
    "evaluation",
    "budget_item",
    "stay",
    "care_plan_action",
    "ecogram_session",
)


@pytest.fixture
def case_id(engine: Engine) -> int:
    """The design example, stored; it has a row in every table but care_plan_action."""
    with session_scope(engine) as session:
        case = storage.save_case(
            session, caseformat.parse_document(json.loads(EXAMPLE.read_text("utf-8")))
        )
        return case.id


def revision(engine: Engine, case_id: int) -> int | None:
    with session_scope(engine) as session:
        return revision_of(session, case_id)


def write(engine: Engine, change: Callable[[Connection], object]) -> None:
    with engine.begin() as connection:
        change(connection)


def _add_action(connection: Connection) -> None:
    trajectory = connection.execute(text("SELECT id FROM trajectory")).scalar_one()
    connection.execute(
        text(
            "INSERT INTO care_plan_action (trajectory_id, what, who, done, version)"
            " VALUES (:t, 'Bellen met Oma Jet', '', false, 1)"
        ),
        {"t": trajectory},
    )


def _one(table: str) -> str:
    return f"(SELECT min(id) FROM {table})"


def test_a_stored_case_starts_with_a_revision_of_its_own(engine: Engine, case_id: int) -> None:
    assert revision(engine, case_id) not in (None, 0)


@pytest.mark.parametrize("table", [*CASE_TABLES, "case"])
def test_updating_any_row_of_the_case_gives_it_a_new_revision(
    engine: Engine, case_id: int, table: str
) -> None:
    if table == "care_plan_action":
        write(engine, _add_action)
    before = revision(engine, case_id)
    quoted = '"case"' if table == "case" else table
    write(
        engine,
        lambda c: c.execute(
            text(f"UPDATE {quoted} SET version = version + 1 WHERE id = {_one(quoted)}")
        ),
    )
    assert revision(engine, case_id) not in (before, None)


@pytest.mark.parametrize("table", CASE_TABLES)
def test_deleting_any_row_of_the_case_gives_it_a_new_revision(
    engine: Engine, case_id: int, table: str
) -> None:
    if table == "care_plan_action":
        write(engine, _add_action)
    before = revision(engine, case_id)
    write(engine, lambda c: c.execute(text(f"DELETE FROM {table} WHERE id = {_one(table)}")))
    assert revision(engine, case_id) not in (before, None)


def test_inserting_a_row_gives_the_case_a_new_revision(engine: Engine, case_id: int) -> None:
    before = revision(engine, case_id)
    write(engine, _add_action)
    assert revision(engine, case_id) not in (before, None)


def test_a_read_leaves_the_revision_alone(engine: Engine, case_id: int) -> None:
    before = revision(engine, case_id)
    with session_scope(engine) as session:
        assert storage.load_case(session, "c1") is not None
    assert revision(engine, case_id) == before


def test_a_write_to_another_case_leaves_this_revision_alone(engine: Engine, case_id: int) -> None:
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["case"]["id"] = "c2"
    with session_scope(engine) as session:
        other = storage.save_case(session, caseformat.parse_document(doc)).id
    before = revision(engine, case_id)
    write(
        engine,
        lambda c: c.execute(
            text("UPDATE person SET name = 'Mia' WHERE case_id = :c"), {"c": other}
        ),
    )
    assert revision(engine, case_id) == before
