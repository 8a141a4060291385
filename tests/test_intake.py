"""Opening a case from a referral in the core: the case, its ref and the duplicate hint."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import caseformat, intake, storage
from ecogram.history import latest_session
from ecogram.models import Network, Region
from ecogram.vocabulary import NetworkSlug, PersonKind, Referrer, TrajectoryKind

REF = re.compile(r"2026-[A-HJ-NP-Z2-9]{6}")


def limburg(session: Session) -> Network:
    found = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
    assert found is not None
    return found


def referral(session: Session, **overrides: object) -> intake.Referral:
    fields: dict[str, object] = {
        "child_name": "Baby Lina",
        "birth_date": None,
        "expected_date": dt.date(2026, 4, 2),
        "referred": dt.date(2026, 1, 9),
        "referrer": Referrer.MIDWIFE,
        "mandated_service": False,
        "network": limburg(session),
        "region": None,
        "kind": TrajectoryKind.CARE_FIGURE_SEARCH,
        "parents": ("Yasmina", "Tom"),
    }
    fields.update(overrides)
    return intake.Referral(**fields)  # type: ignore[arg-type]


def test_a_referral_becomes_a_case_with_its_child_parents_and_trajectory(
    session: Session,
) -> None:
    region = Region(name="Hasselt", network=limburg(session))
    session.add(region)
    session.flush()
    case = intake.open_case(session, referral(session, region=region), user_id=7)
    assert REF.fullmatch(case.ref)
    assert [(p.ref, p.name, p.kind, p.sector.value, p.ring) for p in case.persons] == [
        ("p1", "Baby Lina", PersonKind.CHILD, "family", 0),
        ("p2", "Yasmina", PersonKind.PARENT, "family", 1),
        ("p3", "Tom", PersonKind.PARENT, "family", 1),
    ]
    assert case.opened == dt.date(2026, 1, 9)
    assert case.trajectory is not None and case.trajectory.region is region
    first = latest_session(session, case.id)
    assert first is not None and (first.number, first.user_id, first.present) == (1, 7, "")
    # It reads back as a valid case file, like every other case.
    stored = storage.load_case(session, case.ref)
    assert stored is not None
    assert caseformat.parse_document(caseformat.dump_case(stored)).ref == case.ref


def test_possible_duplicates_count_only_the_cases_given_as_visible(session: Session) -> None:
    first = intake.open_case(session, referral(session), user_id=None)
    again = referral(session, child_name="  baby lina ", parents=())
    found = intake.possible_duplicates(session, again, [first.id])
    assert [p.case_id for p in found] == [first.id]
    assert intake.possible_duplicates(session, again, []) == []


def test_a_birth_date_matches_an_expected_date_of_the_same_day(session: Session) -> None:
    first = intake.open_case(session, referral(session), user_id=None)
    born = referral(session, expected_date=None, birth_date=dt.date(2026, 4, 2))
    assert [p.case_id for p in intake.possible_duplicates(session, born, [first.id])] == [first.id]
    other_day = referral(session, expected_date=dt.date(2026, 4, 3))
    assert intake.possible_duplicates(session, other_day, [first.id]) == []


def test_a_case_ref_is_new_each_time_and_carries_no_name(session: Session) -> None:
    refs = {intake.new_ref(session, dt.date(2026, 5, 1)) for _ in range(50)}
    assert len(refs) == 50 and all(REF.fullmatch(ref) for ref in refs)
