"""The side panel: add or edit a person or a tie, and mark a person "to explore".

Each write goes guard (which adds the audit row) -> validate -> change ->
commit, and answers with the whole graph data, because a new person moves
the others of its sector and ring: the read model of the case as stored after
the commit, which the next page view then finds cached. Bad input answers 400
with one message per field; a stale version answers 409 with both versions
(`stale`) and changes nothing. A person whose name is already on the ecogram, or
whose kind and sector do not go together, is not saved until the user confirms
(422 with `warnings`; the form sends the confirmed fields back in `confirm`).
"""

from __future__ import annotations

from flask import abort
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ecogram import persons
from ecogram.capabilities import Capability
from ecogram.history import stack
from ecogram.models import Case, Person, Tie
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Sector, TieQuality
from webapp import database
from webapp.access import case_person, guarded_case
from webapp.ecogram_page import bp, stale, words
from webapp.ecogram_page.answers import commit as _commit
from webapp.ecogram_page.answers import invalid as _invalid
from webapp.ecogram_page.answers import lost as _lost
from webapp.ecogram_page.answers import stale as _stale
from webapp.ecogram_page.answers import warn
from webapp.ecogram_page.forms import (
    EditChildForm,
    EditPersonForm,
    EditTieForm,
    PersonForm,
    TieForm,
)
from webapp.validators import first_errors


def _next_ref(case: Case) -> str:
    return persons.new_ref(case, stack.removed_refs(database.session(), case.id))


#: Two adds to one case at the same moment can pick the same ref; the loser starts over.
ADD_ATTEMPTS = 3


@bp.route("/cases/<int:case_id>/persons", methods=["POST"])
def add_person(case_id: int) -> ResponseReturnValue:
    for _attempt in range(ADD_ATTEMPTS):
        try:
            return _add_person(case_id)
        except IntegrityError:
            # The rollback also drops this attempt's audit row; the next attempt writes its own.
            database.session().rollback()
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "add_person")
    return _lost(case, _("person"))()


def _add_person(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "add_person")
    form = PersonForm()
    if not form.validate():
        return _invalid(first_errors(form))
    kind, sector = PersonKind(form.kind.data), Sector(form.sector.data)
    name = form.name.data or ""  # DataRequired: never empty here
    found = words.warnings(
        case, name=name, kind=kind, sector=sector, confirmed=set(form.confirm.data or [])
    )
    if found:
        return warn(found)
    person = Person(
        ref=_next_ref(case),
        name=name,
        kind=kind,
        sector=sector,
        ring=form.ring.data,
        household=form.household.data or None,
        candidate=CandidateStatus(form.candidate.data),
    )
    case.persons.append(person)
    database.session().flush()
    return _commit(case, _lost(case, _("person")), 201, person_id=person.id)


@bp.route("/cases/<int:case_id>/persons/<int:person_id>", methods=["POST"])
def edit_person(case_id: int, person_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "edit_person")
    person = case_person(case, person_id)
    is_child = person.kind is PersonKind.CHILD
    form: EditPersonForm | EditChildForm = EditChildForm() if is_child else EditPersonForm()
    if not form.validate():
        return _invalid(first_errors(form))
    if form.version.data != person.version:
        return _stale(case, stale.person(case, person, form))
    editing = isinstance(form, EditPersonForm)
    found = words.warnings(
        case,
        name=form.name.data or "",
        kind=PersonKind(form.kind.data) if editing else None,
        sector=Sector(form.sector.data) if editing else None,
        confirmed=set(form.confirm.data or []),
        editing=person,
    )
    if found:
        return warn(found)
    person.name = form.name.data or ""  # DataRequired: never empty here
    person.household = form.household.data or None
    if isinstance(form, EditPersonForm):
        person.kind = PersonKind(form.kind.data)
        person.sector = Sector(form.sector.data)
        person.ring = form.ring.data
        person.candidate = CandidateStatus(form.candidate.data)
    return _commit(
        case, lambda: _stale(case, stale.person(case, person, form)), person_id=person.id
    )


@bp.route("/cases/<int:case_id>/persons/<int:person_id>/to-explore", methods=["POST"])
def mark_to_explore(case_id: int, person_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "mark_to_explore")
    person = case_person(case, person_id)
    if person.kind is PersonKind.CHILD:
        return _invalid({"person": _("The child is not a candidate care figure.")})
    # One click from a prompt: only a person nobody has considered yet moves on,
    # so a double click never sets back someone already being assessed.
    if CandidateStatus(person.candidate or CandidateStatus.NONE) is CandidateStatus.NONE:
        person.candidate = CandidateStatus.TO_EXPLORE
    return _commit(case, _lost(case, _("person")), person_id=person.id)


def _tie_problems(case: Case, form: TieForm, editing: Tie | None) -> dict[str, str]:
    ends = {form.from_.data, form.to.data}
    if len(ends) < 2:
        return {"to": _("A tie needs two different persons.")}
    for tie in case.ties:
        if tie is not editing and {tie.from_person.id, tie.to_person.id} == ends:
            return {"to": _("These two persons already have a tie; edit that one instead.")}
    return {}


def _tie_form(case: Case, form: TieForm) -> dict[str, str]:
    form.set_persons([p.id for p in case.persons])
    if not form.validate():
        return first_errors(form)
    return {}


def _fill_tie(case: Case, tie: Tie, form: TieForm) -> None:
    tie.from_person = case_person(case, form.from_.data)
    tie.to_person = case_person(case, form.to.data)
    tie.quality = TieQuality(form.quality.data)
    tie.flow = Flow(form.flow.data)
    tie.support = list(dict.fromkeys(form.support.data or []))


@bp.route("/cases/<int:case_id>/ties", methods=["POST"])
def add_tie(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "add_tie")
    form = TieForm()
    errors = _tie_form(case, form) or _tie_problems(case, form, None)
    if errors:
        return _invalid(errors)
    tie = Tie()
    _fill_tie(case, tie, form)
    case.ties.append(tie)
    database.session().flush()
    return _commit(case, _lost(case, _("tie")), 201, tie_id=tie.id)


@bp.route("/cases/<int:case_id>/ties/<int:tie_id>", methods=["POST"])
def edit_tie(case_id: int, tie_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "edit_tie")
    tie = next((t for t in case.ties if t.id == tie_id), None)
    if tie is None:
        abort(404)
    form = EditTieForm()
    errors = _tie_form(case, form) or _tie_problems(case, form, tie)
    if errors:
        return _invalid(errors)
    if form.version.data != tie.version:
        return _stale(case, stale.tie(case, tie, form))
    _fill_tie(case, tie, form)
    return _commit(case, lambda: _stale(case, stale.tie(case, tie, form)), tie_id=tie.id)
