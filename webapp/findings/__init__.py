"""The findings of the case."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("findings", __name__)


@bp.route("/cases/<int:case_id>/findings")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_findings")
    return render_template("findings/index.html", case=case, tab="findings")
