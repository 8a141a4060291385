"""Case tab: referral, care tables, care plan, evaluations, term, budget and stays.

Every route takes the case id and goes through the one guard, which adds the
audit row. Writes validate, change, commit and redirect; refused input renders
the page again with 400 and stores nothing (the request's session rolls back,
audit row included). Changes to an existing row compare the version the page
showed with the stored one, so a stale page gets a 409 and overwrites nothing.

Recording what happened, deciding the term and spending the case-bound budget
are three capabilities (`ecogram.capabilities`): the whole team records, the
assessor does not decide the term, and only the case coordinators of the
case's network spend.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from flask import Blueprint
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram.capabilities import Capability
from ecogram.models import Case, Region, Trajectory
from ecogram.vocabulary import Referrer, TrajectoryKind
from webapp import database
from webapp.access import guarded_case
from webapp.labels import format_date
from webapp.trajectory.forms import CreateForm, ReferralForm
from webapp.trajectory.page import conflict, done, networks_for_user, open_trajectory, render
from webapp.trajectory.words import KINDS, REFERRERS

bp = Blueprint("trajectory", __name__)


@bp.route("/cases/<int:case_id>/trajectory")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_trajectory")
    return render(case)


@bp.route("/cases/<int:case_id>/trajectory/start", methods=["POST"])
def create(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "create_trajectory")
    if case.trajectory is not None:
        return render(case, 400, errors={"referral": _("This case already has a trajectory.")})
    networks = networks_for_user()
    form = CreateForm(networks)
    if not form.validate():
        return render(case, 400, create_form=form)
    network = next(n for n in networks if n.id == form.network.data)
    case.trajectory = Trajectory(
        network=network,
        region=next((r for r in network.regions if r.id == form.region.data), None),
        kind=TrajectoryKind(form.kind.data),
        referred=form.referred.data,
        referrer=Referrer(form.referrer.data),
        mandated_service=form.mandated_service.data,
        extended=False,
    )
    database.session().commit()
    return done(case, _("The trajectory has started."))


def _earliest_record(trajectory: Trajectory) -> tuple[dt.date, str] | None:
    """The earliest dated record of the trajectory, which the referral may not pass."""
    found: list[tuple[dt.date, str]] = []
    found += [(t.date, _("a care table")) for t in trajectory.care_tables]
    found += [(e.date, _("an evaluation")) for e in trajectory.evaluations]
    found += [(a.due, _("a care-plan action")) for a in trajectory.actions if a.due is not None]
    found += [(b.date, _("a budget item")) for b in trajectory.budget_items]
    if trajectory.ended is not None:
        found.append((trajectory.ended, _("the end of the trajectory")))
    return min(found, key=lambda pair: pair[0]) if found else None


@bp.route("/cases/<int:case_id>/trajectory/referral", methods=["POST"])
def edit_referral(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "edit_referral")
    trajectory = open_trajectory(case)
    form = ReferralForm(trajectory.network)
    if not form.validate():
        return render(case, 400, referral_form=form)
    sent = cast(int, form.version.data)
    if sent != trajectory.version:
        return _referral_conflict(case, trajectory, form, sent)
    referred = cast(dt.date, form.referred.data)  # required, so never empty here
    earliest = _earliest_record(trajectory)
    if earliest is not None and referred > earliest[0]:
        day, what = earliest
        form.referred.errors = [
            _(
                "There is already %(what)s on %(date)s, before this date.",
                what=what,
                date=format_date(day),
            )
        ]
        return render(case, 400, referral_form=form)
    _apply_referral(trajectory, form, referred)
    try:
        database.session().commit()
    except StaleDataError:
        database.session().rollback()
        return _referral_conflict(case, trajectory, form, sent)
    return done(case, _("The referral is saved."))


def _apply_referral(trajectory: Trajectory, form: ReferralForm, referred: dt.date) -> None:
    trajectory.kind = TrajectoryKind(form.kind.data)
    trajectory.referred = referred
    trajectory.referrer = Referrer(form.referrer.data)
    trajectory.mandated_service = form.mandated_service.data
    network = trajectory.network
    regions: list[Region] = [] if network is None else network.regions
    trajectory.region = next((r for r in regions if r.id == form.region.data), None)


def _referral_conflict(
    case: Case, trajectory: Trajectory, form: ReferralForm, sent: int
) -> ResponseReturnValue:
    region = trajectory.region
    sent_region = (
        ""
        if form.region.data is None
        else dict(_region_names(trajectory)).get(form.region.data, "")
    )
    return conflict(
        case,
        _("referral"),
        [
            (_("Kind of trajectory"), KINDS.get(form.kind.data or ""), KINDS[trajectory.kind]),
            (_("Referred on"), format_date(form.referred.data), format_date(trajectory.referred)),
            (
                _("Referred by"),
                REFERRERS.get(form.referrer.data or ""),
                REFERRERS[trajectory.referrer],
            ),
            (_("Region (1G1P)"), sent_region, "" if region is None else region.name),
        ],
        sent,
        trajectory.version,
    )


def _region_names(trajectory: Trajectory) -> list[tuple[int, str]]:
    network = trajectory.network
    return [] if network is None else [(r.id, r.name) for r in network.regions]


# The other routes of this blueprint live in their own modules; importing them registers them.
from webapp.trajectory import corrections, meetings, money, term  # noqa: E402

__all__ = ["bp", "corrections", "meetings", "money", "term"]
