"""One answer to a stale save: 409, both versions side by side, nothing stored.

Every edit form carries the version of what it shows (a row's `version`, or
for an assessment the id of the newest one). When the stored version moved on
since the form was loaded, the view does not save: it answers with a
`Conflict` — the page `errors/conflict.html`, or JSON for the ecogram page's
side panel — showing what the user tried to save next to what is stored now.

The user decides what happens next: go back and start from the stored
version, or send their own version again, now knowingly over the other one
(the page's "save mine anyway" form carries the current version). A second,
deliberate save is not a silent overwrite.

Two writes can also pass the version check at the same moment; then the
ORM's version column makes the second commit fail with StaleDataError, and
the view answers with the same conflict after a rollback (`lost_race`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import jsonify, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram.models import Case
from webapp import database


@dataclass(frozen=True)
class Difference:
    """One field of the form: what the user sent, what is stored now."""

    key: str
    label: str
    yours: str
    stored: str

    @property
    def differs(self) -> bool:
        return self.yours != self.stored


@dataclass(frozen=True)
class Conflict:
    what: str  #: "person", "tie", ... in the user's language
    fields: Sequence[Difference]
    sent_version: str
    stored_version: str
    back: str  #: the page to start again from
    #: The form that saves the user's version anyway: its action and hidden fields.
    resubmit: str | None = None
    resubmit_fields: Sequence[tuple[str, str]] = field(default_factory=tuple)
    #: What saving anyway does, when it is not "replace the stored version".
    resubmit_note: str | None = None

    @property
    def message(self) -> str:
        return _(
            "Someone else changed this %(what)s in the meantime (your version %(sent)s, "
            "stored version %(stored)s). Nothing was saved; check the current data and try again.",
            what=self.what,
            sent=self.sent_version,
            stored=self.stored_version,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "message": self.message,
            "sent_version": self.sent_version,
            "stored_version": self.stored_version,
            "fields": [
                {"key": f.key, "label": f.label, "yours": f.yours, "stored": f.stored}
                for f in self.fields
            ],
        }


def page(conflict: Conflict, case: Case, tab: str) -> ResponseReturnValue:
    """The conflict page (409) inside the case's frame."""
    return render_template("errors/conflict.html", case=case, tab=tab, conflict=conflict), 409


def page_outside_case(conflict: Conflict) -> ResponseReturnValue:
    """The same conflict page (409) for a row that belongs to no case, such as an account."""
    return render_template("errors/conflict_page.html", conflict=conflict), 409


def answer_json(conflict: Conflict, **extra: Any) -> ResponseReturnValue:
    """The side panel's 409: the message under the form, both versions, and `extra` (the graph)."""
    body = {"errors": {"version": conflict.message}, "conflict": conflict.as_json()}
    return jsonify(body | extra), 409


def commit_or_conflict(make: Callable[[], ResponseReturnValue]) -> ResponseReturnValue | None:
    """Commit this request's work; None when stored, else `make()`'s conflict answer.

    After the rollback every loaded object reads the database again, so `make`
    sees the version that won the race.
    """
    db = database.session()
    try:
        db.commit()
    except StaleDataError:
        db.rollback()
        return make()
    return None


def text(value: object) -> str:
    """How a value reads in the comparison: empty for nothing."""
    return "" if value is None else str(value)
