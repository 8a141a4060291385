"""Case tab: referral, care tables, care plan, evaluations, term, budget and stays."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("trajectory", __name__)


@bp.route("/cases/<int:case_id>/trajectory")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_trajectory")
    return render_template("stub/case_stub.html", case=case, tab="trajectory")
