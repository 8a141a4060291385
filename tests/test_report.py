"""The network report: funnel definitions, boundaries, breakdowns and query count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from ecogram.models import ActionPlan, Network, Region
from ecogram.plan_models import PlanRevision
from ecogram.plan_vocabulary import PlanStatus
from ecogram.report import network_report, suppressed_report
from ecogram.report_model import Funnel, NetworkReport, PlanFigures, PlanVersion, PlanYear
from ecogram.storage import save_case
from ecogram.vocabulary import (
    NETWORK_NAMES,
    CandidateStatus,
    NetworkSlug,
    Outcome,
    PersonKind,
    Role,
    TrajectoryKind,
)
from tests.factories import d, make_anchor, make_case, make_parent, make_person, make_role
from tests.factories import make_trajectory as _make_trajectory

LIMBURG = NetworkSlug.LIMBURG
YEAR_2019 = (d("2019-01-01"), d("2019-12-31"))

# The Limburg network's overview of 2019 (docs/domain.md, "Practice figures"):
# 60 aanmeldingen, 31 zorgtafels, 16 keer inzet van budget, 15 keer reguliere opstart.
LIMBURG_2019 = {"referrals": 60, "care_tables": 31, "budget_deployments": 16, "regular_starts": 15}


def add_trajectory(
    session: Session,
    ref: str,
    referred: dt.date,
    *,
    network: NetworkSlug = LIMBURG,
    region: str | None = None,
    **fields: Any,
) -> None:
    case = make_case(ref=ref, opened=referred)
    _make_trajectory(case, referred=referred, **fields)
    assert case.trajectory is not None
    case.trajectory.network = Network(slug=network, name=NETWORK_NAMES[network])
    if region is not None:
        case.trajectory.region = Region(name=region)
    save_case(session, case)


def add_limburg_2019(session: Session) -> None:
    """The seed's figures as cases, spread over the year and over two regions."""
    for n in range(LIMBURG_2019["referrals"]):
        referred = dt.date(2019, 1 + n % 12, 1 + n % 28)
        care_tables = [referred + dt.timedelta(days=1)] if n < LIMBURG_2019["care_tables"] else []
        budget = (
            [(referred, "guidance", "100.00")] if n < LIMBURG_2019["budget_deployments"] else []
        )
        region = "Hasselt" if n % 2 else None
        add_trajectory(
            session, f"l{n}", referred, region=region, care_tables=care_tables, budget=budget
        )


def report(session: Session, start: dt.date, end: dt.date) -> NetworkReport:
    return network_report(session, LIMBURG, start, end)


def test_it_shows_exactly_the_limburg_2019_figures_of_the_seed(session: Session) -> None:
    add_limburg_2019(session)

    result = report(session, *YEAR_2019)

    assert {key: result.totals.get(key) for key in LIMBURG_2019} == LIMBURG_2019
    assert result.network is NetworkSlug.LIMBURG
    assert (result.start, result.end) == YEAR_2019
    published = result.as_json()
    assert {key: published[key] for key in LIMBURG_2019} == LIMBURG_2019
    assert (published["network"], published["from"], published["to"]) == (
        "limburg",
        "2019-01-01",
        "2019-12-31",
    )


def test_it_breaks_the_funnel_down_per_region_quarter_and_month_summing_to_the_totals(
    session: Session,
) -> None:
    add_limburg_2019(session)

    result = report(session, *YEAR_2019)

    assert set(result.by_quarter) == {"2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"}
    assert list(result.by_month) == [f"2019-{month:02d}" for month in range(1, 13)]
    assert set(result.by_region) == {"Hasselt", "(none)"}
    for breakdown in (result.by_region, result.by_quarter, result.by_month):
        for key in ("referrals", "care_tables", "budget_deployments", "regular_starts", "started"):
            assert sum(cell.get(key) or 0 for cell in breakdown.values()) == result.totals.get(key)
    assert result.by_quarter["2019-Q1"].referrals == 15  # months 1-3 of every 12
    assert result.by_month["2019-02"].referrals == 5


def test_it_counts_referrals_on_both_boundaries_and_nothing_outside_or_elsewhere(
    session: Session,
) -> None:
    add_trajectory(session, "before", d("2018-12-31"))
    add_trajectory(session, "first", d("2019-01-01"))
    add_trajectory(session, "last", d("2019-12-31"))
    add_trajectory(session, "after", d("2020-01-01"))
    add_trajectory(session, "antwerp", d("2019-06-01"), network=NetworkSlug.ANTWERPEN)

    assert report(session, *YEAR_2019).totals.referrals == 2
    assert network_report(session, NetworkSlug.ANTWERPEN, *YEAR_2019).totals.referrals == 1
    assert report(session, d("2019-01-02"), d("2019-12-30")).totals.referrals == 0


def test_it_counts_as_started_only_care_figure_searches_with_a_care_table(
    session: Session,
) -> None:
    table = [d("2019-03-02")]
    add_trajectory(session, "search", d("2019-03-01"), care_tables=table)
    add_trajectory(session, "search-no-table", d("2019-03-01"))
    add_trajectory(
        session, "guarantee", d("2019-03-01"), kind=TrajectoryKind.CARE_GUARANTEE, care_tables=table
    )

    result = report(session, *YEAR_2019)

    totals = result.totals
    assert (totals.referrals, totals.care_tables, totals.started) == (3, 2, 1)


def test_it_reports_status_roles_outcomes_stays_and_budget_of_a_small_set(
    session: Session,
) -> None:
    table = [d("2019-03-02")]
    case = make_case(ref="jet", opened=d("2019-03-01"))
    sara = make_parent(case)
    jet = make_person(case, name="Oma Jet", kind=PersonKind.GRANDPARENT, household="h2")
    make_person(case, name="Buurman Ali", candidate=CandidateStatus.SUITABLE)
    make_person(case, name="Tante Mo", candidate=CandidateStatus.ASSESSING)
    make_role(jet, Role.RESPITE, start=d("2019-03-10"), end=d("2019-05-01"))
    make_role(jet, Role.KINSHIP_FOSTER_CARE, start=d("2019-05-01"))
    make_anchor(case, sara, start=d("2019-03-01"), end=d("2019-05-01"))
    make_anchor(case, jet, start=d("2019-05-01"))
    _make_trajectory(
        case,
        referred=d("2019-03-01"),
        care_tables=table,
        extended=True,
        ended=d("2019-09-01"),
        outcome=Outcome.KINSHIP_FOSTER_CARE,
        budget=[(d("2019-03-05"), "guidance", "1200.51"), (d("2019-04-01"), "residence", "99.99")],
        stays=[
            ("residential_group", d("2019-03-01"), d("2019-03-10")),  # 10 days, both ends
            ("hospital", d("2019-12-30"), None),  # open: counted up to the report's end
        ],
    )
    save_case(session, case)
    add_trajectory(
        session,
        "home",
        d("2019-11-01"),
        care_tables=[d("2019-11-02")],
        ended=d("2020-02-01"),
        outcome=Outcome.HOME,
        stays=[("crisis_foster_family", d("2019-12-20"), d("2020-01-15"))],  # cut at the end
    )

    result = report(session, *YEAR_2019)

    assert (result.ongoing, result.ended, result.extended) == (1, 1, 1)
    assert result.care_figures_found == 2  # Oma Jet (roles) and Buurman Ali (suitable)
    assert result.roles == {
        "buddy": 0,
        "play_family": 0,
        "respite": 1,
        "part_time_stay": 0,
        "full_time_stay": 0,
        "kinship_foster_care": 1,
    }
    assert result.non_parent_anchors == 1
    # Outcomes count the ended only: "home" ends after the period and is still ongoing.
    assert result.outcomes == {outcome.value: 0 for outcome in Outcome} | {
        "kinship_foster_care": 1,
        "not_recorded": 0,
    }
    assert result.stay_days == {
        "residential_group": 10,
        "crisis_foster_family": 12,
        "hospital": 2,
    }
    # Trajectories behind the days, so suppression can tell how many children they are about.
    assert result.stays == {"residential_group": 1, "crisis_foster_family": 1, "hospital": 1}
    assert result.budget_spent == 1300.5
    assert result.cost_per_trajectory == 650.25  # 1300.50 over 2 started
    assert result.reference_cost_per_trajectory == 2167.0


def test_it_gives_no_cost_per_trajectory_and_a_null_plan_when_nothing_started(
    session: Session,
) -> None:
    add_trajectory(session, "waiting", d("2019-03-01"), budget=[(d("2019-03-01"), "guidance", 5)])

    result = report(session, *YEAR_2019)

    assert result.budget_spent == 5.0
    assert result.cost_per_trajectory is None
    assert result.plan == PlanFigures(committed=None, budget=None, period=None)
    assert result.as_json()["plan"] == {
        "committed": None,
        "budget": None,
        "period": None,
        "status": None,
        "version": None,
    }


def test_it_shows_the_action_plan_its_year_from_approval_and_the_version_it_uses(
    session: Session,
) -> None:
    network = session.query(Network).filter_by(slug=LIMBURG).one()
    plan = ActionPlan(
        network=network,
        approved=d("2019-02-15"),
        committed=12,
        budget=Decimal("90000"),
        status=PlanStatus.APPROVED,
        revision=2,
    )
    plan.revisions = [
        PlanRevision(number=1, recorded_on=d("2019-02-15"), document="{}"),
        PlanRevision(number=2, recorded_on=d("2019-06-01"), reason="meer trajecten", document="{}"),
    ]
    session.add(plan)
    session.flush()

    result = report(session, *YEAR_2019)

    assert result.plan == PlanFigures(
        12,
        90000.0,
        PlanYear(d("2019-02-15"), d("2020-02-14")),
        "approved",
        PlanVersion(2, d("2019-06-01")),
    )
    # The year's last day is written as such, exactly as the report's own "to".
    assert result.as_json()["plan"] == {
        "committed": 12,
        "budget": 90000.0,
        "period": {"from": "2019-02-15", "to": "2020-02-14"},
        "status": "approved",
        "version": {"number": 2, "date": "2019-06-01"},
    }


@contextmanager
def counting_statements(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    bind = session.get_bind()

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(bind, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(bind, "before_cursor_execute", count)


def test_it_runs_as_many_statements_for_50_trajectories_as_for_5(session: Session) -> None:
    def statements_for(trajectories: int, network: NetworkSlug) -> int:
        for n in range(trajectories):
            add_trajectory(
                session,
                f"{network.value}-{n}",
                d("2019-05-01"),
                network=network,
                region=f"Regio {n % 3}",
                care_tables=[d("2019-05-02")],
                budget=[(d("2019-05-03"), "guidance", 10)],
                stays=[("hospital", d("2019-05-01"), d("2019-05-02"))],
            )
        session.flush()
        with counting_statements(session) as statements:
            result = network_report(session, network, *YEAR_2019)
        assert result.totals.referrals == trajectories
        return len(statements)

    assert statements_for(5, NetworkSlug.ANTWERPEN) == statements_for(50, LIMBURG)


def test_it_puts_the_last_day_of_a_quarter_and_the_first_of_the_next_apart(
    session: Session,
) -> None:
    add_trajectory(session, "march", d("2019-03-31"), care_tables=[d("2019-04-01")])
    add_trajectory(session, "april", d("2019-04-01"))

    result = report(session, d("2019-03-01"), d("2019-04-30"))

    assert {month: row.referrals for month, row in result.by_month.items()} == {
        "2019-03": 1,
        "2019-04": 1,
    }
    assert result.by_quarter["2019-Q1"] == Funnel(
        referrals=1, care_tables=1, budget_deployments=0, regular_starts=1, started=1
    )
    assert result.by_quarter["2019-Q2"].care_tables == 0


def test_the_limburg_2019_report_suppressed_hides_no_funnel_total(session: Session) -> None:
    add_limburg_2019(session)

    shown = suppressed_report(report(session, *YEAR_2019))

    assert {key: shown.totals.get(key) for key in LIMBURG_2019} == LIMBURG_2019
    assert shown.suppression is not None and shown.suppression.k == 5
    january = shown.by_month["2019-01"].as_json().values()
    assert all(n is None or n == 0 or n >= 5 for n in january)


#: The published JSON document's keys, in order (docs/report.md, "Keys").
JSON_KEYS = [
    "network",
    "from",
    "to",
    "plan",
    "referrals",
    "care_tables",
    "budget_deployments",
    "regular_starts",
    "started",
    "carried_over",
    "ongoing",
    "ended",
    "extended",
    "care_figures_found",
    "roles",
    "non_parent_anchors",
    "outcomes",
    "stays",
    "stay_days",
    "short_stays",
    "budget_spent",
    "cost_per_trajectory",
    "reference_cost_per_trajectory",
    "by_region",
    "by_quarter",
    "by_month",
]


def test_the_json_document_keeps_its_keys_and_reads_back_to_the_same_report(
    session: Session,
) -> None:
    add_limburg_2019(session)
    result = report(session, *YEAR_2019)
    shown = suppressed_report(result, 5)

    assert list(result.as_json()) == JSON_KEYS
    assert list(shown.as_json()) == [*JSON_KEYS, "suppression"]
    assert result.as_json()["by_month"]["2019-02"] == {
        "referrals": 5,
        "care_tables": 3,
        "budget_deployments": 2,
        "regular_starts": 1,
        "started": 3,
    }
    assert NetworkReport.from_json(result.as_json()) == result
    assert NetworkReport.from_json(shown.as_json()) == shown
