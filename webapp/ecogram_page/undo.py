"""Undo and redo today's changes, for the side panel's buttons and for scripts.

`POST /cases/<id>/undo` and `POST /cases/<id>/redo` take `change` and `version`:
the change the graph data offered (`graph.undo` / `graph.redo`). They answer
like every side-panel write: 200 with the new graph (which offers the next
undo and redo) and `message`, the change in words; 400 for a malformed
request; 409 with the graph as stored now when the offer is out of date,
nothing is left to take back, or the ecogram changed since. Each is audited.

Undoing may take back a role, an assessment or the trusted person when that
was the session's last change; whoever maps the ecogram holds those
capabilities too, so no one undoes what they could not have done.
"""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram.capabilities import Capability
from ecogram.history import stack
from webapp import clock, database
from webapp.access import guarded_case
from webapp.ecogram_page import answers, bp
from webapp.ecogram_page.forms import StepForm
from webapp.history import words as history_words
from webapp.validators import first_errors

REFUSALS = {
    "nothing": lambda: _("There is nothing to take back or make again any more."),
    "stale": lambda: _(
        "The last change is no longer the one this page showed. The panel now shows "
        "the current one; choose again."
    ),
    "changed_since": lambda: _(
        "The ecogram changed since; this change can no longer be taken back as a whole."
    ),
}


def _step(case_id: int, direction: str) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, f"{direction}_change")
    form = StepForm()
    if not form.validate():
        return answers.invalid(first_errors(form))
    db = database.session()
    act = stack.undo if direction == "undo" else stack.redo
    offered = stack.change_of(db, case.id, form.change.data or 0)
    # Worded before the change is made: its persons may not be on the ecogram after it.
    names = history_words.names_of(case.persons, [] if offered is None else [offered])
    said = "" if offered is None else history_words.describe(offered, names)
    try:
        act(db, case, clock.today(), form.change.data or 0, form.version.data or 0)
    except stack.StackError as error:
        body = {"errors": {"": REFUSALS[error.reason]()}, "graph": answers.graph(case)}
        return jsonify(body), 409
    message = (
        _("Undone: %(what)s", what=said)
        if direction == "undo"
        else _("Done again: %(what)s", what=said)
    )
    return answers.commit(case, answers.lost(case, _("change")), message=message)


@bp.route("/cases/<int:case_id>/undo", methods=["POST"])
def undo(case_id: int) -> ResponseReturnValue:
    return _step(case_id, "undo")


@bp.route("/cases/<int:case_id>/redo", methods=["POST"])
def redo(case_id: int) -> ResponseReturnValue:
    return _step(case_id, "redo")
