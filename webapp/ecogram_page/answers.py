"""The side panel's answers: the graph to redraw, field errors, warnings and conflicts.

Every answer that changed (or might have changed) the drawing carries the
whole graph data, with what undo and redo would take back or make again now,
so the page stays in step without a reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from ecogram.history import stack
from ecogram.models import Case, SessionChange
from webapp import clock, conflicts, database, graphdata
from webapp.conflicts import Conflict
from webapp.history import words as history_words
from webapp.labels import lang


def _offer(change: SessionChange | None, names: dict[str, str]) -> dict[str, Any] | None:
    if change is None:
        return None
    label = history_words.describe(change, names)
    return {"change": change.id, "version": change.version, "label": label}


def graph(case: Case) -> dict[str, Any]:
    """The graph data with `undo` and `redo`: the change each would act on, or None."""
    db = database.session()
    session = stack.today_session(db, case.id, clock.today())
    changes = [] if session is None else stack.changes_of(db, session.id)
    names = history_words.names_of(case, changes)
    done = [c for c in changes if not c.undone]
    undone = [c for c in changes if c.undone]
    return graphdata.build(case, clock.today(), lang()) | {
        "undo": _offer(done[-1] if done else None, names),
        "redo": _offer(undone[0] if undone else None, names),
    }


def answer(case: Case, status: int = 200, **extra: Any) -> ResponseReturnValue:
    return jsonify({"graph": graph(case)} | extra), status


def invalid(errors: dict[str, str]) -> ResponseReturnValue:
    return jsonify({"errors": errors}), 400


def warn(warnings: dict[str, str]) -> ResponseReturnValue:
    """Nothing saved yet: the user confirms each warning (the form's `confirm`) or changes it."""
    return jsonify({"warnings": warnings}), 422


def commit(
    case: Case, conflict: Callable[[], ResponseReturnValue], status: int = 200, **extra: Any
) -> ResponseReturnValue:
    """Commit and answer; a write that lost a race to another one gets the stale-form 409."""
    lost_race = conflicts.commit_or_conflict(conflict)
    return lost_race if lost_race is not None else answer(case, status, **extra)


def lost(case: Case, what: str) -> Callable[[], ResponseReturnValue]:
    """The 409 for a write without a form version (adding, one-click) that lost a race."""

    def make() -> ResponseReturnValue:
        return conflicts.answer_json(Conflict(what, [], "?", "?", back=""), graph=graph(case))

    return make


def stale(case: Case, conflict: Conflict) -> ResponseReturnValue:
    """The side panel's 409: both versions, and the graph as stored now to redraw."""
    return conflicts.answer_json(conflict, graph=graph(case))
