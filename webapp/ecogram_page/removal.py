"""The side panel removes a person (with their ties) or a tie, after the user confirms.

Each removal carries the version the panel showed: a stale one gets the 409
with the graph as stored now. A person who still has a part in the child's
plan is refused with the reason (`ecogram.persons`), also 409: the request
was fine, the case's state stands in the way. The removal lands in today's
session like every change, so it can be undone, and it is audited.
"""

from __future__ import annotations

from flask import abort, jsonify
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import persons
from ecogram.capabilities import Capability
from ecogram.models import Case
from webapp import clock
from webapp.access import case_person, guarded_case
from webapp.conflicts import Conflict
from webapp.ecogram_page import answers, bp, words
from webapp.ecogram_page.answers import commit, invalid, lost, stale
from webapp.ecogram_page.forms import VersionForm
from webapp.validators import first_errors


def _gone(case: Case, what: str, sent: int | None, stored: int) -> ResponseReturnValue:
    return stale(case, Conflict(what, [], str(sent), str(stored), back=""))


@bp.route("/cases/<int:case_id>/persons/<int:person_id>/delete", methods=["POST"])
def delete_person(case_id: int, person_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "delete_person")
    person = case_person(case, person_id)
    form = VersionForm()
    if not form.validate():
        return invalid(first_errors(form))
    if form.version.data != person.version:
        return _gone(case, _("person"), form.version.data, person.version)
    name = person.name
    try:
        persons.remove_person(case, person, clock.today())
    except persons.RemovalRefused as refused:
        reasons = [words.blocker(reason, person) for reason in refused.removal.blockers]
        body = {"errors": {"removal": " ".join(reasons)}, "graph": answers.graph(case)}
        return jsonify(body), 409
    return commit(case, lost(case, _("person")), message=_("%(name)s removed.", name=name))


@bp.route("/cases/<int:case_id>/ties/<int:tie_id>/delete", methods=["POST"])
def delete_tie(case_id: int, tie_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "delete_tie")
    tie = next((t for t in case.ties if t.id == tie_id), None)
    if tie is None:
        abort(404)
    form = VersionForm()
    if not form.validate():
        return invalid(first_errors(form))
    if form.version.data != tie.version:
        return _gone(case, _("tie"), form.version.data, tie.version)
    ends = {"from": tie.from_person.name, "to": tie.to_person.name}
    persons.remove_tie(case, tie)
    return commit(case, lost(case, _("tie")), message=_("Tie %(from)s – %(to)s removed.", **ends))
