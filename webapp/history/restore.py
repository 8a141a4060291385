"""What each session changed, step by step, and putting back what a change removed.

The session page lists its recorded changes (`ecogram.history.stack`); the
diff page marks the removed persons and ties that can come back. Putting a
removal back carries the change's version: a change undone or made again
since the page was shown gets the shared conflict page (409). What came back
is a new change of today's session, audited like every write, which the
ecogram page can undo.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from ecogram import caseformat
from ecogram.capabilities import Capability
from ecogram.history import stack, steps
from ecogram.models import Case, SessionChange
from webapp import conflicts, database
from webapp.access import guarded_case
from webapp.conflicts import Conflict, Difference
from webapp.history import bp, words


class PutBackForm(FlaskForm):
    version = IntegerField("version", validators=[InputRequired(), NumberRange(min=1)])


@dataclass(frozen=True)
class Step:
    """One recorded change as the session page lists it."""

    change: SessionChange
    words: str
    #: What putting it back would return now; empty when nothing can come back.
    back: steps.Patch


def listed(case: Case, changes: list[SessionChange]) -> list[Step]:
    document = caseformat.dump_case(case)
    names = words.names_of(case.persons, changes)
    found = []
    for change in changes:
        patch = steps.Patch.loads(change.patch)
        back = steps.Patch() if change.undone else steps.put_back(patch, document)
        found.append(Step(change, words.describe(change, names), back))
    return found


def restorable(case: Case) -> tuple[dict[str, SessionChange], dict[tuple[str, str], SessionChange]]:
    """For the diff page: which change puts back each removed person, and each removed tie.

    The newest removal of a person decides, as they stood just before it.
    """
    by_person: dict[str, SessionChange] = {}
    by_tie: dict[tuple[str, str], SessionChange] = {}
    for step in listed(case, stack.removals(database.session(), case.id)):
        for ref in step.back.persons:
            by_person.setdefault(ref, step.change)
        for _before, tie in step.back.ties.values():
            if tie is not None:
                by_tie.setdefault((tie["from"], tie["to"]), step.change)
    return by_person, by_tie


# The change's id is looked up in the database, so it must fit the database's integers.
@bp.route(
    "/cases/<int:case_id>/history/changes/<int(max=2147483647):change_id>/put-back",
    methods=["POST"],
)
def put_back(case_id: int, change_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "put_back_removal")
    db = database.session()
    change = stack.change_of(db, case.id, change_id)
    if change is None:
        abort(404)
    form = PutBackForm()
    if not form.validate():
        return conflicts.page(_stale(case, change, None), case, "history")
    try:
        back = stack.put_back(db, case, change, form.version.data or 0)
    except stack.StackError as error:
        if error.reason == "stale":
            return conflicts.page(_stale(case, change, form.version.data), case, "history")
        flash(_("Everything this change removed is on the ecogram again."), "info")
        return redirect(url_for("history.index", case_id=case.id))
    db.commit()
    flash(_said(back), "success")
    person = next((p for p in case.persons if p.ref in back.persons), None)
    if person is None:
        return redirect(url_for("ecogram_page.show", case_id=case.id))
    return redirect(url_for("ecogram_page.show", case_id=case.id, person=person.id))


def _said(back: steps.Patch) -> str:
    names = [entry["name"] for _before, entry in back.persons.values() if entry is not None]
    ties = len(back.ties)
    if not names:
        return ngettext(
            "%(num)d tie is back on the ecogram.", "%(num)d ties are back on the ecogram.", ties
        )
    said = _("%(names)s is back on the ecogram.", names=", ".join(names))
    if ties:
        said += " " + ngettext("With %(num)d tie.", "With %(num)d ties.", ties)
    return said


def _stale(case: Case, change: SessionChange, sent: int | None) -> Conflict:
    state = _("undone") if change.undone else _("in force")
    return Conflict(
        what=_("removal"),
        fields=[Difference("state", _("The change"), "", state)],
        sent_version=conflicts.text(sent),
        stored_version=str(change.version),
        back=url_for("history.index", case_id=case.id),
    )
