"""A case's revision changes on every write to anything in the case, whoever writes it.

The cached read model of the ecogram is keyed by the revision, so these tests
write the way another process would: plain SQL on a connection of its own,
without the ORM or any code of the app. Each runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

import ecogram.plan_models  # noqa: F401  (every model module: its tables are in the metadata)
from ecogram import caseformat, storage
from ecogram.accounts import CaseAssignment, User
from ecogram.db import session_scope
from ecogram.models import Base, EcogramSession, FindingReason, SessionChange
from ecogram.readmodel import revision_of
from ecogram.vocabulary import UserRole

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"
DAY = dt.date(2026, 3, 2)


def tables_of_a_case() -> list[str]:
    """Every table from which a chain of foreign keys leads to the case, read from the models.

    A table added later is in this list the day its model is: its rows belong to a
    case, so the case-revision triggers must cover it, and the tests below say so. A
    table of data derived from a case's revision (`info["derived"]`, the report's facts)
    is left out: its writes must not change the revision they were computed from.
    """
    tables = Base.metadata.tables

    def leads_to_case(name: str, seen: frozenset[str]) -> bool:
        targets = {key.column.table.name for key in tables[name].foreign_keys}
        return "case" in targets or any(
            leads_to_case(target, seen | {name}) for target in targets - seen - {name}
        )

    return sorted(
        name
        for name, table in tables.items()
        if name != "case" and "derived" not in table.info and leads_to_case(name, frozenset())
    )


CASE_TABLES = tables_of_a_case()


def test_the_tables_of_a_case_are_found_from_the_models() -> None:
    # The ones the map draws, the ones only the history and the team pages read, and
    # nothing that merely names a case (the audit trail must not change a revision).
    assert {"person", "tie", "session_change", "finding_reason", "case_assignment"} <= set(
        CASE_TABLES
    )
    assert "audit_event" not in CASE_TABLES
    assert "app_user" not in CASE_TABLES


@pytest.fixture
def case_id(engine: Engine) -> int:
    """The design example, stored, with one row more in each table it leaves empty."""
    with session_scope(engine) as session:
        case = storage.save_case(
            session, caseformat.parse_document(json.loads(EXAMPLE.read_text("utf-8")))
        )
        role = UserRole.CONTEXT_WORKER
        user = User(username="werker", display_name="Werker", password_hash="-", role=role)
        meeting = (
            case.sessions[0] if case.sessions else EcogramSession(case=case, number=1, date=DAY)
        )
        session.add_all([user, meeting])
        session.flush()
        session.add_all(
            [
                CaseAssignment(user_id=user.id, case_id=case.id),
                FindingReason(
                    case_id=case.id,
                    code="ANCHOR_MISSING",
                    held_from=DAY,
                    reason="Besproken",
                    saved_on=DAY,
                ),
                SessionChange(session_id=meeting.id, case_id=case.id, number=1, patch="{}"),
            ]
        )
        session.flush()
        found = case.id
    write(engine, _add_action)
    with engine.connect() as connection:
        empty = [
            table
            for table in CASE_TABLES
            if connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
        ]
    assert not empty, f"give the fixture a row of {empty}: the tests below need one"
    return found


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
    before = revision(engine, case_id)
    quoted = '"case"' if table == "case" else table
    write(
        engine,
        lambda c: c.execute(text(f"UPDATE {quoted} SET id = id WHERE id = {_one(quoted)}")),
    )
    assert revision(engine, case_id) not in (before, None)


@pytest.mark.parametrize("table", CASE_TABLES)
def test_deleting_any_row_of_the_case_gives_it_a_new_revision(
    engine: Engine, case_id: int, table: str
) -> None:
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
