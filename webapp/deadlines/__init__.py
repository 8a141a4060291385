"""The deadlines of every case the user may see, most urgent first."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

bp = Blueprint("deadlines", __name__)


@bp.route("/deadlines")
def index() -> ResponseReturnValue:
    return render_template("stub/page_stub.html")
