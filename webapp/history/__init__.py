"""Case tab: the ecogram as it stood at each session, and what changed between sessions."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("history", __name__)


@bp.route("/cases/<int:case_id>/history")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_history")
    return render_template("stub/case_stub.html", case=case, tab="history")
