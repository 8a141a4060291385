"""Sessions and history: the ecogram as it stood at each session, and what changed between them.

Runs on SQLite and PostgreSQL. Changes are made the way the web app makes them:
change the stored tree, then attach the change to the day's session.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import caseformat, history, storage
from ecogram.models import Case, EcogramSession, Person
from ecogram.vocabulary import CandidateStatus, PersonKind, Role, Sector, TieQuality
from tests.factories import (
    d,
    make_anchor,
    make_assessment,
    make_case,
    make_parent,
    make_person,
    make_role,
    make_tie,
)

OPENED = d("2026-01-05")
SECOND = d("2026-02-10")
THIRD = d("2026-03-15")


def first_session_case() -> Case:
    """At the first session: the child, Sara (anchor) and Oma Jet, with one tie."""
    case = make_case(ref="c1", opened=OPENED)
    sara = make_parent(case, ref="sara", name="Sara")
    jet = make_person(
        case, ref="jet", name="Oma Jet", kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY, ring=1
    )
    make_tie(case, jet, sara, quality=TieQuality.STRONG)
    make_anchor(case, sara, start=OPENED)
    return case


def by_ref(case: Case, ref: str) -> Person:
    return next(p for p in case.persons if p.ref == ref)


def refs(case: Case | None) -> list[str]:
    assert case is not None
    return [p.ref for p in case.persons]


def pairs(case: Case | None) -> list[tuple[str, str, str]]:
    assert case is not None
    return [(t.from_person.ref, t.to_person.ref, t.quality.value) for t in case.ties]


@pytest.fixture
def stored(session: Session) -> Case:
    case = storage.save_case(session, first_session_case())
    session.commit()
    return case


def second_session(session: Session, case: Case) -> None:
    """A meeting: Tante Mia is found, Oma Jet is being assessed and takes on respite."""
    mia = make_person(
        case, ref="mia", name="Tante Mia", kind=PersonKind.AUNT_UNCLE, sector=Sector.FAMILY
    )
    mia.candidate = CandidateStatus.TO_EXPLORE
    make_tie(case, mia, by_ref(case, "sara"), quality=TieQuality.NORMAL)
    jet = by_ref(case, "jet")
    jet.candidate = CandidateStatus.ASSESSING
    make_assessment(jet, date=SECOND)
    make_role(jet, Role.RESPITE, start=SECOND)
    session.flush()
    history.record_change(session, case, SECOND, user_id=7)
    session.commit()


def third_session(session: Session, case: Case) -> None:
    """A later meeting: Mia drops out, the tie to Oma Jet turns stressful, she becomes anchor."""
    mia = by_ref(case, "mia")
    for tie in [t for t in case.ties if mia in (t.from_person, t.to_person)]:
        case.ties.remove(tie)
    case.persons.remove(mia)
    jet = by_ref(case, "jet")
    case.ties[0].quality = TieQuality.STRESSFUL
    case.anchors[0].end = THIRD
    make_anchor(case, jet, start=THIRD)
    case.trusted_person = jet
    session.flush()
    history.record_change(session, case, THIRD, user_id=7)
    session.commit()


def test_importing_a_case_opens_session_one_on_the_day_it_was_opened(
    session: Session, stored: Case
) -> None:
    (first,) = session.scalars(select(EcogramSession)).all()
    assert (first.number, first.date, first.present, first.user_id) == (1, OPENED, "import", None)
    assert first.snapshot == caseformat.dumps(stored)


def test_it_shows_the_ecogram_as_of_each_of_three_sessions_and_the_changes_between_them(
    session: Session, stored: Case
) -> None:
    second_session(session, stored)
    third_session(session, stored)

    then = history.case_as_of(session, "c1", OPENED)
    assert refs(then) == ["child", "sara", "jet"]
    assert pairs(then) == [("jet", "sara", "strong")]

    then = history.case_as_of(session, "c1", SECOND)
    assert refs(then) == ["child", "sara", "jet", "mia"]
    assert pairs(then) == [("jet", "sara", "strong"), ("mia", "sara", "normal")]
    assert then is not None
    assert [r.role for r in by_ref(then, "jet").roles] == [Role.RESPITE]
    assert [(a.person.ref, a.end) for a in then.anchors] == [("sara", None)]

    then = history.case_as_of(session, "c1", THIRD)
    assert refs(then) == ["child", "sara", "jet"]
    assert pairs(then) == [("jet", "sara", "stressful")]
    assert then is not None and then.trusted_person is not None
    assert then.trusted_person.ref == "jet"
    assert [(a.person.ref, a.start, a.end) for a in then.anchors] == [
        ("sara", OPENED, THIRD),
        ("jet", THIRD, None),
    ]

    one, two, three = (history.case_at_session(session, stored.id, n) for n in (1, 2, 3))
    first = history.diff(one, two)
    assert [p.ref for p in first.persons_added] == ["mia"]
    assert first.persons_removed == []
    assert [(p.ref, p.fields) for p in first.persons_changed] == [
        ("jet", ("candidate", "roles", "assessments"))
    ]
    assert [(t.from_ref, t.to_ref, t.from_name) for t in first.ties_added] == [
        ("mia", "sara", "Tante Mia")
    ]
    assert first.ties_removed == first.ties_changed == []
    assert first.trusted_person is None

    second = history.diff(two, three)
    assert second.persons_added == []
    assert [(p.ref, p.name) for p in second.persons_removed] == [("mia", "Tante Mia")]
    assert [(p.ref, p.fields) for p in second.persons_changed] == [
        ("sara", ("anchor",)),
        ("jet", ("anchor",)),
    ]
    assert [(t.from_ref, t.to_ref) for t in second.ties_removed] == [("mia", "sara")]
    assert [(t.from_ref, t.fields) for t in second.ties_changed] == [("jet", ("quality",))]
    assert second.trusted_person == (None, "jet")

    overall = history.diff(one, three)
    assert overall.persons_added == overall.persons_removed == overall.ties_added == []
    assert [t.fields for t in overall.ties_changed] == [("quality",)]
    assert not overall.empty and history.diff(three, three).empty


def test_changes_on_one_day_share_that_days_session(session: Session, stored: Case) -> None:
    make_person(stored, ref="bo", name="Buurman Bo", kind=PersonKind.NEIGHBOUR)
    session.flush()
    morning = history.record_change(session, stored, SECOND, user_id=3)
    by_ref(stored, "bo").ring = 3
    session.flush()
    afternoon = history.record_change(session, stored, SECOND, user_id=4)
    session.commit()
    assert afternoon is morning
    assert (morning.number, morning.date, morning.user_id, morning.present) == (2, SECOND, 3, "")
    then = history.case_as_of(session, "c1", SECOND)
    assert then is not None and by_ref(then, "bo").ring == 3


def test_case_as_of_takes_the_last_session_on_or_before_the_day(
    session: Session, stored: Case
) -> None:
    second_session(session, stored)
    assert history.case_as_of(session, "c1", OPENED - dt.timedelta(days=1)) is None
    assert refs(history.case_as_of(session, "c1", SECOND - dt.timedelta(days=1))) == [
        "child",
        "sara",
        "jet",
    ]
    assert "mia" in refs(history.case_as_of(session, "c1", SECOND))
    assert "mia" in refs(history.case_as_of(session, "c1", d("2030-01-01")))
    assert history.case_as_of(session, "nope", SECOND) is None


def test_of_two_sessions_on_one_day_the_later_one_counts(session: Session, stored: Case) -> None:
    history.open_session(session, stored, date=SECOND, present="Sara", user_id=1)
    make_person(stored, ref="bo", name="Buurman Bo", kind=PersonKind.NEIGHBOUR)
    session.flush()
    history.open_session(session, stored, date=SECOND, present="Sara, Oma Jet", user_id=1)
    session.commit()
    assert "bo" in refs(history.case_as_of(session, "c1", SECOND))
    assert "bo" not in refs(history.case_at_session(session, stored.id, 2))


def test_the_state_read_back_is_the_state_that_was_written(session: Session, stored: Case) -> None:
    second_session(session, stored)
    past = history.case_at_session(session, stored.id, 2)
    assert caseformat.dumps(past) == caseformat.dumps(stored)


def test_a_session_that_does_not_exist_is_reported(session: Session, stored: Case) -> None:
    with pytest.raises(history.NoSuchSession):
        history.case_at_session(session, stored.id, 2)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (d("2026-11-24"), "future"),
        (OPENED - dt.timedelta(days=1), "before_opened"),
        (SECOND - dt.timedelta(days=1), "before_previous"),
    ],
)
def test_a_session_date_must_follow_the_previous_one_and_not_lie_ahead(
    session: Session, stored: Case, day: dt.date, reason: str
) -> None:
    history.open_session(session, stored, date=SECOND, present="", user_id=None)
    with pytest.raises(history.HistoryError) as raised:
        history.open_session(
            session, stored, date=day, present="", user_id=None, today=d("2026-11-23")
        )
    assert raised.value.reason == reason
    assert str(raised.value).startswith("date: ")
    assert history.session_total(session, stored.id) == 2


def test_a_session_may_share_the_previous_ones_date_and_today(
    session: Session, stored: Case
) -> None:
    today = d("2026-11-23")
    history.open_session(session, stored, date=today, present=" Sara ", user_id=2, today=today)
    again = history.open_session(session, stored, date=today, present="", user_id=2, today=today)
    session.commit()
    assert again.number == 3
    assert history.session_of(session, stored.id, 2).present == "Sara"


def test_a_new_day_opens_a_new_session_with_nobody_present_yet(
    session: Session, stored: Case
) -> None:
    current = history.current_session(session, stored, SECOND, user_id=5)
    assert (current.number, current.date, current.present, current.user_id) == (2, SECOND, "", 5)
    assert history.current_session(session, stored, SECOND, user_id=6) is current
    # A clock behind the latest session never makes a session go back in time.
    assert history.current_session(session, stored, OPENED, user_id=6) is current


def test_a_case_without_sessions_gets_its_first_at_the_first_change(session: Session) -> None:
    case = first_session_case()
    session.add(case)  # stored without save_case, as before sessions existed
    session.flush()
    with pytest.raises(history.HistoryError):
        history.record_snapshot(session, case)
    early = history.record_change(session, case, OPENED - dt.timedelta(days=3), user_id=None)
    assert (early.number, early.date) == (1, OPENED)


def test_session_counts_give_persons_besides_the_child_and_candidates(
    session: Session, stored: Case
) -> None:
    second_session(session, stored)
    third_session(session, stored)
    assert history.session_counts(session, stored.id) == [
        (1, OPENED, 2, 0),
        (2, SECOND, 3, 2),
        (3, THIRD, 2, 1),
    ]


def test_erasing_a_person_reaches_every_snapshot(session: Session, stored: Case) -> None:
    second_session(session, stored)
    third_session(session, stored)
    assert history.scrub_person(session, stored.id, "jet") == 3
    session.commit()
    for number in (1, 2, 3):
        past = history.case_at_session(session, stored.id, number)
        assert "jet" not in refs(past)
        assert all("jet" not in (t.from_person.ref, t.to_person.ref) for t in past.ties)
        assert all(a.person.ref != "jet" for a in past.anchors)
        assert past.trusted_person is None
    texts = session.scalars(select(EcogramSession.snapshot).order_by(EcogramSession.number)).all()
    assert not any("Oma Jet" in text for text in texts)
    # Sara's roles and anchor periods stay; the file is still canonical.
    three = history.case_at_session(session, stored.id, 3)
    assert [(a.person.ref, a.end) for a in three.anchors] == [("sara", THIRD)]
    assert texts[-1] == caseformat.dumps(three)


def test_erasing_a_person_never_in_the_history_changes_nothing(
    session: Session, stored: Case
) -> None:
    assert history.scrub_person(session, stored.id, "nobody") == 0


def test_the_child_cannot_be_erased_from_the_history(session: Session, stored: Case) -> None:
    with pytest.raises(history.HistoryError):
        history.scrub_person(session, stored.id, "child")


def test_a_tie_turned_round_is_a_change_not_a_new_tie() -> None:
    before = caseformat.dump_case(first_session_case())
    after = json.loads(json.dumps(before))
    after["ties"][0]["from"], after["ties"][0]["to"] = "sara", "jet"
    after["ties"][0]["support"] = ["emotional"]
    changes = history.diff_documents(before, after)
    assert changes.ties_added == changes.ties_removed == []
    assert [t.fields for t in changes.ties_changed] == [("support", "direction")]


def test_support_in_another_order_is_no_change() -> None:
    case = first_session_case()
    case.ties[0].support = ["childcare", "emotional"]
    before = caseformat.dump_case(case)
    case.ties[0].support = ["emotional", "childcare"]
    assert history.diff_documents(before, caseformat.dump_case(case)).empty


def test_a_changed_name_kind_ring_and_household_are_each_named() -> None:
    case = first_session_case()
    before = caseformat.dump_case(case)
    jet = by_ref(case, "jet")
    jet.name, jet.kind, jet.ring, jet.household = "Oma Jet V.", PersonKind.OTHER_RELATIVE, 2, "h2"
    changes = history.diff_documents(before, caseformat.dump_case(case))
    assert [(p.name, p.fields) for p in changes.persons_changed] == [
        ("Oma Jet V.", ("name", "kind", "ring", "household"))
    ]
