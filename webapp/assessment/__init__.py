"""Candidate assessment: the IMH checklist, and what it means for each role.

Every save adds a new assessment, draft or final, so the history of how a
candidate was seen stays intact. A form loaded before a colleague saved a
newer assessment answers 409 with both versions (`stale`). Roles are judged on the latest *final*
assessment only, as the checks do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ecogram.capabilities import Capability
from ecogram.imh_checklist import (
    ITEM_DOMAIN,
    Domain,
    Item,
    Rating,
    RoleVerdict,
    anchor_shortfalls,
    evaluate_all_roles,
)
from ecogram.models import Assessment, AssessmentEntry, Case, Person
from ecogram.rules.roles import FinalAssessment, latest_final_assessment
from ecogram.vocabulary import CandidateStatus, PersonKind
from webapp import clock, conflicts
from webapp.access import case_person, guarded_case
from webapp.assessment import stale
from webapp.assessment.forms import (
    DOMAIN_NAMES,
    ITEM_DESCRIPTIONS,
    AssessmentForm,
)

bp = Blueprint("assessment", __name__)

# Statuses before assessment starts; the first saved assessment moves them on.
_NOT_YET_ASSESSING = {
    CandidateStatus.NONE,
    CandidateStatus.TO_EXPLORE,
    CandidateStatus.IN_CONVERSATION,
}


def latest_assessment(person: Person) -> Assessment | None:
    """The most recent assessment, draft or final: what the form starts from."""
    latest: Assessment | None = None
    for assessment in person.assessments:
        if latest is None or assessment.date >= latest.date:
            latest = assessment
    return latest


def is_candidate(person: Person) -> bool:
    if person.kind in (PersonKind.CHILD, PersonKind.PARENT):
        return False
    status = CandidateStatus(person.candidate or CandidateStatus.NONE)
    return status is not CandidateStatus.NONE or bool(person.assessments or person.roles)


@dataclass(frozen=True)
class Standing:
    """What a person's latest final assessment says about roles and the anchor."""

    assessment: FinalAssessment | None
    verdicts: tuple[RoleVerdict, ...]
    anchor_shortfalls: tuple[Item, ...] | None  #: None for a parent: no assessment needed


def standing(person: Person, at: dt.date) -> Standing:
    assessment = latest_final_assessment(person, at)
    ratings = assessment.ratings if assessment is not None else {}
    shortfalls = None if person.kind is PersonKind.PARENT else anchor_shortfalls(ratings)
    return Standing(assessment, evaluate_all_roles(ratings), shortfalls)


@bp.route("/cases/<int:case_id>/assessments")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_assessments")
    at = clock.today()
    rows = [(person, standing(person, at)) for person in case.persons if is_candidate(person)]
    return render_template("assessment/index.html", case=case, tab="assessment", rows=rows)


def _prefill(form: AssessmentForm, person: Person) -> Assessment | None:
    form.date.data = clock.today()
    form.assessor.data = current_user.display_name
    form.final.data = False
    form.basis.data = stale.basis(person)
    source = latest_assessment(person)
    if source is not None:
        by_item = {entry.item: entry for entry in source.entries}
        for item in Item:
            entry = by_item.get(item)
            if entry is not None:
                form.rating(item).data = (entry.rating or Rating.UNKNOWN).value
                form.note(item).data = entry.note or ""
    return source


def _render(
    case: Case, person: Person, form: AssessmentForm, source: Assessment | None, status: int = 200
) -> ResponseReturnValue:
    groups: dict[Domain, list[Item]] = {}
    for item in Item:
        groups.setdefault(ITEM_DOMAIN[item], []).append(item)
    return render_template(
        "assessment/edit.html",
        case=case,
        tab="assessment",
        person=person,
        form=form,
        groups=groups,
        domain_names=DOMAIN_NAMES,
        descriptions=ITEM_DESCRIPTIONS,
        source=source,
        standing=standing(person, clock.today()),
        is_parent=person.kind is PersonKind.PARENT,
    ), status


@bp.route("/cases/<int:case_id>/persons/<int:person_id>/assessment", methods=["GET", "POST"])
def edit(case_id: int, person_id: int) -> ResponseReturnValue:
    if request.method == "GET":
        case = guarded_case(case_id, Capability.VIEW, "view_assessment")
        person = case_person(case, person_id, allow_child=False)
        form = AssessmentForm(formdata=None)
        source = _prefill(form, person)
        return _render(case, person, form, source)
    case = guarded_case(case_id, Capability.ASSESS, "save_assessment")
    person = case_person(case, person_id, allow_child=False)
    form = AssessmentForm()
    if not form.validate():
        return _render(case, person, form, None, 400)
    if stale.is_stale(form, person):
        return stale.conflict(case, person, form)
    assessment = Assessment(
        date=form.date.data,
        final=bool(form.final.data),
        assessor=form.assessor.data,
        entries=[
            AssessmentEntry(
                item=item,
                rating=Rating(form.rating(item).data),
                note=form.note(item).data or None,
            )
            for item in Item
        ],
    )
    person.assessments.append(assessment)
    moved = CandidateStatus(person.candidate or CandidateStatus.NONE) in _NOT_YET_ASSESSING
    if moved:
        person.candidate = CandidateStatus.ASSESSING
    lost = conflicts.commit_or_conflict(lambda: stale.conflict(case, person, form))
    if lost is not None:
        return lost
    if assessment.final:
        flash(_("Final assessment of %(name)s saved.", name=person.name), "success")
    else:
        flash(_("Draft assessment of %(name)s saved.", name=person.name), "success")
    return redirect(url_for("assessment.edit", case_id=case.id, person_id=person.id))
