"""Case tab: the sessions, the ecogram as it stood at each one, and what changed between them.

Every change to the ecogram lands in a session by itself (`tracking`); this
tab lists the sessions, lets the worker start one and say who was present,
reads the past back from the snapshots (`pages`), and shows each session's
changes step by step, from which a removal can be put back (`restore`).
Writes go guard (which adds the audit row) -> validate -> change -> commit -> redirect.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from flask import Blueprint, Flask, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlalchemy.orm.exc import StaleDataError

from ecogram import history as core
from ecogram.capabilities import Capability
from ecogram.models import Case, EcogramSession
from webapp import clock, conflicts, database
from webapp.access import guarded_case
from webapp.conflicts import Conflict, Difference, text
from webapp.history import tracking
from webapp.history.forms import PresentForm, StartSessionForm
from webapp.labels import format_date

bp = Blueprint("history", __name__)


def init_app(app: Flask) -> None:
    """Attach the change tracking to this app's database sessions."""
    tracking.install(app.extensions["ecogram.sessions"])


def sessions_of(case: Case) -> list[EcogramSession]:
    # The snapshots can be large and the list needs none of them.
    statement = (
        select(EcogramSession)
        .options(defer(EcogramSession.snapshot))
        .where(EcogramSession.case_id == case.id)
        .order_by(EcogramSession.number)
    )
    return list(database.session().scalars(statement))


def _page(
    case: Case,
    status: int = 200,
    start_form: StartSessionForm | None = None,
    present_errors: dict[int, str] | None = None,
) -> ResponseReturnValue:
    sessions = sessions_of(case)
    counts = {c.number: c for c in core.session_counts(database.session(), case.id)}
    today = clock.today()
    return render_template(
        "history/index.html",
        case=case,
        tab="history",
        sessions=sessions,
        counts=counts,
        today=today,
        start_form=start_form or StartSessionForm(formdata=None, date=today),
        dates={s.number: s.date for s in sessions},
        present_errors=present_errors or {},
    ), status


@bp.route("/cases/<int:case_id>/history")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history")
    return _page(case)


@bp.route("/cases/<int:case_id>/history/sessions", methods=["POST"])
def start(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "start_session")
    form = StartSessionForm()
    if not form.validate():
        return _page(case, 400, start_form=form)
    db = database.session()
    day = cast(dt.date, form.date.data)  # required, so never empty here
    try:
        session = core.open_session(
            db,
            case,
            date=day,
            present=form.present.data or "",
            user_id=int(current_user.get_id()),
            today=clock.today(),
        )
    except core.HistoryError as error:
        form.date.errors = [_date_problem(error)]
        return _page(case, 400, start_form=form)
    try:
        db.commit()
    except IntegrityError:
        # Someone started a session at the same moment and took this number.
        db.rollback()
        return _conflict(case)
    flash(_("Session %(number)s has started.", number=session.number), "success")
    return redirect(url_for("history.index", case_id=case.id))


def _date_problem(error: core.HistoryError) -> str:
    if error.reason == "future":
        return _("A session cannot take place in the future.")
    if error.reason == "before_opened":
        return _("A session cannot come before the case was opened.")
    previous = format_date(error.previous) if error.previous else ""
    return _("Choose %(date)s or later: the date of the previous session.", date=previous)


@bp.route("/cases/<int:case_id>/history/<int:number>/present", methods=["POST"])
def edit_present(case_id: int, number: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MAP_ECOGRAM, "edit_session")
    db = database.session()
    try:
        session = core.session_of(db, case.id, number)
    except core.NoSuchSession:
        abort(404)
    form = PresentForm()
    if not form.validate():
        field = next(f for f in form if f.errors)
        return _page(case, 400, present_errors={number: f"{field.label.text}: {field.errors[0]}"})
    if form.version.data != session.version:
        return _conflict(case, session, form.present.data or "", form.version.data)
    session.present = form.present.data or ""
    try:
        db.commit()
    except StaleDataError:
        db.rollback()
        return _conflict(case)
    flash(_("Saved who was present at session %(number)s.", number=number), "success")
    return redirect(url_for("history.index", case_id=case.id))


def _conflict(
    case: Case,
    stored: EcogramSession | None = None,
    sent: str = "",
    sent_version: int | None = None,
) -> ResponseReturnValue:
    fields = (
        []
        if stored is None
        else [Difference("present", _("Who was present"), sent, stored.present)]
    )
    stored_version = "?" if stored is None else str(stored.version)
    back = url_for("history.index", case_id=case.id)
    conflict = Conflict(_("session"), fields, text(sent_version), stored_version, back)
    return conflicts.page(conflict, case, "history")


# Importing them registers the read-only pages and putting a removal back.
from webapp.history import pages, restore  # noqa: E402, F401
