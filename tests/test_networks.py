"""Editing a network: regions, organisations and the action plan; and the monthly starts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram.action_plans import PlanChange, update_action_plan
from ecogram.dashboard import started_series
from ecogram.models import Network, Region, RegionCommitment
from ecogram.networks import (
    NetworkError,
    add_organisation,
    add_region,
    remove_organisation,
    remove_region,
    rename_organisation,
    rename_region,
)
from ecogram.report import network_report
from ecogram.report_model import Funnel
from ecogram.storage import save_case
from ecogram.vocabulary import NetworkSlug, TrajectoryKind
from tests.factories import d, make_case, make_trajectory

TODAY = d("2026-11-23")


def network(session: Session, slug: NetworkSlug = NetworkSlug.LIMBURG) -> Network:
    found = session.scalar(select(Network).where(Network.slug == slug))
    assert found is not None
    return found


def change(**overrides: Any) -> PlanChange:
    fields: dict[str, Any] = {
        "committed": 15,
        "region_commitments": {},
        "fund_holder_id": None,
        "expertise_needs": "Vorming rond IMH",
    }
    fields.update(overrides)
    return PlanChange(**fields)


def refuses(field: str, call: Any, *args: Any) -> NetworkError:
    with pytest.raises(NetworkError) as raised:
        call(*args)
    assert raised.value.field == field
    return raised.value


def add_trajectory(session: Session, ref: str, referred: dt.date, **fields: Any) -> None:
    region = fields.pop("region", None)
    case = make_case(ref=ref, opened=referred)
    make_trajectory(case, referred=referred, **fields)
    assert case.trajectory is not None
    if region is not None:
        case.trajectory.region = Region(name=region)
    save_case(session, case)


# --- regions and organisations --------------------------------------------------------


def test_it_adds_renames_and_removes_a_region(session: Session) -> None:
    limburg = network(session)
    region = add_region(session, limburg, "  Noord-Limburg ")
    assert region.name == "Noord-Limburg"
    rename_region(session, region, "Noord Limburg")
    session.commit()
    assert [r.name for r in network(session).regions] == ["Noord Limburg"]
    remove_region(session, region)
    session.commit()
    assert network(session).regions == []


def test_it_refuses_an_empty_a_too_long_or_a_control_character_name(session: Session) -> None:
    limburg = network(session)
    assert refuses("name", add_region, session, limburg, "   ").problem == "must not be empty"
    refuses("name", add_region, session, limburg, "x" * 121)
    refuses("name", add_region, session, limburg, "Gent\x00")
    assert add_region(session, limburg, "x" * 120).name == "x" * 120
    refuses("name", add_organisation, session, limburg, "y" * 201)
    assert add_organisation(session, limburg, "y" * 200).name == "y" * 200


def test_it_refuses_a_second_region_with_the_same_name_in_any_case(session: Session) -> None:
    limburg = network(session)
    add_region(session, limburg, "Gent")
    other = add_region(session, limburg, "Waasland")
    refuses("name", add_region, session, limburg, "gent")
    refuses("name", rename_region, session, other, "GENT")
    rename_region(session, other, "waasland")  # its own name in another case is fine
    # Another network may have a region of the same name.
    assert add_region(session, network(session, NetworkSlug.ANTWERPEN), "Gent").name == "Gent"


def test_it_refuses_to_remove_a_region_that_trajectories_are_referred_in(
    session: Session,
) -> None:
    add_trajectory(session, "t1", d("2026-03-01"), region="Hasselt")
    hasselt = network(session).regions[0]
    error = refuses("region", remove_region, session, hasselt)
    assert "1 trajectories" in error.problem
    assert network(session).regions == [hasselt]


def test_removing_a_region_removes_its_commitment_too(session: Session) -> None:
    limburg = network(session)
    genk, hasselt = add_region(session, limburg, "Genk"), add_region(session, limburg, "Hasselt")
    update_action_plan(
        session, limburg, change(region_commitments={genk.id: 4, hasselt.id: 5}), TODAY
    )
    remove_region(session, genk)
    session.commit()
    plan = network(session).action_plan
    assert plan is not None
    assert [(c.region.name, c.committed) for c in plan.region_commitments] == [("Hasselt", 5)]
    assert len(session.scalars(select(RegionCommitment)).all()) == 1


def test_it_adds_renames_and_removes_an_organisation(session: Session) -> None:
    limburg = network(session)
    organisation = add_organisation(session, limburg, "CKG De Kleine Haven (fictief)")
    refuses("name", add_organisation, session, limburg, "ckg de kleine haven (FICTIEF)")
    rename_organisation(session, organisation, "CKG De Haven (fictief)")
    session.commit()
    assert [o.name for o in network(session).organisations] == ["CKG De Haven (fictief)"]
    remove_organisation(session, organisation)
    session.commit()
    assert network(session).organisations == []


def test_it_refuses_to_remove_the_fund_holder(session: Session) -> None:
    limburg = network(session)
    holder = add_organisation(session, limburg, "Pleegzorg Maasland (fictief)")
    other = add_organisation(session, limburg, "CKG De Heidebloem (fictief)")
    update_action_plan(session, limburg, change(fund_holder_id=holder.id), TODAY)
    refuses("organisation", remove_organisation, session, holder)
    remove_organisation(session, other)
    session.commit()
    assert [o.name for o in network(session).organisations] == ["Pleegzorg Maasland (fictief)"]


# --- starts per month ----------------------------------------------------------------


def test_the_monthly_line_adds_up_to_the_reports_started(session: Session) -> None:
    start, end = d("2026-01-01"), d("2026-04-30")
    table = [d("2026-01-03")]
    add_trajectory(session, "a", d("2026-01-01"), care_tables=table)
    add_trajectory(session, "b", d("2026-01-31"), care_tables=[d("2026-02-01")])
    add_trajectory(session, "c", d("2026-03-31"), care_tables=[d("2026-04-01")])
    add_trajectory(session, "d", d("2026-02-10"))  # no care table: not started
    add_trajectory(
        session, "e", d("2026-02-10"), care_tables=table, kind=TrajectoryKind.CARE_GUARANTEE
    )
    add_trajectory(session, "f", d("2025-12-31"), care_tables=table)  # before the period
    report = network_report(session, NetworkSlug.LIMBURG, start, end)
    series = started_series(report.by_month, committed=8)
    assert [(p.month, p.started) for p in series] == [
        ("2026-01", 2),
        ("2026-02", 0),
        ("2026-03", 1),
        ("2026-04", 0),
    ]
    assert [p.cumulative for p in series] == [2, 2, 3, 3]
    assert series[-1].cumulative == report.totals.started
    assert [p.pace for p in series] == [2.0, 4.0, 6.0, 8.0]


def started(n: int) -> Funnel:
    return Funnel(referrals=n, care_tables=n, budget_deployments=0, regular_starts=n, started=n)


def test_the_line_stops_after_this_month_but_the_pace_goes_on() -> None:
    by_month = {"2026-12": started(0), "2026-10": started(2), "2026-11": started(1)}
    series = started_series(by_month, committed=6, today=d("2026-11-30"))
    assert [p.month for p in series] == ["2026-10", "2026-11", "2026-12"]
    assert [p.cumulative for p in series] == [2, 3, None]
    assert [p.pace for p in series] == [2.0, 4.0, 6.0]


def test_without_a_commitment_the_line_has_no_pace() -> None:
    series = started_series({"2026-01": started(1)}, committed=None)
    assert [(p.month, p.started, p.cumulative, p.pace) for p in series] == [("2026-01", 1, 1, None)]
