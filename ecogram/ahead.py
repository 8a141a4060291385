"""Findings ahead: a care plan checked on a date and on every later date it changes.

A plan is mostly set for the weeks to come, so one date is not enough: a role
that breaks a knock-out from next week is an error now. `check_ahead` runs
`check_case` on the date itself and on each later date within the horizon on
which something changes (a role, an anchor period or a stay starts or ends, an
assessment or attestation takes effect, a deadline passes). A finding ahead is
reported once, on the first checked date from which it holds; it is reported
again only after a checked date on which it did not hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ecogram.checks import DEFAULT_CONFIG, CheckConfig, check_case
from ecogram.dates import add_months
from ecogram.findings import Dated, Finding, sort_key
from ecogram.rules.child import MAX_AGE_MONTHS, MAX_DAYS_BEFORE_BIRTH

if TYPE_CHECKING:
    from ecogram.models import Case, Trajectory

#: How far the web app looks ahead: the 6 months of a term with its one extension.
HORIZON_DAYS = 183
#: The longest horizon `ecogram check --ahead` accepts: ten years.
MAX_HORIZON_DAYS = 3653

#: The params that tell two findings of one code about one person, role and item apart.
SUBJECT_PARAMS = ("sector", "held", "stay", "since")

FindingKey = tuple[str, str, str, str, str]

DAY = dt.timedelta(days=1)


def subject(finding: Finding) -> str:
    """What else the finding is about: a sector, a care table, a stay."""
    params = finding.param_map
    return ";".join(f"{key}={params[key]}" for key in SUBJECT_PARAMS if key in params)


def finding_key(finding: Finding) -> FindingKey:
    """Which finding this is, whatever the date: its code and what it is about."""
    return (
        finding.code.value,
        finding.person or "",
        finding.role or "",
        finding.item or "",
        subject(finding),
    )


def _trajectory_days(trajectory: Trajectory, config: CheckConfig) -> Iterable[dt.date]:
    evaluation = dt.timedelta(days=config.evaluation_days)
    yield trajectory.referred
    yield trajectory.referred + dt.timedelta(days=config.care_table_hours // 24) + DAY
    for moment in [trajectory.referred, *(t.date for t in trajectory.care_tables)]:
        yield moment
        yield moment + evaluation + DAY
    for evaluation_day in (e.date for e in trajectory.evaluations):
        yield evaluation_day
        yield evaluation_day + evaluation + DAY
    for months in (config.term_months, config.term_months + config.extension_months):
        yield add_months(trajectory.referred, months) + DAY
    if trajectory.ended is not None:
        yield trajectory.ended
    yield from (item.date for item in trajectory.budget_items)
    yield from (action.due for action in trajectory.actions if action.due is not None)
    for stay in trajectory.stays:
        yield stay.start
        if stay.end is not None:
            yield stay.end + DAY  # a stay's end is its last day


def _case_days(case: Case, config: CheckConfig) -> Iterable[dt.date]:
    yield case.opened
    if case.birth_date is not None:
        yield case.birth_date
        yield add_months(case.birth_date, 12)
        yield add_months(case.birth_date, MAX_AGE_MONTHS) + DAY
    if case.expected_date is not None:
        yield case.expected_date - dt.timedelta(days=MAX_DAYS_BEFORE_BIRTH)
    for person in case.persons:
        for assessment in person.assessments:
            yield assessment.date
            yield assessment.date + dt.timedelta(days=config.reassessment_days) + DAY
        for role in person.roles:
            yield role.start
            if role.end is not None:
                yield role.end
            if role.attestation_date is not None:
                yield role.attestation_date
    window = dt.timedelta(days=config.anchor_change_window_days)
    for period in case.anchors:
        yield period.start
        yield period.start + window  # a change leaves the window of ANCHOR_UNSTABLE
        if period.end is not None:
            yield period.end
    if case.trajectory is not None:
        yield from _trajectory_days(case.trajectory, config)


def change_days(
    case: Case, at: dt.date, until: dt.date, config: CheckConfig = DEFAULT_CONFIG
) -> list[dt.date]:
    """The days after `at`, up to and including `until`, on which a finding may start."""
    return sorted({day for day in _case_days(case, config) if at < day <= until})


def check_ahead(
    case: Case, at: dt.date, days: int = 0, config: CheckConfig = DEFAULT_CONFIG
) -> list[Dated]:
    """The findings on `at` (dated `at`), then those that start within `days` after it.

    Today's come in `check_case`'s order; those ahead by date, then in that order.
    """
    today = check_case(case, at, config)
    found = [Dated(finding, at) for finding in today]
    previous = {finding_key(finding) for finding in today}
    for day in change_days(case, at, at + dt.timedelta(days=days), config):
        current = check_case(case, day, config)
        found += [Dated(f, day) for f in current if finding_key(f) not in previous]
        previous = {finding_key(finding) for finding in current}
    return found


def caused(before: Iterable[Dated], after: Iterable[Dated]) -> list[Dated]:
    """What a change brings: findings after it that were not there, or now start earlier."""
    first: dict[FindingKey, dt.date] = {}
    for dated in before:
        key = finding_key(dated.finding)
        first[key] = min(dated.on, first.get(key, dated.on))
    return [
        dated
        for dated in after
        if finding_key(dated.finding) not in first or dated.on < first[finding_key(dated.finding)]
    ]


def ahead_sort_key(dated: Dated) -> tuple[dt.date, tuple[object, ...]]:
    """By date, then in `check_case`'s order."""
    return dated.on, sort_key(dated.finding)
