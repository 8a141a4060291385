"""Roles, anchor and the weekly puzzle."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from webapp.access import guarded_case

bp = Blueprint("roles", __name__)


@bp.route("/cases/<int:case_id>/roles")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, "view_roles")
    return render_template("roles/index.html", case=case, tab="roles")
