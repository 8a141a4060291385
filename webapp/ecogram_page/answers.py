"""The side panel's answers: the graph to redraw, field errors, warnings and conflicts.

Every answer that changed (or might have changed) the drawing carries the
whole graph data: the read model of the case as stored after the commit
(`webapp.graphdata`), with what undo and redo would take back or make again
now, so the page stays in step without a reload. The next page view finds
that read model cached.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from ecogram.models import Case
from webapp import conflicts, graphdata
from webapp.conflicts import Conflict


def graph(case: Case) -> Any:
    """The drawing as stored now, as data (rare answers only: it parses the cached JSON)."""
    return json.loads(graphdata.fresh(case.id).json)


def answer(case: Case, status: int = 200, **extra: Any) -> ResponseReturnValue:
    return graphdata.fresh(case.id).answer(status, **extra)


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
