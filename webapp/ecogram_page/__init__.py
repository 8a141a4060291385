"""The ecogram page: the child's context, drawn and edited in a session with the family.

Reads: the page, its graph data and one person's details. Writes (the side
panel) live in `api` (add and edit), `removal` (remove, after a confirmation)
and `undo` (undo and redo today's changes). Every route takes the case through
the access guard and finds persons and ties inside that case only, so another
case's ids give 404.

The page and `graph.json` show the case's read model (`webapp.graphdata`): the
page carries the drawing data in a `<script type="application/json">` element,
so it draws without a second request, and `graph.json` serves the same JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, jsonify, render_template, url_for
from flask.typing import ResponseReturnValue

from ecogram import labels
from ecogram.capabilities import Capability
from ecogram.imh_checklist import evaluate_all_roles
from ecogram.models import Case, Person
from ecogram.rules.roles import latest_final_assessment
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Sector, Support, TieQuality
from exports.symbols import CANDIDATE_MARKS
from webapp import clock, graphdata
from webapp.access import case_person, guarded_case, guarded_revision, may
from webapp.labels import lang, period

bp = Blueprint("ecogram_page", __name__)

from webapp.ecogram_page import words  # noqa: E402  (it needs no routes of ours)


@bp.route("/cases/<int:case_id>/")
def show(case_id: int) -> ResponseReturnValue:
    revision = guarded_revision(case_id, Capability.VIEW, "view_ecogram")
    drawn = graphdata.current(case_id, revision)
    case = graphdata.CaseHead.of(drawn.view)
    read_only = not may(Capability.MAP_ECOGRAM, case)
    content = drawn.fragment(
        ("content", read_only),
        lambda: render_template(
            "ecogram_page/content.html",
            case=case,
            view=drawn.view,
            read_only=read_only,
            kinds=KINDS,
            sectors=list(Sector),
            candidates=list(CandidateStatus),
            qualities=list(TieQuality),
            flows=list(Flow),
            supports=list(Support),
            candidate_marks={status.value: mark for status, mark in CANDIDATE_MARKS.items()},
            usual_sectors=words.usual_sectors(),
            sector_kinds=words.sector_kinds(),
            lists_in_page=len(drawn.view.persons) + len(drawn.view.ties) <= LISTS_IN_PAGE,
        ),
    )
    return drawn.page(
        lambda: render_template(
            "ecogram_page/show.html",
            case=case,
            tab="ecogram",
            content=content,
            graph_json=drawn.json,
            csrf_token=lambda: graphdata.TOKEN_SLOT,
        )
    )


KINDS = [k for k in PersonKind if k is not PersonKind.CHILD]
#: Persons and ties together up to which the page comes with its lists as text. A larger
#: case's lists are written by its script once the ecogram is drawn: laid out before, the
#: items of a 3,000-person case held the drawing up by about half a second.
LISTS_IN_PAGE = 1500


@bp.route("/cases/<int:case_id>/graph.json")
def graph_data(case_id: int) -> ResponseReturnValue:
    revision = guarded_revision(case_id, Capability.VIEW, "view_ecogram_data")
    return graphdata.current(case_id, revision).response()


@bp.route("/cases/<int:case_id>/persons/<int:person_id>")
def person_detail(case_id: int, person_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_person")
    person = case_person(case, person_id)
    return jsonify(detail(case, person, clock.today(), lang()))


def detail(case: Case, person: Person, at: dt.date, language: str) -> dict[str, Any]:
    """Details, candidate status, role verdicts and roles: plain text for the DOM."""
    assessment = latest_final_assessment(person, at)
    verdicts = []
    if assessment is not None and person.kind is not PersonKind.CHILD:
        for verdict in evaluate_all_roles(assessment.ratings):
            verdicts.append(
                {
                    "role": verdict.role.value,
                    "label": labels.label("role", verdict.role, language),
                    "qualifies": verdict.qualifies,
                    "knockouts": [
                        labels.label("item", v.item, language) for v in verdict.knockouts
                    ],
                    "below_minimum": [
                        labels.label("item", v.item, language) for v in verdict.below_minimum
                    ],
                }
            )
    trusted = case.trusted_person
    return graphdata.person_row(person, language) | {
        "sector_label": labels.label("sector", person.sector, language),
        "is_child": person.kind is PersonKind.CHILD,
        "is_anchor": person.id in graphdata.anchor_ids(case, at),
        "is_trusted": trusted is not None and trusted.id == person.id,
        "assessment": None
        if assessment is None
        else {"date": assessment.date.isoformat(), "assessor": assessment.assessor},
        "verdicts": verdicts,
        "roles": [
            {
                "role": a.role.value,
                "label": labels.label("role", a.role, language),
                "start": a.start.isoformat(),
                "end": a.end.isoformat() if a.end else None,
                "period": period(a.start, a.end),
                "nights_per_week": a.nights_per_week,
                "active": a.active_on(at),
            }
            for a in person.roles
        ],
        "links": {
            "assess": url_for("assessment.edit", case_id=case.id, person_id=person.id)
            if person.kind is not PersonKind.CHILD
            else None,
            "roles": url_for("roles.index", case_id=case.id),
        },
        "removal": words.removal(case, person, at),
    }


# Importing them registers the side panel's routes.
from webapp.ecogram_page import api, removal, undo  # noqa: E402, F401
