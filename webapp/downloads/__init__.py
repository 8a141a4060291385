"""Case tab: the ecogram and the care-table summary on paper and in open formats."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("downloads", __name__)


@bp.route("/cases/<int:case_id>/downloads")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_downloads")
    return render_template("stub/case_stub.html", case=case, tab="downloads")
