"""The report's facts per case never go stale: writes by anyone are in the next report.

Each test stores cases and reports once, so that every case has its facts; then
another engine (its own connection, plain SQL, no code of the app) writes to a case,
as another process would, and the next report must count that write. Every test runs
on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Connection, Engine, select, text

from ecogram.db import make_engine, session_scope
from ecogram.models import Network, Region
from ecogram.readmodel import revision_of
from ecogram.report import network_report
from ecogram.report_facts import case_report_facts
from ecogram.report_model import NetworkReport
from ecogram.storage import save_case
from ecogram.vocabulary import NETWORK_NAMES, CandidateStatus, NetworkSlug, PersonKind, Role
from tests.factories import d, make_case, make_person, make_role, make_trajectory

LIMBURG, ANTWERPEN = NetworkSlug.LIMBURG, NetworkSlug.ANTWERPEN
YEAR_2019 = (d("2019-01-01"), d("2019-12-31"))


def report(engine: Engine, network: NetworkSlug = LIMBURG) -> NetworkReport:
    with session_scope(engine) as session:
        return network_report(session, network, *YEAR_2019)


def store_case(engine: Engine, ref: str, region: str = "Hasselt") -> int:
    """A care-figure search referred in May 2019, with a grandmother who is no candidate yet."""
    case = make_case(ref=ref, opened=d("2019-05-01"))
    make_trajectory(case, referred=d("2019-05-01"))
    assert case.trajectory is not None
    case.trajectory.network = Network(slug=LIMBURG, name=NETWORK_NAMES[LIMBURG])
    case.trajectory.region = Region(name=region)
    make_person(case, ref="oma", kind=PersonKind.GRANDPARENT, candidate=CandidateStatus.NONE)
    with session_scope(engine) as session:
        return save_case(session, case).id


@pytest.fixture
def other(db_url: str, engine: Engine) -> Iterator[Engine]:
    """A second engine on the same database: another connection, as another process has."""
    second = make_engine(db_url)
    yield second
    second.dispose()


@pytest.fixture
def case_id(engine: Engine) -> int:
    """Two cases in Limburg's region Hasselt, one in Genk, all reported on once."""
    found = store_case(engine, "c1")
    store_case(engine, "c2")
    store_case(engine, "c3", region="Genk")
    assert report(engine).totals.referrals == 3
    return found


def write(other: Engine, sql: str, **values: object) -> None:
    with other.begin() as connection:
        connection.execute(text(sql), values)


def test_a_candidate_found_suitable_by_another_connection_is_in_the_next_report(
    engine: Engine, other: Engine, case_id: int
) -> None:
    assert report(engine).care_figures_found == 0

    write(
        other,
        "UPDATE person SET candidate = 'suitable' WHERE ref = 'oma' AND case_id = :c",
        c=case_id,
    )

    assert report(engine).care_figures_found == 1


def test_a_role_given_by_another_connection_is_in_the_next_report(
    engine: Engine, other: Engine, case_id: int
) -> None:
    write(
        other,
        "INSERT INTO role_assignment (person_id, role, start, nights_per_week, version)"
        " SELECT id, 'respite', '2019-06-01', 1, 1 FROM person WHERE ref = 'oma' AND case_id = :c",
        c=case_id,
    )

    after = report(engine)
    assert after.roles["respite"] == 1
    assert after.care_figures_found == 1  # she holds a role, so she is found
    assert after.short_stays["with_care_figure"] == 0  # no care table: not a started search


def test_a_care_table_held_by_another_connection_is_in_the_next_report(
    engine: Engine, other: Engine, case_id: int
) -> None:
    write(
        other,
        "INSERT INTO care_table (trajectory_id, date, present, child_perspective, version)"
        " SELECT id, '2019-05-02', '[]', '', 1 FROM trajectory WHERE case_id = :c",
        c=case_id,
    )

    totals = report(engine).totals
    assert (totals.care_tables, totals.regular_starts, totals.started) == (1, 1, 1)


def test_a_budget_item_booked_by_another_connection_is_in_the_next_report(
    engine: Engine, other: Engine, case_id: int
) -> None:
    write(
        other,
        "INSERT INTO budget_item (trajectory_id, date, category, amount, what, version)"
        " SELECT id, '2019-05-03', 'guidance', 125.50, '', 1 FROM trajectory WHERE case_id = :c",
        c=case_id,
    )

    assert report(engine).budget_spent == 125.5


def test_a_case_moved_to_another_region_by_another_connection_is_counted_there(
    engine: Engine, other: Engine, case_id: int
) -> None:
    before = report(engine).by_region
    assert (before["Hasselt"].referrals, before["Genk"].referrals) == (2, 1)

    write(
        other,
        "UPDATE trajectory SET region_id = (SELECT id FROM region WHERE name = 'Genk')"
        " WHERE case_id = :c",
        c=case_id,
    )

    after = report(engine).by_region
    assert (after["Hasselt"].referrals, after["Genk"].referrals) == (1, 2)


def test_a_case_moved_to_another_network_leaves_this_report_for_that_one(
    engine: Engine, other: Engine, case_id: int
) -> None:
    write(
        other,
        "UPDATE trajectory SET region_id = NULL,"
        " network_id = (SELECT id FROM network WHERE slug = 'antwerpen') WHERE case_id = :c",
        c=case_id,
    )

    assert report(engine, LIMBURG).totals.referrals == 2
    assert report(engine, ANTWERPEN).totals.referrals == 1


def test_a_case_deleted_by_another_connection_drops_out_with_its_facts(
    engine: Engine, other: Engine, case_id: int
) -> None:
    write(other, 'DELETE FROM "case" WHERE id = :c', c=case_id)

    assert report(engine).totals.referrals == 2
    assert facts_of(engine, case_id) == []


def test_a_trajectory_deleted_by_another_connection_drops_out_of_the_report(
    engine: Engine, other: Engine, case_id: int
) -> None:
    write(other, "DELETE FROM trajectory WHERE case_id = :c", c=case_id)

    assert report(engine).totals.referrals == 2


def test_a_facts_row_that_is_not_of_its_case_s_revision_is_computed_again(
    engine: Engine, other: Engine, case_id: int
) -> None:
    # As a restored backup could hold: facts of another moment than the case's.
    write(
        other,
        "UPDATE case_report_facts SET care_figures_found = 7, revision = revision + 1"
        " WHERE case_id = :c",
        c=case_id,
    )

    assert report(engine).care_figures_found == 0


def test_a_report_leaves_every_case_s_revision_alone(engine: Engine, case_id: int) -> None:
    with session_scope(engine) as session:
        before = revision_of(session, case_id)
    write(engine, "DELETE FROM case_report_facts")

    report(engine)  # computes and writes every case's facts again

    with session_scope(engine) as session:
        assert revision_of(session, case_id) == before
    assert len(facts_of(engine, case_id)) == 1


def facts_of(engine: Engine, case_id: int) -> list[object]:
    with engine.connect() as connection:
        found = select(case_report_facts.c.revision).where(case_report_facts.c.case_id == case_id)
        return list(connection.execute(found).scalars())


# --- Two refreshes at once ----------------------------------------------------------------


def make_every_case_stale(connection: Connection) -> None:
    connection.execute(text("UPDATE person SET candidate = 'suitable' WHERE ref = 'oma'"))


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_two_reports_refreshing_the_same_stale_facts_at_once_both_succeed(
    engine: Engine, other: Engine
) -> None:
    for n in range(40):
        store_case(engine, f"c{n}", region="Hasselt" if n % 2 else "Genk")
    report(engine)
    with engine.begin() as connection:
        make_every_case_stale(connection)
    found: dict[str, NetworkReport] = {}
    failed: list[BaseException] = []

    def run(name: str, on: Engine) -> Callable[[], None]:
        def go() -> None:
            try:
                found[name] = report(on)
            except BaseException as error:  # reported by the assertion below
                failed.append(error)

        return go

    # The first holds its rows until it commits; the second waits for them, then writes.
    with session_scope(engine) as session:
        first = network_report(session, LIMBURG, *YEAR_2019)
        second = threading.Thread(target=run("second", other))
        second.start()
        second.join(timeout=0.5)
        assert second.is_alive()  # waiting for the first's rows, not failing
    second.join(timeout=30)
    # And both at once from the start, a few times over.
    for round_ in range(3):
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE person SET candidate = :s WHERE ref = 'oma'"),
                {"s": "declined" if round_ % 2 == 0 else "suitable"},
            )
        threads = [threading.Thread(target=run(n, e)) for n, e in (("a", engine), ("b", other))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert failed == []
    assert first.care_figures_found == found["second"].care_figures_found == 40
    assert found["a"].care_figures_found == found["b"].care_figures_found == 0


def test_a_stay_counts_as_shortened_by_a_night_role_begun_within_a_week_of_its_end(
    engine: Engine,
) -> None:
    # Both children stayed in a crisis foster family from 1 to 10 March. The first's
    # grandmother began part-time stays on 15 March; the second's only at the end of April.
    # Each had begun respite before the stay, which shortens nothing.
    for ref, later in (("shortened", "2019-03-15"), ("not shortened", "2019-04-30")):
        case = make_case(ref=ref, opened=d("2019-02-01"))
        make_trajectory(
            case,
            referred=d("2019-02-01"),
            care_tables=[d("2019-02-02")],
            stays=[("crisis_foster_family", d("2019-03-01"), d("2019-03-10"))],
        )
        oma = make_person(case, kind=PersonKind.GRANDPARENT)
        make_role(oma, Role.RESPITE, start=d("2019-02-15"))
        make_role(oma, Role.PART_TIME_STAY, start=d(later))
        with session_scope(engine) as session:
            save_case(session, case)

    assert report(engine).short_stays["shortened"] == 1
