"""Figures with one definition each, checked on random trajectories on SQLite and PostgreSQL.

For any set of trajectories and any period: what started plus what was carried over
is what ended plus what is ongoing; nothing ends that did not start or carry over;
the outcomes add up to the ended; the trajectories with and without a care figure add
up to the trajectories of the period. The counts are compared with a count made here,
trajectory by trajectory, from the generated data itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram.models import CareTable, Network, RoleAssignment, Stay
from ecogram.report import network_report
from ecogram.vocabulary import NetworkSlug, Outcome, PersonKind, Role, StayKind, TrajectoryKind
from tests.factories import make_case, make_person, make_trajectory

FIRST = dt.date(2018, 1, 1)
DAYS = 3 * 365


@dataclass(frozen=True)
class Drawn:
    referred: dt.date
    search: bool
    table: bool
    ended: dt.date | None
    outcome: Outcome | None
    role: tuple[Role, dt.date] | None
    stay: tuple[StayKind, dt.date, dt.date | None] | None


def days(low: int = 0, high: int = DAYS) -> st.SearchStrategy[dt.date]:
    return st.integers(low, high).map(lambda n: FIRST + dt.timedelta(days=n))


@st.composite
def trajectories(draw: st.DrawFn) -> Drawn:
    referred = draw(days())
    later = st.integers(0, 200).map(lambda n: referred + dt.timedelta(days=n))
    ended = draw(st.none() | later)
    outcome = None if ended is None else draw(st.none() | st.sampled_from(Outcome))
    role = draw(st.none() | st.tuples(st.sampled_from(Role), later))
    stay = draw(
        st.none() | st.tuples(st.sampled_from(StayKind), later, st.none() | st.just(None) | later)
    )
    if stay is not None and stay[2] is not None and stay[2] < stay[1]:
        stay = (stay[0], stay[2], stay[1])
    return Drawn(referred, draw(st.booleans()), draw(st.booleans()), ended, outcome, role, stay)


def store(session: Session, drawn: list[Drawn]) -> None:
    limburg = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
    for n, item in enumerate(drawn):
        case = make_case(ref=f"p{n}", opened=item.referred)
        kind = TrajectoryKind.CARE_FIGURE_SEARCH if item.search else TrajectoryKind.CARE_GUARANTEE
        trajectory = make_trajectory(
            case, referred=item.referred, kind=kind, ended=item.ended, outcome=item.outcome
        )
        trajectory.network = limburg
        if item.table:
            trajectory.care_tables = [CareTable(date=item.referred, present=[])]
        if item.role is not None:
            figure = make_person(case, name="Oma", kind=PersonKind.GRANDPARENT)
            role, start = item.role
            figure.roles.append(RoleAssignment(role=role, start=start, nights_per_week=0))
        if item.stay is not None:
            kind_of, start, end = item.stay
            trajectory.stays = [Stay(kind=kind_of, start=start, end=end)]
        session.add(case)
    session.flush()


def counted_here(drawn: list[Drawn], start: dt.date, end: dt.date) -> dict[str, object]:
    """The definitions of docs/report.md, applied one trajectory at a time."""
    counted = [d for d in drawn if d.search and d.table]
    started = [d for d in counted if start <= d.referred <= end]
    carried = [d for d in counted if d.referred < start and (d.ended is None or d.ended >= start)]
    ended = [d for d in started + carried if d.ended is not None and d.ended <= end]
    outcomes = {o.value: 0 for o in Outcome} | {"not_recorded": 0}
    for d in ended:
        outcomes[d.outcome.value if d.outcome else "not_recorded"] += 1
    return {
        "started": len(started),
        "carried_over": len(carried),
        "ended": len(ended),
        "ongoing": len(started) + len(carried) - len(ended),
        "outcomes": outcomes,
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    drawn=st.lists(trajectories(), max_size=25),
    start=days(200, 700),
    length=st.integers(0, 500),
)
def test_the_figures_of_any_period_add_up_and_match_their_definitions(
    session: Session, drawn: list[Drawn], start: dt.date, length: int
) -> None:
    end = start + dt.timedelta(days=length)
    try:
        store(session, drawn)
        report = network_report(session, NetworkSlug.LIMBURG, start, end)
    finally:
        session.rollback()

    figures = report.as_json()
    expected = counted_here(drawn, start, end)
    assert {key: figures[key] for key in expected} == expected
    started, carried = figures["started"], figures["carried_over"]
    assert figures["ended"] <= started + carried
    assert started + carried == figures["ongoing"] + figures["ended"]
    assert sum(figures["outcomes"].values()) == figures["ended"]
    impact = figures["short_stays"]
    assert impact["with_care_figure"] + impact["without_care_figure"] == started + carried
    assert impact["instead_of_stay"] <= impact["with_care_figure"]
    assert impact["shortened"] <= impact["with_care_figure"]
    assert figures["started"] <= figures["care_tables"] <= figures["referrals"]


def test_the_impact_on_short_stays_follows_its_stated_definitions(session: Session) -> None:
    def on(text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    residential, crisis, hospital = (
        StayKind.RESIDENTIAL_GROUP,
        StayKind.CRISIS_FOSTER_FAMILY,
        StayKind.HOSPITAL,
    )
    drawn = [
        # A night role and no short stay: a care figure instead of a stay.
        Drawn(on("2019-02-01"), True, True, None, None, (Role.RESPITE, on("2019-02-10")), None),
        # 10 days in a crisis foster family, then respite 2 days later: shortened.
        Drawn(
            on("2019-03-01"),
            True,
            True,
            None,
            None,
            (Role.RESPITE, on("2019-03-12")),
            (crisis, on("2019-03-01"), on("2019-03-10")),
        ),
        # No care figure: 20 days in a residential group, cut at the period's end.
        Drawn(
            on("2019-12-12"), True, True, None, None, None, (residential, on("2019-12-12"), None)
        ),
        # A buddy is a care figure but no night role; a hospital stay is no short stay.
        Drawn(
            on("2019-05-01"),
            True,
            True,
            None,
            None,
            (Role.BUDDY, on("2019-05-02")),
            (hospital, on("2019-05-01"), on("2019-05-05")),
        ),
    ]
    try:
        store(session, drawn)
        report = network_report(session, NetworkSlug.LIMBURG, on("2019-01-01"), on("2019-12-31"))
    finally:
        session.rollback()

    assert report.short_stays == {
        "with_care_figure": 3,
        "without_care_figure": 1,
        "days_with_care_figure": 10,
        "days_without_care_figure": 20,
        "instead_of_stay": 1,
        "shortened": 1,
    }
