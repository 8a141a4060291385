"""The ecogram page: the child's context, drawn and edited in a session with the family."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("ecogram_page", __name__)


@bp.route("/cases/<int:case_id>/")
def show(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_ecogram")
    return render_template("ecogram_page/show.html", case=case, tab="ecogram")
