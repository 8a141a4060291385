"""Undo and redo within today's session, and putting back an earlier removal.

Runs on SQLite and PostgreSQL. Changes are made the way the web app makes them:
change the stored tree, flush, attach the change to the day's session (which
the web app's tracking does before every commit), commit.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import history, persons, retention, storage
from ecogram.history import stack
from ecogram.models import Case, Person, SessionChange
from ecogram.vocabulary import PersonKind, Role, Sector, TieQuality
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
TODAY = d("2026-03-02")


@pytest.fixture
def stored(session: Session) -> Case:
    case = make_case(ref="c1", opened=OPENED)
    sara = make_parent(case, ref="sara", name="Sara")
    make_anchor(case, sara, start=OPENED)
    case = storage.save_case(session, case)
    session.commit()
    return case


def saved(session: Session, case: Case, day: dt.date = TODAY) -> Case:
    """Flush, record the change as the web app's tracking does, commit; the case reloaded."""
    session.flush()
    session.expire_all()
    fresh = storage.load_case(session, case.ref)
    assert fresh is not None
    history.record_change(session, fresh, day, user_id=7)
    session.commit()
    return fresh


def by_name(case: Case, name: str) -> Person | None:
    return next((p for p in case.persons if p.name == name), None)


def changes(session: Session, case: Case) -> list[tuple[int, bool]]:
    query = select(SessionChange).where(SessionChange.case_id == case.id)
    return [(c.number, c.undone) for c in session.scalars(query.order_by(SessionChange.id))]


def add_rita(session: Session, case: Case) -> Case:
    rita = make_person(
        case, ref="p9", name="Oma Rita", kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY
    )
    make_tie(case, rita, case.persons[1], quality=TieQuality.STRONG)
    return saved(session, case)


def top(session: Session, case: Case) -> SessionChange:
    change = stack.to_undo(session, stack.today_session(session, case.id, TODAY))
    assert change is not None
    return change


def test_each_saved_change_goes_on_todays_stack(session: Session, stored: Case) -> None:
    case = add_rita(session, stored)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    rita.ring = 1
    saved(session, case)
    assert changes(session, case) == [(1, False), (2, False)]
    assert top(session, case).user_id == 7


def test_undo_takes_back_the_newest_change_and_redo_makes_it_again(
    session: Session, stored: Case
) -> None:
    case = add_rita(session, stored)
    change = top(session, case)
    stack.undo(session, case, TODAY, change.id, change.version)
    case = saved(session, case)  # the tracking finds nothing new to record
    assert by_name(case, "Oma Rita") is None and case.ties == []
    assert changes(session, case) == [(1, True)]
    redo = stack.to_redo(session, stack.today_session(session, case.id, TODAY))
    assert redo is not None
    stack.redo(session, case, TODAY, redo.id, redo.version)
    case = saved(session, case)
    assert by_name(case, "Oma Rita") is not None
    assert [(t.from_person.name, t.to_person.name) for t in case.ties] == [("Oma Rita", "Sara")]
    assert changes(session, case) == [(1, False)]


def test_undoing_a_removal_brings_back_the_person_with_assessments_and_ended_roles(
    session: Session, stored: Case
) -> None:
    case = add_rita(session, stored)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    make_assessment(rita, date=d("2026-02-01"), notes={})
    make_role(rita, Role.BUDDY, start=d("2026-02-01"), end=d("2026-02-20"))
    case = saved(session, case)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    persons.remove_person(case, rita, TODAY)
    case = saved(session, case)
    assert by_name(case, "Oma Rita") is None
    change = top(session, case)
    assert change.removed == "p9"
    stack.undo(session, case, TODAY, change.id, change.version)
    case = saved(session, case)
    back = by_name(case, "Oma Rita")
    assert back is not None and back.ref == "p9"
    assert [a.date for a in back.assessments] == [d("2026-02-01")]
    assert [(r.role, r.end) for r in back.roles] == [(Role.BUDDY, d("2026-02-20"))]
    assert len(case.ties) == 1


def test_undo_of_a_change_the_page_did_not_show_is_stale(session: Session, stored: Case) -> None:
    case = add_rita(session, stored)
    first = top(session, case)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    rita.ring = 3
    case = saved(session, case)
    with pytest.raises(stack.StackError) as refused:
        stack.undo(session, case, TODAY, first.id, first.version)
    assert refused.value.reason == "stale"
    newest = top(session, case)
    with pytest.raises(stack.StackError) as again:
        stack.undo(session, case, TODAY, newest.id, newest.version + 1)
    assert again.value.reason == "stale"


def test_a_new_change_drops_the_undone_ones(session: Session, stored: Case) -> None:
    case = add_rita(session, stored)
    change = top(session, case)
    stack.undo(session, case, TODAY, change.id, change.version)
    case = saved(session, case)
    make_person(case, ref="p10", name="Buurman Bo", kind=PersonKind.NEIGHBOUR)
    case = saved(session, case)
    assert changes(session, case) == [(1, False)]
    assert list(stack.steps.Patch.loads(top(session, case).patch).persons) == ["p10"]
    assert stack.to_redo(session, stack.today_session(session, case.id, TODAY)) is None


def test_only_todays_session_can_be_undone(session: Session, stored: Case) -> None:
    case = add_rita(session, stored)
    assert stack.today_session(session, case.id, TODAY + dt.timedelta(days=1)) is None
    with pytest.raises(stack.StackError) as refused:
        stack.undo(session, case, TODAY + dt.timedelta(days=1), 1, 1)
    assert refused.value.reason == "nothing"


def test_undo_refuses_when_the_ecogram_no_longer_shows_what_the_change_left(
    session: Session, stored: Case
) -> None:
    case = add_rita(session, stored)
    change = top(session, case)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    rita.name = "Rita"  # outside any session: the stack never saw it
    session.commit()
    with pytest.raises(stack.StackError) as refused:
        stack.undo(session, case, TODAY, change.id, change.version)
    assert refused.value.reason == "changed_since"


def test_a_removed_persons_ref_is_never_given_out_again(session: Session, stored: Case) -> None:
    case = add_rita(session, stored)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    persons.remove_person(case, rita, TODAY)
    case = saved(session, case)
    assert stack.removed_refs(session, case.id) == {"p9"}
    assert persons.new_ref(case, stack.removed_refs(session, case.id)) == "p10"


def test_a_removal_of_an_earlier_session_is_put_back_as_a_new_change(
    session: Session, stored: Case
) -> None:
    case = add_rita(session, stored)
    rita = by_name(case, "Oma Rita")
    assert rita is not None
    persons.remove_person(case, rita, TODAY)
    case = saved(session, case)
    (removal,) = stack.removals(session, case.id)
    later = TODAY + dt.timedelta(days=7)
    back = stack.put_back(session, case, removal, removal.version)
    case = saved(session, case, later)
    assert list(back.persons) == ["p9"]
    assert by_name(case, "Oma Rita") is not None and len(case.ties) == 1
    later_session = stack.today_session(session, case.id, later)
    assert later_session is not None and later_session.number == 3
    newest = stack.to_undo(session, later_session)
    assert newest is not None and newest.removed == ""
    with pytest.raises(stack.StackError) as twice:
        stack.put_back(session, case, removal, removal.version)
    assert twice.value.reason == "nothing"


def test_erasing_a_person_removes_them_from_every_recorded_change(
    session: Session, stored: Case
) -> None:
    case = add_rita(session, stored)
    sara = by_name(case, "Sara")
    assert sara is not None
    sara.ring = 2
    case = saved(session, case)
    retention.erase_person(session, case, "p9")
    session.commit()
    patches = session.scalars(select(SessionChange.patch).order_by(SessionChange.id)).all()
    assert len(patches) == 1  # adding Rita and her tie leaves nothing: only Sara's move stays
    assert not any("Oma Rita" in patch or '"p9"' in patch for patch in patches)
