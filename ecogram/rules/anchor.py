"""Rules on the anchor: the child's one fixed safe haven (docs/findings.md, "Anchor")."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from ecogram.findings import Code, Finding
from ecogram.imh_checklist import anchor_shortfalls
from ecogram.rules.roles import active_roles, latest_final_assessment
from ecogram.vocabulary import PersonKind

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig
    from ecogram.models import AnchorPeriod, Case, Person


def active_anchors(case: Case, at: dt.date) -> list[AnchorPeriod]:
    return [period for period in case.anchors if period.active_on(at)]


def single_anchor(case: Case, at: dt.date) -> Person | None:
    """The anchor on `at`, or None when there is none or more than one."""
    periods = active_anchors(case, at)
    return periods[0].person if len(periods) == 1 else None


def anchor_changes(case: Case) -> list[dt.date]:
    """Start dates of the periods that hand the anchor to a different person.

    The first period is where the record starts, not a change; a new period of
    the same person (say, after correcting an end date) is not a change either.
    """
    periods = sorted(case.anchors, key=lambda period: period.start)  # stable on ties
    return [
        current.start
        for previous, current in itertools.pairwise(periods)
        if current.person.ref != previous.person.ref
    ]


def anchor_count(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """ANCHOR_MISSING / ANCHOR_MULTIPLE, from the day the case opened."""
    if at < case.opened:
        return []
    periods = active_anchors(case, at)
    if not periods:
        return [Finding.of(Code.ANCHOR_MISSING, date=at)]
    if len(periods) > 1:
        names = tuple(p.person.name for p in periods)
        return [Finding.of(Code.ANCHOR_MULTIPLE, date=at, count=len(periods), names=names)]
    return []


def anchor_suitability(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """ANCHOR_NOT_SUITABLE: a non-parent anchor needs a strong final assessment."""
    anchor = single_anchor(case, at)
    if anchor is None or anchor.kind is PersonKind.PARENT:
        return []
    about = {"person": anchor.ref, "name": anchor.name}
    assessment = latest_final_assessment(anchor, at)
    if assessment is None:
        return [
            Finding.of(Code.ANCHOR_NOT_SUITABLE, detail="anchor_not_assessed", date=at, **about)
        ]
    shortfalls = anchor_shortfalls(assessment.ratings)
    if not shortfalls:
        return []
    items = tuple(item.value for item in shortfalls)
    return [Finding.of(Code.ANCHOR_NOT_SUITABLE, detail="anchor_shortfalls", items=items, **about)]


def anchor_nights(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """ANCHOR_FEW_NIGHTS: the anchor should have most of the child's nights."""
    anchor = single_anchor(case, at)
    if anchor is None:
        return []
    nights = sum(
        assignment.nights_per_week
        for person, assignment in active_roles(case, at)
        if person.ref != anchor.ref
    )
    if nights <= config.max_nights_away:
        return []
    return [
        Finding.of(
            Code.ANCHOR_FEW_NIGHTS,
            person=anchor.ref,
            name=anchor.name,
            nights=nights,
            limit=config.max_nights_away,
        )
    ]


def anchor_stability(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """ANCHOR_UNSTABLE: too many changes of anchor within the recent window."""
    window = config.anchor_change_window_days
    recent = [day for day in anchor_changes(case) if 0 <= (at - day).days < window]
    if len(recent) < config.anchor_changes_warn:
        return []
    return [Finding.of(Code.ANCHOR_UNSTABLE, changes=len(recent), days=window, date=at)]
