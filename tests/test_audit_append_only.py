"""The audit trail is append-only in the database itself, on SQLite and on PostgreSQL.

The application never updates or deletes audit rows, but that is not enough:
the triggers of migration 0002 must refuse it to anyone with SQL access too.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from ecogram.accounts import AuditEvent
from ecogram.db import session_factory, session_scope


def _one_row(engine: Engine) -> int:
    with session_scope(engine) as session:
        event = AuditEvent(
            at=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
            user_id=None,
            username="worker",
            user_role="context_worker",
            case_id=1,
            action="view_ecogram",
            outcome="ok",
            request_id="0" * 32,
        )
        session.add(event)
        session.flush()
        return event.id


def _trail(engine: Engine) -> list[tuple[int, str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, action, outcome FROM audit_event ORDER BY id"))
        return [(row[0], row[1], row[2]) for row in rows]


def test_it_keeps_appending_to_the_audit_trail(engine: Engine) -> None:
    first = _one_row(engine)
    second = _one_row(engine)
    assert [row[0] for row in _trail(engine)] == [first, second]


def test_it_refuses_to_update_an_audit_row(engine: Engine) -> None:
    event_id = _one_row(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_event SET outcome = 'denied' WHERE id = :id"), {"id": event_id}
        )
    assert _trail(engine) == [(event_id, "view_ecogram", "ok")]


def test_it_refuses_to_delete_an_audit_row(engine: Engine) -> None:
    event_id = _one_row(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": event_id})
    assert _trail(engine) == [(event_id, "view_ecogram", "ok")]


def test_it_refuses_to_delete_the_whole_audit_trail(engine: Engine) -> None:
    _one_row(engine)
    statement = "DELETE FROM audit_event"
    if engine.dialect.name == "postgresql":
        statement = "TRUNCATE audit_event"
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert len(_trail(engine)) == 1


def test_the_orm_cannot_change_or_remove_an_audit_row_either(engine: Engine) -> None:
    event_id = _one_row(engine)
    with session_factory(engine)() as session:
        event = session.get(AuditEvent, event_id)
        assert event is not None
        event.action = "nothing_happened"
        with pytest.raises(DBAPIError, match="append-only"):
            session.commit()
        session.rollback()
        event = session.get(AuditEvent, event_id)
        session.delete(event)
        with pytest.raises(DBAPIError, match="append-only"):
            session.commit()
        session.rollback()
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1
