"""Rendering the trajectory page: its timeline, its deadlines, its forms.

Every write view that refuses input renders the whole page again with the
refused form (400), so the message stands next to the field it names and
nothing else on the page is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ecogram import findings as core_findings
from ecogram.checks import DEFAULT_CONFIG, check_case
from ecogram.dates import add_months, is_prenatal_referral
from ecogram.deadlines import deadlines, phase
from ecogram.finding_codes import Family
from ecogram.models import Case, Network, Trajectory
from ecogram.vocabulary import BudgetCategory
from webapp import clock, conflicts, database
from webapp.conflicts import Conflict, Difference, text
from webapp.labels import lang
from webapp.trajectory import entries
from webapp.trajectory.forms import (
    ActionForm,
    BudgetForm,
    CareTableForm,
    CreateForm,
    EndForm,
    EvaluationForm,
    ReferralForm,
    StayForm,
)
from webapp.trajectory.words import WORDS


@dataclass(frozen=True)
class Moment:
    """One line of the timeline."""

    day: dt.date
    kind: str  #: referral, care_table, evaluation, action, budget, stay_start, stay_end, ended
    subject: Any = None  #: the row it is about, for the template


#: On one day: the referral first, the end last.
ORDER: tuple[str, ...] = ("referral", "stay_start", "care_table", "evaluation", "action")
ORDER += ("budget", "stay_end", "ended")


def timeline(trajectory: Trajectory) -> list[Moment]:
    """Everything dated in the trajectory, oldest first (same day: in this order)."""
    moments = [Moment(trajectory.referred, "referral", trajectory)]
    moments += [Moment(t.date, "care_table", t) for t in trajectory.care_tables]
    moments += [Moment(e.date, "evaluation", e) for e in trajectory.evaluations]
    moments += [Moment(a.due, "action", a) for a in trajectory.actions if a.due is not None]
    moments += [Moment(b.date, "budget", b) for b in trajectory.budget_items]
    for stay in trajectory.stays:
        moments.append(Moment(stay.start, "stay_start", stay))
        if stay.end is not None:
            moments.append(Moment(stay.end, "stay_end", stay))
    if trajectory.ended is not None:
        moments.append(Moment(trajectory.ended, "ended", trajectory))
    order = {kind: i for i, kind in enumerate(ORDER)}
    return sorted(moments, key=lambda m: (m.day, order[m.kind]))


@dataclass(frozen=True)
class Budget:
    guidance: Decimal
    residence: Decimal

    @property
    def total(self) -> Decimal:
        return self.guidance + self.residence

    @property
    def over_half(self) -> bool:
        # The rule of RESIDENCE_BUDGET_OVER_HALF: exactly half is still allowed.
        return self.residence * 2 > self.total


def budget(trajectory: Trajectory) -> Budget:
    def spent(category: BudgetCategory) -> Decimal:
        items = trajectory.budget_items
        return sum((b.amount for b in items if b.category is category), Decimal(0))

    return Budget(spent(BudgetCategory.GUIDANCE), spent(BudgetCategory.RESIDENCE))


def term_end(trajectory: Trajectory) -> dt.date:
    """The last day of the term without the extension: extending is possible until then."""
    return add_months(trajectory.referred, DEFAULT_CONFIG.term_months)


def networks_for_user() -> list[Network]:
    """The user's own network, or all five when the user belongs to none."""
    statement = select(Network).options(selectinload(Network.regions)).order_by(Network.name)
    network_id = current_user.network_id
    if network_id is not None:
        statement = statement.where(Network.id == network_id)
    return list(database.session().scalars(statement))


def render(case: Case, status: int = 200, **given: Any) -> ResponseReturnValue:
    """The page; `given` replaces the empty form of the same name (refused input)."""
    today = clock.today()
    trajectory = case.trajectory
    if trajectory is None:
        form = given.get("create_form")
        if form is None:
            form = CreateForm(networks_for_user(), formdata=None, referred=today)
            form.network.data = current_user.network_id
        return render_template(
            "trajectory/create.html",
            case=case,
            tab="trajectory",
            form=form,
            errors=given.get("errors", {}),
        ), status
    referred = trajectory.referred
    forms = {
        "referral_form": ReferralForm(trajectory.network, formdata=None, obj=trajectory),
        "care_table_form": CareTableForm(formdata=None, referred=referred, date=today),
        "action_form": ActionForm(formdata=None, referred=referred, tables=trajectory.care_tables),
        "evaluation_form": EvaluationForm(formdata=None, referred=referred, date=today),
        "end_form": EndForm(formdata=None, referred=referred, ended=today, today=today),
        "budget_form": BudgetForm(formdata=None, referred=referred, date=today),
        "stay_form": StayForm(formdata=None, referred=referred, start=today),
    }
    forms["referral_form"].region.data = trajectory.region_id
    forms["referral_form"].version.data = trajectory.version
    forms["end_form"].version.data = trajectory.version
    forms.update({k: v for k, v in given.items() if k in forms})
    language = lang()
    return render_template(
        "trajectory/index.html",
        case=case,
        tab="trajectory",
        trajectory=trajectory,
        today=today,
        phase=phase(trajectory, today),
        deadlines=deadlines(trajectory, today),
        timeline=timeline(trajectory),
        budget=budget(trajectory),
        prenatal=is_prenatal_referral(case),
        term_end=term_end(trajectory),
        errors=given.get("errors", {}),
        words=WORDS,
        edit_forms=entries.forms(trajectory, given.get("edit_forms", {})),
        findings=[
            {
                "code": f.code.value,
                "severity": f.severity.value,
                "message": core_findings.render(f, language),
            }
            for f in check_case(case, today)
            if f.code.family is Family.TRAJECTORY
        ],
        **forms,
    ), status


def done(case: Case, message: str) -> ResponseReturnValue:
    flash(message, "success")
    return redirect(url_for("trajectory.index", case_id=case.id))


def refused(case: Case, section: str, message: str) -> ResponseReturnValue:
    """A rule refused the change (not a field): the message stands in its section."""
    return render(case, 400, errors={section: message})


def open_trajectory(case: Case) -> Trajectory:
    """The case's trajectory; a case without one has nothing to add to yet (400)."""
    if case.trajectory is None:
        message = _("This case has no trajectory yet. Start one first.")
        abort(make_response(render(case, 400, errors={"create": message})))
    return case.trajectory


def conflict(
    case: Case, what: str, rows: list[tuple[str, Any, Any]], sent: int, stored: int
) -> ResponseReturnValue:
    """409: someone else saved first. The shared conflict page, both versions side by side."""
    fields = [
        Difference(f"field-{i}", label, text(yours), text(theirs))
        for i, (label, yours, theirs) in enumerate(rows, start=1)
    ]
    back = url_for("trajectory.index", case_id=case.id)
    return conflicts.page(Conflict(what, fields, str(sent), str(stored), back), case, "trajectory")
