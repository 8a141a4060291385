"""Where a trajectory stands and what falls due next.

The dates come from the same configuration as the findings, so the case list
and `ecogram check` can never disagree about when something is late. Open
care-plan actions with a "by when" count as deadlines too: the care table's
engagements are what the family waits on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ecogram.checks import DEFAULT_CONFIG, CheckConfig
from ecogram.dates import add_months
from ecogram.models import CarePlanAction, Case, Trajectory
from ecogram.rules.trajectory import is_open, last_evaluated

# The two vocabularies live with the others, where their words can reach them without
# the rules; callers keep importing them from here.
from ecogram.vocabulary import DeadlineKind as DeadlineKind
from ecogram.vocabulary import Phase as Phase

_KIND_ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: dt.date
    #: the care-plan action this deadline is for (CARE_PLAN_ACTION only)
    action: CarePlanAction | None = field(default=None, compare=False)

    def days_left(self, at: dt.date) -> int:
        """Days until `due`; 0 on the day itself, negative once overdue."""
        return (self.due - at).days


def phase(trajectory: Trajectory, at: dt.date) -> Phase:
    if not is_open(trajectory, at):
        return Phase.ENDED
    if not any(table.date <= at for table in trajectory.care_tables):
        return Phase.REFERRED
    return Phase.EXTENDED if trajectory.extended else Phase.UNDER_WAY


def deadlines(
    trajectory: Trajectory, at: dt.date, config: CheckConfig = DEFAULT_CONFIG
) -> list[Deadline]:
    """The open trajectory's deadlines, most urgent first; overdue ones included."""
    if not is_open(trajectory, at):
        return []
    found = []
    if not any(t.date <= at for t in trajectory.care_tables):
        care_table_days = config.care_table_hours // 24
        found.append(
            Deadline(
                DeadlineKind.CARE_TABLE, trajectory.referred + dt.timedelta(days=care_table_days)
            )
        )
    # The six-weekly rhythm runs from the referral until the first care table or evaluation.
    last = last_evaluated(trajectory, at) or trajectory.referred
    found.append(
        Deadline(DeadlineKind.EVALUATION, last + dt.timedelta(days=config.evaluation_days))
    )
    months = config.term_months + (config.extension_months if trajectory.extended else 0)
    found.append(Deadline(DeadlineKind.TERM_END, add_months(trajectory.referred, months)))
    found.extend(
        Deadline(DeadlineKind.CARE_PLAN_ACTION, action.due, action=action)
        for action in trajectory.actions
        if not action.done and action.due is not None
    )
    # On one day the trajectory's own rhythm goes before the care plan's actions.
    return sorted(found, key=lambda d: (d.due, _KIND_ORDER[d.kind]))


def next_deadline(
    trajectory: Trajectory, at: dt.date, config: CheckConfig = DEFAULT_CONFIG
) -> Deadline | None:
    found = deadlines(trajectory, at, config)
    return found[0] if found else None


@dataclass(frozen=True)
class CaseDeadline:
    """One deadline of one case, for a list across cases."""

    case: Case
    deadline: Deadline


def deadlines_across(
    cases: Iterable[Case], at: dt.date, config: CheckConfig = DEFAULT_CONFIG
) -> list[CaseDeadline]:
    """Every deadline of every open trajectory, most urgent first.

    Overdue ones come first, the longest overdue at the top; then the soonest.
    On one day, the trajectory's own rhythm (care table, evaluation, term)
    goes before care-plan actions, and cases keep a stable order by their id.
    """
    found = [
        CaseDeadline(case, deadline)
        for case in cases
        if case.trajectory is not None
        for deadline in deadlines(case.trajectory, at, config)
    ]
    return sorted(
        found,
        key=lambda row: (
            row.deadline.days_left(at),
            _KIND_ORDER[row.deadline.kind],
            row.case.ref,
        ),
    )
