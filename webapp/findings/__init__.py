"""The findings of the case: the same list as `ecogram check`, in the user's language.

Each finding links to what it is about, by database id only (never a name in
a URL): the person on the ecogram page, and the page where its code says it is
fixed (the roles page, the ecogram's "Who else?" prompts, the trajectory).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from ecogram.capabilities import Capability
from ecogram.checks import check_case
from ecogram.finding_codes import Page
from ecogram.findings import Severity, counted, render
from ecogram.models import Case
from webapp import clock
from webapp.access import guarded_case
from webapp.labels import lang

bp = Blueprint("findings", __name__)

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

#: Where each page of the finding table is, and what its link says.
FIX_LINKS = {
    Page.ROLES: ("roles.index", "", _l("Roles and anchor")),
    Page.WHO_ELSE: ("ecogram_page.show", "who-else", _l("Who else?")),
    Page.TRAJECTORY: ("trajectory.index", "", _l("Trajectory")),
}


@dataclass(frozen=True)
class FindingRow:
    code: str
    severity: str
    message: str
    person_id: int | None
    person_url: str | None
    fix_url: str | None
    fix_label: str | None


def rows(case: Case, at: dt.date, language: str) -> list[FindingRow]:
    """The findings of `check_case`, in its order, with links built from ids."""
    ids = {person.ref: person.id for person in case.persons}
    found: list[FindingRow] = []
    for finding in check_case(case, at):
        person_id = ids.get(finding.person) if finding.person is not None else None
        fix_url, fix_label = _fix_link(case, finding.code.fixed_on)
        found.append(
            FindingRow(
                code=finding.code.value,
                severity=finding.severity.value,
                message=render(finding, language),
                person_id=person_id,
                person_url=None
                if person_id is None
                else url_for("ecogram_page.show", case_id=case.id, person=person_id),
                fix_url=fix_url,
                fix_label=fix_label,
            )
        )
    return found


def _fix_link(case: Case, page: Page | None) -> tuple[str | None, str | None]:
    """The link to where the finding's code is fixed, and its words; none for some codes."""
    if page is None:
        return None, None
    endpoint, anchor, words = FIX_LINKS[page]
    return url_for(endpoint, case_id=case.id, _anchor=anchor or None), str(words)


def counts(found: list[FindingRow]) -> dict[str, int]:
    tally = {severity.value: 0 for severity in SEVERITIES}
    for row in found:
        tally[row.severity] += 1
    return tally


@bp.route("/cases/<int:case_id>/findings")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_findings")
    at = clock.today()
    language = lang()
    found = rows(case, at, language)
    tally = counts(found)
    return render_template(
        "findings/index.html",
        case=case,
        tab="findings",
        at=at,
        findings=found,
        counts=tally,
        counted={s: counted(s, n, language) for s, n in tally.items()},
        severities=[s.value for s in SEVERITIES],
    )
