"""Closing a case, and reopening it, with the date until which its file is kept.

Closing starts the retention period (`ecogram.retention`); `ecogram purge`
deletes the case once that period has ended. Both are the capability CLOSE: the
case coordinators of the case's network. Everyone who may view the case sees
that it is closed and until when it is kept, in the case's header.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import retention
from ecogram.capabilities import Capability
from ecogram.models import Case
from webapp import clock, database
from webapp.access import guarded_case
from webapp.closing.forms import CloseForm, ReopenForm
from webapp.labels import format_date

bp = Blueprint("closing", __name__)


@bp.app_template_global("kept_until")
def kept_until(case: retention.Closable) -> dt.date | None:
    """The last day a closed case is kept, by the retention settings; None while it is open."""
    return retention.RetentionPolicy.from_environment().kept_until(case)


def _kept_if_closed_today(case: Case) -> dt.date | None:
    """What closing today would mean: the case is kept until this day."""
    today = clock.today()
    if today < case.opened:
        return None
    return retention.RetentionPolicy.from_environment().kept_if_closed_on(case, today)


def _page(
    case: Case, status: int = 200, close_form: CloseForm | None = None
) -> ResponseReturnValue:
    return render_template(
        "closing/index.html",
        case=case,
        tab="closing",
        close_form=close_form or CloseForm(formdata=None, on=clock.today()),
        reopen_form=ReopenForm(formdata=None),
        kept_if_closed_today=None if case.closed else _kept_if_closed_today(case),
    ), status


@bp.route("/cases/<int:case_id>/closing")
def index(case_id: int) -> ResponseReturnValue:
    return _page(guarded_case(case_id, Capability.CLOSE, "view_closing"))


@bp.route("/cases/<int:case_id>/close", methods=["POST"])
def close(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.CLOSE, "close_case")
    form = CloseForm()
    if form.validate():
        on: dt.date = form.on.data  # type: ignore[assignment]  # required above
        if on > clock.today():
            form.on.errors = [_("A case cannot be closed on a day still to come.")]
        elif on < case.opened:
            form.on.errors = [
                _(
                    "The case was opened on %(date)s; choose that day or later.",
                    date=format_date(case.opened),
                )
            ]
        else:
            retention.close_case(database.session(), case, on)
            database.session().commit()
            flash(
                _(
                    "The case is closed on %(date)s. It is kept until %(kept)s.",
                    date=format_date(on),
                    kept=format_date(kept_until(case)),
                ),
                "success",
            )
            return redirect(url_for("closing.index", case_id=case.id))
    return _page(case, 400, close_form=form)


@bp.route("/cases/<int:case_id>/reopen", methods=["POST"])
def reopen(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.CLOSE, "reopen_case")
    if not ReopenForm().validate():
        abort(400)
    retention.close_case(database.session(), case, None)
    database.session().commit()
    flash(_("The case is open again."), "success")
    return redirect(url_for("closing.index", case_id=case.id))
