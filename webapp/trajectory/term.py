"""The term: its one extension, and the end of the trajectory with its outcome.

An extension is decided before the term runs out: once the 3 months have
passed the trajectory is over its term (TERM_EXCEEDED), and recording an
extension afterwards would hide that rather than plan it. The call allows one
extension only, so a second one is refused with that reason.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram.capabilities import Capability
from ecogram.models import Case, Trajectory
from ecogram.rules.trajectory import is_open
from ecogram.vocabulary import Outcome
from webapp import clock, database
from webapp.access import guarded_case
from webapp.labels import format_date
from webapp.trajectory import bp
from webapp.trajectory.forms import EndForm, VersionForm
from webapp.trajectory.page import conflict, done, open_trajectory, refused, render, term_end
from webapp.trajectory.words import OUTCOMES


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _term_conflict(
    case: Case, trajectory: Trajectory, sent: int, extended: str, ended: str
) -> ResponseReturnValue:
    stored_end = format_date(trajectory.ended)
    if trajectory.outcome is not None:
        stored_end = f"{stored_end}: {OUTCOMES[trajectory.outcome]}"
    return conflict(
        case,
        _("trajectory term"),
        [
            (_("Extended"), extended, _yes_no(trajectory.extended)),
            (_("Ended"), ended, stored_end),
        ],
        sent,
        trajectory.version,
    )


@bp.route("/cases/<int:case_id>/trajectory/extend", methods=["POST"])
def extend(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.EXTEND, "extend_trajectory")
    trajectory = open_trajectory(case)
    form = VersionForm()
    if not form.validate():
        return refused(case, "term", _("Reload the page and try again."))
    sent = cast(int, form.version.data)
    if sent != trajectory.version:
        return _term_conflict(case, trajectory, sent, _yes_no(True), "")
    today = clock.today()
    if trajectory.extended:
        return refused(
            case, "term", _("The term was already extended once; it cannot be extended again.")
        )
    if not is_open(trajectory, today):
        return refused(case, "term", _("The trajectory has ended; it cannot be extended."))
    last_day = term_end(trajectory)
    if today > last_day:
        return refused(
            case,
            "term",
            _(
                "The term ended on %(date)s. An extension must be decided before the term ends.",
                date=format_date(last_day),
            ),
        )
    trajectory.extended = True
    try:
        database.session().commit()
    except StaleDataError:
        database.session().rollback()
        return _term_conflict(case, trajectory, sent, _yes_no(True), "")
    return done(case, _("The term is extended by 3 months."))


@bp.route("/cases/<int:case_id>/trajectory/end", methods=["POST"])
def end(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.EXTEND, "end_trajectory")
    trajectory = open_trajectory(case)
    form = EndForm(referred=trajectory.referred, today=clock.today())
    if not form.validate():
        return render(case, 400, end_form=form)
    sent = cast(int, form.version.data)
    ended = cast(dt.date, form.ended.data)  # required, so never empty here
    outcome = Outcome(form.outcome.data)
    yours = f"{format_date(ended)}: {OUTCOMES[outcome]}"
    if sent != trajectory.version:
        return _term_conflict(case, trajectory, sent, "", yours)
    if trajectory.ended is not None:
        return refused(
            case,
            "term",
            _("The trajectory already ended on %(date)s.", date=format_date(trajectory.ended)),
        )
    trajectory.ended = ended
    trajectory.outcome = outcome
    try:
        database.session().commit()
    except StaleDataError:
        database.session().rollback()
        return _term_conflict(case, trajectory, sent, "", yours)
    return done(case, _("The trajectory ended on %(date)s.", date=format_date(ended)))
