"""Who viewed or changed this case."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("audit", __name__)


@bp.route("/cases/<int:case_id>/audit")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_audit")
    return render_template("audit/index.html", case=case, tab="audit")
