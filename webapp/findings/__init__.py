"""The findings of the case: the same list as `ecogram check`, in the user's language.

Each finding links to what it is about, by database id only (never a name in
a URL): the person on the ecogram page, or the roles page for anchor and role
findings that concern no single person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue

from ecogram.capabilities import Capability
from ecogram.checks import check_case
from ecogram.finding_codes import ROLE_CODES, Code
from ecogram.findings import Finding, Severity, render
from ecogram.models import Case
from webapp import clock
from webapp.access import guarded_case
from webapp.labels import lang

bp = Blueprint("findings", __name__)

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

#: Family-finding codes without a person: the "Who else?" prompts answer them.
NETWORK_CODES = frozenset({Code.FEW_PERSONS_MAPPED, Code.EMPTY_SECTOR})


@dataclass(frozen=True)
class FindingRow:
    code: str
    severity: str
    message: str
    person_id: int | None
    person_url: str | None
    roles_url: str | None
    network_url: str | None


def rows(case: Case, at: dt.date, language: str) -> list[FindingRow]:
    """The findings of `check_case`, in its order, with links built from ids."""
    ids = {person.ref: person.id for person in case.persons}
    found: list[FindingRow] = []
    for finding in check_case(case, at):
        person_id = ids.get(finding.person) if finding.person is not None else None
        found.append(
            FindingRow(
                code=finding.code.value,
                severity=finding.severity.value,
                message=render(finding, language),
                person_id=person_id,
                person_url=None
                if person_id is None
                else url_for("ecogram_page.show", case_id=case.id, person=person_id),
                roles_url=url_for("roles.index", case_id=case.id)
                if finding.code in ROLE_CODES
                else None,
                network_url=_network_url(case, finding),
            )
        )
    return found


def _network_url(case: Case, finding: Finding) -> str | None:
    if finding.code not in NETWORK_CODES:
        return None
    return url_for("ecogram_page.show", case_id=case.id, _anchor="who-else")


def counts(found: list[FindingRow]) -> dict[str, int]:
    tally = {severity.value: 0 for severity in SEVERITIES}
    for row in found:
        tally[row.severity] += 1
    return tally


@bp.route("/cases/<int:case_id>/findings")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_findings")
    at = clock.today()
    found = rows(case, at, lang())
    return render_template(
        "findings/index.html",
        case=case,
        tab="findings",
        at=at,
        findings=found,
        counts=counts(found),
        severities=[s.value for s in SEVERITIES],
    )
