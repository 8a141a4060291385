"""Findings as pages show them: today's and the upcoming ones, with links and reasons.

The rows come from the core's `check_ahead` (today's findings and those that
start within the horizon), in its order. Each links to what it is about by
database id only (never a name in a URL): the person on the ecogram page, and
the page where its code says it is fixed. A finding that someone saved a change
despite carries that reason, who gave it and when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from ecogram.ahead import HORIZON_DAYS, ahead_sort_key, check_ahead, finding_key
from ecogram.finding_codes import Page
from ecogram.findings import Dated, render
from ecogram.models import Case, FindingReason
from ecogram.plans import reasons_by_key
from webapp.labels import format_date

#: Where each page of the finding table is, and what its link says.
FIX_LINKS = {
    Page.ROLES: ("roles.index", "", _l("Roles and anchor")),
    Page.WHO_ELSE: ("ecogram_page.show", "who-else", _l("Who else?")),
    Page.TRAJECTORY: ("trajectory.index", "", _l("Trajectory")),
}


@dataclass(frozen=True)
class Reason:
    text: str
    saved_on: str
    by: str


@dataclass(frozen=True)
class FindingRow:
    code: str
    severity: str
    message: str
    on: dt.date  #: the day from which it holds: today, or a day ahead
    upcoming: bool
    person_id: int | None
    person_url: str | None
    fix_url: str | None
    fix_label: str | None
    reasons: tuple[Reason, ...] = ()


def _fix_link(case: Case, page: Page | None) -> tuple[str | None, str | None]:
    """The link to where the finding's code is fixed, and its words; none for some codes."""
    if page is None:
        return None, None
    endpoint, anchor, words = FIX_LINKS[page]
    return url_for(endpoint, case_id=case.id, _anchor=anchor or None), str(words)


def _reason(row: FindingReason) -> Reason:
    return Reason(row.reason, format_date(row.saved_on), row.user_name)


def rows(case: Case, found: Iterable[Dated], at: dt.date, language: str) -> list[FindingRow]:
    """`found` as rows, in its order."""
    ids = {person.ref: person.id for person in case.persons}
    reasons = reasons_by_key(case)
    listed: list[FindingRow] = []
    for dated in found:
        finding = dated.finding
        person_id = ids.get(finding.person) if finding.person is not None else None
        fix_url, fix_label = _fix_link(case, finding.code.fixed_on)
        listed.append(
            FindingRow(
                code=finding.code.value,
                severity=finding.severity.value,
                message=render(finding, language),
                on=dated.on,
                upcoming=dated.on > at,
                person_id=person_id,
                person_url=None
                if person_id is None
                else url_for("ecogram_page.show", case_id=case.id, person=person_id),
                fix_url=fix_url,
                fix_label=fix_label,
                reasons=tuple(_reason(r) for r in reasons.get(finding_key(finding), [])),
            )
        )
    return listed


def today_and_upcoming(
    case: Case, at: dt.date, language: str, page: Page | None = None
) -> tuple[list[FindingRow], list[FindingRow]]:
    """Today's findings and those ahead within the horizon; only `page`'s codes when given."""
    found = [
        dated
        for dated in check_ahead(case, at, HORIZON_DAYS)
        if page is None or dated.finding.code.fixed_on is page
    ]
    today = [dated for dated in found if dated.on == at]
    ahead = sorted((dated for dated in found if dated.on > at), key=ahead_sort_key)
    return rows(case, today, at, language), rows(case, ahead, at, language)
