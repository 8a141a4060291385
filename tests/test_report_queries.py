"""The network report reads the trajectories once, in one statement, at any size."""

from __future__ import annotations

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
    assert [len([s for s in found if "trajectory" in s]) for found in (small, large)] == [1, 1]
