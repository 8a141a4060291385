"""The network report reads the trajectories once, in one statement, at any size."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from ecogram.models import Network, Stay
from ecogram.report import network_report
from ecogram.storage import save_case
from ecogram.vocabulary import (
    NETWORK_NAMES,
    CandidateStatus,
    NetworkSlug,
    PersonKind,
    Role,
    StayKind,
)
from tests.factories import d, make_anchor, make_case, make_person, make_role, make_trajectory
from tests.test_report import YEAR_2019, counting_statements


def add_cases(session: Session, network: NetworkSlug, count: int) -> None:
    """Trajectories with every kind of row the report counts: roles, anchors, stays, money."""
    for n in range(count):
        case = make_case(ref=f"{network.value}-{n}", opened=d("2019-05-01"))
        trajectory = make_trajectory(
            case,
            referred=d("2019-05-01"),
            care_tables=[d("2019-05-02")],
            budget=[(d("2019-05-03"), "guidance", 10)],
        )
        trajectory.network = Network(slug=network, name=NETWORK_NAMES[network])
        trajectory.stays = [
            Stay(kind=StayKind.RESIDENTIAL_GROUP, start=d("2019-05-01"), end=d("2019-05-04"))
        ]
        grandmother = make_person(
            case, kind=PersonKind.GRANDPARENT, candidate=CandidateStatus.SUITABLE
        )
        make_role(grandmother, Role.RESPITE, start=d("2019-05-06"))
        make_anchor(case, grandmother, start=d("2019-05-06"))
        save_case(session, case)
    session.flush()


def statements_for(session: Session, network: NetworkSlug, count: int) -> list[str]:
    add_cases(session, network, count)
    with counting_statements(session) as statements:
        result = network_report(session, network, *YEAR_2019)
    assert (result.totals.referrals, result.short_stays["shortened"]) == (count, count)
    return statements


def test_it_reads_the_trajectories_in_one_statement_for_3_and_for_30(session: Session) -> None:
    small = statements_for(session, NetworkSlug.ANTWERPEN, 3)
    large = statements_for(session, NetworkSlug.LIMBURG, 30)

    assert len(small) == len(large)
    assert [len(reading_trajectories(found)) for found in (small, large)] == [1, 1]


def reading_trajectories(statements: list[str]) -> list[str]:
    """The statements that read the trajectory table (not a column named after it)."""
    return [s for s in statements if re.search(r"\btrajectory\b", s)]


def writing_facts(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().startswith("INSERT INTO case_report_facts")]


def test_after_writes_to_1_or_to_20_cases_a_report_runs_the_same_statements(
    session: Session,
) -> None:
    add_cases(session, NetworkSlug.LIMBURG, 30)
    network_report(session, NetworkSlug.LIMBURG, *YEAR_2019)  # every case's facts

    def statements_after_writes_to(cases: int) -> list[str]:
        session.execute(
            text(
                "UPDATE person SET candidate = 'declined' WHERE kind = 'grandparent'"
                ' AND case_id IN (SELECT id FROM "case" ORDER BY id LIMIT :n)'
            ),
            {"n": cases},
        )
        with counting_statements(session) as statements:
            result = network_report(session, NetworkSlug.LIMBURG, *YEAR_2019)
        assert result.care_figures_found == 30  # declined, yet each holds a role
        return statements

    one, twenty = statements_after_writes_to(1), statements_after_writes_to(20)
    assert len(one) == len(twenty)
    assert [len(writing_facts(found)) for found in (one, twenty)] == [1, 1]


def test_a_report_with_no_case_written_since_the_last_writes_no_facts(session: Session) -> None:
    add_cases(session, NetworkSlug.LIMBURG, 3)
    network_report(session, NetworkSlug.LIMBURG, *YEAR_2019)

    with counting_statements(session) as statements:
        network_report(session, NetworkSlug.LIMBURG, *YEAR_2019)

    assert writing_facts(statements) == []
    assert reading_trajectories(statements) == []
