"""What undo and redo would act on now: the last change of today's session, and the first undone.

Part of the ecogram's drawing data, so that the undo bar follows every redraw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ecogram.history import stack
from ecogram.models import SessionChange
from webapp import database
from webapp.history import words
from webapp.history.words import Named


def _offer(change: SessionChange | None, names: dict[str, str]) -> dict[str, Any] | None:
    if change is None:
        return None
    return {"change": change.id, "version": change.version, "label": words.describe(change, names)}


def undo_offers(case_id: int, persons: Iterable[Named], today: dt.date) -> dict[str, Any]:
    """`undo` and `redo`: the change each would act on, or None."""
    db = database.session()
    session = stack.today_session(db, case_id, today)
    changes = [] if session is None else stack.changes_of(db, session.id)
    names = words.names_of(persons, changes)
    done = [c for c in changes if not c.undone]
    undone = [c for c in changes if c.undone]
    return {
        "undo": _offer(done[-1] if done else None, names),
        "redo": _offer(undone[0] if undone else None, names),
    }
