"""Saving, loading and deleting whole cases, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ecogram.db import session_factory
from ecogram.models import (
    AnchorPeriod,
    Assessment,
    AssessmentEntry,
    BudgetItem,
    CareTable,
    Case,
    Evaluation,
    Network,
    Person,
    Region,
    RoleAssignment,
    Stay,
    Tie,
    Trajectory,
)
from ecogram.storage import StorageError, delete_case, list_case_refs, load_case, save_case
from ecogram.vocabulary import Flow, NetworkSlug, TieQuality
from tests.factories import d, make_case, make_rich_case
from tests.snapshots import snapshot
from tests.statements import statements


def fresh_session(engine: Engine) -> Session:
    return session_factory(engine)()


def store(engine: Engine, case: Case) -> None:
    with fresh_session(engine) as session:
        save_case(session, case)
        session.commit()


def test_it_loads_every_field_of_a_saved_case(engine: Engine) -> None:
    case = make_rich_case()
    expected = snapshot(case)
    store(engine, case)

    with fresh_session(engine) as session:
        loaded = load_case(session, "c1")
        assert loaded is not None
        assert snapshot(loaded) == expected
    # Spot checks that the comparison covers what the checks read.
    assert expected["trajectory"]["budget_items"][0]["amount"] == Decimal("1200.50")
    assert expected["ties"][0]["support"] == ["childcare", "emotional"]
    assert expected["persons"][2]["assessments"][0]["entries"][-1]["rating"] is None
    assert expected["trusted_person"] == "p3"


def test_it_returns_none_for_an_unknown_case(session: Session) -> None:
    assert load_case(session, "nope") is None


def test_it_loads_a_case_in_the_same_number_of_queries_whatever_its_size(engine: Engine) -> None:
    store(engine, make_rich_case("small", extra_persons=1))
    store(engine, make_rich_case("large", extra_persons=56))

    counts = {}
    for ref in ("small", "large"):
        with fresh_session(engine) as session, statements(engine) as seen:
            loaded = load_case(session, ref)
            assert loaded is not None
            snapshot(loaded)  # touches every attribute and link
            counts[ref] = (len(loaded.persons), len(seen))

    assert counts["small"][0] == 5
    assert counts["large"][0] == 60
    assert counts["small"][1] == counts["large"][1] <= 13


def test_it_rejects_an_unknown_network(engine: Engine) -> None:
    with fresh_session(engine) as session:
        session.execute(delete(Network).where(Network.slug == NetworkSlug.LIMBURG))
        with pytest.raises(StorageError, match=r"^trajectory\.network: unknown network 'limburg'"):
            save_case(session, make_rich_case())


def test_it_rejects_a_case_whose_id_already_exists(engine: Engine) -> None:
    store(engine, make_rich_case("c1"))
    duplicate = r"^case\.id: a case with id c1 already exists$"
    with fresh_session(engine) as session, pytest.raises(StorageError, match=duplicate):
        save_case(session, make_rich_case("c1"))


def test_it_creates_a_region_once_and_reuses_it(engine: Engine) -> None:
    store(engine, make_rich_case("c1", region="Hasselt"))
    store(engine, make_rich_case("c2", region="Hasselt"))
    store(engine, make_rich_case("c3", region="Genk"))
    store(engine, make_rich_case("c4", region=None))

    with fresh_session(engine) as session:
        regions = session.execute(select(Region.name, Region.network_id).order_by(Region.id)).all()
        limburg = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
        assert regions == [("Hasselt", limburg), ("Genk", limburg)]
        by_case = dict(
            session.execute(select(Case.ref, Trajectory.region_id).join(Case.trajectory)).all()
        )
        assert by_case["c1"] == by_case["c2"] != by_case["c3"]
        assert by_case["c4"] is None


def test_it_lists_and_deletes_cases(engine: Engine) -> None:
    store(engine, make_rich_case("c2"))
    store(engine, make_rich_case("c1"))
    with fresh_session(engine) as session:
        assert list_case_refs(session) == ["c1", "c2"]
        assert delete_case(session, "c1") is True
        assert delete_case(session, "c1") is False
        session.commit()
        assert list_case_refs(session) == ["c2"]


def test_deleting_a_case_cascades_to_everything_it_owns(engine: Engine) -> None:
    store(engine, make_rich_case("c1"))
    owned = [Person, Tie, Assessment, AssessmentEntry, RoleAssignment, AnchorPeriod, Trajectory]
    owned += [CareTable, Evaluation, BudgetItem, Stay]
    with fresh_session(engine) as session:
        assert all(session.scalar(select(func.count()).select_from(m)) for m in owned)
        delete_case(session, "c1")
        session.commit()
        counts = {m.__name__: session.scalar(select(func.count()).select_from(m)) for m in owned}
        assert set(counts.values()) == {0}, counts
        # Shared rows stay.
        assert session.scalar(select(func.count()).select_from(Region)) == 1
        assert session.scalar(select(func.count()).select_from(Network)) == 5


def test_it_does_not_delete_a_case_changed_since_it_was_read(engine: Engine) -> None:
    store(engine, make_rich_case("c1"))
    with fresh_session(engine) as session:
        with pytest.raises(StaleDataError):
            delete_case(session, "c1", expected_version=7)
        session.rollback()
        assert delete_case(session, "c1", expected_version=1) is True


def test_the_database_refuses_a_tie_to_a_missing_person(engine: Engine) -> None:
    store(engine, make_case(ref="c1"))
    with fresh_session(engine) as session:
        case_id = session.scalar(select(Case.id))
        child_id = session.scalar(select(Person.id))
        with pytest.raises(IntegrityError):
            session.execute(
                insert(Tie).values(
                    case_id=case_id,
                    from_person_id=child_id,
                    to_person_id=999_999,
                    quality=TieQuality.NORMAL,
                    flow=Flow.NONE,
                    support=[],
                    version=1,
                )
            )
            session.flush()


def test_each_update_increments_the_version(engine: Engine) -> None:
    store(engine, make_rich_case("c1"))
    with fresh_session(engine) as session:
        case = load_case(session, "c1")
        assert case is not None
        assert (case.version, case.persons[1].version) == (1, 1)
        case.opened = dt.date(2026, 1, 6)
        session.commit()
        case.opened = dt.date(2026, 1, 7)
        case.persons[1].name = "Sara B."
        session.commit()
        assert (case.version, case.persons[1].version, case.persons[2].version) == (3, 2, 1)


@pytest.mark.parametrize("target", ["case", "person"])
def test_a_stale_update_fails_instead_of_overwriting(engine: Engine, target: str) -> None:
    store(engine, make_rich_case("c1"))
    with fresh_session(engine) as first, fresh_session(engine) as second:
        mine, theirs = load_case(first, "c1"), load_case(second, "c1")
        assert mine is not None and theirs is not None
        if target == "case":
            mine.opened, theirs.opened = dt.date(2026, 1, 6), dt.date(2026, 1, 9)
        else:
            mine.persons[1].name, theirs.persons[1].name = "Sara A.", "Sara Z."
        first.commit()
        with pytest.raises(StaleDataError):
            second.commit()
        second.rollback()

    with fresh_session(engine) as session:
        case = load_case(session, "c1")
        assert case is not None
        assert case.opened == (dt.date(2026, 1, 6) if target == "case" else d("2026-01-05"))
        assert case.persons[1].name == ("Sara A." if target == "person" else "Sara")
