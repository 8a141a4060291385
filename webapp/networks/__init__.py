"""The networks' regions, organisations and action plans."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

bp = Blueprint("networks", __name__)


@bp.route("/networks")
def index() -> ResponseReturnValue:
    return render_template("stub/page_stub.html")
