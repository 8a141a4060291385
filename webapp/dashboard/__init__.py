"""The network dashboard: aggregates only, never a name."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

bp = Blueprint("dashboard", __name__)


@bp.route("/dashboard")
def index() -> ResponseReturnValue:
    return render_template("stub/page_stub.html")
