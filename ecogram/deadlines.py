"""Where a trajectory stands and what falls due next (DOMAIN "The trajectory").

The dates come from the same configuration as the findings, so the case list
and `ecogram check` can never disagree about when something is late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ecogram.checks import DEFAULT_CONFIG, CheckConfig
from ecogram.dates import add_months
from ecogram.models import Trajectory
from ecogram.rules.trajectory import is_open


class Phase(StrEnum):
    REFERRED = "referred"  #: waiting for the first care table
    UNDER_WAY = "under_way"  #: the care plan is being carried out
    EXTENDED = "extended"  #: in its one extension of 3 months
    ENDED = "ended"


class DeadlineKind(StrEnum):
    CARE_TABLE = "care_table"
    EVALUATION = "evaluation"
    TERM_END = "term_end"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: dt.date

    def days_left(self, at: dt.date) -> int:
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
    held = [t.date for t in trajectory.care_tables if t.date <= at]
    if not held:
        care_table_days = config.care_table_hours // 24
        found.append(
            Deadline(
                DeadlineKind.CARE_TABLE, trajectory.referred + dt.timedelta(days=care_table_days)
            )
        )
    else:
        last = max([*held, *(e.date for e in trajectory.evaluations if e.date <= at)])
        found.append(
            Deadline(DeadlineKind.EVALUATION, last + dt.timedelta(days=config.evaluation_days))
        )
    months = config.term_months + (config.extension_months if trajectory.extended else 0)
    found.append(Deadline(DeadlineKind.TERM_END, add_months(trajectory.referred, months)))
    return sorted(found, key=lambda d: (d.due, d.kind))


def next_deadline(
    trajectory: Trajectory, at: dt.date, config: CheckConfig = DEFAULT_CONFIG
) -> Deadline | None:
    found = deadlines(trajectory, at, config)
    return found[0] if found else None
