"""Candidate assessment."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("assessment", __name__)


@bp.route("/cases/<int:case_id>/assessments")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_assessments")
    return render_template("assessment/index.html", case=case, tab="assessment")
