"""Changes to the care plan, their preview, and the reasons a plan is saved despite an error.

Each change (a new role, a new anchor, other nights for a role, the trusted
person) is a small value that applies itself to a case. The web app applies it
to the stored case to save it, and `preview` applies the very same change to a
copy to show what it would cause, today and ahead, before anyone confirms.

Professionals decide: a change that causes an error can still be saved, with a
reason. The reason is kept per finding (`FindingReason`), named as
`ecogram.ahead.finding_key` names findings, so it stands next to that finding
from then on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ecogram.ahead import HORIZON_DAYS, FindingKey, caused, check_ahead, finding_key
from ecogram.caseformat.builder import CaseBuilder
from ecogram.caseformat.writing import dump_case
from ecogram.checks import DEFAULT_CONFIG, CheckConfig
from ecogram.findings import Dated, Severity
from ecogram.models import AnchorPeriod, Case, FindingReason, Person, RoleAssignment
from ecogram.vocabulary import AttestationStatus, Role, RoleEndReason


class PlanError(ValueError):
    """A change names what the case does not hold (a person, a role)."""


def _person(case: Case, ref: str) -> Person:
    found = next((p for p in case.persons if p.ref == ref), None)
    if found is None:
        raise PlanError(f"the case has no person {ref!r}")
    return found


@dataclass(frozen=True)
class NewRole:
    """A role for a person, from `start` up to (not including) `end`."""

    person: str
    role: Role
    start: dt.date
    end: dt.date | None
    nights_per_week: int
    attestation_status: AttestationStatus | None = None
    attestation_date: dt.date | None = None
    end_reason: RoleEndReason | None = None

    def apply(self, case: Case) -> RoleAssignment:
        assignment = RoleAssignment(
            role=self.role,
            start=self.start,
            end=self.end,
            nights_per_week=self.nights_per_week,
            attestation_status=self.attestation_status,
            attestation_date=self.attestation_date,
            end_reason=self.end_reason,
        )
        _person(case, self.person).roles.append(assignment)
        return assignment


@dataclass(frozen=True)
class NewAnchor:
    """A planned transition: the open anchor period ends where this one starts."""

    person: str
    start: dt.date

    def apply(self, case: Case) -> AnchorPeriod:
        for period in case.anchors:
            if period.end is None:
                period.end = self.start  # half-open: the new anchor holds from this day on
        period = AnchorPeriod(person=_person(case, self.person), start=self.start, end=None)
        case.anchors.append(period)
        return period


@dataclass(frozen=True)
class NewNights:
    """Other nights a week for a person's role (its `index` among their roles) from `start`.

    From the role's first day the role itself changes; from a later day the role
    ends there and the same role goes on with the new nights, so the weeks before
    keep what they were.
    """

    person: str
    index: int
    start: dt.date
    nights_per_week: int

    def apply(self, case: Case) -> RoleAssignment:
        roles = _person(case, self.person).roles
        if not 0 <= self.index < len(roles):
            raise PlanError(f"the person has no role number {self.index}")
        current = roles[self.index]
        if self.start <= current.start:
            current.nights_per_week = self.nights_per_week
            return current
        following = RoleAssignment(
            role=current.role,
            start=self.start,
            end=current.end,
            nights_per_week=self.nights_per_week,
            attestation_status=current.attestation_status,
            attestation_date=current.attestation_date,
        )
        current.end = self.start
        roles.append(following)
        return following


@dataclass(frozen=True)
class NewTrustedPerson:
    """The trusted person from now on, or nobody."""

    person: str | None

    def apply(self, case: Case) -> Person | None:
        case.trusted_person = None if self.person is None else _person(case, self.person)
        return case.trusted_person


Change = NewRole | NewAnchor | NewNights | NewTrustedPerson


def copy_case(case: Case) -> Case:
    """A transient copy of the case, through the case format: what `ecogram check` reads."""
    return CaseBuilder(dump_case(case)).build()


def preview(
    case: Case,
    change: Change,
    at: dt.date,
    days: int = HORIZON_DAYS,
    config: CheckConfig = DEFAULT_CONFIG,
) -> list[Dated]:
    """The findings `change` would cause on `at` and within `days` after it."""
    before = check_ahead(case, at, days, config)
    changed = copy_case(case)
    change.apply(changed)
    return caused(before, check_ahead(changed, at, days, config))


def errors(found: Iterable[Dated]) -> list[Dated]:
    return [dated for dated in found if dated.finding.severity is Severity.ERROR]


def seen_token(found: Iterable[Dated]) -> str:
    """The findings a preview showed, as a form carries them back: a later save that
    would cause other findings must be previewed again."""
    keys = sorted(f"{'|'.join(finding_key(d.finding))}@{d.on.isoformat()}" for d in found)
    return ",".join(keys)


def record_reasons(
    case: Case,
    found: Iterable[Dated],
    reason: str,
    *,
    saved_on: dt.date,
    user_id: int | None,
    user_name: str,
) -> list[FindingReason]:
    """Keep why the change was saved despite each of its error findings."""
    rows = []
    for dated in errors(found):
        code, person, role, item, about = finding_key(dated.finding)
        row = FindingReason(
            code=code,
            person=person,
            role=role,
            item=item,
            subject=about,
            held_from=dated.on,
            reason=reason,
            saved_on=saved_on,
            user_id=user_id,
            user_name=user_name,
        )
        case.finding_reasons.append(row)
        rows.append(row)
    return rows


def reasons_by_key(case: Case) -> dict[FindingKey, list[FindingReason]]:
    """Every stored reason, by the finding it stands with; oldest first."""
    found: dict[FindingKey, list[FindingReason]] = {}
    for row in case.finding_reasons:
        key = (row.code, row.person, row.role, row.item, row.subject)
        found.setdefault(key, []).append(row)
    return found


__all__ = [
    "Change",
    "NewAnchor",
    "NewNights",
    "NewRole",
    "NewTrustedPerson",
    "PlanError",
    "copy_case",
    "errors",
    "preview",
    "reasons_by_key",
    "record_reasons",
    "seen_token",
]
